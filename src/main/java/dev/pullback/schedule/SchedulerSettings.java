package dev.pullback.schedule;

import java.time.Duration;

/**
 * How the scheduler process runs ({@code pullback.scheduler.*}).
 *
 * @param enabled         start the scheduler with the context: {@code pullback serve} sets it; every
 *                        other command and test leaves it off
 * @param pollInterval    how often the database is asked for due executions
 * @param threads         executions at once (each is a whole job)
 * @param shutdownMaxWait on shutdown, how long running jobs get to finish before they are interrupted
 */
public record SchedulerSettings(boolean enabled, Duration pollInterval, int threads, Duration shutdownMaxWait) {
    public SchedulerSettings {
        if (pollInterval.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("pullback.scheduler.poll-interval must be at least 10ms, not " + pollInterval);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("pullback.scheduler.threads must be at least 1, not " + threads);
        }
    }
}
