package dev.pullback.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * restic-style table tests (STYLE.md 5): one fixed timeline ({@link Timeline}), many policies,
 * invariants checked for every case, and the expected plan of each case in a golden file under
 * {@code src/test/resources/dev/pullback/retention/golden/}. A difference fails the test; the
 * files are rewritten only with {@code -Dretention.golden.update=true} (then review the diff).
 */
class RetentionTableTest {
    static final Path GOLDEN = Path.of("src/test/resources/dev/pullback/retention/golden");
    static final boolean UPDATE = Boolean.getBoolean("retention.golden.update");
    static List<SnapshotInfo> timeline;

    record Case(String name, RetentionPolicy policy, Guards guards, Instant now, ZoneId zone) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void timeline() {
        timeline = Timeline.snapshots();
    }

    static PolicyOverride tiers(int hourly, int daily, int weekly, int monthly, int yearly) {
        return new PolicyOverride(0, hourly, daily, weekly, monthly, yearly, 1);
    }

    static RetentionPolicy policy(PolicyOverride o) {
        return o.applyTo(RetentionPolicy.defaults());
    }

    static Stream<Case> cases() {
        List<SnapshotInfo> t = Timeline.snapshots();
        RetentionPolicy bm = RetentionPolicy.defaults();
        Instant now = Timeline.NOW;
        ZoneId berlin = Timeline.BERLIN;
        Guards none = Guards.none();
        Guards pins = none.protect(Protection.pinned(Timeline.at(t, "2024-05-01T00:00:00Z")),
                Protection.pinned(Timeline.at(t, "2025-09-10T13:00:00Z")),
                Protection.alert(Timeline.at(t, "2026-01-05T18:00:00Z"), "17"),
                Protection.pinned(Timeline.at(t, "2026-01-05T18:00:00Z")),
                Protection.pinned(Timeline.IMPORTED),
                Protection.pinned("no-such-snapshot"));
        Instant dayLater = now.plus(Duration.ofDays(1));
        return Stream.of(
                new Case("backup-manager-defaults", bm, none, now, berlin),
                new Case("backup-manager-defaults-utc", bm, none, now, ZoneOffset.UTC),
                new Case("restic-style", policy(new PolicyOverride(3, 24, 7, 4, 12, 3, 1)), none, now, berlin),
                new Case("hourly-48h", policy(tiers(48, 0, 0, 0, 0)), none, now, berlin),
                new Case("hourly-1h", policy(tiers(1, 0, 0, 0, 0)), none, now, berlin),
                new Case("daily-14d", policy(tiers(0, 14, 0, 0, 0)), none, now, berlin),
                new Case("daily-1d", policy(tiers(0, 1, 0, 0, 0)), none, now, berlin),
                new Case("daily-400d-across-dst", policy(tiers(0, 400, 0, 0, 0)), none, now, berlin),
                new Case("weekly-26w", policy(tiers(0, 0, 26, 0, 0)), none, now, berlin),
                new Case("monthly-36m-missing-month", policy(tiers(0, 0, 0, 36, 0)), none, now, berlin),
                new Case("monthly-1m", policy(tiers(0, 0, 0, 1, 0)), none, now, berlin),
                new Case("yearly-5y", policy(tiers(0, 0, 0, 0, 5)), none, now, berlin),
                new Case("all-tiers", policy(tiers(48, 60, 26, 18, 5)), none, now, berlin),
                new Case("keep-last-1", policy(new PolicyOverride(1, 0, 0, 0, 0, 0, 1)), none, now, berlin),
                new Case("keep-last-10", policy(new PolicyOverride(10, 0, 0, 0, 0, 0, 1)), none, now, berlin),
                new Case("keep-last-more-than-all", policy(new PolicyOverride(100_000, 0, 0, 0, 0, 0, 1)), none, now, berlin),
                new Case("keep-last-50-and-daily-30", policy(new PolicyOverride(50, 0, 30, 0, 0, 0, 1)), none, now, berlin),
                new Case("min-keep-100", policy(new PolicyOverride(0, 1, 0, 0, 0, 0, 100)), none, now, berlin),
                new Case("min-keep-more-than-all", policy(new PolicyOverride(0, 1, 0, 0, 0, 0, 1_000_000)), none, now, berlin),
                new Case("protected", bm, pins, now, berlin),
                new Case("held-last-run-failed", bm, none.lastRunFailed(true), now, berlin),
                new Case("held-backups-stopped", bm, none.expectEvery(Duration.ofHours(1)), dayLater, berlin),
                new Case("not-held-within-twice-the-interval", bm, none.expectEvery(Duration.ofDays(1)), dayLater, berlin),
                new Case("held-overridden", bm, none.expectEvery(Duration.ofHours(1)).lastRunFailed(true).overrideHold(true),
                        dayLater, berlin),
                new Case("max-delete-10", bm, none.maxDelete(10), now, berlin),
                new Case("max-delete-0", bm, none.maxDelete(0), now, berlin),
                new Case("held-and-max-delete", bm, none.lastRunFailed(true).maxDelete(5), now, berlin),
                new Case("protected-with-keep-last-1", policy(new PolicyOverride(1, 0, 0, 0, 0, 0, 1)), pins, now, berlin),
                new Case("future-now-after-everything", bm, none, Instant.parse("2026-05-01T00:00:00Z"), berlin));
    }

