package dev.pullback.snapshot;

/** How a snapshot attempt ended. */
public enum Outcome {
    /** A complete snapshot (possibly with warnings, e.g. vanished files). */
    OK,
    /** rsync exit 23, kept because the host accepts partial snapshots; recorded with its warnings. */
    PARTIAL,
    /** No snapshot: nothing visible changed, {@code latest} untouched. */
    FAILED,
    /** Stopped on request; the partial output is removed. */
    CANCELLED,
    /** A complete snapshot with this name already exists. */
    SKIPPED
}
