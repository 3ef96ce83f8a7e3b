package dev.pullback.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * pullback (or a test's main class) in a JVM of its own, started with this JVM's java and class
 * path, so a test can kill -9 the whole process as a crash or a power cut would.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Runs {@code mainClass} with {@code args}; output goes to {@code log}; {@code env} adds variables. */
    public static Process start(Path log, Map<String, String> env, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The real CLI: {@code pullback args...}. */
    public static Process pullback(Path log, Map<String, String> env, String... args) throws IOException {
        return start(log, env, "dev.pullback.cli.Main", args);
    }

    /**
     * kill -9 of the JVM alone, as the OOM killer or a crash would: its children (rsync, tar) are
     * not signalled and become orphans. Returns them, as they were just before, for the test to watch.
     */
    public static List<ProcessHandle> killJvmOnly(Process jvm) throws InterruptedException {
        List<ProcessHandle> orphans = jvm.descendants().toList();
        jvm.destroyForcibly();
        jvm.waitFor();
        return orphans;
    }
}
