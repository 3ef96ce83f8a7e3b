package dev.pullback.cli;

import dev.pullback.job.RunStatus;

/** The CLI's exit-code table (DESIGN.md §6), in one place. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int PARTIAL = 3;
    public static final int LOCKED = 4;

    private ExitCodes() {
    }

    public static int of(RunStatus status) {
        return switch (status) {
            case OK, SKIPPED -> OK;
            case PARTIAL -> PARTIAL;
            case ALREADY_RUNNING -> LOCKED;
            case FAILED, CANCELLED, INTERRUPTED, RUNNING -> FAILURE;
        };
    }
}