    RetentionPlan plan(Case c) {
        return RetentionPlanner.plan("web", timeline, c.policy(), c.guards(), c.now(), c.zone());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void invariants(Case c) {
        RetentionPlan plan = plan(c);
        List<RetentionPlan.Entry> e = plan.entries();
        List<String> broken = new ArrayList<>();

        // every snapshot exactly once: keep + remove + defer = all
        Set<String> all = new HashSet<>();
        timeline.forEach(x -> all.add(x.name()));
        Set<String> planned = new HashSet<>();
        e.forEach(x -> planned.add(x.name()));
        assertThat(e).hasSize(timeline.size());
        assertThat(planned).isEqualTo(all);
        assertThat(plan.kept().size() + plan.toRemove().size() + plan.deferred().size()).isEqualTo(timeline.size());

        Set<String> protectedNames = new HashSet<>();
        c.guards().protections().forEach(p -> protectedNames.add(p.name()));
        RetentionPlan.Entry newest = null;
        long keptPast = 0;
        long pastCount = 0;
        for (int i = 0; i < e.size(); i++) {
            RetentionPlan.Entry x = e.get(i);
            boolean future = x.time().isAfter(c.now());
            if (i > 0 && x.time().isBefore(e.get(i - 1).time())) {
                broken.add(x.name() + ": not in time order");
            }
            if (x.reasons().isEmpty() || x.reasons().contains("")) {
                broken.add(x.name() + ": no reason");
            }
            if (future && (x.decision() != Decision.KEEP || !x.reasons().contains("dated in the future"))) {
                broken.add(x.name() + ": dated in the future but " + x.decision() + " " + x.reasons());
            }
            if (protectedNames.contains(x.name())
                    && (x.decision() != Decision.KEEP || x.reasons().stream().noneMatch(r -> r.startsWith("protected: ")))) {
                broken.add(x.name() + ": protected but " + x.decision() + " " + x.reasons());
            }
            if (x.decision() != Decision.KEEP && x.reasons().stream().anyMatch(r -> r.equals("newest")
                    || r.startsWith("protected") || r.startsWith("earliest of") || r.equals("hourly window")
                    || r.startsWith("keep-last") || r.startsWith("minimum count"))) {
                broken.add(x.name() + ": " + x.decision() + " with a keep reason " + x.reasons());
            }
            if (!future) {
                newest = x;
                pastCount++;
                keptPast += x.decision() == Decision.KEEP ? 1 : 0;
            }
        }
        assertThat(broken).isEmpty();
        // newest (not in the future) kept
        assertThat(newest).isNotNull();
        assertThat(newest.decision()).isEqualTo(Decision.KEEP);
        assertThat(newest.reasons()).contains("newest");
        // min count
        assertThat(keptPast).isGreaterThanOrEqualTo(Math.min(c.policy().minKeep(), pastCount));
        // held: nothing removed or deferred
        if (plan.held()) {
            assertThat(plan.toRemove()).isEmpty();
            assertThat(plan.deferred()).isEmpty();
        }
        // max-delete bounds removals, oldest first
        if (c.guards().maxDelete() != null) {
            assertThat(plan.toRemove().size()).isLessThanOrEqualTo(c.guards().maxDelete());
            if (!plan.toRemove().isEmpty() && !plan.deferred().isEmpty()) {
                assertThat(plan.deferred().getFirst().time()).isAfter(plan.toRemove().getLast().time());
            }
        } else {
            assertThat(plan.deferred()).isEmpty();
        }
        // the same input in any order gives the same plan
        List<SnapshotInfo> shuffled = new ArrayList<>(timeline);
        Collections.shuffle(shuffled, new Random(7));
        assertThat(RetentionPlanner.plan("web", shuffled, c.policy(), c.guards(), c.now(), c.zone()).equals(plan))
                .as("plan of shuffled input equals plan").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void golden(Case c) throws IOException {
        String actual = plan(c).compactTable();
        Path file = GOLDEN.resolve(c.name() + ".txt");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail("no golden file " + file + "; create it with: mvn test -Dtest=RetentionTableTest -Dretention.golden.update=true");
        }
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        if (!actual.equals(expected)) {
            List<String> a = actual.lines().toList();
            List<String> x = expected.lines().toList();
            int line = 0;
            while (line < Math.min(a.size(), x.size()) && a.get(line).equals(x.get(line))) {
                line++;
            }
            fail("plan of " + c.name() + " differs from " + file + " at line " + (line + 1) + ":\n  expected: "
                    + (line < x.size() ? x.get(line) : "<end>") + "\n  actual:   " + (line < a.size() ? a.get(line) : "<end>")
                    + "\nif the change is intended: mvn test -Dtest=RetentionTableTest -Dretention.golden.update=true,"
                    + " then review the diff of the golden files");
        }
    }

    @Test
    void atLeastTwentyCasesAndNoStaleGoldenFiles() throws IOException {
        List<String> names = cases().map(Case::name).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(20).doesNotHaveDuplicates();
        if (UPDATE && !Files.isDirectory(GOLDEN)) {
            return;
        }
        try (Stream<Path> files = Files.list(GOLDEN)) {
            assertThat(files.map(p -> p.getFileName().toString().replaceFirst("\\.txt$", "")))
                    .as("golden files without a case").isSubsetOf(names);
        }
    }

    @Test
    void theTimelineIsWhatItsCommentSays() {
        assertThat(timeline.size()).isBetween(14_000, 17_000);
        assertThat(timeline).extracting(SnapshotInfo::name).doesNotHaveDuplicates();
        // spring forward in the hourly window: 01:xx then 03:xx, Berlin time
        assertThat(timeline).extracting(SnapshotInfo::name)
                .anyMatch(n -> n.startsWith("2026-03-29_01")).anyMatch(n -> n.startsWith("2026-03-29_03"))
                .noneMatch(n -> n.startsWith("2026-03-29_02"));
        // fall back: the repeated 02:xx hour made one snapshot, not two
        assertThat(timeline).filteredOn(s -> s.name().startsWith("2025-10-26_02")).hasSize(1);
        assertThat(timeline).noneMatch(s -> s.name().startsWith("2024-11-"));
        assertThat(timeline).filteredOn(s -> s.time().isAfter(Timeline.NOW)).hasSize(1);
    }
}
