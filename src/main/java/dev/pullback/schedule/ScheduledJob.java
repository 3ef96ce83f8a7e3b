package dev.pullback.schedule;

import dev.pullback.job.JobType;
import java.time.Instant;
import java.util.List;

/**
 * One entry of the scheduler's job list (Backup Manager's {@code GET /api/schedule}).
 *
 * @param id          {@code snapshot-interval}, {@code heavy} or {@code host-snapshot:<host>}
 * @param trigger     APScheduler-style: {@code interval[1:00:00]} or {@code cron[15 2 * * *]}
 * @param description the trigger in words
 * @param hosts       the hosts a run covers now
 * @param nextRun     the stored next execution (possibly overdue when no scheduler runs), else the
 *                    next slot; null for a disabled schedule
 * @param running     a scheduler has picked it and the job is running
 */
public record ScheduledJob(String id, String name, JobType type, String trigger, String description, List<String> hosts,
                           boolean prune, boolean enabled, Instant nextRun, boolean running) {
    public ScheduledJob {
        hosts = List.copyOf(hosts);
    }
}
