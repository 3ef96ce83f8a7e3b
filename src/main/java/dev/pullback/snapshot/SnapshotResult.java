package dev.pullback.snapshot;

import dev.pullback.transport.RsyncRun;
import java.nio.file.Path;
import java.util.List;

/**
 * The result of one snapshot attempt.
 *
 * @param marker  the marker written (null unless OK or PARTIAL and not a dry run)
 * @param message one line for people: what happened and, on failure, why
 * @param runs    every rsync invocation with its plan, exit code and stderr
 */
public record SnapshotResult(Outcome outcome, String name, Path path, Marker marker, String message,
                             List<String> warnings, List<RsyncRun> runs) {

    public SnapshotResult {
        warnings = List.copyOf(warnings);
        runs = List.copyOf(runs);
    }

    static SnapshotResult of(Outcome outcome, String name, Path path, String message) {
        return new SnapshotResult(outcome, name, path, null, message, List.of(), List.of());
    }
}
