package dev.pullback.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * "Every N hours" (Backup Manager's SNAPSHOT_INTERVAL_HOURS and TAR_INTERVAL_HOURS), aligned
 * rather than drifting: slots do not move with start-up times, job durations or restarts, so
 * two scheduler processes agree on them and a slot is a name ("the 09:00 run").
 *
 * <ul>
 * <li>N divides 24 (1, 2, 3, 4, 6, 8, 12, 24): at :00 of every hour divisible by N on the wall
 *     clock of the configured zone (hourly: 00:00, 01:00, ...; 4 hours: 00:00, 04:00, 08:00,
 *     ...). This is the cron {@code 0 0 *}{@code /N * * *}, with {@link Cron}'s daylight-saving
 *     rule: on fall-back day the repeated hour runs once (so one hourly gap is two real hours;
 *     a second run would produce a snapshot name that already exists), on spring-forward day the
 *     missing hour coincides with the next one.</li>
 * <li>Any other N (5, 7, 36, ...): every N real hours counted from 1970-01-01T00:00Z, since no
 *     wall-clock pattern repeats evenly.</li>
 * </ul>
 */
public record Interval(int hours) {
    public Interval {
        if (hours < 1) {
            throw new IllegalArgumentException("an interval must be at least 1 hour, not " + hours);
        }
    }

    public boolean alignedToDay() {
        return 24 % hours == 0;
    }

    /** The first slot strictly after {@code after}. */
    public Instant next(Instant after, ZoneId zone) {
        if (alignedToDay()) {
            return Cron.parse(hours == 24 ? "0 0 0 * * *" : "0 0 */" + hours + " * * *").next(after, zone);
        }
        long period = Duration.ofHours(hours).toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(after.getEpochSecond(), period) * period + period);
    }

    /** APScheduler's rendering of an interval trigger, as Backup Manager's /api/schedule showed it. */
    public String trigger() {
        return "interval[" + hours + ":00:00]";
    }

    public String describe() {
        if (hours == 1) {
            return "every hour at :00";
        }
        return alignedToDay() ? "every " + hours + " hours (at 00:00, " + String.format("%02d", hours) + ":00, ...)"
                : "every " + hours + " hours";
    }
}
