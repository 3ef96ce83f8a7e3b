package dev.pullback.snapshot;

import dev.pullback.transport.RsyncRun;
import dev.pullback.transport.SshErrors;
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

    /** ssh refused the host's key (changed since pullback trusted it): nothing was pulled. */
    public boolean hostKeyRejected() {
        return runs.stream().anyMatch(r -> SshErrors.hostKeyRejected(r.errors()));
    }

    static SnapshotResult of(Outcome outcome, String name, Path path, String message) {
        return new SnapshotResult(outcome, name, path, null, message, List.of(), List.of());
    }
}
