package dev.pullback.job;

import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.store.SnapshotRow;
import dev.pullback.store.SqlSnapshotCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every host is doing: the live state while this process runs it, otherwise what the
 * database remembers (after a restart, or for runs another process made).
 */
public class StatusService {
    private final HostService hosts;
    private final LiveStatus live;
    private final JobRepository jobs;
    private final SqlSnapshotCatalog snapshots;
    private final JobService jobService;

    public StatusService(HostService hosts, LiveStatus live, JobRepository jobs, SqlSnapshotCatalog snapshots,
                         JobService jobService) {
        this.hosts = hosts;
        this.live = live;
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.jobService = jobService;
    }

    public boolean jobRunning() {
        return jobService.anyRunning();
    }

    /** Every configured host by name; empty state for a host that never ran. */
    public Map<String, Optional<HostState>> hosts() {
        Map<String, Optional<HostState>> out = new LinkedHashMap<>();
        for (Host h : hosts.list()) {
            out.put(h.name(), state(h.name()));
        }
        return out;
    }

    public Optional<HostState> state(String host) {
        Optional<HostState> now = live.get(host);
        if (now.isPresent()) {
            HostState s = now.get();
            return Optional.of(s.hourly() != null ? s : s.withSnapshot(null, latestSnapshot(host)));
        }
        Optional<HostRunRow> last = BackupService.bookkeeping("read the last run", () -> jobs.lastHostRun(host));
        if (last == null || last.isEmpty()) {
            return Optional.empty();
        }
        HostRunRow r = last.get();
        Object hourly = latestSnapshot(host);
        Object tar = r.metrics() instanceof Map<?, ?> m ? m.get("tar") : null;
        int removed = r.metrics() instanceof Map<?, ?> m && m.get("cleanup") instanceof Map<?, ?> c
                && c.get("archives_removed") instanceof Number n ? n.intValue() : 0;
        Stage stage = r.status() == RunStatus.RUNNING ? Stage.valueOf(r.stage().toUpperCase(java.util.Locale.ROOT)) : Stage.DONE;
        return Optional.of(new HostState(host, r.jobId(), null, false, r.status(), stage, r.started(), r.finished(),
                r.filesCreated() == null ? 0 : r.filesCreated(), r.bytesTransferred() == null ? 0 : r.bytesTransferred(),
                null, r.snapshot() != null ? r.snapshot() : hourly instanceof HourlyFigures f ? f.name() : null,
                hourly, tar, removed, r.error()));
    }

    private Object latestSnapshot(String host) {
        Optional<SnapshotRow> latest = BackupService.bookkeeping("read the latest snapshot", () -> snapshots.latest(host));
        if (latest == null || latest.isEmpty()) {
            return null;
        }
        SnapshotRow s = latest.get();
        return new HourlyFigures(s.name(), s.status(), s.started(), s.finished(), s.base(), s.files(), s.bytes(),
                s.transferred(), s.created(), s.updated(), s.deleted(), s.newBytes(), s.warnings().size());
    }
}
