package dev.pullback.archive;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the monthly stage did.
 *
 * @param month    {@code YYYY-MM} of the copy made or considered
 * @param snapshot the snapshot copied, null when there is none
 * @param dir      {@code monthly/YYYY-MM}, when made or already present
 */
public record MonthlyResult(StageOutcome outcome, String month, String snapshot, Path dir, Duration duration,
                            String message) {
}
