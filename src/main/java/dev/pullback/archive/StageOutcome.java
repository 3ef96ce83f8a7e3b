package dev.pullback.archive;

/** How one stage of the heavy pipeline ended for one host. */
public enum StageOutcome {
    /** A new archive or monthly copy is in place. */
    CREATED,
    /** Cleanup ran to the end; its counts say what it removed (possibly nothing). */
    DONE,
    /** Not due, or nothing to work on; the message says why. Not an error. */
    SKIPPED,
    /** Stopped on request; partial output removed, older archives and copies untouched. */
    CANCELLED,
    /** Did not complete; partial output removed, older archives and copies untouched. */
    FAILED
}
