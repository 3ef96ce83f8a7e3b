package dev.pullback.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stopping child processes the way every stage does it: TERM to each process and its
 * descendants (ssh under rsync, a shell's children), KILL whatever is still alive after a grace
 * period. Shared by the rsync runner and the archive pipeline so both stop the same way.
 */
public final class ChildProcesses {
    public static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private ChildProcesses() {
    }

    public static void stop(Process process) {
        stop(List.of(process));
    }

    /** All processes share one grace period, so stopping a pipeline takes 2 s at most, not 2 s per stage. */
    public static void stop(List<Process> processes) {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            // descendants first: once the parent is gone they are re-parented and no longer found
            all.addAll(p.descendants().toList());
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + KILL_GRACE.toNanos();
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // still alive: killed below
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
