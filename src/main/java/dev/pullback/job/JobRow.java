package dev.pullback.job;

import java.time.Instant;

/** A job as the history lists it. */
public record JobRow(long id, String type, String trigger, boolean dryRun, RunStatus status, Instant started,
                     Instant finished, String error, String hosts) {
}
