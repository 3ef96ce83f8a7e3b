package dev.pullback.archive;

import dev.pullback.transport.Cancellation;
import dev.pullback.transport.ChildProcesses;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Runs commands connected stdout to stdin by OS pipes ({@link ProcessBuilder#startPipeline}):
 * the data never passes through the JVM, so pullback's pipeline costs what the shell's
 * {@code tar | zstd > file} costs. Polls the cancellation and reports the output file's size.
 */
final class Pipeline {
    private static final long POLL_MILLIS = 100;
    /** See {@link Flusher}. */
    private static final long FLUSH_EVERY_BYTES = 64L << 20;
    private static final int KEEP_LINES = 10;

    private Pipeline() {
    }

    /** A program and its arguments; exit codes up to {@code maxOkExit} count as success. */
    record Command(List<String> argv, int maxOkExit) {
        static Command of(List<String> argv) {
            return new Command(argv, 0);
        }
    }

    /** One process's end: exit code and the last lines it wrote to stderr. */
    record Exit(String program, int code, int maxOkExit, List<String> stderr) {
        boolean ok() {
            return code >= 0 && code <= maxOkExit;
        }

        /** "tar exit 2: <first line> ... <last line>": tar's last line is only "Exiting with failure status". */
        String describe() {
            List<String> lines = stderr.stream().filter(l -> !l.isBlank() && !l.startsWith("Total bytes written")).toList();
            String text = lines.isEmpty() ? "" : lines.size() == 1 ? lines.getFirst()
                    : lines.getFirst() + " ... " + lines.getLast();
            return program + " exit " + code + (text.isEmpty() ? "" : ": " + text);
        }
    }

    /** @param started false when a program could not be started at all (then {@code error} says why) */
    record Result(boolean started, boolean cancelled, List<Exit> exits, String error) {
        boolean ok() {
            return started && !cancelled && exits.stream().allMatch(Exit::ok);
        }

        /** The failed processes, the first failure first (a compressor that hit a full disk kills tar with SIGPIPE). */
        String failure() {
            if (!started) {
                return error;
            }
            List<String> failed = new ArrayList<>();
            for (int i = exits.size() - 1; i >= 0; i--) {
                if (!exits.get(i).ok()) {
                    failed.add(exits.get(i).describe());
                }
            }
            return String.join("; ", failed);
        }

        boolean diskFull() {
            return exits.stream().flatMap(e -> e.stderr().stream()).anyMatch(l -> l.contains("No space left on device"));
        }
    }

    /**
     * @param output file the last command writes to (created or truncated), or null to discard its stdout
     */
    static Result run(List<Command> commands, Path output, Cancellation cancel, LongConsumer bytesWritten) {
        List<ProcessBuilder> builders = new ArrayList<>();
        for (Command cmd : commands) {
            ProcessBuilder pb = new ProcessBuilder(ChildProcesses.dieWithParent(cmd.argv()));
            // Untranslated messages, so "No space left on device" can be recognised.
            pb.environment().put("LC_ALL", "C");
            builders.add(pb);
        }
        builders.getFirst().redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builders.getLast().redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.to(output.toFile()));
        List<Process> processes;
        try {
            processes = ProcessBuilder.startPipeline(builders);
        } catch (IOException e) {
            String programs = String.join(" | ", commands.stream().map(c -> c.argv().getFirst()).toList());
            return new Result(false, false, List.of(), "cannot start " + programs
                    + (output == null ? "" : " > " + output) + ": " + e.getMessage());
        }
        List<Thread> readers = new ArrayList<>();
        List<ArrayDeque<String>> errors = new ArrayList<>();
        for (Process p : processes) {
            ArrayDeque<String> lines = new ArrayDeque<>();
            errors.add(lines);
            readers.add(reader(p.getErrorStream(), lines));
        }
        boolean cancelled = false;
        Flusher flusher = new Flusher(output);
        try (flusher) {
            while (true) {
                Process alive = processes.stream().filter(Process::isAlive).findFirst().orElse(null);
                if (alive == null) {
                    break;
                }
                if (cancel.requested()) {
                    cancelled = true;
                    ChildProcesses.stop(processes);
                    break;
                }
                report(output, bytesWritten);
                flusher.poll();
                alive.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            List<Exit> exits = new ArrayList<>();
            for (int i = 0; i < processes.size(); i++) {
                int code = processes.get(i).waitFor();
                readers.get(i).join();
                synchronized (errors.get(i)) {
                    Command c = commands.get(i);
                    exits.add(new Exit(c.argv().getFirst(), code, c.maxOkExit(), List.copyOf(errors.get(i))));
                }
            }
            report(output, bytesWritten);
            return new Result(true, cancelled, exits, null);
        } catch (InterruptedException e) {
            // the job is being shut down: same as a cancel
            ChildProcesses.stop(processes);
            Thread.currentThread().interrupt();
            return new Result(true, true, List.of(), "interrupted");
        } catch (RuntimeException e) {
            // e.g. the progress callback threw: never leave tar running behind the caller's back
            ChildProcesses.stop(processes);
            throw e;
        }
    }

    /**
     * Writes the output back to disk while it grows (fdatasync every 64 MiB). The kernel starts
     * writeback only past 10 % of RAM in dirty pages, so without this a whole archive waits in
     * the page cache and the final fsync writes gigabytes while the stage sits idle; with it the
     * disk writes while the compressor computes, and the final fsync has little left to do.
     */
    private static final class Flusher implements AutoCloseable {
        private final Path output;
        private FileChannel channel;
        private long flushed;

        Flusher(Path output) {
            this.output = output;
        }

        void poll() {
            if (output == null) {
                return;
            }
            try {
                if (channel == null) {
                    channel = FileChannel.open(output, StandardOpenOption.READ);
                }
                long size = channel.size();
                if (size - flushed >= FLUSH_EVERY_BYTES) {
                    channel.force(false);
                    flushed = size;
                }
            } catch (IOException e) {
                // only an optimisation: the final fsync reports real problems
            }
        }

        @Override
        public void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // read-only channel: nothing was lost
                }
            }
        }
    }

    private static void report(Path output, LongConsumer bytesWritten) {
        if (output != null) {
            try {
                bytesWritten.accept(Files.size(output));
            } catch (IOException e) {
                // not there yet or already gone: nothing to report
            }
        }
    }

    /** Keeps the last lines of a stderr; tar's per-file warnings could be millions of lines. */
    private static Thread reader(InputStream in, ArrayDeque<String> lines) {
        return Thread.ofPlatform().name("archive-stderr").daemon().start(() -> {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            byte[] buf = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            add(lines, line);
                        } else if (line.size() < 4096) {
                            line.write(buf[i]);
                        }
                    }
                }
                add(lines, line);
            } catch (IOException e) {
                // pipe closed when the process was stopped
            }
        });
    }

    private static void add(ArrayDeque<String> lines, ByteArrayOutputStream line) {
        if (line.size() == 0) {
            return;
        }
        synchronized (lines) {
            lines.addLast(line.toString(StandardCharsets.UTF_8));
            if (lines.size() > KEEP_LINES) {
                lines.removeFirst();
            }
        }
        line.reset();
    }
}
