package dev.pullback.retention;

import dev.pullback.Printable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What retention would do to one host, and why: a value to print (dry-run), serialise (API) or
 * hand to {@link RetentionApplier}. Made only by {@link RetentionPlanner#plan}.
 *
 * @param host           the host whose snapshots these are (apply refuses another host's layout)
 * @param now            the instant the plan was made for
 * @param zone           the zone days, weeks, months and years were counted in
 * @param policy         the effective policy (global merged with the host's override)
 * @param entries        every snapshot, oldest first by its time, each with a decision and reasons
 * @param holds          why the host is held ({@code held: ...}); empty when it is not
 * @param holdOverridden the holds were overridden by an admin: removals go ahead anyway
 * @param maxDelete      the bound one apply was planned with, or null
 */
public record RetentionPlan(
        String host,
        Instant now,
        ZoneId zone,
        RetentionPolicy policy,
        List<Entry> entries,
        List<String> holds,
        boolean holdOverridden,
        Integer maxDelete) {

    public RetentionPlan {
        Objects.requireNonNull(host, "host");
        entries = List.copyOf(entries);
        holds = List.copyOf(holds);
    }

    /**
     * One snapshot's fate.
     *
     * @param reasons why, most important first; never empty
     */
    public record Entry(String name, Instant time, Decision decision, List<String> reasons) {
        public Entry {
            reasons = List.copyOf(reasons);
        }
    }

    /** True when nothing is removed because the host is held (and no override was given). */
    public boolean held() {
        return !holds.isEmpty() && !holdOverridden;
    }

    /** What apply removes, oldest first. */
    public List<Entry> toRemove() {
        return with(Decision.REMOVE);
    }

    public List<Entry> kept() {
        return with(Decision.KEEP);
    }

    public List<Entry> deferred() {
        return with(Decision.DEFER);
    }

    public List<Entry> with(Decision d) {
        return entries.stream().filter(e -> e.decision() == d).toList();
    }

    public int count(Decision d) {
        return (int) entries.stream().filter(e -> e.decision() == d).count();
    }

    /** e.g. {@code keep 930, remove 12, defer 0}. */
    public String summary() {
        return "keep " + count(Decision.KEEP) + ", remove " + count(Decision.REMOVE) + ", defer " + count(Decision.DEFER);
    }

    /** The header and one row per snapshot: snapshot, decision, reasons. */
    public String table() {
        return render(false);
    }

    /**
     * The header and one row per run of consecutive snapshots with the same decision and reasons,
     * written {@code first .. last (n)}: the hourly window's 720 snapshots make one row. Nothing
     * is lost: every snapshot is in exactly one row, in order.
     */
    public String compactTable() {
        return render(true);
    }

    /** Lines before the table: host, time, policy, holds, bound, counts. */
    public List<String> header() {
        List<String> out = new ArrayList<>();
        out.add("retention plan for " + Printable.escape(host) + " at " + now + " (" + zone.getId() + ")");
        out.add("policy: " + policy.describe());
        for (String h : holds) {
            out.add(holdOverridden ? "hold overridden by request: " + h : h + "; nothing is removed");
        }
        if (maxDelete != null) {
            out.add("max-delete: " + maxDelete);
        }
        out.add(summary());
        return out;
    }

    private String render(boolean compact) {
        List<String[]> rows = new ArrayList<>();
        int i = 0;
        while (i < entries.size()) {
            Entry first = entries.get(i);
            int j = i + 1;
            if (compact) {
                while (j < entries.size() && entries.get(j).decision() == first.decision()
                        && entries.get(j).reasons().equals(first.reasons())) {
                    j++;
                }
            }
            String name = Printable.escape(first.name());
            if (j - i > 1) {
                name = name + " .. " + Printable.escape(entries.get(j - 1).name()) + " (" + (j - i) + ")";
            }
            rows.add(new String[] {name, first.decision().label(), String.join("; ", first.reasons())});
            i = j;
        }
        int width = "snapshot".length();
        for (String[] r : rows) {
            width = Math.max(width, r[0].length());
        }
        StringBuilder b = new StringBuilder();
        for (String line : header()) {
            b.append(line).append('\n');
        }
        b.append('\n');
        row(b, width, "snapshot", "decision", "reasons");
        for (String[] r : rows) {
            row(b, width, r[0], r[1], r[2]);
        }
        return b.toString();
    }

    private static void row(StringBuilder b, int width, String name, String decision, String reasons) {
        b.append(name);
        b.append(" ".repeat(width - name.length() + 2));
        b.append(decision);
        b.append(" ".repeat(Math.max(1, 10 - decision.length())));
        b.append(reasons).append('\n');
    }
}
