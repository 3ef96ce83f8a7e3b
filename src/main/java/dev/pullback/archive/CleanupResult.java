package dev.pullback.archive;

import java.time.Duration;
import java.util.List;

/**
 * What the cleanup stage removed.
 *
 * @param archivesRemoved the API's {@code archives_removed}
 * @param removed         file and directory names removed, e.g. {@code archives/backup_web_2026-03-01_0800.tar.zst}
 * @param errors          one line per entry that could not be removed (the stage goes on with the rest)
 */
public record CleanupResult(StageOutcome outcome, int archivesRemoved, int monthlyRemoved, List<String> removed,
                            List<String> errors, Duration duration, String message) {

    public CleanupResult {
        removed = List.copyOf(removed);
        errors = List.copyOf(errors);
    }
}
