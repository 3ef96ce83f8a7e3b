package dev.pullback.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullback.InvalidInputException;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cron validation and fire times, daylight saving included; pure functions of their inputs. */
class CronTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2026-03-06T08:00:00Z");

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            15 2 * * *           | 2026-03-07T02:15+01:00[Europe/Berlin]
            '  15   2 * * * '    | 2026-03-07T02:15+01:00[Europe/Berlin]
            */15 * * * *         | 2026-03-06T09:15+01:00[Europe/Berlin]
            0 3 * * MON-FRI      | 2026-03-09T03:00+01:00[Europe/Berlin]
            0 3 * * 0            | 2026-03-08T03:00+01:00[Europe/Berlin]
            0 3 * * 7            | 2026-03-08T03:00+01:00[Europe/Berlin]
            0 4 1 * *            | 2026-04-01T04:00+02:00[Europe/Berlin]
            0 4 * * MON#1        | 2026-04-06T04:00+02:00[Europe/Berlin]
            0 0 29 2 *           | 2028-02-29T00:00+01:00[Europe/Berlin]
            @hourly              | 2026-03-06T10:00+01:00[Europe/Berlin]
            @daily               | 2026-03-07T00:00+01:00[Europe/Berlin]
            @DAILY               | 2026-03-07T00:00+01:00[Europe/Berlin]
            @midnight            | 2026-03-07T00:00+01:00[Europe/Berlin]
            @weekly              | 2026-03-08T00:00+01:00[Europe/Berlin]
            @monthly             | 2026-04-01T00:00+02:00[Europe/Berlin]
            @yearly              | 2027-01-01T00:00+01:00[Europe/Berlin]
            30 15 2 * * *        | 2026-03-07T02:15:30+01:00[Europe/Berlin]
            0 0 12 ? * SAT       | 2026-03-07T12:00+01:00[Europe/Berlin]
            0 0 12 1 * ?         | 2026-04-01T12:00+02:00[Europe/Berlin]
            0 0 12 L * *         | 2026-03-31T12:00+02:00[Europe/Berlin]
            """)
    void goodExpressionsParseAndFire(String text, String next) {
        Cron cron = Cron.parse(text);
        assertThat(cron.next(NOW, BERLIN)).isEqualTo(ZonedDateTime.parse(next).toInstant());
    }

    @Resilience(item = ResilienceItem.INVALID_CRON, behaviour = "refused with one line naming the field and why (field count, ranges, steps, unknown macros, day-of-month with day-of-week, never firing)")
    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                 | cron: is empty: give 5 fields (minute hour day-of-month month day-of-week)
            ''                   | cron: is empty
            '   '                | cron: is empty
            * * * * * *          | cron: "* * * * * *" fires every second: a schedule may fire at most once a minute
            */30 * * * * *       | cron: "*/30 * * * * *" fires 2 times a minute
            0,1,2 0 * * * *      | cron: "0,1,2 0 * * * *" fires 3 times a minute
            0 0 30 2 *           | cron: "0 0 30 2 *" never fires: no date matches it (check day-of-month against month: there is no February 30)
            0 0 31 4 *           | cron: "0 0 31 4 *" never fires
            0 0 0 29 2 *         | NONE
            banana               | cron: "banana" has 1 field: expected 5 (minute hour day-of-month month day-of-week) or 6 (a seconds field first)
            15 2 * *             | cron: "15 2 * *" has 4 fields: expected 5
            0 0 15 2 * * * 2027  | cron: "0 0 15 2 * * * 2027" has 8 fields
            0 0 15 2 * * *       | cron: "0 0 15 2 * * *" has 7 fields
            a 2 * * *            | cron: "a 2 * * *": the minute field 'a' is not valid (minute: 0-59; lists 1,15, ranges 1-5 and steps */10 are allowed)
            60 2 * * *           | cron: "60 2 * * *": the minute field '60' is not valid
            15 25 * * *          | cron: "15 25 * * *": the hour field '25' is not valid (hour: 0-23;
            15 2 32 * *          | cron: "15 2 32 * *": the day-of-month field '32' is not valid
            15 2 * 13 *          | cron: "15 2 * 13 *": the month field '13' is not valid (month: 1-12 or JAN-DEC;
            15 2 * * 8           | cron: "15 2 * * 8": the day-of-week field '8' is not valid
            15 2 * * FUNDAY      | cron: "15 2 * * FUNDAY": the day-of-week field 'FUNDAY' is not valid
            */0 * * * *          | cron: "*/0 * * * *": the minute field '*/0' is not valid
            5-1 * * * *          | cron: "5-1 * * * *": the minute field '5-1' is not valid
            61 0 * * * *         | cron: "61 0 * * * *": the second field '61' is not valid
            0 3 1 * MON          | cron: "0 3 1 * MON" restricts both day-of-month ('1') and day-of-week ('MON'): classic cron runs when either matches
            @reboot              | cron: '@reboot' is not a known macro: use @hourly, @daily, @weekly, @monthly or @yearly, or 5 fields
            @every 5m            | cron: '@every 5m' is not a known macro
            """)
    void badExpressionsAreRejectedSayingWhy(String text, String message) {
        if (message.equals("NONE")) {
            // Feb 29 is valid syntax but 2028 is more than a year away from 2026-03-06
            assertThatThrownBy(() -> Cron.validate(text, BERLIN, NOW)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("cron: \"0 0 0 29 2 *\" does not fire within a year from now (next: 2028-02-29T00:00)");
            return;
        }
        assertThatThrownBy(() -> Cron.validate(text, BERLIN, NOW))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("cron"))
                .message().startsWith(message).doesNotContain("\n");
    }

    @Resilience(item = ResilienceItem.INVALID_CRON, what = "control characters, 200+ characters", behaviour = "control characters escaped in the message; overlong expressions refused")
    @Test
    void controlCharactersAreEscapedInTheMessage() {
        assertThatThrownBy(() -> Cron.parse("15 2\u001b[31m * * *")).hasMessageContaining("\\x1b[31m");
        assertThatThrownBy(() -> Cron.parse("1 ".repeat(101))).hasMessage("cron: is longer than 200 characters");
    }

    @Test
    void nextRunsAreTheNextFiveStrictlyAfterFrom() {
        assertThat(Cron.nextRuns("15 2 * * *", BERLIN, Instant.parse("2026-03-07T01:15:00Z"), 5)).containsExactly(
                Instant.parse("2026-03-08T01:15:00Z"), Instant.parse("2026-03-09T01:15:00Z"),
                Instant.parse("2026-03-10T01:15:00Z"), Instant.parse("2026-03-11T01:15:00Z"),
                Instant.parse("2026-03-12T01:15:00Z"));
        assertThat(Cron.nextRuns("15 2 * * *", ZoneId.of("UTC"), NOW, 2)).containsExactly(
                Instant.parse("2026-03-07T02:15:00Z"), Instant.parse("2026-03-08T02:15:00Z"));
        assertThat(Cron.nextRuns("0 0 0 30 2 *", BERLIN, NOW, 5)).isEmpty();
    }

    /** Spring-forward: 2026-03-29 02:00 CET becomes 03:00 CEST; 02:30 does not exist that day. */
    @Test
    void dailyJobInTheSpringForwardGapRunsOnceThatDayAtTheShiftedTime() {
        List<Instant> runs = Cron.nextRuns("30 2 * * *", BERLIN, Instant.parse("2026-03-27T12:00:00Z"), 4);
        assertThat(runs).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"),   // 02:30 CET
                Instant.parse("2026-03-29T01:30:00Z"),   // 02:30 does not exist: 03:30 CEST, one hour later on the wall clock
                Instant.parse("2026-03-30T00:30:00Z"),   // 02:30 CEST
                Instant.parse("2026-03-31T00:30:00Z"));
        assertThat(runs.get(1).atZone(BERLIN).toLocalTime()).hasToString("03:30");
        // Spring's own ZonedDateTime arithmetic would skip March 29 altogether:
        assertThat(Cron.parse("30 2 * * *").expression().next(Instant.parse("2026-03-28T12:00:00Z").atZone(BERLIN)))
                .isEqualTo(ZonedDateTime.parse("2026-03-30T02:30+02:00[Europe/Berlin]"));
    }

    /** Fall-back: 2026-10-25 03:00 CEST becomes 02:00 CET; 02:30 happens twice. */
    @Test
    void dailyJobInTheRepeatedFallBackHourRunsOnceAtItsFirstOccurrence() {
        List<Instant> runs = Cron.nextRuns("30 2 * * *", BERLIN, Instant.parse("2026-10-23T12:00:00Z"), 4);
        assertThat(runs).containsExactly(
                Instant.parse("2026-10-24T00:30:00Z"),   // 02:30 CEST
                Instant.parse("2026-10-25T00:30:00Z"),   // 02:30 CEST, the first 02:30; not again at 02:30 CET
                Instant.parse("2026-10-26T01:30:00Z"),   // 02:30 CET
                Instant.parse("2026-10-27T01:30:00Z"));
        // Asked from between the two 02:30s (02:45 CEST): the second 02:30 is not a new run.
        assertThat(Cron.parse("30 2 * * *").next(Instant.parse("2026-10-25T00:45:00Z"), BERLIN))
                .isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
        // Spring's own arithmetic would run twice:
        ZonedDateTime first = Cron.parse("30 2 * * *").expression().next(Instant.parse("2026-10-24T12:00:00Z").atZone(BERLIN));
        assertThat(Cron.parse("30 2 * * *").expression().next(first).toInstant()).isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
    }

    @Test
    void timesInAGapThatCoincideWithALaterMatchAreOneRunAndOrderIsKept() {
        // 02:30 (gap, shifted to 03:30 CEST) and 03:30 are the same instant: one run
        assertThat(Cron.nextRuns("30 2,3 * * *", BERLIN, Instant.parse("2026-03-28T23:00:00Z"), 2)).containsExactly(
                Instant.parse("2026-03-29T01:30:00Z"), Instant.parse("2026-03-30T00:30:00Z"));
        // 02:50 shifts to 03:50 CEST, after 03:10 CEST: both run, in real-time order
        assertThat(Cron.nextRuns("50 2 * * *", BERLIN, Instant.parse("2026-03-28T23:00:00Z"), 1))
                .containsExactly(Instant.parse("2026-03-29T01:50:00Z"));
        assertThat(Cron.nextRuns("10,50 2,3 * * *", BERLIN, Instant.parse("2026-03-28T23:00:00Z"), 4)).containsExactly(
                Instant.parse("2026-03-29T01:10:00Z"),   // 02:10 -> 03:10 CEST and 03:10 itself
                Instant.parse("2026-03-29T01:50:00Z"),   // 02:50 -> 03:50 CEST and 03:50 itself
                Instant.parse("2026-03-30T00:10:00Z"),
                Instant.parse("2026-03-30T00:50:00Z"));
    }
}
