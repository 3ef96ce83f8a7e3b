package dev.pullback.schedule;

import dev.pullback.InvalidInputException;
import dev.pullback.Printable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.scheduling.support.CronExpression;

/**
 * A validated cron expression and the instants it fires at in a zone.
 *
 * <p>Input is classic 5-field cron ({@code minute hour day-of-month month day-of-week}), a
 * 6-field expression with a leading seconds field, or one of Spring's macros ({@code @hourly},
 * {@code @daily}/{@code @midnight}, {@code @weekly}, {@code @monthly}, {@code @yearly}/{@code @annually}).
 * Parsing and matching are Spring's {@link CronExpression}.
 *
 * <p><b>Time zones and daylight saving.</b> An expression matches <em>wall-clock</em> times in
 * the configured zone, and every matching wall-clock time fires exactly once:
 * <ul>
 * <li>a time that occurs twice (fall-back, e.g. 02:30 on the last Sunday of October in
 *     Europe/Berlin) fires once, at its first occurrence (the earlier offset, CEST);</li>
 * <li>a time that does not exist (spring-forward, 02:30 on the last Sunday of March) fires
 *     once, shifted forward by the length of the gap (03:30 CEST), like
 *     {@link ZonedDateTime#of(LocalDateTime, ZoneId)} resolves it; when that coincides with
 *     another matching time (an hourly job's 03:30) the two are one run.</li>
 * </ul>
 * So a daily job neither runs twice nor loses a day. This differs from Spring's own
 * {@code CronExpression.next(ZonedDateTime)}, which skips a nonexistent time (the 02:30 job
 * does not run on spring-forward day) and fires a repeated one twice (02:30 CEST and 02:30 CET).
 * It also matches the snapshot names, which are wall-clock {@code yyyy-MM-dd_HHmm}: a second
 * run in the repeated hour would produce a name that already exists.
 *
 * @param text       the expression as the user gave it, whitespace normalised
 * @param expression the 6-field form Spring evaluates
 */
