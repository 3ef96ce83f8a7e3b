package dev.pullback.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Interval slots: aligned to the wall clock of the zone, daylight saving included. */
class IntervalTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static List<Instant> slots(Interval interval, ZoneId zone, String from, int n) {
        List<Instant> out = new ArrayList<>();
        Instant t = Instant.parse(from);
        for (int i = 0; i < n; i++) {
            t = interval.next(t, zone);
            out.add(t);
        }
        return out;
    }

    @Test
    void hourlyIsAtEveryFullHourNotDriftingFromTheStart() {
        assertThat(slots(new Interval(1), BERLIN, "2026-03-06T08:20:13Z", 3)).containsExactly(
                Instant.parse("2026-03-06T09:00:00Z"), Instant.parse("2026-03-06T10:00:00Z"), Instant.parse("2026-03-06T11:00:00Z"));
        // exactly on a slot: the next one
        assertThat(new Interval(1).next(Instant.parse("2026-03-06T09:00:00Z"), BERLIN)).isEqualTo(Instant.parse("2026-03-06T10:00:00Z"));
        // a zone with a half-hour offset: :00 on its wall clock
        assertThat(new Interval(1).next(Instant.parse("2026-03-06T08:20:00Z"), ZoneId.of("Asia/Kolkata")))
                .isEqualTo(Instant.parse("2026-03-06T08:30:00Z"));
    }

    @Test
    void fourHourlyIsAtMidnightFourEightOnTheWallClock() {
        assertThat(slots(new Interval(4), BERLIN, "2026-03-06T08:20:00Z", 3)).extracting(i -> i.atZone(BERLIN).getHour())
                .containsExactly(12, 16, 20);
    }

    @Test
    void hourlyOverSpringForwardKeepsOneRunPerRealHour() {
        // 01:00 CET, then 02:00 does not exist (it is 03:00 CEST), 04:00 CEST
        assertThat(slots(new Interval(1), BERLIN, "2026-03-28T23:30:00Z", 4)).containsExactly(
                Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T01:00:00Z"),
                Instant.parse("2026-03-29T02:00:00Z"), Instant.parse("2026-03-29T03:00:00Z"));
    }

    @Test
    void hourlyOverFallBackRunsTheRepeatedHourOnce() {
        // 01:00 CEST, 02:00 CEST, (02:00 CET is the same wall-clock slot: not again), 03:00 CET
        List<Instant> runs = slots(new Interval(1), BERLIN, "2026-10-24T22:30:00Z", 4);
        assertThat(runs).containsExactly(
                Instant.parse("2026-10-24T23:00:00Z"), Instant.parse("2026-10-25T00:00:00Z"),
                Instant.parse("2026-10-25T02:00:00Z"), Instant.parse("2026-10-25T03:00:00Z"));
        assertThat(Duration.between(runs.get(1), runs.get(2))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void fourHourlyOverDaylightSavingStaysOnTheWallClock() {
        assertThat(slots(new Interval(4), BERLIN, "2026-03-28T22:30:00Z", 3)).containsExactly(
                Instant.parse("2026-03-28T23:00:00Z"),   // 00:00 CET
                Instant.parse("2026-03-29T02:00:00Z"),   // 04:00 CEST: three real hours later
                Instant.parse("2026-03-29T06:00:00Z"));
        assertThat(slots(new Interval(4), BERLIN, "2026-10-24T21:30:00Z", 2)).containsExactly(
                Instant.parse("2026-10-24T22:00:00Z"),   // 00:00 CEST
                Instant.parse("2026-10-25T03:00:00Z"));  // 04:00 CET: five real hours later
    }

    @Test
    void intervalsThatDoNotDivideADayCountRealHoursFromTheEpoch() {
        assertThat(slots(new Interval(5), BERLIN, "2026-03-06T08:20:00Z", 2)).containsExactly(
                Instant.parse("2026-03-06T13:00:00Z"), Instant.parse("2026-03-06T18:00:00Z"));
        assertThat(new Interval(5).describe()).isEqualTo("every 5 hours");
        assertThat(new Interval(4).describe()).isEqualTo("every 4 hours (at 00:00, 04:00, ...)");
        assertThat(new Interval(1).trigger()).isEqualTo("interval[1:00:00]");
        assertThatThrownBy(() -> new Interval(0)).hasMessage("an interval must be at least 1 hour, not 0");
    }
}
