package dev.pullback.job;

import dev.pullback.snapshot.Outcome;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The status of a job or of one host within it, with the transitions a run may make. */
public enum RunStatus {
    RUNNING, OK, PARTIAL, FAILED, CANCELLED, INTERRUPTED, SKIPPED,
    /** Refused before it started because another run holds the host; never stored. */
    ALREADY_RUNNING;

    private static final Map<RunStatus, Set<RunStatus>> NEXT = Map.of(
            RUNNING, EnumSet.of(OK, PARTIAL, FAILED, CANCELLED, INTERRUPTED, SKIPPED));

    public boolean canBecome(RunStatus next) {
        return NEXT.getOrDefault(this, Set.of()).contains(next);
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public static RunStatus of(Outcome outcome) {
        return switch (outcome) {
            case OK -> OK;
            case PARTIAL -> PARTIAL;
            case FAILED -> FAILED;
            case CANCELLED -> CANCELLED;
            case SKIPPED -> SKIPPED;
        };
    }

    /** The worse of two, for a job over several hosts. */
    public RunStatus worst(RunStatus other) {
        return severity(other) > severity(this) ? other : this;
    }

    private static int severity(RunStatus s) {
        return switch (s) {
            case OK, SKIPPED -> 0;
            case PARTIAL -> 1;
            case ALREADY_RUNNING -> 2;
            case CANCELLED, INTERRUPTED, FAILED -> 3;
            case RUNNING -> -1;
        };
    }
}
