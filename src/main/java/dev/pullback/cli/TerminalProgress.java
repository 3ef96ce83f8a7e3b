package dev.pullback.cli;

import dev.pullback.Printable;
import dev.pullback.transport.Progress;
import java.io.PrintWriter;

/** One self-overwriting status line on a terminal while rsync runs; silent when output is not a terminal. */
final class TerminalProgress implements Progress {
    private final PrintWriter err;
    private final boolean enabled;
    private int lastLength;

    private TerminalProgress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static TerminalProgress forStderr(PrintWriter err) {
        return new TerminalProgress(err, Terminal.isInteractive());
    }

    @Override
    public void update(long files, long bytes, String current) {
        show("", files, bytes, current);
    }

    /** Several hosts run at once: the line shows whichever reported last, named. */
    Progress forHost(String host) {
        return (files, bytes, current) -> show(host + ": ", files, bytes, current);
    }

    private synchronized void show(String label, long files, long bytes, String current) {
        if (!enabled) {
            return;
        }
        String name = current == null ? "" : current.length() > 50 ? "..." + current.substring(current.length() - 47) : current;
        String line = String.format("  %s%,d files  %s  %s", Printable.escape(label), files, Text.bytes(bytes), Printable.escape(name));
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    synchronized void clear() {
        if (enabled && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
        }
    }
}
