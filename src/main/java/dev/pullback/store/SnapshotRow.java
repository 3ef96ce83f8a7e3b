package dev.pullback.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A snapshot as the database indexes it. */
public record SnapshotRow(String host, String name, String path, Instant started, Instant finished, String status,
                          String base, Integer rsyncExitCode, long files, long created, long updated, long deleted,
                          long bytes, long transferred, long newBytes, List<String> warnings, boolean pinned) {

    /**
     * Whether this is another tool's snapshot adopted in place (rsnapshot's {@code hourly.0/<host>},
     * rsync-time-backup's dated directory): pullback's and Backup Manager's live in {@code hourly/}.
     * Retention never removes an adopted one.
     */
    public boolean adopted() {
        java.nio.file.Path parent = path == null ? null : java.nio.file.Path.of(path).getParent();
        return parent != null && parent.getFileName() != null && !parent.getFileName().toString().equals("hourly");
    }

    public Duration duration() {
        return started == null || finished == null ? null : Duration.between(started, finished);
    }
}
