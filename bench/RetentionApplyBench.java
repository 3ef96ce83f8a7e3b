import dev.pullback.retention.ApplyResult;
import dev.pullback.retention.Guards;
import dev.pullback.retention.RetentionApplier;
import dev.pullback.retention.RetentionPlan;
import dev.pullback.retention.RetentionPlanner;
import dev.pullback.retention.RetentionPolicy;
import dev.pullback.retention.SnapshotInfo;
import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.Durable;
import dev.pullback.snapshot.HostLock;
import dev.pullback.snapshot.Marker;
import dev.pullback.snapshot.MarkerFile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Removing one hardlinked snapshot with retention apply versus {@code rm -rf} of an identical
 * hardlinked tree, in a rotating order in one run (bench/retention.sh). Every tree is a
 * {@code cp -al} copy of TREE made just before, so every removal only drops link counts; an
 * untimed {@code sync} flushes before each timed step. Three ways per run:
 *   rm -rf                      the reference, with its CPU time from /usr/bin/time
 *   apply NOW                   the whole in-process call: host lock, listing and markers, plan,
 *                               rename to trash, fsync, deletion with up to 4 threads
 *   apply LATER + deleteTrash   the same with the deletion done as the server does it in the
 *                               background: one thread (CPU time: this thread)
 *
 * Then one apply with deletion LATER: the apply itself (rename only) and, while a background
 * thread deletes the trash, how long listing the host's snapshots and taking its lock take.
 *
 *   java -cp target/classes:DEPS bench/RetentionApplyBench.java WORK TREE RUNS
 */
public final class RetentionApplyBench {
    static final Instant BASE_TIME = Instant.parse("2026-01-02T00:00:00Z");

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Path tree = Path.of(args[1]).toAbsolutePath();
        int runs = Integer.parseInt(args[2]);
        Path root = work.resolve("root");
        Path rmDir = work.resolve("rm");
        run("rm", "-rf", root.toString(), rmDir.toString());
        Files.createDirectories(rmDir);
        BackupLayout layout = new BackupLayout(root, "bench");
        Files.createDirectories(layout.hourlyDir());
        String base = "2026-01-02_0000";
        snapshot(layout, tree, base, BASE_TIME);
        Durable.swapSymlink(layout.latestLink(), Path.of("hourly", base));
        Durable.swapSymlink(layout.currentLink(), Path.of("hourly", base));
        long files = countFiles(tree);
        System.out.printf("tree: %s, %d entries; %d runs, alternating; %s, %d cores%n", tree, files, runs,
                Runtime.version(), Runtime.getRuntime().availableProcessors());

        // untimed warm-up of both paths on a small tree: class loading and JIT are paid once by a server
        Path small = work.resolve("small");
        Files.createDirectories(small.resolve("d"));
        for (int i = 0; i < 2000; i++) {
            Files.writeString(small.resolve("d").resolve("f" + i), "x");
        }
        for (int i = 0; i < 3; i++) {
            snapshot(layout, small, String.format("2025-10-%02d_0000", i + 1), Instant.parse(String.format("2025-10-%02dT00:00:00Z", i + 1)));
            applyOnce(layout, RetentionApplier.Deletion.NOW);
            run("cp", "-al", small.toString(), rmDir.resolve("warm").toString());
            run("rm", "-rf", rmDir.resolve("warm").toString());
        }
        run("rm", "-rf", small.toString());

