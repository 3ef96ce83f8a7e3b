package dev.pullback.testing;

import java.io.IOException;
import java.util.List;

/** Finding and signalling the rsync processes this JVM started, to simulate crashes and stalls. */
public final class Processes {
    private Processes() {
    }

    public static List<ProcessHandle> rsyncChildren() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/rsync") || c.equals("rsync")).orElse(false))
                .toList();
    }

    /** kill -9 of every rsync this JVM started. */
    public static int killRsync() {
        List<ProcessHandle> all = rsyncChildren();
        all.forEach(ProcessHandle::destroyForcibly);
        return all.size();
    }

    /** SIGCONT: undoes {@link #stopRsync}. */
    public static int continueRsync() throws IOException, InterruptedException {
        List<ProcessHandle> all = rsyncChildren();
        for (ProcessHandle p : all) {
            new ProcessBuilder("kill", "-CONT", Long.toString(p.pid())).start().waitFor();
        }
        return all.size();
    }

    /** SIGSTOP: the processes stay alive but make no progress, like a hung sender. */
    public static int stopRsync() throws IOException, InterruptedException {
        List<ProcessHandle> all = rsyncChildren();
        for (ProcessHandle p : all) {
            new ProcessBuilder("kill", "-STOP", Long.toString(p.pid())).start().waitFor();
        }
        return all.size();
    }
}
