package dev.pullback.schedule;

import java.time.Instant;

/**
 * A host's own schedule: its snapshot job runs at these cron times instead of with the
 * interval job.
 *
 * @param cron    as validated by {@link Cron#parse}
 * @param prune   apply the host's retention after a successful scheduled snapshot
 * @param enabled a disabled schedule is kept but ignored: the host goes back to the interval job
 */
public record HostSchedule(String host, String cron, boolean prune, boolean enabled, Instant createdAt, Instant updatedAt) {
}
