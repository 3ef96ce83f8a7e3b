package dev.pullback.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A snapshot as the database indexes it. */
public record SnapshotRow(String host, String name, String path, Instant started, Instant finished, String status,
                          String base, Integer rsyncExitCode, long files, long created, long updated, long deleted,
                          long bytes, long transferred, long newBytes, List<String> warnings, boolean pinned) {

    public Duration duration() {
        return started == null || finished == null ? null : Duration.between(started, finished);
    }
}
