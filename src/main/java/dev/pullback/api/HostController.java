package dev.pullback.api;

import dev.pullback.host.Host;
import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.host.Transport;
import dev.pullback.store.SnapshotRow;
import dev.pullback.trust.HostKeyRecord;
import dev.pullback.trust.HostTrustService;
import dev.pullback.store.SqlSnapshotCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Host configuration (the same rules and messages as configure-host) and each host's snapshots. */
@RestController
@RequestMapping("/api/hosts")
class HostController {
    private final HostService hosts;
    private final SqlSnapshotCatalog snapshots;
    private final HostTrustService trust;

    HostController(HostService hosts, SqlSnapshotCatalog snapshots, HostTrustService trust) {
        this.hosts = hosts;
        this.snapshots = snapshots;
        this.trust = trust;
    }

    @GetMapping
    List<HostDto> list() {
        Map<String, HostKeyRecord> keys = trust.keys();
        return hosts.list().stream().map(h -> HostDto.of(h, keys.get(h.name()))).toList();
    }

    @GetMapping("/{host}")
    HostDto get(@PathVariable String host) {
        return dto(hosts.get(host));
    }

    private HostDto dto(Host h) {
        return HostDto.of(h, trust.key(h.name()).orElse(null));
    }

    /** Creates a host; fields left out take the defaults. 409 when it exists. */
    @PostMapping("/{host}")
    @ResponseStatus(HttpStatus.CREATED)
    HostDto create(@PathVariable String host, @RequestBody(required = false) HostBody body) {
        return dto(hosts.create(host, changes(body)));
    }

    /** Changes the fields given; the others keep their value. 404 for an unknown host. */
    @PutMapping("/{host}")
    HostDto update(@PathVariable String host, @RequestBody HostBody body) {
        return dto(hosts.update(host, changes(body)));
    }

    /** Forgets the host's configuration; its backups on disk are kept. */
    @DeleteMapping("/{host}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String host) {
        hosts.remove(host);
    }

    @GetMapping("/{host}/snapshots")
    List<SnapshotRow> snapshots(@PathVariable String host) {
        return snapshots.list(hosts.get(host).name());
    }

    private static HostChanges changes(HostBody b) {
        if (b == null) {
            return HostChanges.none();
        }
        return new HostChanges(b.transport() == null ? null : Transport.parse(b.transport()), b.address(), b.user(),
                b.port(), b.identityFile(), b.sources(), b.excludes(), b.defaultExcludes(), b.rsyncOptions(),
                b.sshOptions(), b.bwlimitKbps(), b.fakeSuper(), b.acls(), b.xattrs(), b.acceptPartial(), b.enabled());
    }

    /**
     * A host as the API shows it: the identity file's path, never a key; the public host key
     * pullback trusts for it (null until the first contact).
     */
    record HostDto(String name, String transport, String address, String user, Integer port, String identityFile,
                   List<String> sources, List<String> excludes, boolean defaultExcludes, List<String> rsyncOptions,
                   List<String> sshOptions, Integer bwlimitKbps, boolean fakeSuper, boolean acls, boolean xattrs,
                   boolean acceptPartial, boolean enabled, Instant createdAt, Instant updatedAt, HostKeyDto hostKey) {
        static HostDto of(Host h, HostKeyRecord key) {
            return new HostDto(h.name(), h.transport().id(), h.address(), h.user(), h.port(), h.identityFile(),
                    h.sources(), h.excludes(), h.defaultExcludes(), h.rsyncOptions(), h.sshOptions(), h.bwlimitKbps(),
                    h.fakeSuper(), h.acls(), h.xattrs(), h.acceptPartial(), h.enabled(), h.createdAt(), h.updatedAt(),
                    HostKeyDto.of(key));
        }
    }

    /** @param trustedAt when a person accepted it ({@code host trust}); null for a first contact */
    record HostKeyDto(String type, String fingerprint, Instant firstSeen, Instant trustedAt) {
        static HostKeyDto of(HostKeyRecord k) {
            return k == null ? null : new HostKeyDto(k.type(), k.fingerprint(), k.firstSeen(), k.trustedAt());
        }
    }

    /** A create or update request: every field optional; null keeps the current value. */
    record HostBody(String transport, String address, String user, Integer port, String identityFile,
                    List<String> sources, List<String> excludes, Boolean defaultExcludes, List<String> rsyncOptions,
                    List<String> sshOptions, Integer bwlimitKbps, Boolean fakeSuper, Boolean acls, Boolean xattrs,
                    Boolean acceptPartial, Boolean enabled) {
    }
}
