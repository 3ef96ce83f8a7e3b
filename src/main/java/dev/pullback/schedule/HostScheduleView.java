package dev.pullback.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A host's schedule with its next fire times in the configured zone (none when disabled). */
public record HostScheduleView(HostSchedule schedule, ZoneId zone, List<Instant> nextRuns) {
    public HostScheduleView {
        nextRuns = List.copyOf(nextRuns);
    }
}
