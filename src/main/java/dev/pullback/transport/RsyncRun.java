package dev.pullback.transport;

import java.util.List;

/**
 * What one rsync process did.
 *
 * @param exitCode  rsync's exit code (128 + signal when it was killed)
 * @param errors    rsync's stderr lines (first and last ones when there were many)
 * @param stalled   the watchdog killed it for making no progress
 * @param cancelled it was stopped on request
 */
public record RsyncRun(RsyncPlan plan, int exitCode, TransferCounts counts, long itemized,
                       List<String> errors, boolean stalled, boolean cancelled) {

    public RsyncRun {
        errors = List.copyOf(errors);
    }

    public RsyncExit exit() {
        return stalled || cancelled ? RsyncExit.FAILED : RsyncExit.classify(exitCode);
    }
}
