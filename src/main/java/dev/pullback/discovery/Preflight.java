package dev.pullback.discovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The preflight: the backup root and every host's directory, before anything is imported.
 *
 * @param warnings root-level warnings (the root missing, not writable, low on space)
 */
public record Preflight(Instant at, RootReport root, List<HostScan> hosts, List<String> warnings) {

    public Preflight {
        hosts = List.copyOf(hosts);
        warnings = List.copyOf(warnings);
    }

    /** Every warning, root first, each host's prefixed with its name. */
    public List<String> allWarnings() {
        List<String> all = new ArrayList<>(warnings);
        for (HostScan h : hosts) {
            h.warnings().forEach(w -> all.add(h.host() + ": " + w));
        }
        return all;
    }

    public boolean rootMissing() {
        return !root.usable();
    }

    /** Directories under the root that none of the scanned hosts uses (with every host scanned: unconfigured ones). */
    public List<String> unlistedDirectories() {
        List<String> scanned = hosts.stream().map(HostScan::host).toList();
        return root.directories().stream().filter(d -> !scanned.contains(d)).toList();
    }

    /** Hosts whose own directory is missing or not a directory (the dashboard's banner). */
    public List<String> hostsWithoutDirectory() {
        return hosts.stream().filter(h -> h.dirState() != HostScan.DirState.PRESENT).map(HostScan::host).toList();
    }
}
