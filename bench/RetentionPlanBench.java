import dev.pullback.retention.Guards;
import dev.pullback.retention.PolicyOverride;
import dev.pullback.retention.Protection;
import dev.pullback.retention.RetentionPlan;
import dev.pullback.retention.RetentionPlanner;
import dev.pullback.retention.RetentionPolicy;
import dev.pullback.retention.SnapshotInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Planning speed (bench/retention.sh): plans over N snapshots (default 100 000, hourly with
 * irregular minutes, about 11.4 years back from "now", given in shuffled order), in-process,
 * for a few policies. Prints the first (cold) plan and the median of the warm ones.
 *
 *   java -cp target/classes bench/RetentionPlanBench.java [N] [RUNS]
 */
public final class RetentionPlanBench {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Instant now = Instant.parse("2026-04-10T09:30:00Z");
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmm").withZone(zone);
        Random random = new Random(1);
        List<SnapshotInfo> snapshots = new ArrayList<>(n);
        for (int i = n; i >= 1; i--) {
            Instant t = now.minus(Duration.ofHours(i)).plusSeconds(random.nextInt(600));
            snapshots.add(new SnapshotInfo(fmt.format(t) + "-" + i, t));
        }
        Collections.shuffle(snapshots, random);
        List<Protection> pins = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pins.add(Protection.pinned(snapshots.get(i * 7).name()));
        }
        Object[][] policies = {
                {"backup-manager defaults", RetentionPolicy.defaults(), Guards.none()},
                {"all tiers + keep-last 100 + 100 pins + max-delete 1000",
                        new PolicyOverride(100, 48, 60, 26, 18, 5, 1).applyTo(RetentionPolicy.defaults()),
                        Guards.none().protect(pins).maxDelete(1000)},
                {"daily 36500 days (every snapshot in a calendar tier)",
                        new PolicyOverride(0, 0, 36_500, 0, 0, 0, 1).applyTo(RetentionPolicy.defaults()), Guards.none()},
        };
        System.out.printf("snapshots: %d, runs per policy: %d, %s, %d cores%n", n, runs,
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        for (Object[] p : policies) {
            RetentionPolicy policy = (RetentionPolicy) p[1];
            Guards guards = (Guards) p[2];
            double[] ms = new double[runs];
            RetentionPlan plan = null;
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                plan = RetentionPlanner.plan("bench", snapshots, policy, guards, now, zone);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            double first = ms[0];
            double[] warm = Arrays.copyOfRange(ms, 1, runs);
            Arrays.sort(warm);
            long t0 = System.nanoTime();
            String table = plan.compactTable();
            double tableMs = (System.nanoTime() - t0) / 1e6;
            System.out.printf("%-55s first %7.1f ms, warm median %6.1f ms, max %6.1f ms | %s | compact table %d lines in %.1f ms%n",
                    p[0], first, warm[warm.length / 2], warm[warm.length - 1], plan.summary(),
                    table.lines().count(), tableMs);
        }
    }
}
