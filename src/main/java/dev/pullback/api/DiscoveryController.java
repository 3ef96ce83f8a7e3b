package dev.pullback.api;

import dev.pullback.discovery.DiscoveryResult;
import dev.pullback.discovery.DiscoveryService;
import dev.pullback.discovery.FoundSnapshot;
import dev.pullback.discovery.HostScan;
import dev.pullback.discovery.ImportPlan;
import dev.pullback.discovery.Preflight;
import dev.pullback.discovery.RootReport;
import dev.pullback.job.Trigger;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The preflight and the import of snapshots found on disk (safe: it only ever records or marks missing). */
@RestController
@RequestMapping("/api/discovery")
class DiscoveryController {
    private final DiscoveryService discovery;

    DiscoveryController(DiscoveryService discovery) {
        this.discovery = discovery;
    }

    @GetMapping("/preflight")
    PreflightDto preflight(@RequestParam(required = false) String host) {
        return PreflightDto.of(discovery.preflight(host));
    }

    @PostMapping
    ResultDto discover(@RequestParam(required = false) String host,
                       @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun) {
        DiscoveryResult r = discovery.discover(host, dryRun, Trigger.API);
        return new ResultDto(r.jobId(), r.dryRun(), PreflightDto.of(r.preflight()),
                r.imports().stream().map(ImportDto::of).toList());
    }

    /** {@code unlisted_directories}: directories under the root that no scanned host uses. */
    record PreflightDto(Instant at, RootDto root, List<HostDto> hosts, List<String> warnings, boolean rootMissing,
                        List<String> hostsWithoutDirectory, List<String> unlistedDirectories) {
        static PreflightDto of(Preflight p) {
            return new PreflightDto(p.at(), RootDto.of(p.root()), p.hosts().stream().map(HostDto::of).toList(), p.allWarnings(),
                    p.rootMissing(), p.hostsWithoutDirectory(), p.unlistedDirectories());
        }
    }

    record RootDto(String path, boolean exists, boolean directory, boolean mountPoint, boolean writable, Long freeBytes,
                   Long totalBytes, Long freeInodes, Long totalInodes, List<String> directories) {
        static RootDto of(RootReport r) {
            return new RootDto(r.root() == null ? null : r.root().toString(), r.exists(), r.directory(), r.mountPoint(),
                    r.writable(), known(r.freeBytes()), known(r.totalBytes()), known(r.freeInodes()), known(r.totalInodes()),
                    r.directories());
        }

        private static Long known(long v) {
            return v < 0 ? null : v;
        }
    }

    /** {@code adopted}: the layout of the foreign history adopted in place (rsnapshot, rsync-time-backup) or none. */
    record HostDto(String host, String dir, String dirState, String layout, String adopted, long complete, long partial, long unknown,
                   List<String> warnings, List<SnapshotDto> snapshots) {
        static HostDto of(HostScan h) {
            return new HostDto(h.host(), h.dir() == null ? null : h.dir().toString(), h.dirState().id(), h.layout().id(), h.adopted().id(),
                    h.count(FoundSnapshot.State.COMPLETE), h.count(FoundSnapshot.State.PARTIAL),
                    h.count(FoundSnapshot.State.UNKNOWN), h.warnings(),
                    h.snapshots().stream().map(s -> new SnapshotDto(s.name(), s.state().id(),
                            s.marker() == null ? null : s.marker().finished(), s.note())).toList());
        }
    }

    record SnapshotDto(String name, String state, Instant finished, String note) {
    }

    record ImportDto(String host, List<String> recorded, List<String> restored, List<String> markedMissing, int unchanged,
                     long partial, long unknown, String skipped, String summary) {
        static ImportDto of(ImportPlan p) {
            return new ImportDto(p.host(), p.record().stream().map(FoundSnapshot::name).toList(),
                    p.restore().stream().map(FoundSnapshot::name).toList(), p.missing(), p.unchanged(), p.partial(), p.unknown(),
                    p.skipped(), p.summary());
        }
    }

    record ResultDto(Long jobId, boolean dryRun, PreflightDto preflight, List<ImportDto> imports) {
    }
}
