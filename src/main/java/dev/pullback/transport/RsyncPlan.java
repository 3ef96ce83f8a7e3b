package dev.pullback.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One rsync invocation as a value: the argument list handed to {@code ProcessBuilder} (never a
 * shell) and where it writes. Printing it is the dry-run view.
 *
 * @param source      the source path as configured
 * @param folder      where the source lands inside the snapshot
 * @param destination the directory rsync writes into
 */
public record RsyncPlan(String source, String folder, Path destination, List<String> command) {

    public RsyncPlan {
        command = List.copyOf(command);
    }

    /** The command as a copy-pasteable shell line, each argument single-quoted when needed. */
    public String display() {
        return command.stream().map(RsyncPlan::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:@,+%~".indexOf(c) >= 0)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