        // three ways to remove the same kind of tree, in a rotating order per run
        String[] what = {"rm -rf", "apply NOW", "apply LATER + deleteTrash (1 thread)"};
        double[][] wall = new double[3][runs];
        double[][] cpu = new double[3][runs];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < runs; r++) {
            String victimNow = String.format("2025-12-%02d_0000", r + 1);
            String victimLater = String.format("2025-11-%02d_0000", r + 1);
            Path copy = rmDir.resolve("copy-" + r);
            StringBuilder line = new StringBuilder("run " + (r + 1) + ":");
            for (int step = 0; step < 3; step++) {
                int k = (r + step) % 3;
                // each step gets a fresh victim next to the base, so every plan removes exactly one snapshot
                switch (k) {
                    case 0 -> run("cp", "-al", tree.toString(), copy.toString());
                    case 1 -> snapshot(layout, tree, victimNow, Instant.parse(victimNow.substring(0, 10) + "T00:00:00Z"));
                    default -> snapshot(layout, tree, victimLater, Instant.parse(victimLater.substring(0, 10) + "T00:00:00Z"));
                }
                run("sync");
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                switch (k) {
                    case 0 -> cpu[k][r] = cpuOf("rm", "-rf", copy.toString());
                    case 1 -> {
                        ApplyResult res = applyOnce(layout, RetentionApplier.Deletion.NOW);
                        check(res.removedNames().equals(List.of(victimNow)) && res.ok() && res.trash().isEmpty(), "apply: " + res);
                    }
                    default -> {
                        ApplyResult res = applyOnce(layout, RetentionApplier.Deletion.LATER);
                        check(res.removedNames().equals(List.of(victimLater)) && res.trash().size() == 1, "later: " + res);
                        check(RetentionApplier.deleteTrash(res.trash()).isEmpty(), "deleteTrash");
                    }
                }
                wall[k][r] = (System.nanoTime() - t0) / 1e9;
                if (k != 0) {
                    // thread CPU of this thread; NOW's extra threads are not counted here
                    cpu[k][r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
                }
                line.append(String.format(" %s %.3f s;", what[k], wall[k][r]));
            }
            check(!Files.exists(copy, LinkOption.NOFOLLOW_LINKS) && layout.completeSnapshots().size() == 1
                    && Files.isRegularFile(tree.resolve("small/g000/d00/f00.dat")), "state after run " + (r + 1));
            System.out.println(line);
        }
        System.out.println();
        System.out.printf("%-40s %10s %10s %12s %10s%n", "", "median s", "best s", "ratio to rm", "cpu s");
        for (int k = 0; k < 3; k++) {
            double[] ratios = new double[runs];
            for (int r = 0; r < runs; r++) {
                ratios[r] = wall[k][r] / wall[0][r];
            }
            System.out.printf("%-40s %10.3f %10.3f %12s %10s%n", what[k], median(wall[k]), Arrays.stream(wall[k]).min().orElse(0),
                    k == 0 ? "" : String.format("%.2f / %.2f", median(wall[k]) / median(wall[0]), median(ratios)),
                    k == 1 ? "(threads)" : String.format("%.3f", median(cpu[k])));
        }
        System.out.println("ratio to rm: ratio of the medians / median of the per-run ratios");
        System.out.println();

        // deletion LATER: the apply only renames; listings and the lock stay available meanwhile
        String victim = "2025-11-30_0000";
        snapshot(layout, tree, victim, Instant.parse("2025-11-30T00:00:00Z"));
        run("sync");
        long t0 = System.nanoTime();
        ApplyResult res = applyOnce(layout, RetentionApplier.Deletion.LATER);
        double applyLater = (System.nanoTime() - t0) / 1e9;
        check(res.trash().size() == 1, "later: " + res);
        long[] background = new long[2];
        Thread deleter = new Thread(() -> {
            long s = System.nanoTime();
            List<ApplyResult.Failure> f = RetentionApplier.deleteTrash(res.trash());
            background[0] = System.nanoTime() - s;
            background[1] = f.size();
        });
        deleter.start();
        List<Double> listings = new ArrayList<>();
        List<Double> locks = new ArrayList<>();
        while (deleter.isAlive()) {
            long s = System.nanoTime();
            check(layout.completeSnapshots().size() == 1, "listing during deletion");
            listings.add((System.nanoTime() - s) / 1e6);
            s = System.nanoTime();
            try (HostLock lock = HostLock.acquire(layout, "bench", Instant.now())) {
                locks.add((System.nanoTime() - s) / 1e6);
            }
            Thread.sleep(20);
        }
        deleter.join();
        check(background[1] == 0 && res.trash().stream().noneMatch(Files::exists), "background deletion failed");
        System.out.printf("LATER apply (rename + fsync) %.4f s; background deletion %.3f s; during it %d listings "
                        + "(median %.2f ms, max %.2f ms) and %d lock takes (median %.2f ms, max %.2f ms)%n",
                applyLater, background[0] / 1e9, listings.size(), median(listings), max(listings), locks.size(),
                median(locks), max(locks));
        run("rm", "-rf", root.toString(), rmDir.toString());
    }

    static ApplyResult applyOnce(BackupLayout layout, RetentionApplier.Deletion deletion) throws IOException {
        try (HostLock lock = HostLock.acquire(layout, "bench", Instant.now())) {
            RetentionPlan plan = RetentionPlanner.plan(layout.host(), SnapshotInfo.of(layout.completeSnapshots()),
                    new RetentionPolicy(1, 0, 0, 0, 0, 0, 1), Guards.none(), BASE_TIME.plusSeconds(3600), ZoneOffset.UTC);
            return RetentionApplier.apply(lock, plan, deletion, RetentionApplier.RemovalListener.NONE);
        }
    }

    /** A complete snapshot: a hardlinked copy of the tree plus a marker, as the engine leaves it. */
    static void snapshot(BackupLayout layout, Path tree, String name, Instant time) throws Exception {
        Path dir = layout.snapshotDir(name);
        Files.createDirectories(dir);
        run("cp", "-al", tree.toString(), dir.resolve("data").toString());
        MarkerFile.write(dir.resolve(BackupLayout.MARKER), new Marker(Marker.VERSION, layout.host(), name, Marker.COMPLETE,
                time, time.plusSeconds(60), null, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of()));
    }

    /** Runs a command under /usr/bin/time and returns its user + system CPU seconds. */
    static double cpuOf(String... cmd) throws Exception {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S"));
        argv.addAll(List.of(cmd));
        Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        String err = new String(p.getErrorStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", cmd) + ": " + err);
        }
        String[] last = err.lines().reduce((a, b) -> b).orElseThrow().split(" ");
        return Double.parseDouble(last[0]) + Double.parseDouble(last[1]);
    }

    static long countFiles(Path tree) throws IOException {
        try (var s = Files.walk(tree)) {
            return s.count() - 1;
        }
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", cmd));
        }
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("check failed: " + what);
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double median(List<Double> v) {
        return v.isEmpty() ? 0 : median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
