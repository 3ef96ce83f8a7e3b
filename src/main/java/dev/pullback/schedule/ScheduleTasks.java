package dev.pullback.schedule;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The db-scheduler tasks, persistent in the {@code scheduled_tasks} table of pullback's database:
 * <ul>
 * <li>{@value #INTERVAL} (instance {@value #RECURRING}): the snapshot job for every enabled host
 *     without its own schedule, every {@code SNAPSHOT_INTERVAL_HOURS};</li>
 * <li>{@value #HEAVY} (instance {@value #RECURRING}): the heavy job for all enabled hosts, every
 *     {@code TAR_INTERVAL_HOURS};</li>
 * <li>{@value #HOST} (instance = host name): one host's snapshot at its cron times. The cron
 *     lives in the {@code schedules} table, not in the task's data: each completion reads it
 *     again, so a change made while the job runs is honoured and there is one source of truth.</li>
 * </ul>
 * A slot runs once: db-scheduler picks an execution with an optimistic-locking update, so of two
 * scheduler processes on one database only one runs it. After a run the next execution is the
 * first slot after the run ended, so slots missed while the server was down (or while a long job
 * ran) collapse into the one run that happens at start-up, never one per missed slot.
 */
public class ScheduleTasks {
    public static final String INTERVAL = "snapshot-interval";
    public static final String HEAVY = "heavy";
    public static final String HOST = "host-snapshot";
    public static final String RECURRING = RecurringTask.INSTANCE;

    private static final Logger log = LoggerFactory.getLogger(ScheduleTasks.class);

    private final Interval snapshotInterval;
    private final Interval heavyInterval;
    private final Supplier<ZoneId> zone;
    private final ScheduleRepository schedules;
    private final RecurringTask<Void> interval;
    private final RecurringTask<Void> heavy;
    private final CustomTask<Void> host;

    /** @param zone the configured zone, asked at every computation so a changed setting applies from the next slot */
    public ScheduleTasks(ScheduledJobs jobs, ScheduleRepository schedules, Supplier<ZoneId> zone, Interval snapshotInterval,
                         Interval heavyInterval) {
        this.schedules = schedules;
        this.zone = zone;
        this.snapshotInterval = snapshotInterval;
        this.heavyInterval = heavyInterval;
        this.interval = Tasks.recurring(INTERVAL, new SlotSchedule(this::nextInterval))
                .execute((instance, ctx) -> jobs.runInterval());
        this.heavy = Tasks.recurring(HEAVY, new SlotSchedule(this::nextHeavy))
                .execute((instance, ctx) -> jobs.runHeavy());
        this.host = Tasks.custom(HOST, Void.class)
                // a failing launcher (not a failed backup: that is a normal report) waits for the next slot
                .onFailure((complete, ops) -> rescheduleHost(complete, ops))
                .execute((instance, ctx) -> {
                    jobs.runHost(instance.getId());
                    return this::rescheduleHost;
                });
    }

    public List<Task<?>> all() {
        return List.of(interval, heavy, host);
    }

    public Interval snapshotInterval() {
        return snapshotInterval;
    }

    public Interval heavyInterval() {
        return heavyInterval;
    }

    public ZoneId zone() {
        return zone.get();
    }

    public Instant nextInterval(Instant after) {
        return snapshotInterval.next(after, zone.get());
    }

    public Instant nextHeavy(Instant after) {
        return heavyInterval.next(after, zone.get());
    }

    /** The host's next slot after {@code after}, empty when it has no enabled schedule or the cron stopped matching. */
    public Optional<Instant> nextHost(String hostName, Instant after) {
        return schedules.find(hostName).filter(HostSchedule::enabled)
                .map(s -> Cron.parse(s.cron()).next(after, zone.get()));
    }

    static TaskInstanceId intervalId() {
        return TaskInstanceId.of(INTERVAL, RECURRING);
    }

    static TaskInstanceId heavyId() {
        return TaskInstanceId.of(HEAVY, RECURRING);
    }

    static TaskInstanceId hostId(String hostName) {
        return TaskInstanceId.of(HOST, hostName);
    }

    CustomTask<Void> hostTask() {
        return host;
    }

    private void rescheduleHost(ExecutionComplete complete, ExecutionOperations<Void> ops) {
        String name = complete.getExecution().taskInstance.getId();
        Optional<Instant> next = nextHost(name, complete.getTimeDone());
        if (next.isPresent()) {
            ops.reschedule(complete, next.get());
        } else {
            log.info("{} has no schedule any more: its scheduled task is removed", name);
            ops.remove();
        }
    }

    /** A db-scheduler {@link Schedule} over one of our slot functions. */
    private record SlotSchedule(UnaryOperator<Instant> next) implements Schedule {
        @Override
        public Instant getNextExecutionTime(ExecutionComplete complete) {
            return next.apply(complete.getTimeDone());
        }

        @Override
        public Instant getInitialExecutionTime(Instant now) {
            return next.apply(now);
        }

        /** Slots are a function of time only: db-scheduler reschedules at start-up when they changed (new interval or zone). */
        @Override
        public boolean isDeterministic() {
            return true;
        }
    }
}
