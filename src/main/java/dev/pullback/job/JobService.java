package dev.pullback.job;

import dev.pullback.InvalidInputException;
import dev.pullback.NotFoundException;
import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.settings.SettingsService;
import dev.pullback.transport.Cancellation;
import dev.pullback.transport.Progress;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs over several hosts: the one entry point the CLI, the scheduler, the API and the dashboard
 * use to run a snapshot or heavy job. Hosts run in parallel on a bounded pool per job type; a
 * second job of a type that is running is dropped (Backup Manager's guard); each host's run can
 * be cancelled on its own.
 */
public class JobService implements JobLauncher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    private static final long NO_ID = -1;

    private final HostService hosts;
    private final SettingsService settings;
    private final BackupService backups;
    private final HeavyService heavy;
    private final RetentionService retention;
    private final JobRepository jobs;
    private final LiveStatus live;
    private final Clock clock;
    private final Map<JobType, ExecutorService> pools = new EnumMap<>(JobType.class);
    /** The guard: which job of a type holds each host ("snapshot:web1" -> job id). */
    private final Map<String, Long> claimed = new ConcurrentHashMap<>();
    private final Map<String, Set<Cancellation>> cancels = new ConcurrentHashMap<>();

    public JobService(HostService hosts, SettingsService settings, BackupService backups, HeavyService heavy,
                      RetentionService retention, JobRepository jobs, LiveStatus live,
                      Clock clock, int maxParallel) {
        if (maxParallel < 1) {
            throw new InvalidInputException("max-parallel", "must be at least 1, was " + maxParallel);
        }
        this.hosts = hosts;
        this.settings = settings;
        this.backups = backups;
        this.heavy = heavy;
        this.retention = retention;
        this.jobs = jobs;
        this.live = live;
        this.clock = clock;
        for (JobType type : List.of(JobType.SNAPSHOT, JobType.HEAVY)) {
            pools.put(type, Executors.newFixedThreadPool(maxParallel, Thread.ofPlatform().name(type.id() + "-", 1).daemon().factory()));
        }
    }

    @Override
    public JobReport run(JobRequest request) {
        return run(request, host -> Progress.NONE);
    }

    /** Runs the job in the caller's thread; {@code progress} gives each host's progress a place to go (a terminal). */
    public JobReport run(JobRequest request, Function<String, Progress> progress) {
        List<Host> targets = targets(request);
        Long jobId = claim(request, targets);
        return execute(request, targets, jobId, progress);
    }

    /** Starts the job in the background and returns its id (null when the database is unavailable). */
    public Long start(JobRequest request) {
        List<Host> targets = targets(request);
        Long jobId = claim(request, targets);
        Thread.ofVirtual().name("job-" + jobId).start(() -> execute(request, targets, jobId, host -> Progress.NONE));
        return jobId;
    }

    /**
     * Asks the host's running (or queued) runs to stop. The running stage's subprocess gets TERM,
     * then KILL after 2 s; partial output is removed; the run ends {@code cancelled}.
     *
     * @return whether anything was running for the host
     */
    public boolean cancel(String hostName) {
        Host host = hosts.get(hostName);
        Set<Cancellation> set = cancels.get(host.name());
        if (set == null || set.isEmpty()) {
            return false;
        }
        set.forEach(Cancellation::request);
        log.info("cancel requested for {}", host.name());
        return true;
    }

    public boolean isRunning(JobType type) {
        return claimed.keySet().stream().anyMatch(k -> k.startsWith(type.id() + ":"));
    }

    public boolean anyRunning() {
        return !claimed.isEmpty();
    }

    private List<Host> targets(JobRequest request) {
        if (request.type() != JobType.SNAPSHOT && request.type() != JobType.HEAVY) {
            throw new InvalidInputException("type", request.type().id() + " jobs are not run by the job service");
        }
        if (request.dryRun() && request.type() != JobType.SNAPSHOT) {
            throw new InvalidInputException("dry-run", "only snapshot jobs have a dry run");
        }
        List<Host> list = new ArrayList<>();
        if (request.hosts().isEmpty()) {
            list.addAll(hosts.list().stream().filter(Host::enabled).toList());
        }
        for (String name : request.hosts()) {
            Host h = hosts.get(name);
            if (!list.contains(h)) {
                list.add(h);
            }
        }
        // a missing root is the user's to fix (an unmounted drive): an error now, not a failed job
        BackupService.backupRoot(settings.current());
        return list;
    }

    /**
     * The guard: while a job of a type runs for a host, another job of that type for that host is
     * dropped with a warning (a second "all hosts" trigger, a slow run overlapping the next slot).
     * Jobs of one type for different hosts (per-host schedules) run side by side.
     */
    private synchronized Long claim(JobRequest request, List<Host> targets) {
        for (Host h : targets) {
            Long other = claimed.get(key(request.type(), h.name()));
            if (other != null) {
                JobAlreadyRunningException e = new JobAlreadyRunningException(request.type(), other == NO_ID ? null : other);
                log.warn("{} ({} trigger for {})", e.getMessage(), request.trigger().id(), h.name());
                throw e;
            }
        }
        backups.bookkeeping().retry();
        Long id = backups.bookkeeping().attempt("start job",
                () -> jobs.startJob(request.type(), request.trigger(), request.dryRun(), clock.instant()));
        targets.forEach(h -> claimed.put(key(request.type(), h.name()), id == null ? NO_ID : id));
        return id;
    }

    private void release(JobRequest request, List<Host> targets) {
        targets.forEach(h -> claimed.remove(key(request.type(), h.name())));
    }

    private static String key(JobType type, String host) {
        return type.id() + ":" + host;
    }

    private JobReport execute(JobRequest request, List<Host> targets, Long jobId, Function<String, Progress> progress) {
        try {
            log.info("{} job {} started ({}): {}", request.type().id(), jobId, request.trigger().id(),
                    targets.stream().map(Host::name).toList());
            List<Queued> queued = new ArrayList<>();
            for (Host host : targets) {
                Cancellation cancel = new Cancellation();
                cancels.computeIfAbsent(host.name(), h -> ConcurrentHashMap.newKeySet()).add(cancel);
                Stage first = request.type() == JobType.SNAPSHOT ? Stage.RSYNC : Stage.TAR;
                live.put(HostState.starting(host.name(), jobId, request.type(), request.dryRun(), first, clock.instant(),
                        live.get(host.name()).orElse(null)));
                Future<JobReport.HostReport> f = pools.get(request.type()).submit(
                        () -> runHost(request, host, jobId, cancel, progress.apply(host.name())));
                queued.add(new Queued(host.name(), cancel, f));
            }
            List<JobReport.HostReport> reports = new ArrayList<>();
            RunStatus worst = RunStatus.OK;
            for (Queued q : queued) {
                JobReport.HostReport r = await(q);
                reports.add(r);
                worst = worst.worst(r.status());
            }
            RunStatus jobStatus = worst == RunStatus.ALREADY_RUNNING ? RunStatus.FAILED : worst;
            if (jobId != null) {
                String error = reports.stream().filter(r -> r.status() != RunStatus.OK && r.status() != RunStatus.SKIPPED)
                        .map(r -> r.host() + ": " + r.status().id()).reduce((a, b) -> a + "; " + b).orElse(null);
                java.time.Instant finished = clock.instant();
                backups.bookkeeping().write("finish job " + jobId, () -> jobs.finishJob(jobId, jobStatus, finished, error));
            }
            log.info("{} job {} finished: {}", request.type().id(), jobId, jobStatus.id());
            return new JobReport(jobId, jobStatus, reports);
        } finally {
            release(request, targets);
        }
    }

    private JobReport.HostReport await(Queued q) {
        try {
            return q.future().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            q.cancel().request();
            return new JobReport.HostReport(q.host(), RunStatus.INTERRUPTED, "the job was interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            log.error("run of {} failed", q.host(), e.getCause());
            return new JobReport.HostReport(q.host(), RunStatus.FAILED, String.valueOf(e.getCause()));
        } finally {
            Set<Cancellation> set = cancels.get(q.host());
            if (set != null) {
                set.remove(q.cancel());
            }
        }
    }

    private JobReport.HostReport runHost(JobRequest request, Host host, Long jobId, Cancellation cancel, Progress progress) {
        if (cancel.requested()) {
            live.update(host.name(), s -> s.finished(RunStatus.CANCELLED, clock.instant(), "cancelled before it started"));
            return new JobReport.HostReport(host.name(), RunStatus.CANCELLED, "cancelled before it started");
        }
        live.update(host.name(), s -> HostState.starting(host.name(), jobId, request.type(), request.dryRun(),
                request.type() == JobType.SNAPSHOT ? Stage.RSYNC : Stage.TAR, clock.instant(), s));
        JobReport.HostReport report;
        try {
            report = request.type() == JobType.SNAPSHOT
                    ? snapshot(request, host, jobId, cancel, progress)
                    : heavy.run(host, jobId, request.trigger(), cancel, stage -> live.update(host.name(), s -> s.withStage(stage)),
                    (result, removed) -> live.update(host.name(), s -> s.withTar(result, removed)),
                    written -> live.update(host.name(), s -> s.withProgress(0, written, null)));
        } catch (RuntimeException e) {
            log.error("{} run of {} failed", request.type().id(), host.name(), e);
            report = new JobReport.HostReport(host.name(), RunStatus.FAILED, e.getMessage());
        }
        JobReport.HostReport done = report;
        live.update(host.name(), s -> s.finished(done.status(), clock.instant(), done.message()));
        return done;
    }

    private JobReport.HostReport snapshot(JobRequest request, Host host, Long jobId, Cancellation cancel, Progress progress) {
        Progress tracked = new Progress() {
            @Override
            public void update(long files, long bytes, String current) {
                progress.update(files, bytes, current);
                live.update(host.name(), s -> s.withProgress(files, bytes, current));
            }

            @Override
            public void committing() {
                progress.committing();
                live.update(host.name(), s -> s.withStage(Stage.HOURLY));
            }
        };
        BackupOptions options = BackupOptions.of(request.trigger(), request.dryRun()).withProgress(tracked).inJob(jobId, cancel);
        BackupResult r = backups.run(host.name(), options);
        if (r.snapshot() != null && r.snapshot().marker() != null) {
            live.update(host.name(), s -> s.withSnapshot(r.snapshot().name(), HourlyFigures.of(r.snapshot().marker())));
        }
        if (request.prune() && !request.dryRun() && (r.status() == RunStatus.OK || r.status() == RunStatus.PARTIAL)) {
            return new JobReport.HostReport(host.name(), r.status(), r.message() + "; " + prune(host, request.trigger()),
                    r.snapshot());
        }
        return new JobReport.HostReport(host.name(), r.status(), r.message(), r.snapshot());
    }

    /** Pruning after a snapshot is bookkeeping of its own: its failure never changes the snapshot's outcome. */
    private String prune(Host host, Trigger trigger) {
        try {
            RetentionService.Applied a = retention.apply(host.name(),
                    new RetentionService.ApplyOptions(null, false, trigger, trigger == Trigger.CLI));
            return "prune: " + a.result().summary() + (a.plan().held() ? " (held: " + String.join("; ", a.plan().holds()) + ")" : "");
        } catch (IOException | RuntimeException e) {
            log.warn("prune of {} failed: {}", host.name(), e.toString());
            return "prune failed: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        pools.values().forEach(ExecutorService::shutdownNow);
    }

    private record Queued(String host, Cancellation cancel, Future<JobReport.HostReport> future) {
    }
}
