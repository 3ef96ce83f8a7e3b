package dev.pullback.job;

import dev.pullback.NotFoundException;
import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.retention.ApplyResult;
import dev.pullback.retention.Guards;
import dev.pullback.retention.PolicyOverride;
import dev.pullback.retention.Protection;
import dev.pullback.retention.RetentionApplier;
import dev.pullback.retention.RetentionPlan;
import dev.pullback.retention.RetentionPlanner;
import dev.pullback.retention.RetentionPolicy;
import dev.pullback.retention.SnapshotInfo;
import dev.pullback.schedule.Cron;
import dev.pullback.schedule.HostSchedule;
import dev.pullback.schedule.ScheduleRepository;
import dev.pullback.settings.GlobalSettings;
import dev.pullback.settings.SettingsService;
import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.HostLock;
import dev.pullback.store.RetentionPolicyRepository;
import dev.pullback.store.SqlSnapshotCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention for every front end: the one {@code plan} and the one {@code apply} (DESIGN.md §5).
 * The plan reads the disk (markers are the truth), pins from SQL, the last run's outcome and the
 * host's schedule; apply takes the host lock, plans again under it, removes, records the run and
 * deletes the renamed trees in the background.
 */
public class RetentionService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final HostService hosts;
    private final SettingsService settings;
    private final SqlSnapshotCatalog snapshots;
    private final RetentionPolicyRepository policies;
    private final ScheduleRepository schedules;
    private final JobRepository jobs;
    private final Bookkeeping bookkeeping;
    private final RetentionPolicy global;
    private final Duration interval;
    private final Clock clock;
    private final ExecutorService deleter = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("trash-deleter").daemon().factory());

    public RetentionService(HostService hosts, SettingsService settings, SqlSnapshotCatalog snapshots,
                            RetentionPolicyRepository policies, ScheduleRepository schedules, JobRepository jobs,
                            Bookkeeping bookkeeping, RetentionPolicy global, Duration interval, Clock clock) {
        this.hosts = hosts;
        this.settings = settings;
        this.snapshots = snapshots;
        this.policies = policies;
        this.schedules = schedules;
        this.jobs = jobs;
        this.bookkeeping = bookkeeping;
        this.global = global;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * How far an apply may go: at most {@code maxDelete} removals (null: no bound), whether to
     * override a hold, and whether to delete before returning (the CLI: its process ends next)
     * or in the background (the server).
     */
    public record ApplyOptions(Integer maxDelete, boolean overrideHold, Trigger trigger, boolean deleteNow) {
        public static ApplyOptions planOnly() {
            return new ApplyOptions(null, false, Trigger.CLI, false);
        }
    }

    /** The policy in force for the host: the global default with the host's override. */
    public RetentionPolicy policy(String hostName) {
        Host host = hosts.get(hostName);
        return policies.find(host.name()).map(global::with).orElse(global);
    }

    /** The policy in force for each host with an override; any other host has {@link #globalPolicy()}. One query. */
    public Map<String, RetentionPolicy> overriddenPolicies() {
        Map<String, RetentionPolicy> out = new java.util.HashMap<>();
        policies.findAll().forEach((host, o) -> out.put(host, global.with(o)));
        return out;
    }

    public RetentionPolicy globalPolicy() {
        return global;
    }

    public PolicyOverride override(String hostName) {
        return policies.find(hosts.get(hostName).name()).orElse(PolicyOverride.none());
    }

    /** Sets the host's override (validated merged with the global default); an empty override removes it. */
    public RetentionPolicy setOverride(String hostName, PolicyOverride override) {
        Host host = hosts.get(hostName);
        RetentionPolicy merged = override.applyTo(global);
        if (override.isEmpty()) {
            policies.delete(host.name());
        } else {
            policies.save(host.name(), override, clock.instant());
        }
        return merged;
    }

    /** What retention would do now; nothing changes. */
    public RetentionPlan plan(String hostName, ApplyOptions options) {
        Host host = hosts.get(hostName);
        GlobalSettings g = settings.current();
        BackupLayout layout = new BackupLayout(BackupService.backupRoot(g), host.name());
        return plan(host, layout, g, options);
    }

    private RetentionPlan plan(Host host, BackupLayout layout, GlobalSettings g, ApplyOptions options) {
        List<Protection> pins = snapshots.pinned(host.name()).stream().map(Protection::pinned).toList();
        Guards guards = Guards.none().protect(pins)
                .lastRunFailed(jobs.lastSnapshotRunFailed(host.name()))
                .expectEvery(expectedInterval(host.name(), g))
                .overrideHold(options.overrideHold())
                .maxDelete(options.maxDelete());
        return RetentionPlanner.plan(host.name(), SnapshotInfo.of(layout.completeSnapshots()), policy(host.name()), guards,
                clock.instant(), g.zone());
    }

    /**
     * Removes what the plan removes, under the host lock (a snapshot of the host cannot run at the
     * same time), oldest first; the trees are renamed to trash at once and deleted in the background.
     *
     * @throws HostLock.HostBusyException when a backup of the host runs
     */
    public Applied apply(String hostName, ApplyOptions options) throws IOException {
        Host host = hosts.get(hostName);
        GlobalSettings g = settings.current();
        BackupLayout layout = new BackupLayout(BackupService.backupRoot(g), host.name());
        if (options.overrideHold()) {
            log.warn("retention of {}: hold overridden by an explicit request ({})", host.name(), options.trigger().id());
        }
        bookkeeping.retry();
        Long jobId = BackupService.bookkeeping("start job",
                () -> jobs.startJob(JobType.RETENTION, options.trigger(), false, clock.instant()));
        String owner = "pid " + ProcessHandle.current().pid() + " on " + BackupService.node() + " (" + options.trigger().id() + " retention)";
        RetentionPlan plan;
        ApplyResult result;
        Long rowId;
        try (HostLock lock = HostLock.acquire(layout, owner, clock.instant())) {
            rowId = jobId == null ? null : BackupService.bookkeeping("record the run", () -> jobs.startHost(jobId,
                    host.name(), Stage.CLEANUP, clock.instant(), ProcessHandle.current().pid(), BackupService.node()));
            plan = plan(host, layout, g, options);
            result = RetentionApplier.apply(lock, plan,
                    options.deleteNow() ? RetentionApplier.Deletion.NOW : RetentionApplier.Deletion.LATER,
                    (h, name) -> bookkeeping.write("forget the removed snapshot " + h + "/" + name, () -> snapshots.delete(h, name)));
        } catch (HostLock.HostBusyException e) {
            finishJob(jobId, RunStatus.FAILED, e.getMessage());
            throw e;
        }
        List<Path> trash = result.trash();
        if (!trash.isEmpty()) {
            deleter.submit(() -> RetentionApplier.deleteTrash(trash)
                    .forEach(f -> log.warn("retention of {}: could not delete {}: {}", host.name(), f.name(), f.message())));
        }
        RunStatus status = result.ok() ? RunStatus.OK : RunStatus.FAILED;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("removed", result.removedNames());
        metrics.put("deferred", result.deferred());
        metrics.put("skipped", result.skipped());
        metrics.put("failures", result.failures());
        metrics.put("holds", plan.holds());
        String error = result.ok() ? null : result.summary();
        if (rowId != null) {
            java.time.Instant finished = clock.instant();
            bookkeeping.write("record the result of run " + rowId, () -> jobs.finishWithMetrics(rowId, status, finished, metrics, error));
        }
        finishJob(jobId, status, error);
        log.info("retention of {}: {}", host.name(), result.summary());
        return new Applied(jobId, plan, result);
    }

    /** An apply's plan and what it did. */
    public record Applied(Long jobId, RetentionPlan plan, ApplyResult result) {
    }

    /** Pins (or unpins) a snapshot: a pinned snapshot is never removed by retention. */
    public void pin(String hostName, String snapshot, boolean pinned) {
        Host host = hosts.get(hostName);
        BackupLayout layout = new BackupLayout(BackupService.backupRoot(settings.current()), host.name());
        Optional<BackupLayout.CompleteSnapshot> onDisk = layout.completeSnapshots().stream()
                .filter(s -> s.name().equals(snapshot)).findFirst();
        if (onDisk.isEmpty()) {
            throw new NotFoundException("snapshot", "'" + snapshot + "' is not a complete snapshot of " + host.name());
        }
        if (!snapshots.setPinned(host.name(), snapshot, pinned)) {
            // complete on disk but missing from the index (a database outage): index it, then pin
            snapshots.recordSnapshot(host.name(), onDisk.get().dir(), onDisk.get().marker());
            snapshots.setPinned(host.name(), snapshot, pinned);
        }
    }

    /** The host's cron gives its rhythm (the gap between its next two runs); otherwise the interval job's. */
    private Duration expectedInterval(String host, GlobalSettings g) {
        Optional<HostSchedule> s = schedules.find(host).filter(HostSchedule::enabled);
        if (s.isPresent()) {
            List<Instant> next = Cron.nextRuns(s.get().cron(), g.zone(), clock.instant(), 2);
            if (next.size() == 2) {
                return Duration.between(next.get(0), next.get(1));
            }
        }
        return interval;
    }

    private void finishJob(Long jobId, RunStatus status, String error) {
        if (jobId != null) {
            java.time.Instant finished = clock.instant();
            bookkeeping.write("finish job " + jobId, () -> jobs.finishJob(jobId, status, finished, error));
        }
    }

    @Override
    public void close() {
        deleter.shutdown();
    }
}
