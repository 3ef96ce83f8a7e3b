package dev.pullback.schedule;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.pullback.NotFoundException;
import dev.pullback.Printable;
import dev.pullback.host.HostRules;
import dev.pullback.host.HostService;
import dev.pullback.job.JobType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-host schedules and the scheduler's job list; the one entry point for the CLI, the API and
 * the UI. Setting or removing a schedule also updates the host's db-scheduler execution, so a
 * running scheduler (in {@code serve} or {@code scheduler --loop}, maybe another process) picks
 * the change up without a restart.
 */
public class ScheduleService {
    /** How many upcoming runs set/get show. */
    public static final int NEXT_RUNS = 5;
    /** Executions this close to due are left alone when syncing, as db-scheduler itself does. */
    private static final Duration NEAR = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ScheduleService.class);

    private final ScheduleRepository repo;
    private final HostService hosts;
    private final ScheduleTasks tasks;
    private final ScheduledJobs jobs;
    private final SchedulerStore store;
    private final Clock clock;

    public ScheduleService(ScheduleRepository repo, HostService hosts, ScheduleTasks tasks, ScheduledJobs jobs,
                           SchedulerStore store, Clock clock) {
        this.repo = repo;
        this.hosts = hosts;
        this.tasks = tasks;
        this.jobs = jobs;
        this.store = store;
        this.clock = clock;
    }

    /** Creates or replaces the host's schedule (enabled). */
    public HostScheduleView set(String host, String cron, boolean prune) {
        return set(host, cron, prune, true);
    }

    public HostScheduleView set(String host, String cron, boolean prune, boolean enabled) {
        requireHost(host);
        Instant now = clock.instant();
        Cron parsed = Cron.validate(cron, tasks.zone(), now);
        Instant created = repo.find(host).map(HostSchedule::createdAt).orElse(now);
        HostSchedule schedule = new HostSchedule(host, parsed.text(), prune, enabled, created, now);
        repo.save(schedule);
        syncHostTask(host, now, true);
        log.debug("schedule of {} set: \"{}\"{}{}", host, parsed.text(), prune ? ", prune" : "", enabled ? "" : " (disabled)");
        return view(schedule, now);
    }

    /** @throws NotFoundException when the host is unknown or has no schedule */
    public void remove(String host) {
        requireHost(host);
        if (!repo.delete(host)) {
            throw noSchedule(host);
        }
        syncHostTask(host, clock.instant(), true);
        log.debug("schedule of {} removed: it runs with the interval snapshot job again", host);
    }

    /** @throws NotFoundException when the host is unknown or has no schedule */
    public HostScheduleView get(String host) {
        requireHost(host);
        return view(repo.find(host).orElseThrow(() -> noSchedule(host)), clock.instant());
    }

    public List<HostScheduleView> list() {
        Instant now = clock.instant();
        return repo.findAll().stream().map(s -> view(s, now)).toList();
    }

    /** The interval job, the heavy job and each host's own schedule, with their next runs. */
    public ScheduleOverview overview() {
        Instant now = clock.instant();
        Map<String, ScheduledExecution<Object>> stored = new HashMap<>();
        store.client().getScheduledExecutions(ScheduledExecutionsFilter.all()).forEach(e -> stored.put(key(e.getTaskInstance()), e));
        List<ScheduledJob> list = new ArrayList<>();
        Interval snap = tasks.snapshotInterval();
        Interval heavy = tasks.heavyInterval();
        ScheduledExecution<Object> s = stored.get(key(ScheduleTasks.intervalId()));
        list.add(new ScheduledJob(ScheduleTasks.INTERVAL, "Interval snapshots", JobType.SNAPSHOT, snap.trigger(),
                snap.describe() + ", every enabled host without its own schedule", jobs.intervalHosts(), false, true,
                s != null ? s.getExecutionTime() : tasks.nextInterval(now), s != null && s.isPicked()));
        ScheduledExecution<Object> h = stored.get(key(ScheduleTasks.heavyId()));
        list.add(new ScheduledJob(ScheduleTasks.HEAVY, "Heavy job: archives, monthly copies, cleanup", JobType.HEAVY,
                heavy.trigger(), heavy.describe() + ", every enabled host", jobs.enabledHosts(), false, true,
                h != null ? h.getExecutionTime() : tasks.nextHeavy(now), h != null && h.isPicked()));
        for (HostSchedule hs : repo.findAll()) {
            ScheduledExecution<Object> e = stored.get(key(ScheduleTasks.hostId(hs.host())));
            Instant next = !hs.enabled() ? null : e != null ? e.getExecutionTime() : tasks.nextHost(hs.host(), now).orElse(null);
            list.add(new ScheduledJob(ScheduleTasks.HOST + ":" + hs.host(), "Snapshot of " + hs.host(), JobType.SNAPSHOT,
                    "cron[" + hs.cron() + "]", "cron \"" + hs.cron() + "\"" + (hs.enabled() ? "" : " (disabled)"),
                    List.of(hs.host()), hs.prune(), hs.enabled(), next, e != null && e.isPicked()));
        }
        return new ScheduleOverview(tasks.zone(), now, list);
    }

    /**
     * Makes the stored host executions match the {@code schedules} table: creates missing ones,
     * moves future ones whose slot changed (a new zone), removes those without a schedule.
     * Overdue executions are kept: they are the one catch-up run of missed slots. Run when a
     * scheduler starts.
     */
    public void resync() {
        Instant now = clock.instant();
        List<String> names = new ArrayList<>();
        repo.findAll().forEach(s -> names.add(s.host()));
        store.client().getScheduledExecutionsForTask(ScheduleTasks.HOST).forEach(e -> {
            if (!names.contains(e.getTaskInstance().getId())) {
                names.add(e.getTaskInstance().getId());
            }
        });
        names.forEach(name -> syncHostTask(name, now, false));
    }

    /**
     * @param replace the user changed the schedule: move the execution even when it is overdue
     *                (otherwise an overdue one is the catch-up run and stays)
     */
    private void syncHostTask(String host, Instant now, boolean replace) {
        SchedulerClient client = store.client();
        TaskInstanceId id = ScheduleTasks.hostId(host);
        Optional<Instant> next = tasks.nextHost(host, now);
        Optional<ScheduledExecution<Object>> existing = client.getScheduledExecution(id);
        try {
            if (next.isEmpty()) {
                if (existing.isPresent() && !existing.get().isPicked()) {
                    client.cancel(id);
                }
            } else if (existing.isEmpty()) {
                client.scheduleIfNotExists(tasks.hostTask().instance(host), next.get());
            } else if (!existing.get().isPicked() && !existing.get().getExecutionTime().equals(next.get())
                    && (replace || existing.get().getExecutionTime().isAfter(now.plus(NEAR)))) {
                client.reschedule(id, next.get());
            }
        } catch (TaskInstanceException e) {
            // Picked or removed by a scheduler meanwhile: its completion reads the schedule again.
            log.debug("execution of {} changed while syncing: {}", host, e.getMessage());
        }
    }

    private HostScheduleView view(HostSchedule s, Instant now) {
        ZoneId zone = tasks.zone();
        return new HostScheduleView(s, zone, s.enabled() ? Cron.parse(s.cron()).nextRuns(zone, now, NEXT_RUNS) : List.of());
    }

    private void requireHost(String name) {
        HostRules.name(name);
        hosts.list().stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("host", "'" + Printable.escape(name)
                        + "' is not configured; add it with: pullback configure-host " + Printable.escape(name)));
    }

    private NotFoundException noSchedule(String host) {
        return new NotFoundException("host", "'" + host + "' has no schedule of its own (it runs with the interval "
                + "snapshot job, " + tasks.snapshotInterval().describe() + ")");
    }

    private static String key(TaskInstanceId id) {
        return id.getTaskName() + "/" + id.getId();
    }
}
