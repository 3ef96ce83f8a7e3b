package dev.pullback.retention;

import dev.pullback.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which snapshots of a host to keep (DESIGN.md §4). Backup Manager's tiers, widened with
 * restic/pobsync's keep-last, weekly and yearly tiers. A value of this record has passed
 * validation: the constructor refuses a bad one with an {@link InvalidInputException} naming
 * the field as the CLI spells it.
 *
 * <p>Tiers are windows back from "now", each longer than the one before; a snapshot falls into
 * the first (shortest) enabled window that holds it, and in that tier:
 * <ul>
 *   <li>hourly: every snapshot is kept;</li>
 *   <li>daily / weekly / monthly / yearly: the earliest snapshot of each calendar day, ISO week,
 *       month or year (in the configured zone) among that tier's snapshots is kept;</li>
 *   <li>beyond the longest window: removed.</li>
 * </ul>
 * {@code keepLast} keeps the N newest snapshots whatever their tier, and {@code minKeep} is a
 * safety floor applied after everything else. 0 turns a tier (or keep-last) off.
 *
 * @param keepLast      keep the N newest snapshots (0: off)
 * @param hourlyHours   keep all snapshots taken within this many hours (Backup Manager: 720)
 * @param dailyDays     keep the earliest per day within this many days (180)
 * @param weeklyWeeks   keep the earliest per ISO week within this many weeks (0: off)
 * @param monthlyMonths keep the earliest per month within this many months (24)
 * @param yearlyYears   keep the earliest per year within this many years (0: off)
 * @param minKeep       never keep fewer than this many snapshots (at least 1)
 */
public record RetentionPolicy(
        int keepLast,
        int hourlyHours,
        int dailyDays,
        int weeklyWeeks,
        int monthlyMonths,
        int yearlyYears,
        int minKeep) {

    public static final int DEFAULT_HOURLY_HOURS = 720;
    public static final int DEFAULT_DAILY_DAYS = 180;
    public static final int DEFAULT_MONTHLY_MONTHS = 24;
    public static final int DEFAULT_MIN_KEEP = 1;

    /** Upper bounds: a century in every unit; beyond that a number is a typo, not a policy. */
    static final int MAX_HOURS = 876_000;
    static final int MAX_DAYS = 36_500;
    static final int MAX_WEEKS = 5_200;
    static final int MAX_MONTHS = 1_200;
    static final int MAX_YEARS = 100;
    static final int MAX_COUNT = 10_000_000;

    public RetentionPolicy {
        range("keep-last", keepLast, 0, MAX_COUNT);
        range("hourly-hours", hourlyHours, 0, MAX_HOURS);
        range("daily-days", dailyDays, 0, MAX_DAYS);
        range("weekly-weeks", weeklyWeeks, 0, MAX_WEEKS);
        range("monthly-months", monthlyMonths, 0, MAX_MONTHS);
        range("yearly-years", yearlyYears, 0, MAX_YEARS);
        if (minKeep < 1) {
            throw new InvalidInputException("min-keep", "must be at least 1 (the newest snapshot is always kept), got " + minKeep);
        }
        range("min-keep", minKeep, 1, MAX_COUNT);
        if (keepLast == 0 && hourlyHours == 0 && dailyDays == 0 && weeklyWeeks == 0 && monthlyMonths == 0
                && yearlyYears == 0) {
            throw new InvalidInputException("retention", "this policy keeps nothing: set keep-last or at least one of "
                    + "hourly-hours, daily-days, weekly-weeks, monthly-months, yearly-years above 0");
        }
        // Each enabled window must reach further back than the enabled one before it, or its tier is empty.
        Tier previous = null;
        for (Tier t : Tier.values()) {
            int n = t.count(hourlyHours, dailyDays, weeklyWeeks, monthlyMonths, yearlyYears);
            if (n == 0) {
                continue;
            }
            if (previous != null) {
                int p = previous.count(hourlyHours, dailyDays, weeklyWeeks, monthlyMonths, yearlyYears);
                if (t.approxHours(n) <= previous.approxHours(p)) {
                    throw new InvalidInputException(t.field, "the " + t.label + " window (" + t.describe(n)
                            + ") must be longer than the " + previous.label + " window (" + previous.describe(p)
                            + "), or its tier keeps nothing; use 0 to turn it off");
                }
            }
            previous = t;
        }
    }

    /** Backup Manager's defaults: 720 h hourly, 180 days daily, 24 months monthly; min-keep 1. */
    public static RetentionPolicy defaults() {
        return new RetentionPolicy(0, DEFAULT_HOURLY_HOURS, DEFAULT_DAILY_DAYS, 0, DEFAULT_MONTHLY_MONTHS, 0,
                DEFAULT_MIN_KEEP);
    }

    /** This policy with the override's non-null fields on top (validated as a whole). */
    public RetentionPolicy with(PolicyOverride override) {
        return override == null ? this : override.applyTo(this);
    }

    /** One line for people, e.g. {@code hourly 720 h, daily 180 days, monthly 24 months, min-keep 1}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (keepLast > 0) {
            parts.add("keep-last " + keepLast);
        }
        for (Tier t : Tier.values()) {
            int n = t.count(hourlyHours, dailyDays, weeklyWeeks, monthlyMonths, yearlyYears);
            if (n > 0) {
                parts.add(t.label + " " + t.describe(n));
            }
        }
        parts.add("min-keep " + minKeep);
        return String.join(", ", parts);
    }

    /** The enabled tier windows, shortest first. */
    List<Tier> tiers() {
        List<Tier> out = new ArrayList<>();
        for (Tier t : Tier.values()) {
            if (count(t) > 0) {
                out.add(t);
            }
        }
        return out;
    }

    int count(Tier t) {
        return t.count(hourlyHours, dailyDays, weeklyWeeks, monthlyMonths, yearlyYears);
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min) {
            throw new InvalidInputException(field, "must be " + min + " or more" + (min == 0 ? " (0 turns it off)" : "")
                    + ", got " + value);
        }
        if (value > max) {
            throw new InvalidInputException(field, "must be at most " + max + ", got " + value);
        }
    }

    /** The windowed tiers, shortest first. */
    enum Tier {
        HOURLY("hourly-hours", "hourly", "h", "h", 1),
        DAILY("daily-days", "daily", "day", "days", 24),
        WEEKLY("weekly-weeks", "weekly", "week", "weeks", 24 * 7),
        MONTHLY("monthly-months", "monthly", "month", "months", 24 * 365.2425 / 12),
        YEARLY("yearly-years", "yearly", "year", "years", 24 * 365.2425);

        final String field;
        final String label;
        private final String one;
        private final String many;
        private final double hours;

        Tier(String field, String label, String one, String many, double hours) {
            this.field = field;
            this.label = label;
            this.one = one;
            this.many = many;
            this.hours = hours;
        }

        int count(int hourly, int daily, int weekly, int monthly, int yearly) {
            return switch (this) {
                case HOURLY -> hourly;
                case DAILY -> daily;
                case WEEKLY -> weekly;
                case MONTHLY -> monthly;
                case YEARLY -> yearly;
            };
        }

        double approxHours(int n) {
            return n * hours;
        }

        String describe(int n) {
            return n + " " + (n == 1 ? one : many);
        }
    }
}
