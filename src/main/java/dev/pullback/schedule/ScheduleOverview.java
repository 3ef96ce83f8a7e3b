package dev.pullback.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Every scheduled job, as of {@code now}, in the configured zone. */
public record ScheduleOverview(ZoneId zone, Instant now, List<ScheduledJob> jobs) {
    public ScheduleOverview {
        jobs = List.copyOf(jobs);
    }
}
