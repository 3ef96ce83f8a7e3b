package dev.pullback.transport;

/**
 * What an rsync exit code means for a snapshot (DESIGN.md §3, step 4). A pure function of the
 * code, so every caller classifies the same way.
 */
public enum RsyncExit {
    /** 0: everything transferred. */
    OK,
    /** 24: some source files vanished during the transfer; the snapshot is still consistent. */
    WARNING,
    /** 23: some files or attributes were not transferred (unreadable files, missing source path). */
    PARTIAL,
    /** Anything else: no snapshot. */
    FAILED;

    public static RsyncExit classify(int code) {
        return switch (code) {
            case 0 -> OK;
            case 24 -> WARNING;
            case 23 -> PARTIAL;
            default -> FAILED;
        };
    }

    /** The worse of two classes, for a snapshot made of several rsync runs. */
    public RsyncExit worst(RsyncExit other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** rsync's own wording for its exit codes, so users can search for it. */
    public static String describe(int code) {
        return switch (code) {
            case 0 -> "success";
            case 1 -> "syntax or usage error";
            case 2 -> "protocol incompatibility";
            case 3 -> "errors selecting input/output files, dirs";
            case 4 -> "requested action not supported";
            case 5 -> "error starting client-server protocol";
            case 6 -> "daemon unable to append to log-file";
            case 10 -> "error in socket I/O";
            case 11 -> "error in file I/O (disk full?)";
            case 12 -> "error in rsync protocol data stream";
            case 13 -> "errors with program diagnostics";
            case 14 -> "error in IPC code";
            case 20 -> "received SIGUSR1 or SIGINT";
            case 21 -> "some error returned by waitpid()";
            case 22 -> "error allocating core memory buffers";
            case 23 -> "partial transfer due to error";
            case 24 -> "partial transfer due to vanished source files";
            case 25 -> "the --max-delete limit stopped deletions";
            case 30 -> "timeout in data send/receive";
            case 35 -> "timeout waiting for daemon connection";
            case 127 -> "rsync not found on the remote host";
            case 137 -> "killed (SIGKILL)";
            case 143 -> "terminated (SIGTERM)";
            case 255 -> "ssh connection failed (host offline, refused, or authentication/host key problem)";
            default -> code > 128 ? "killed by signal " + (code - 128) : "unknown error";
        };
    }
}
