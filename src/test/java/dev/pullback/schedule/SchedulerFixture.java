package dev.pullback.schedule;

import static org.awaitility.Awaitility.await;


import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.job.JobLauncher;
import dev.pullback.testing.TestContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real pullback context (SQLite in a temp data dir unless a database URL is given) with the
 * test's clock and a {@code @Primary} job launcher, optionally with its scheduler running
 * ({@code pullback.scheduler.enabled=true}, the way {@code serve} starts it) and polling fast.
 */
public final class SchedulerFixture implements AutoCloseable {
    public final ConfigurableApplicationContext context;
    public final ScheduleService service;
    public final ScheduleRunner runner;

    private SchedulerFixture(ConfigurableApplicationContext context) {
        this.context = context;
        this.service = context.getBean(ScheduleService.class);
        this.runner = context.getBean(ScheduleRunner.class);
    }

    /** A context whose scheduler is not started. */
    public static SchedulerFixture idle(Path dataDir, Clock clock, JobLauncher launcher, String... properties) {
        return new SchedulerFixture(start(dataDir, clock, launcher, properties));
    }

    /** A context whose scheduler starts with it and polls every 50 ms. */
    public static SchedulerFixture running(Path dataDir, Clock clock, JobLauncher launcher, String... properties) {
        List<String> props = new ArrayList<>(List.of("pullback.scheduler.enabled=true", "pullback.scheduler.poll-interval=50ms",
                "pullback.scheduler.shutdown-max-wait=5s"));
        props.addAll(List.of(properties));
        return new SchedulerFixture(start(dataDir, clock, launcher, props.toArray(String[]::new)));
    }

    /** Like {@code testing.TestContext.start}, plus the launcher registered as the primary {@link JobLauncher}. */
    public static ConfigurableApplicationContext start(Path dataDir, Clock clock, JobLauncher launcher, String... properties) {
        return TestContext.start(dataDir, clock,
                ctx -> ctx.registerBean("testJobLauncher", JobLauncher.class, () -> launcher, bd -> bd.setPrimary(true)),
                properties);
    }

    public SchedulerFixture hosts(String... names) {
        HostService hosts = context.getBean(HostService.class);
        for (String n : names) {
            hosts.configure(n, HostChanges.none());
        }
        return this;
    }

    public JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    /** The stored next execution of a task instance. */
    public Optional<Instant> next(String task, String instance) {
        return context.getBean(SchedulerStore.class).client().getScheduledExecution(TaskInstanceId.of(task, instance))
                .map(ScheduledExecution::getExecutionTime);
    }

    /**
     * Lets the running schedulers poll now and waits until each has run everything due at the
     * clock's current time (the clock does not move meanwhile).
     */
    public static void settle(Clock clock, SchedulerFixture... fixtures) {
        Instant due = clock.instant();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            boolean idle = true;
            for (SchedulerFixture f : fixtures) {
                f.runner.checkNow();
                idle &= f.runner.idle(due);
            }
            return idle;
        });
    }

    @Override
    public void close() {
        context.close();
    }
}
