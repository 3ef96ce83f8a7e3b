package dev.pullback.retention;

import dev.pullback.retention.RetentionPolicy.Tier;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The retention decision as a pure function (STYLE.md 2): the same snapshots, policy, guards,
 * "now" and zone always give the same plan, and every snapshot gets its reasons. It reads no
 * clock, no disk and no database.
 *
 * <p>Order of the rules (later ones only ever turn a removal into a keep, except the last):
 * <ol>
 *   <li>snapshots dated after {@code now} are kept ("dated in the future") and take no part in
 *       the rest: not in the tiers, not "newest", not counted by keep-last or min-keep;</li>
 *   <li>the newest of the others is kept ("newest");</li>
 *   <li>protected snapshots are kept ("protected: pinned", "protected: held by alert 17");</li>
 *   <li>keep-last N keeps the N newest ("keep-last 5");</li>
 *   <li>each snapshot's tier: the shortest enabled window that holds it ("hourly window",
 *       "earliest of 2026-03-06", "earliest of week 2026-W10", "earliest of 2026-03", "earliest
 *       of 2026"); a snapshot that is not the earliest of its period in its tier is removed
 *       ("not the earliest of 2026-03-06"), one beyond every window too ("older than the
 *       monthly window (24 months)");</li>
 *   <li>fewer than min-keep kept: the newest removed ones are kept ("minimum count (3)");</li>
 *   <li>a held host (last run failed, or newest snapshot older than twice the expected interval)
 *       keeps everything ("held: last run failed", then "otherwise: ...") unless overridden;</li>
 *   <li>beyond max-delete removals, oldest first, the rest are deferred.</li>
 * </ol>
 * Windows: hourly is exact hours back from now; days, weeks, months and years are calendar
 * units in the zone (a day across a DST change is 23 or 25 hours). A snapshot is within a window
 * when it was taken at or after its start.
 */
public final class RetentionPlanner {
    static final String NEWEST = "newest";
    static final String FUTURE = "dated in the future";
    static final String HOURLY = "hourly window";
    static final String HELD_FAILED = "held: last run failed";

    private RetentionPlanner() {
    }

    /**
     * @param host      the host (carried into the plan, so apply can check it)
     * @param snapshots the host's complete snapshots, in any order; names must be unique
     * @param policy    the effective policy (see {@link RetentionPolicy#with(PolicyOverride)})
     * @param guards    protections, hold inputs, override, max-delete ({@link Guards#none()} for none)
     * @param now       the instant to plan for (from the caller's Clock)
     * @param zone      the zone names and calendar periods are counted in
     */
    public static RetentionPlan plan(String host, List<SnapshotInfo> snapshots, RetentionPolicy policy, Guards guards,
                                     Instant now, ZoneId zone) {
        SnapshotInfo[] s = snapshots.toArray(SnapshotInfo[]::new);
        Arrays.sort(s, ORDER);
        Set<String> names = new HashSet<>(s.length * 2);
        for (SnapshotInfo x : s) {
            if (!names.add(x.name())) {
                throw new IllegalArgumentException("snapshot " + x.name() + " is listed twice");
            }
        }
        int n = s.length;
        // sorted by time: the snapshots at or before now are a prefix [0, base)
        int base = 0;
        while (base < n && !s[base].time().isAfter(now)) {
            base++;
        }
        Reasons[] keep = new Reasons[n];
        for (int i = 0; i < n; i++) {
            keep[i] = new Reasons();
        }
        String[] removal = new String[n];

        Map<String, List<String>> protectedBy = new HashMap<>();
        for (Protection p : guards.protections()) {
            List<String> reasons = protectedBy.computeIfAbsent(p.name(), k -> new ArrayList<>());
            String reason = "protected: " + p.reason();
            if (!reasons.contains(reason)) {
                reasons.add(reason);
            }
        }

        for (int i = base; i < n; i++) {
            keep[i].add(FUTURE);
        }
        if (base > 0) {
            keep[base - 1].add(NEWEST);
        }
        for (int i = 0; i < n; i++) {
            List<String> by = protectedBy.get(s[i].name());
            if (by != null) {
                by.forEach(keep[i]::add);
            }
        }
        if (policy.keepLast() > 0) {
            String reason = "keep-last " + policy.keepLast();
            for (int i = Math.max(0, base - policy.keepLast()); i < base; i++) {
                keep[i].add(reason);
            }
        }
        tiers(s, base, policy, now, zone, keep, removal);

        Decision[] decision = new Decision[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            decision[i] = keep[i].isEmpty() ? Decision.REMOVE : Decision.KEEP;
            if (i < base && decision[i] == Decision.KEEP) {
                kept++;
            }
        }
        String minimum = "minimum count (" + policy.minKeep() + ")";
        for (int i = base - 1; i >= 0 && kept < policy.minKeep(); i--) {
            if (decision[i] == Decision.REMOVE) {
                decision[i] = Decision.KEEP;
                keep[i].add(minimum);
                kept++;
            }
        }

        List<String> holds = holds(s, base, guards, now);
        boolean held = !holds.isEmpty() && !guards.overrideHold();
        int removals = 0;
        String deferred = "deferred: max-delete " + guards.maxDelete() + " reached";
        List<RetentionPlan.Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Decision d = decision[i];
            List<String> reasons;
            if (d == Decision.KEEP) {
                reasons = keep[i].list();
            } else if (held) {
                d = Decision.KEEP;
                List<String> r = new ArrayList<>(holds);
                r.add("otherwise: " + removal[i]);
                reasons = r;
            } else if (guards.maxDelete() != null && removals >= guards.maxDelete()) {
                d = Decision.DEFER;
                reasons = List.of(removal[i], deferred);
            } else {
                removals++;
                reasons = List.of(removal[i]);
            }
            entries.add(new RetentionPlan.Entry(s[i].name(), s[i].time(), d, reasons));
        }
        return new RetentionPlan(host, now, zone, policy, entries, holds, !holds.isEmpty() && guards.overrideHold(),
                guards.maxDelete());
    }

    /** Puts each snapshot before {@code base} into its tier and records the tier's verdict. */
    private static void tiers(SnapshotInfo[] s, int base, RetentionPolicy policy, Instant now, ZoneId zone,
                              Reasons[] keep, String[] removal) {
        List<Tier> tiers = policy.tiers();
        Instant[] starts = new Instant[tiers.size()];
        ZonedDateTime local = now.atZone(zone);
        for (int t = 0; t < tiers.size(); t++) {
            int count = policy.count(tiers.get(t));
            starts[t] = switch (tiers.get(t)) {
                case HOURLY -> now.minus(Duration.ofHours(count));
                case DAILY -> local.minusDays(count).toInstant();
                case WEEKLY -> local.minusWeeks(count).toInstant();
                case MONTHLY -> local.minusMonths(count).toInstant();
                case YEARLY -> local.minusYears(count).toInstant();
            };
        }
        String beyond = tiers.isEmpty()
                ? "not among the last " + policy.keepLast() + " (keep-last " + policy.keepLast() + ")"
                : "older than the " + tiers.getLast().label + " window (" + tiers.getLast().describe(policy.count(tiers.getLast())) + ")";
        List<Set<String>> seen = new ArrayList<>();
        for (int t = 0; t < tiers.size(); t++) {
            seen.add(new HashSet<>());
        }
        for (int i = 0; i < base; i++) {
            Instant time = s[i].time();
            int t = 0;
            while (t < tiers.size() && time.isBefore(starts[t])) {
                t++;
            }
            if (t == tiers.size()) {
                removal[i] = beyond;
                continue;
            }
            Tier tier = tiers.get(t);
            if (tier == Tier.HOURLY) {
                keep[i].add(HOURLY);
                continue;
            }
            String period = period(tier, time.atZone(zone));
            if (seen.get(t).add(period)) {
                keep[i].add("earliest of " + period);
            } else {
                removal[i] = "not the earliest of " + period;
            }
        }
    }

    /** The calendar period a tier keeps one snapshot of: 2026-03-06, week 2026-W10, 2026-03, 2026. */
    static String period(Tier tier, ZonedDateTime t) {
        return switch (tier) {
            case DAILY -> t.toLocalDate().toString();
            case WEEKLY -> {
                int week = t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                yield "week " + t.get(IsoFields.WEEK_BASED_YEAR) + "-W" + (week < 10 ? "0" : "") + week;
            }
            case MONTHLY -> {
                int month = t.getMonthValue();
                yield t.getYear() + "-" + (month < 10 ? "0" : "") + month;
            }
            case YEARLY -> Integer.toString(t.getYear());
            case HOURLY -> throw new IllegalArgumentException("the hourly tier keeps everything");
        };
    }

    private static List<String> holds(SnapshotInfo[] s, int base, Guards guards, Instant now) {
        List<String> holds = new ArrayList<>();
        if (guards.lastRunFailed()) {
            holds.add(HELD_FAILED);
        }
        Duration expected = guards.expectedInterval();
        if (expected != null && base > 0) {
            Duration age = Duration.between(s[base - 1].time(), now);
            if (age.compareTo(expected.multipliedBy(2)) > 0) {
                holds.add("held: newest snapshot is " + age(age) + " old, expected every " + every(expected));
            }
        }
        return holds;
    }

    /** An age for people, rounded down: "3 days", "5 h", "40 min". */
    static String age(Duration d) {
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " h";
        }
        return d.toMinutes() + " min";
    }

    /** An interval for people: "1 h", "2 days", "30 min", "90 s". */
    static String every(Duration d) {
        if (d.toSeconds() % 86_400 == 0) {
            long days = d.toDays();
            return days + (days == 1 ? " day" : " days");
        }
        if (d.toSeconds() % 3_600 == 0) {
            return d.toHours() + " h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }

    private static final Comparator<SnapshotInfo> ORDER = (a, b) -> {
        int c = a.time().compareTo(b.time());
        return c != 0 ? c : a.name().compareTo(b.name());
    };

    /** A snapshot's keep reasons, allocated only when there is one (most snapshots of a long history have none). */
    private static final class Reasons {
        private String first;
        private List<String> more;

        void add(String reason) {
            if (first == null) {
                first = reason;
            } else {
                if (more == null) {
                    more = new ArrayList<>(3);
                    more.add(first);
                }
                more.add(reason);
            }
        }

        boolean isEmpty() {
            return first == null;
        }

        List<String> list() {
            return more != null ? more : first != null ? List.of(first) : List.of();
        }
    }
}
