import dev.pullback.discovery.DiscoveryScanner;
import dev.pullback.discovery.FoundSnapshot;
import dev.pullback.discovery.HostScan;
import dev.pullback.discovery.ImportPlan;
import dev.pullback.discovery.Preflight;
import dev.pullback.snapshot.Marker;
import dev.pullback.snapshot.MarkerFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Discovery speed (bench/discovery.sh): the preflight and the import plan over N pullback
 * snapshot directories of one host (JSON markers), for several N, and at the largest N once with
 * F files in every snapshot, to show the time follows the snapshots, not the files; then the
 * largest N as an adopted history behind {@code adopted-history}: rsnapshot's
 * {@code hourly.<i>/web/} (times from mtimes) and rsync-time-backup's dated directories.
 *
 *   java -cp target/classes:... bench/DiscoveryBench.java WORK [N...] [--files F]
 */
public final class DiscoveryBench {
    static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmm").withZone(ZoneOffset.UTC);

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        List<Integer> sizes = new ArrayList<>();
        int files = 20;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--files")) {
                files = Integer.parseInt(args[++i]);
            } else {
                sizes.add(Integer.parseInt(args[i]));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000, 2_500, 5_000, 10_000);
        }
        int max = sizes.stream().max(Integer::compare).orElseThrow();
        System.out.printf("%-18s %-10s %-8s %12s %12s %14s%n", "layout", "snapshots", "files", "cold (ms)", "warm (ms)", "per snap (us)");
        for (int n : sizes) {
            run("pullback", work.resolve("n" + n), n, 0);
        }
        run("pullback", work.resolve("files"), max, files);
        run("rsnapshot", work.resolve("rsnapshot"), max, 0);
        run("rsync-time-backup", work.resolve("rtb"), max, 0);
    }

    static void run(String layout, Path root, int n, int filesPerSnapshot) throws IOException {
        switch (layout) {
            case "rsnapshot" -> generateRsnapshot(root, n);
            case "rsync-time-backup" -> generateRsyncTimeBackup(root, n);
            default -> generate(root, n, filesPerSnapshot);
        }
        long cold = time(root, n);
        long[] warm = new long[5];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = time(root, n);
        }
        Arrays.sort(warm);
        long median = warm[warm.length / 2];
        System.out.printf("%-18s %-10d %-8d %12.1f %12.1f %14.1f%n", layout, n, filesPerSnapshot, cold / 1e6, median / 1e6, median / 1e3 / n);
    }

    static long time(Path root, int n) {
        long t0 = System.nanoTime();
        Preflight p = DiscoveryScanner.preflight(root, List.of("web"), Instant.now());
        HostScan h = p.hosts().getFirst();
        ImportPlan plan = ImportPlan.of(h, Map.of(), true);
        long t = System.nanoTime() - t0;
        if (h.count(FoundSnapshot.State.COMPLETE) != n || plan.record().size() != n) {
            throw new IllegalStateException("found " + h.count(FoundSnapshot.State.COMPLETE) + " of " + n);
        }
        return t;
    }

    /** rsnapshot's {@code hourly.<i>/web/} under {@code snap/}, mtimes an hour apart, linked from {@code root/web/adopted-history}. */
    static void generateRsnapshot(Path root, int n) throws IOException {
        Path done = root.resolve(".generated");
        if (Files.exists(done)) {
            return;
        }
        Path snap = root.resolve("snap");
        Instant newest = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            Path interval = snap.resolve("hourly." + i);
            Files.createDirectories(interval.resolve("web/etc"));
            Files.setLastModifiedTime(interval, java.nio.file.attribute.FileTime.from(newest.minusSeconds(3600L * i)));
        }
        Files.createDirectories(root.resolve("web"));
        Files.createSymbolicLink(root.resolve("web/adopted-history"), snap);
        Files.createFile(done);
    }

    /** rsync-time-backup's dated directories beside {@code backup.marker}, linked from {@code root/web/adopted-history}. */
    static void generateRsyncTimeBackup(Path root, int n) throws IOException {
        Path done = root.resolve(".generated");
        if (Files.exists(done)) {
            return;
        }
        Path dest = Files.createDirectories(root.resolve("rtb"));
        Files.writeString(dest.resolve("backup.marker"), "");
        DateTimeFormatter rtb = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss").withZone(ZoneOffset.UTC);
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            Files.createDirectories(dest.resolve(rtb.format(t.plusSeconds(3600L * i))).resolve("etc"));
        }
        Files.createDirectories(root.resolve("web"));
        Files.createSymbolicLink(root.resolve("web/adopted-history"), dest);
        Files.createFile(done);
    }

    static void generate(Path root, int n, int filesPerSnapshot) throws IOException {
        Path hourly = root.resolve("web/hourly");
        Path done = root.resolve(".generated");
        if (Files.exists(done)) {
            return;
        }
        Files.createDirectories(hourly);
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        String prev = null;
        for (int i = 0; i < n; i++) {
            Instant at = t.plusSeconds(3600L * i);
            String name = NAME.format(at);
            Path dir = Files.createDirectories(hourly.resolve(name).resolve("home"));
            for (int f = 0; f < filesPerSnapshot; f++) {
                Files.writeString(dir.resolve("f" + f + ".txt"), name);
            }
            // plain write, not MarkerFile.write: its fsync per marker would make generating 10k slow
            Files.writeString(dir.getParent().resolve(".snapshot_complete"), MarkerFile.toJson(new Marker(Marker.VERSION, "web", name, Marker.COMPLETE,
                    at, at.plusSeconds(30), prev, 0, filesPerSnapshot, 0, 0, 0, 0, 0, 0, List.of(), List.of())));
            prev = name;
        }
        Files.createFile(done);
    }
}