public record Cron(String text, CronExpression expression) {
    /** What "never fires" means when validating: not within this long from now. */
    public static final Duration HORIZON = Duration.ofDays(366);
    private static final int MAX_LENGTH = 200;
    private static final Set<String> MACROS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight",
            "@hourly");
    private static final String[] FIELDS = {"second", "minute", "hour", "day-of-month", "month", "day-of-week"};
    private static final String[] RANGES = {"0-59", "0-59", "0-23", "1-31, L or W", "1-12 or JAN-DEC",
            "0-7 or SUN-SAT (0 and 7 are Sunday), MON#2 or 5L"};

    /**
     * Checks the syntax and the rules that do not depend on time, and returns the expression.
     *
     * @throws InvalidInputException (field {@code cron}) saying what is wrong
     */
    public static Cron parse(String input) {
        if (input == null || input.isBlank()) {
            throw invalid("is empty: give 5 fields (minute hour day-of-month month day-of-week), e.g. \"15 2 * * *\", "
                    + "or a macro such as @daily");
        }
        String text = input.strip().replaceAll("\\s+", " ");
        if (text.length() > MAX_LENGTH) {
            throw invalid("is longer than " + MAX_LENGTH + " characters");
        }
        if (text.startsWith("@")) {
            String macro = text.toLowerCase(Locale.ROOT);
            if (!MACROS.contains(macro)) {
                throw invalid("'" + Printable.escape(text) + "' is not a known macro: use @hourly, @daily, @weekly, "
                        + "@monthly or @yearly, or 5 fields");
            }
            return new Cron(macro, CronExpression.parse(macro));
        }
        String[] given = text.split(" ");
        if (given.length != 5 && given.length != 6) {
            throw invalid("\"" + Printable.escape(text) + "\" has " + given.length + " field" + (given.length == 1 ? "" : "s")
                    + ": expected 5 (minute hour day-of-month month day-of-week) or 6 (a seconds field first)");
        }
        String[] fields = new String[6];
        fields[0] = "0";
        System.arraycopy(given, 0, fields, given.length == 5 ? 1 : 0, given.length);
        for (int i = 0; i < fields.length; i++) {
            checkField(text, fields, i);
        }
        if (restricted(fields[3]) && restricted(fields[5])) {
            throw invalid("\"" + Printable.escape(text) + "\" restricts both day-of-month ('" + Printable.escape(fields[3])
                    + "') and day-of-week ('" + Printable.escape(fields[5]) + "'): classic cron runs when either matches, "
                    + "pullback would run only when both do; set one of them to * (for \"the first Monday\" write "
                    + "day-of-week MON#1)");
        }
        CronExpression expression;
        try {
            expression = CronExpression.parse(String.join(" ", fields));
        } catch (IllegalArgumentException e) {
            throw invalid("\"" + Printable.escape(text) + "\" is not valid: " + springReason(e));
        }
        int perMinute = firesPerMinute(fields[0]);
        if (perMinute > 1) {
            throw invalid("\"" + Printable.escape(text) + "\" " + (perMinute == 60 ? "fires every second"
                    : "fires " + perMinute + " times a minute") + ": a schedule may fire at most once a minute "
                    + "(give a single second, e.g. 0, or use 5 fields)");
        }
        return new Cron(text, expression);
    }

    /**
     * {@link #parse} plus the check that it fires within {@link #HORIZON} of {@code now} in
     * {@code zone} (rejects {@code 0 0 30 2 *}: there is no February 30).
     */
    public static Cron validate(String input, ZoneId zone, Instant now) {
        Cron cron = parse(input);
        Instant next = cron.next(now, zone);
        if (next == null) {
            throw invalid("\"" + Printable.escape(cron.text) + "\" never fires: no date matches it "
                    + "(check day-of-month against month: there is no February 30)");
        }
        if (next.isAfter(now.plus(HORIZON))) {
            throw invalid("\"" + Printable.escape(cron.text) + "\" does not fire within a year from now (next: "
                    + next.atZone(zone).toLocalDateTime() + ")");
        }
        return cron;
    }

    /** The next {@code n} fire times strictly after {@code from}, fewer when the expression stops matching. */
    public static List<Instant> nextRuns(String expression, ZoneId zone, Instant from, int n) {
        return parse(expression).nextRuns(zone, from, n);
    }

    public List<Instant> nextRuns(ZoneId zone, Instant from, int n) {
        List<Instant> runs = new ArrayList<>(n);
        Instant t = from;
        while (runs.size() < n) {
            t = next(t, zone);
            if (t == null) {
                break;
            }
            runs.add(t);
        }
        return runs;
    }

    /**
     * The first fire time strictly after {@code after}, or null when none is found (Spring searches
     * a few hundred years). See the class comment for daylight saving.
     */
    public Instant next(Instant after, ZoneId zone) {
        LocalDateTime candidate = LocalDateTime.ofInstant(after, zone);
        Instant best = null;
        LocalDateTime bestWallClock = null;
        // Wall-clock candidates come in order; their instants do too, except that a time in a
        // gap is shifted forward and may land after a later candidate. Once a candidate's wall
        // clock is past the best instant's wall clock, nothing later can be earlier.
        for (int i = 0; i < 10_000; i++) {
            candidate = expression.next(candidate);
            if (candidate == null || bestWallClock != null && candidate.isAfter(bestWallClock)) {
                break;
            }
            Instant at = ZonedDateTime.ofLocal(candidate, zone, null).toInstant();
            if (at.isAfter(after) && (best == null || at.isBefore(best))) {
                best = at;
                bestWallClock = LocalDateTime.ofInstant(at, zone);
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return text;
    }

    private static void checkField(String text, String[] fields, int index) {
        String[] probe = {"0", "*", "*", "*", "*", "*"};
        probe[index] = fields[index];
        try {
            CronExpression.parse(String.join(" ", probe));
        } catch (IllegalArgumentException e) {
            throw invalid("\"" + Printable.escape(text) + "\": the " + FIELDS[index] + " field '"
                    + Printable.escape(fields[index]) + "' is not valid (" + FIELDS[index] + ": " + RANGES[index]
                    + "; lists 1,15, ranges 1-5 and steps */10 are allowed)");
        }
    }

    private static boolean restricted(String field) {
        return !"*".equals(field) && !"?".equals(field);
    }

    /** How many times one minute's worth of the seconds field fires. */
    private static int firesPerMinute(String seconds) {
        CronExpression probe = CronExpression.parse(seconds + " * * * * *");
        LocalDateTime minute = LocalDateTime.of(2000, 1, 1, 0, 0);
        LocalDateTime t = minute.minusNanos(1);
        int count = 0;
        while ((t = probe.next(t)) != null && t.isBefore(minute.plusMinutes(1))) {
            count++;
        }
        return count;
    }

    private static String springReason(IllegalArgumentException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int cut = m.indexOf(" in cron expression");
        return Printable.escape(cut > 0 ? m.substring(0, cut) : m);
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("cron", message);
    }
}
