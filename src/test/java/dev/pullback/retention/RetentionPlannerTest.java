package dev.pullback.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Each safety rail and each rule of the planner, on small hand-made timelines. */
class RetentionPlannerTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    /** One snapshot per hour for {@code hours} hours, the newest {@code newestAge} before NOW. */
    static List<SnapshotInfo> hourly(int hours, Duration newestAge) {
        List<SnapshotInfo> out = new ArrayList<>();
        for (int i = hours - 1; i >= 0; i--) {
            Instant t = NOW.minus(newestAge).minus(Duration.ofHours(i));
            out.add(new SnapshotInfo("s" + (hours - i), t));
        }
        return out;
    }

    static RetentionPolicy keepLast(int n) {
        return new RetentionPolicy(n, 0, 0, 0, 0, 0, 1);
    }

    static RetentionPlan plan(List<SnapshotInfo> s, RetentionPolicy p, Guards g) {
        return RetentionPlanner.plan("web", s, p, g, NOW, BERLIN);
    }

    static Map<String, Decision> decisions(RetentionPlan plan) {
        return plan.entries().stream().collect(Collectors.toMap(RetentionPlan.Entry::name, RetentionPlan.Entry::decision));
    }

    static RetentionPlan.Entry entry(RetentionPlan plan, String name) {
        return plan.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theNewestIsKeptEvenWhenEveryWindowHasPassedIt() {
        RetentionPlan plan = plan(hourly(5, Duration.ofDays(40)), new RetentionPolicy(0, 24, 0, 0, 0, 0, 1), Guards.none());

        assertThat(entry(plan, "s5").decision()).isEqualTo(Decision.KEEP);
        assertThat(entry(plan, "s5").reasons()).containsExactly("newest");
        assertThat(plan.toRemove()).extracting(RetentionPlan.Entry::name).containsExactly("s1", "s2", "s3", "s4");
        assertThat(entry(plan, "s1").reasons()).containsExactly("older than the hourly window (24 h)");
    }

    @Test
    void theMinimumCountKeepsTheNewestOfWhatWouldGo() {
        RetentionPlan plan = plan(hourly(6, Duration.ofDays(40)), new RetentionPolicy(0, 24, 0, 0, 0, 0, 3), Guards.none());

        assertThat(plan.kept()).extracting(RetentionPlan.Entry::name).containsExactly("s4", "s5", "s6");
        assertThat(entry(plan, "s4").reasons()).containsExactly("minimum count (3)");
        assertThat(entry(plan, "s6").reasons()).containsExactly("newest");
    }

    @Test
    void protectedSnapshotsAreNeverRemovedAndSayWhy() {
        List<SnapshotInfo> s = hourly(6, Duration.ofHours(1));
        Guards g = Guards.none().protect(Protection.pinned("s1"), Protection.alert("s2", "17"), Protection.alert("s3", null),
                Protection.pinned("s3"), Protection.pinned("s3"), Protection.pinned("not-there"));

        RetentionPlan plan = plan(s, keepLast(1), g);

        assertThat(entry(plan, "s1").reasons()).containsExactly("protected: pinned");
        assertThat(entry(plan, "s2").reasons()).containsExactly("protected: held by alert 17");
        assertThat(entry(plan, "s3").reasons()).containsExactly("protected: held by alert", "protected: pinned");
        assertThat(plan.toRemove()).extracting(RetentionPlan.Entry::name).containsExactly("s4", "s5");
        assertThat(plan.entries()).extracting(RetentionPlan.Entry::name).doesNotContain("not-there");
    }

    @Test
    void snapshotsDatedInTheFutureAreKeptAndAreNotTheNewest() {
        List<SnapshotInfo> s = new ArrayList<>(hourly(4, Duration.ofHours(1)));
        s.add(new SnapshotInfo("clock-gone-wrong", NOW.plus(Duration.ofDays(400))));
        s.add(new SnapshotInfo("a-minute-ahead", NOW.plusSeconds(60)));

        RetentionPlan plan = plan(s, keepLast(1), Guards.none());

        assertThat(entry(plan, "clock-gone-wrong").reasons()).containsExactly("dated in the future");
        assertThat(entry(plan, "a-minute-ahead").decision()).isEqualTo(Decision.KEEP);
        assertThat(entry(plan, "s4").reasons()).containsExactly("newest", "keep-last 1");
        assertThat(plan.toRemove()).extracting(RetentionPlan.Entry::name).containsExactly("s1", "s2", "s3");
        // a snapshot taken exactly now is not in the future
        RetentionPlan atNow = plan(List.of(new SnapshotInfo("now", NOW)), keepLast(1), Guards.none());
        assertThat(entry(atNow, "now").reasons()).containsExactly("newest", "keep-last 1");
    }

    @Test
    void aHostWhoseLastRunFailedIsHeld() {
        RetentionPlan plan = plan(hourly(5, Duration.ofHours(1)), keepLast(1), Guards.none().lastRunFailed(true));

        assertThat(plan.held()).isTrue();
        assertThat(plan.holds()).containsExactly("held: last run failed");
        assertThat(plan.toRemove()).isEmpty();
        assertThat(entry(plan, "s1").decision()).isEqualTo(Decision.KEEP);
        assertThat(entry(plan, "s1").reasons())
                .containsExactly("held: last run failed", "otherwise: not among the last 1 (keep-last 1)");
        assertThat(plan.header()).contains("held: last run failed; nothing is removed");
    }

    @Test
    void aHostThatStoppedBackingUpIsHeldSoItsLastGoodDataDoesNotAgeOut() {
        List<SnapshotInfo> s = hourly(48, Duration.ofDays(3).plusHours(5));

        RetentionPlan plan = plan(s, new RetentionPolicy(0, 24, 0, 0, 0, 0, 1), Guards.none().expectEvery(Duration.ofHours(1)));

        assertThat(plan.held()).isTrue();
        assertThat(plan.holds()).containsExactly("held: newest snapshot is 3 days old, expected every 1 h");
        assertThat(plan.toRemove()).isEmpty();
        assertThat(plan.count(Decision.KEEP)).isEqualTo(48);
    }

    @Test
    void theAgeHoldStartsAfterTwiceTheExpectedInterval() {
        Guards every = Guards.none().expectEvery(Duration.ofHours(4));
        RetentionPolicy p = keepLast(1);
        assertThat(plan(hourly(3, Duration.ofHours(8)), p, every).held()).as("exactly twice: not yet").isFalse();
        assertThat(plan(hourly(3, Duration.ofHours(8).plusSeconds(1)), p, every).holds())
                .containsExactly("held: newest snapshot is 8 h old, expected every 4 h");
        assertThat(plan(hourly(3, Duration.ofMinutes(90)), p, Guards.none().expectEvery(Duration.ofMinutes(30))).holds())
                .containsExactly("held: newest snapshot is 90 min old, expected every 30 min");
        assertThat(plan(hourly(3, Duration.ofDays(9)), p, Guards.none().expectEvery(Duration.ofDays(1))).holds())
                .containsExactly("held: newest snapshot is 9 days old, expected every 1 day");
        assertThat(plan(hourly(3, Duration.ofDays(400)), p, Guards.none()).held()).as("no expectation").isFalse();
    }

    @Test
    void anExplicitOverridePrunesAHeldHostAndThePlanSaysSo() {
        Guards g = Guards.none().lastRunFailed(true).expectEvery(Duration.ofHours(1)).overrideHold(true);

        RetentionPlan plan = plan(hourly(5, Duration.ofDays(2)), keepLast(2), g);

        assertThat(plan.held()).isFalse();
        assertThat(plan.holdOverridden()).isTrue();
        assertThat(plan.holds()).hasSize(2);
        assertThat(plan.toRemove()).extracting(RetentionPlan.Entry::name).containsExactly("s1", "s2", "s3");
        assertThat(plan.header()).contains("hold overridden by request: held: last run failed",
                "hold overridden by request: held: newest snapshot is 2 days old, expected every 1 h");
        // an override without a hold changes nothing
        RetentionPlan healthy = plan(hourly(5, Duration.ofMinutes(5)), keepLast(2), Guards.none().overrideHold(true));
        assertThat(healthy.holdOverridden()).isFalse();
        assertThat(healthy.holds()).isEmpty();
    }

    @Test
    void maxDeleteRemovesTheOldestAndDefersTheRest() {
        RetentionPlan plan = plan(hourly(10, Duration.ofHours(1)), keepLast(2), Guards.none().maxDelete(3));

        assertThat(plan.toRemove()).extracting(RetentionPlan.Entry::name).containsExactly("s1", "s2", "s3");
        assertThat(plan.deferred()).extracting(RetentionPlan.Entry::name).containsExactly("s4", "s5", "s6", "s7", "s8");
        assertThat(entry(plan, "s4").reasons())
                .containsExactly("not among the last 2 (keep-last 2)", "deferred: max-delete 3 reached");
        assertThat(plan.summary()).isEqualTo("keep 2, remove 3, defer 5");

        RetentionPlan none = plan(hourly(10, Duration.ofHours(1)), keepLast(2), Guards.none().maxDelete(0));
        assertThat(none.toRemove()).isEmpty();
        assertThat(none.deferred()).hasSize(8);
    }

    @Test
    void orderAndPeriodsComeFromTheInstantNeverTheName() {
        // names sort the other way round from the times
        List<SnapshotInfo> s = List.of(
                new SnapshotInfo("c-oldest", Instant.parse("2026-03-01T10:00:00Z")),
                new SnapshotInfo("b-middle", Instant.parse("2026-03-01T11:00:00Z")),
                new SnapshotInfo("a-newest", Instant.parse("2026-03-09T11:00:00Z")));

        RetentionPlan plan = plan(s, new RetentionPolicy(0, 0, 30, 0, 0, 0, 1), Guards.none());

        assertThat(plan.entries()).extracting(RetentionPlan.Entry::name).containsExactly("c-oldest", "b-middle", "a-newest");
        assertThat(entry(plan, "c-oldest").reasons()).containsExactly("earliest of 2026-03-01");
        assertThat(entry(plan, "b-middle").reasons()).containsExactly("not the earliest of 2026-03-01");
        assertThat(entry(plan, "a-newest").reasons()).containsExactly("newest", "earliest of 2026-03-09");
    }

    @Test
    void daysWeeksMonthsAndYearsAreCountedInTheConfiguredZone() {
        // 22:30 UTC on 31 Dec 2025 is 23:30 in Berlin; 23:30 UTC is already 2026 there
        List<SnapshotInfo> s = List.of(
                new SnapshotInfo("x1", Instant.parse("2025-12-31T22:30:00Z")),
                new SnapshotInfo("x2", Instant.parse("2025-12-31T23:30:00Z")),
                new SnapshotInfo("x3", Instant.parse("2026-03-10T11:00:00Z")));
        RetentionPolicy yearly = new RetentionPolicy(0, 0, 0, 0, 0, 5, 1);

        RetentionPlan utc = RetentionPlanner.plan("web", s, yearly, Guards.none(), NOW, ZoneOffset.UTC);
        RetentionPlan berlin = RetentionPlanner.plan("web", s, yearly, Guards.none(), NOW, BERLIN);

        assertThat(decisions(utc)).containsEntry("x1", Decision.KEEP).containsEntry("x2", Decision.REMOVE);
        assertThat(entry(utc, "x2").reasons()).containsExactly("not the earliest of 2025");
        assertThat(decisions(berlin)).containsEntry("x1", Decision.KEEP).containsEntry("x2", Decision.KEEP);
        assertThat(entry(berlin, "x2").reasons()).containsExactly("earliest of 2026");

        // ISO weeks: Sunday 2026-03-01 is in week 9, Monday 2026-03-02 starts week 10
        List<SnapshotInfo> w = List.of(
                new SnapshotInfo("sun", Instant.parse("2026-03-01T12:00:00Z")),
                new SnapshotInfo("mon", Instant.parse("2026-03-02T12:00:00Z")),
                new SnapshotInfo("tue", Instant.parse("2026-03-03T12:00:00Z")));
        RetentionPlan weekly = plan(w, new RetentionPolicy(0, 0, 0, 8, 0, 0, 1), Guards.none());
        assertThat(entry(weekly, "sun").reasons()).containsExactly("earliest of week 2026-W09");
        assertThat(entry(weekly, "mon").reasons()).containsExactly("earliest of week 2026-W10");
        assertThat(entry(weekly, "tue").reasons()).as("kept as the newest, not for its week").containsExactly("newest");
    }

    @Test
    void aDayAcrossTheDstChangeIsOneLocalDay() {
        // 2025-10-26 in Berlin lasts 25 hours: 2025-10-25T22:00Z to 2025-10-26T23:00Z
        Instant now = Instant.parse("2025-10-28T00:00:00Z");
        List<SnapshotInfo> s = List.of(
                new SnapshotInfo("before", Instant.parse("2025-10-25T21:59:00Z")),
                new SnapshotInfo("first", Instant.parse("2025-10-25T22:00:00Z")),
                new SnapshotInfo("cest-0230", Instant.parse("2025-10-26T00:30:00Z")),
                new SnapshotInfo("cet-0230", Instant.parse("2025-10-26T01:30:00Z")),
                new SnapshotInfo("last", Instant.parse("2025-10-26T22:59:00Z")),
                new SnapshotInfo("next-day", Instant.parse("2025-10-26T23:00:00Z")),
                new SnapshotInfo("newest", Instant.parse("2025-10-27T23:00:00Z")));

        RetentionPlan plan = RetentionPlanner.plan("web", s, new RetentionPolicy(0, 0, 7, 0, 0, 0, 1), Guards.none(), now, BERLIN);

        assertThat(plan.kept()).extracting(RetentionPlan.Entry::name).containsExactly("before", "first", "next-day", "newest");
        assertThat(entry(plan, "first").reasons()).containsExactly("earliest of 2025-10-26");
        assertThat(entry(plan, "last").reasons()).containsExactly("not the earliest of 2025-10-26");
        assertThat(entry(plan, "next-day").reasons()).containsExactly("earliest of 2025-10-27");
    }

    @Test
    void eachSnapshotFallsIntoOneTierOldestFirstAsInBackupManager() {
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        List<SnapshotInfo> s = List.of(
                new SnapshotInfo("m1", Instant.parse("2025-11-05T10:00:00Z")),   // monthly tier
                new SnapshotInfo("m2", Instant.parse("2025-11-20T10:00:00Z")),   // monthly tier, same month
                new SnapshotInfo("d1", Instant.parse("2026-03-02T08:00:00Z")),   // daily tier
                new SnapshotInfo("d2", Instant.parse("2026-03-02T09:00:00Z")),   // daily tier, same day
                new SnapshotInfo("h1", Instant.parse("2026-03-10T09:00:00Z")),   // hourly tier
                new SnapshotInfo("h2", Instant.parse("2026-03-10T10:00:00Z")),   // hourly tier
                new SnapshotInfo("x", Instant.parse("2023-01-01T10:00:00Z")));   // beyond

        RetentionPlan plan = RetentionPlanner.plan("web", s, new RetentionPolicy(0, 24, 30, 0, 12, 0, 1),
                Guards.none(), now, BERLIN);

        assertThat(plan.table()).isEqualTo("""
                retention plan for web at 2026-03-10T12:00:00Z (Europe/Berlin)
                policy: hourly 24 h, daily 30 days, monthly 12 months, min-keep 1
                keep 4, remove 3, defer 0

                snapshot  decision  reasons
                x         remove    older than the monthly window (12 months)
                m1        keep      earliest of 2025-11
                m2        remove    not the earliest of 2025-11
                d1        keep      earliest of 2026-03-02
                d2        remove    not the earliest of 2026-03-02
                h1        keep      hourly window
                h2        keep      newest; hourly window
                """);
    }

    @Test
    void theCompactTableGroupsRunsWithoutLosingAny() {
        RetentionPlan plan = plan(hourly(10, Duration.ofHours(1)), keepLast(3), Guards.none().maxDelete(4));

        assertThat(plan.compactTable()).endsWith("""
                snapshot      decision  reasons
                s1 .. s4 (4)  remove    not among the last 3 (keep-last 3)
                s5 .. s7 (3)  defer     not among the last 3 (keep-last 3); deferred: max-delete 4 reached
                s8 .. s9 (2)  keep      keep-last 3
                s10           keep      newest; keep-last 3
                """);
    }

    @Test
    void namesWithControlCharactersArePrintedEscaped() {
        RetentionPlan plan = plan(List.of(new SnapshotInfo("evil\nname", NOW.minusSeconds(60))), keepLast(1), Guards.none());

        assertThat(plan.table()).contains("evil\\x0aname").doesNotContain("evil\nname");
    }

    @Test
    void noSnapshotsGiveAnEmptyPlanAndDuplicatesAreRefused() {
        assertThat(plan(List.of(), RetentionPolicy.defaults(), Guards.none().lastRunFailed(true)).entries()).isEmpty();
        List<SnapshotInfo> twice = List.of(new SnapshotInfo("a", NOW), new SnapshotInfo("a", NOW.minusSeconds(5)));
        assertThatThrownBy(() -> plan(twice, RetentionPolicy.defaults(), Guards.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a is listed twice");
    }

    @Test
    void guardsRefuseNonsense() {
        assertThatThrownBy(() -> Guards.none().maxDelete(-1)).hasMessage("max-delete: must be 0 or more, got -1");
        assertThatThrownBy(() -> Guards.none().expectEvery(Duration.ZERO)).hasMessageStartingWith("expected-interval: ");
    }

    @Test
    void thePlanIsAValueThatSerialisesAndReadsBack() {
        RetentionPlan plan = plan(hourly(4, Duration.ofHours(1)), keepLast(2),
                Guards.none().protect(Protection.pinned("s1")).lastRunFailed(true).overrideHold(true).maxDelete(5));
        JsonMapper json = JsonMapper.builder().build();

        String text = json.writeValueAsString(plan);
        RetentionPlan back = json.readValue(text, RetentionPlan.class);

        assertThat(text).contains("\"host\":\"web\"", "\"decision\":\"REMOVE\"", "\"reasons\":[\"protected: pinned\"]",
                "\"zone\":\"Europe/Berlin\"", "\"holdOverridden\":true", "\"hourlyHours\":0");
        assertThat(back).isEqualTo(plan);
    }
}
