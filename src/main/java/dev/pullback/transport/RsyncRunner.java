package dev.pullback.transport;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs one {@link RsyncPlan} as a child process, streams its output into counts and progress,
 * and stops it when cancelled or when it makes no progress for {@code stallTimeout}: rsync's own
 * {@code --timeout} does not notice a sender that is alive but stuck.
 */
public final class RsyncRunner {
    private static final int KEEP_ERROR_LINES = 40;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Duration stallTimeout;

    public RsyncRunner(Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    public RsyncRun run(RsyncPlan plan, Progress progress, Cancellation cancel) {
        ProcessBuilder pb = new ProcessBuilder(ChildProcesses.dieWithParent(plan.command()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // Plain ASCII output: rsync escapes every non-ASCII byte of a name as \#ooo.
        pb.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return new RsyncRun(plan, 127, TransferCounts.ZERO, 0,
                    List.of("cannot start " + plan.command().getFirst() + ": " + e.getMessage()), false, false);
        }
        // Monotonic time, not the injected Clock: this measures silence of a live process.
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        RsyncOutput output = new RsyncOutput();
        ErrorLines errors = new ErrorLines();
        AtomicLong lastReport = new AtomicLong();
        Thread out = reader(process.getInputStream(), line -> {
            lastActivity.set(System.nanoTime());
            output.accept(line);
            long now = System.nanoTime();
            if (now - lastReport.get() > PROGRESS_EVERY_NANOS) {
                lastReport.set(now);
                progress.update(output.itemized(), output.progressBytes(), output.lastItem());
            }
        }, "rsync-out");
        Thread err = reader(process.getErrorStream(), line -> {
            lastActivity.set(System.nanoTime());
            errors.add(line);
        }, "rsync-err");

        boolean stalled = false;
        boolean cancelled = false;
        long poll = Math.max(50, Math.min(1000, stallTimeout.toMillis() / 4));
        try {
            while (!process.waitFor(poll, TimeUnit.MILLISECONDS)) {
                if (cancel.requested()) {
                    cancelled = true;
                    stop(process);
                    break;
                }
                if (System.nanoTime() - lastActivity.get() > stallTimeout.toNanos()) {
                    stalled = true;
                    errors.add("pullback: no progress for " + stallTimeout.toSeconds() + " s, transfer stopped by the watchdog");
                    stop(process);
                    break;
                }
            }
            int code = process.waitFor();
            out.join();
            err.join();
            progress.update(output.itemized(), output.progressBytes(), output.lastItem());
            return new RsyncRun(plan, code, output.counts(), output.itemized(), errors.lines(), stalled, cancelled);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            return new RsyncRun(plan, process.exitValue(), output.counts(), output.itemized(), errors.lines(), false, true);
        }
    }

    /** TERM to rsync and its children (ssh, the local sender), KILL whatever is left after a grace period. */
    static void stop(Process process) {
        ChildProcesses.stop(process);
    }

    private static Thread reader(InputStream in, Consumer<String> lines, String name) {
        Thread t = Thread.ofPlatform().name(name).daemon().start(() -> {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            byte[] buf = new byte[64 * 1024];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        byte b = buf[i];
                        if (b == '\n' || b == '\r') {
                            if (line.size() > 0) {
                                lines.accept(line.toString(StandardCharsets.UTF_8));
                                line.reset();
                            }
                        } else {
                            line.write(b);
                        }
                    }
                }
                if (line.size() > 0) {
                    lines.accept(line.toString(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the pipe closes when the process is killed: nothing more to read
            }
        });
        return t;
    }

    /** The first and the last stderr lines: enough to explain a failure without keeping megabytes. */
    private static final class ErrorLines {
        private final List<String> head = new ArrayList<>();
        private final java.util.ArrayDeque<String> tail = new java.util.ArrayDeque<>();
        private long dropped;

        synchronized void add(String line) {
            if (head.size() < KEEP_ERROR_LINES / 2) {
                head.add(line);
                return;
            }
            tail.addLast(line);
            if (tail.size() > KEEP_ERROR_LINES / 2) {
                tail.removeFirst();
                dropped++;
            }
        }

        synchronized List<String> lines() {
            List<String> all = new ArrayList<>(head);
            if (dropped > 0) {
                all.add("... " + dropped + " more lines ...");
            }
            all.addAll(tail);
            return all;
        }
    }
}
