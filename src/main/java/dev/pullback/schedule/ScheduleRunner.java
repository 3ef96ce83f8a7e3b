package dev.pullback.schedule;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the db-scheduler {@link Scheduler} of this process. It exists in every context but builds
 * and starts a scheduler only when asked: with the context when {@link SchedulerSettings#enabled}
 * ({@code pullback serve}), or by {@code pullback scheduler}. It stops with the context: running
 * jobs get {@link SchedulerSettings#shutdownMaxWait} to finish, then their threads are interrupted.
 *
 * <p>The scheduler's clock is pullback's injected {@link Clock}, so tests move time by hand.
 */
public class ScheduleRunner implements SmartLifecycle {
    /** db-scheduler's picked_by column is VARCHAR(50). */
    private static final int NAME_LENGTH = 50;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);

    private final SchedulerStore store;
    private final ScheduleTasks tasks;
    private final ScheduleService service;
    private final Clock clock;
    private final SchedulerSettings settings;
    private final Set<String> taskNames;
    private final AtomicInteger completed = new AtomicInteger();
    private volatile Scheduler scheduler;
    private volatile String name;
    private volatile CountDownLatch stopped = new CountDownLatch(1);

    public ScheduleRunner(SchedulerStore store, ScheduleTasks tasks, ScheduleService service, Clock clock,
                          SchedulerSettings settings) {
        this.store = store;
        this.tasks = tasks;
        this.service = service;
        this.clock = clock;
        this.settings = settings;
        this.taskNames = tasks.all().stream().map(t -> t.getName()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Builds and starts the scheduler: brings the host executions in line with the schedules,
     * creates the interval and heavy executions on first start (or moves them when the interval
     * or the zone changed), then polls every {@code pollInterval}.
     */
    public synchronized Scheduler startScheduler(Duration pollInterval) {
        if (scheduler != null) {
            throw new IllegalStateException("the scheduler is running already");
        }
        try {
            service.resync();
        } catch (RuntimeException e) {
            log.warn("could not bring host schedules in line with scheduled_tasks (retried at the next start): {}", e.toString());
        }
        List<RecurringTask<Void>> recurring = tasks.all().stream().filter(t -> t instanceof RecurringTask<?>)
                .map(t -> {
                    @SuppressWarnings("unchecked")
                    RecurringTask<Void> r = (RecurringTask<Void>) t;
                    return r;
                }).toList();
        name = schedulerName();
        stopped = new CountDownLatch(1);
        Scheduler s = Scheduler.create(store.dataSource(), List.of(tasks.hostTask()))
                .startTasks(recurring)
                .jdbcCustomization(store.jdbc())
                .clock(clock::instant)
                .schedulerName(new SchedulerName.Fixed(name))
                .threads(settings.threads())
                .pollingInterval(pollInterval)
                .shutdownMaxWait(settings.shutdownMaxWait())
                .addSchedulerListener(new AbstractSchedulerListener() {
                    @Override
                    public void onExecutionComplete(ExecutionComplete complete) {
                        completed.incrementAndGet();
                    }
                })
                .build();
        s.start();
        scheduler = s;
        log.info("scheduler {} started: polling every {}s, zone {}; interval snapshots {}, heavy job {}", name,
                pollInterval.toMillis() / 1000.0, tasks.zone(), tasks.snapshotInterval().describe(),
                tasks.heavyInterval().describe());
        return s;
    }

    /** {@code pullback scheduler --loop}: runs until {@link #stop()} (the context closing on SIGTERM or Ctrl-C). */
    public void runUntilStopped(Duration pollInterval) throws InterruptedException {
        CountDownLatch latch;
        synchronized (this) {
            startScheduler(pollInterval);
            latch = stopped;
        }
        latch.await();
    }

    /**
     * {@code pullback scheduler} without {@code --loop}: runs what is due now (each job to its
     * end), then stops. For a cron-driven setup ({@code * * * * * pullback scheduler}).
     *
     * @return how many executions ran
     */
    public int runDueOnce() throws InterruptedException {
        Instant dueBy = clock.instant();
        int before = completed.get();
        Scheduler s = startScheduler(Duration.ofSeconds(1));
        try {
            while (!idle(dueBy)) {
                s.triggerCheckForDueExecutions();
                Thread.sleep(200);
            }
        } finally {
            stop();
        }
        return completed.get() - before;
    }

    /**
     * Nothing of ours is left to do: no execution due by {@code dueBy} waits to be picked, and
     * none picked by this scheduler is still running. (Executions of unknown tasks and those
     * picked by another process do not count.)
     */
    public boolean idle(Instant dueBy) {
        String me = name;
        for (ScheduledExecution<Object> e : store.client().getScheduledExecutions(ScheduledExecutionsFilter.all())) {
            if (!taskNames.contains(e.getTaskInstance().getTaskName())) {
                continue;
            }
            if (e.isPicked() ? e.getPickedBy() != null && e.getPickedBy().equals(me) : !e.getExecutionTime().isAfter(dueBy)) {
                return false;
            }
        }
        return true;
    }

    /** Asks the running scheduler to poll now instead of at the end of its interval. */
    public void checkNow() {
        Scheduler s = scheduler;
        if (s != null) {
            s.triggerCheckForDueExecutions();
        }
    }

    public Optional<Scheduler> scheduler() {
        return Optional.ofNullable(scheduler);
    }

    /** This process's scheduler name (db-scheduler's picked_by), while one runs. */
    public Optional<String> name() {
        return Optional.ofNullable(scheduler == null ? null : name);
    }

    /** Executions completed by this process's schedulers so far. */
    public int completed() {
        return completed.get();
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    @Override
    public void start() {
        startScheduler(settings.pollInterval());
    }

    @Override
    public void stop() {
        Scheduler s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            log.info("scheduler {} stopping", name);
            s.stop();
        }
        stopped.countDown();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    private static String schedulerName() {
        // Not InetAddress.getLocalHost(): it may wait on DNS.
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                host = "";
            }
        }
        if (host.isBlank()) {
            host = "pullback";
        }
        String suffix = "#" + ProcessHandle.current().pid() + "#" + SEQUENCE.incrementAndGet();
        return host.substring(0, Math.min(host.length(), NAME_LENGTH - suffix.length())) + suffix;
    }
}
