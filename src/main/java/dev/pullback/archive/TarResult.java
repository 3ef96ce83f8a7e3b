package dev.pullback.archive;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the tar stage did.
 *
 * @param snapshot     name of the snapshot archived (or that would have been), null when there is none
 * @param file         the archive written, or the one that made the stage skip; null otherwise
 * @param archiveBytes size of the compressed archive written, 0 unless CREATED
 * @param inputBytes   size of the uncompressed tar stream ({@code tar --totals}), 0 unless CREATED
 */
public record TarResult(StageOutcome outcome, String snapshot, Path file, long archiveBytes, long inputBytes,
                        Duration duration, String message) {

    static TarResult of(StageOutcome outcome, String snapshot, Path file, Duration duration, String message) {
        return new TarResult(outcome, snapshot, file, 0, 0, duration, message);
    }
}
