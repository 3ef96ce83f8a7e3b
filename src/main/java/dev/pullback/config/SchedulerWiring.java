package dev.pullback.config;

import dev.pullback.host.HostService;
import dev.pullback.job.JobLauncher;
import dev.pullback.schedule.Interval;
import dev.pullback.schedule.ScheduleRepository;
import dev.pullback.schedule.ScheduleRunner;
import dev.pullback.schedule.ScheduleService;
import dev.pullback.schedule.ScheduleTasks;
import dev.pullback.schedule.ScheduledJobs;
import dev.pullback.schedule.SchedulerSettings;
import dev.pullback.schedule.SchedulerStore;
import dev.pullback.settings.SettingsService;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduler's beans. All of them are cheap and start nothing, except {@link ScheduleRunner}
 * when {@code pullback.scheduler.enabled=true}: then the db-scheduler {@code Scheduler} starts
 * with the context (in {@code pullback serve}) and stops with it. {@code pullback scheduler}
 * starts it itself. Every other command and test leaves the property at its default, false.
 *
 * <p>db-scheduler's own Spring Boot auto-configuration is switched off
 * ({@code db-scheduler.enabled=false} in application.properties): it would start a scheduler in
 * every context, the CLI's included.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerWiring {

    @Bean
    SchedulerSettings schedulerSettings(@Value("${pullback.scheduler.enabled:false}") boolean enabled,
                                        @Value("${pullback.scheduler.poll-interval:10s}") Duration pollInterval,
                                        @Value("${pullback.scheduler.threads:4}") int threads,
                                        @Value("${pullback.scheduler.shutdown-max-wait:30s}") Duration shutdownMaxWait) {
        return new SchedulerSettings(enabled, pollInterval, threads, shutdownMaxWait);
    }

    /**
     * The job launcher is looked up when a slot fires (main provides it: the job service), so
     * contexts that never fire one (most CLI commands) need none. With several candidates the
     * {@code @Primary} one wins (tests register a recording launcher that way).
     */
    @Bean
    ScheduledJobs scheduledJobs(ObjectProvider<JobLauncher> launcher, HostService hosts, ScheduleRepository schedules) {
        return new ScheduledJobs(launcher::getObject, hosts, schedules);
    }

    @Bean
    ScheduleTasks scheduleTasks(ScheduledJobs jobs, ScheduleRepository schedules, SettingsService settings,
                                PullbackProperties props) {
        return new ScheduleTasks(jobs, schedules, () -> settings.current().zone(),
                interval("pullback.snapshot-interval-hours (SNAPSHOT_INTERVAL_HOURS)", props.snapshotIntervalHours()),
                interval("pullback.tar-interval-hours (TAR_INTERVAL_HOURS)", props.tarIntervalHours()));
    }

    @Bean
    SchedulerStore schedulerStore(DataSource dataSource, ScheduleTasks tasks) {
        return new SchedulerStore(dataSource, tasks);
    }

    @Bean
    ScheduleService scheduleService(ScheduleRepository repo, HostService hosts, ScheduleTasks tasks, ScheduledJobs jobs,
                                    SchedulerStore store, Clock clock) {
        return new ScheduleService(repo, hosts, tasks, jobs, store, clock);
    }

    @Bean
    ScheduleRunner scheduleRunner(SchedulerStore store, ScheduleTasks tasks, ScheduleService service, Clock clock,
                                  SchedulerSettings settings) {
        return new ScheduleRunner(store, tasks, service, clock, settings);
    }

    private static Interval interval(String property, int hours) {
        if (hours < 1) {
            throw new IllegalStateException(property + " must be at least 1 (hours), not " + hours);
        }
        return new Interval(hours);
    }
}
