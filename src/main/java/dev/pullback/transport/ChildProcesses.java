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

    private static volatile Boolean pdeathsig;

    private ChildProcesses() {
    }

    /**
     * The command run through {@code setpriv --pdeathsig KILL}, so the kernel kills it when
     * pullback dies (kill -9, the OOM killer, a crash). Without it an orphaned rsync or tar goes on
     * writing into a partial directory or archive that the restarted server is about to reuse or
     * remove. Its own children (rsync's receiver, ssh) end when their pipes to it close. The signal
     * follows the thread that started the process, so call this from a thread that waits for the
     * process (as the rsync runner and the archive pipeline do), never from a virtual thread, whose
     * carrier may end while it is parked. Where setpriv (util-linux) cannot do it, the command is
     * returned unchanged, and so is a command whose program is not found (starting it then fails
     * the usual way, naming the program, instead of as setpriv's exit 127).
     */
    public static List<String> dieWithParent(List<String> command) {
        if (!found(command.getFirst()) || !canSetParentDeathSignal()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean found(String program) {
        if (program.contains("/")) {
            return java.nio.file.Files.isExecutable(java.nio.file.Path.of(program));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return java.util.Arrays.stream(path.split(":")).filter(d -> !d.isEmpty())
                .anyMatch(d -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, program)));
    }

    private static boolean canSetParentDeathSignal() {
        Boolean ok = pdeathsig;
        if (ok == null) {
            try {
                Process p = new ProcessBuilder("setpriv", "--pdeathsig", "KILL", "--", "true")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                ok = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (java.io.IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ok = false;
            }
            pdeathsig = ok;
        }
        return ok;
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
