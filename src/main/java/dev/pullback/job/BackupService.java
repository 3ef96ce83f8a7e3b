package dev.pullback.job;

import dev.pullback.InvalidInputException;
import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.settings.GlobalSettings;
import dev.pullback.settings.SettingsService;
import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.HostLock;
import dev.pullback.snapshot.SnapshotEngine;
import dev.pullback.snapshot.SnapshotRequest;
import dev.pullback.snapshot.SnapshotResult;
import dev.pullback.store.SqlSnapshotCatalog;
import dev.pullback.transport.Progress;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a backup of a host: the one method the CLI, the scheduler, the API and the dashboard call.
 * Holds the host lock around the engine and keeps the job tables in step; the database is
 * bookkeeping only, so an outage there is logged and the snapshot goes on: the writes it missed
 * are replayed ({@link Bookkeeping}) and the snapshots it did not index are indexed from their
 * markers when the host next runs.
 */
public class BackupService {
    private static final Logger log = LoggerFactory.getLogger(BackupService.class);

    private final HostService hosts;
    private final SettingsService settings;
    private final SnapshotEngine engine;
    private final JobRepository jobs;
    private final SqlSnapshotCatalog snapshots;
    private final Bookkeeping bookkeeping;
    private final Clock clock;
    private final HostRunListener listener;

    public BackupService(HostService hosts, SettingsService settings, SnapshotEngine engine, JobRepository jobs,
                         SqlSnapshotCatalog snapshots, Bookkeeping bookkeeping, Clock clock, HostRunListener listener) {
        this.listener = listener;
        this.hosts = hosts;
        this.settings = settings;
        this.engine = engine;
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.bookkeeping = bookkeeping;
        this.clock = clock;
    }

    /** Where the job tables' writes go when the database is unavailable; the job service shares it. */
    public Bookkeeping bookkeeping() {
        return bookkeeping;
    }

    /**
     * Backs up one host: the snapshot stages (rsync, then making it durable and visible). Unknown
     * hosts and a missing backup root are input errors, thrown. Without a job id in the options
     * the run is recorded as a one-host job of its own.
     */
    public BackupResult run(String hostName, BackupOptions options) {
        Host host = hosts.get(hostName);
        GlobalSettings global = settings.current();
        Path root = backupRoot(global);
        bookkeeping.retry();
        if (options.jobId() != null) {
            return runHost(host, global, root, options, options.jobId());
        }
        Long jobId = bookkeeping.attempt("start job", () -> jobs.startJob(JobType.SNAPSHOT, options.trigger(), options.dryRun(), clock.instant()));
        BackupResult result = runHost(host, global, root, options, jobId);
        finishJob(jobId, result.status() == RunStatus.ALREADY_RUNNING ? RunStatus.FAILED : result.status(),
                result.status() == RunStatus.OK ? null : result.message());
        return result;
    }

    private BackupResult runHost(Host host, GlobalSettings global, Path root, BackupOptions options, Long jobId) {
        BackupLayout layout = new BackupLayout(root, host.name());
        SnapshotRequest request = new SnapshotRequest(host, global.zone(), options.dryRun(), options.progress(), options.cancel());
        if (options.dryRun()) {
            Long rowId = startRow(jobId, host);
            return finish(host, rowId, () -> engine.dryRun(layout, request));
        }
        long pid = ProcessHandle.current().pid();
        try (HostLock lock = HostLock.acquire(layout, "pid " + pid + " on " + node() + " (" + options.trigger().id() + ")", clock.instant())) {
            reconcileIndex(layout);
            bookkeeping.attempt("clear stale runs", () -> jobs.interruptStale(host.name(), JobType.SNAPSHOT, clock.instant()));
            Long rowId = startRow(jobId, host);
            SnapshotRequest tracked = new SnapshotRequest(host, global.zone(), false,
                    committingMarksStage(options.progress(), rowId), options.cancel());
            return finish(host, rowId, () -> engine.snapshot(lock, tracked));
        } catch (HostLock.HostBusyException e) {
            return new BackupResult(host.name(), RunStatus.ALREADY_RUNNING, e.getMessage(), null);
        } catch (IOException e) {
            return new BackupResult(host.name(), RunStatus.FAILED, "cannot lock " + layout.lockFile() + ": " + e.getMessage(), null);
        }
    }

    private BackupResult finish(Host host, Long rowId, EngineCall call) {
        SnapshotResult r;
        try {
            r = call.run();
        } catch (IOException | RuntimeException e) {
            log.error("backup of {} failed", host.name(), e);
            BackupResult failed = new BackupResult(host.name(), RunStatus.FAILED, "backup failed: " + e, null);
            finishRow(rowId, RunStatus.FAILED, null);
            return failed;
        }
        RunStatus status = RunStatus.of(r.outcome());
        finishRow(rowId, status, r);
        try {
            listener.finished(host, r);
        } catch (RuntimeException e) {
            log.warn("after the run of {}: {}", host.name(), e.toString());
        }
        return new BackupResult(host.name(), status, r.message(), r);
    }

    /** The job row follows the engine into its second stage. */
    private Progress committingMarksStage(Progress progress, Long rowId) {
        return new Progress() {
            @Override
            public void update(long files, long bytes, String current) {
                progress.update(files, bytes, current);
            }

            @Override
            public void committing() {
                progress.committing();
                if (rowId != null) {
                    bookkeeping.write("record the stage of run " + rowId, () -> jobs.stage(rowId, Stage.HOURLY));
                }
            }
        };
    }

    private Long startRow(Long jobId, Host host) {
        return jobId == null ? null : bookkeeping.attempt("record the run",
                () -> jobs.startHost(jobId, host.name(), Stage.RSYNC, clock.instant(), ProcessHandle.current().pid(), node()));
    }

    private void finishRow(Long rowId, RunStatus status, SnapshotResult r) {
        if (rowId != null) {
            java.time.Instant finished = clock.instant();
            bookkeeping.write("record the result of run " + rowId, () -> jobs.finishHost(rowId, status, finished, r));
        }
    }

    private void finishJob(Long jobId, RunStatus status, String error) {
        if (jobId != null) {
            java.time.Instant finished = clock.instant();
            bookkeeping.write("finish job " + jobId, () -> jobs.finishJob(jobId, status, finished, error));
        }
    }

    /**
     * Complete snapshots on disk that the index lacks (a database outage when they were made, or
     * a crash between the rename and the insert) are indexed from their markers, under the host
     * lock, before the run starts. Names the index has, in any status, are discovery's business.
     */
    private void reconcileIndex(BackupLayout layout) {
        bookkeeping.attempt("index snapshots made while the database was unavailable", () -> {
            Map<String, SqlSnapshotCatalog.Indexed> indexed = snapshots.indexed(layout.host());
            for (BackupLayout.CompleteSnapshot s : layout.completeSnapshots()) {
                if (!indexed.containsKey(s.name())) {
                    snapshots.recordSnapshot(layout.host(), s.dir(), s.marker());
                    log.info("indexed {}/{}: complete on disk but missing from the database", layout.host(), s.name());
                }
            }
            return null;
        });
    }

    /** The root must exist already: creating it would fill the system disk when the backup drive is not mounted. */
    static Path backupRoot(GlobalSettings global) {
        Path root = global.backupRoot();
        if (root == null) {
            throw new InvalidInputException("backup-root", "not configured; run: pullback configure-global --backup-root DIR");
        }
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException("backup-root", root + " does not exist or is not a directory (is the backup drive mounted?)");
        }
        return root;
    }

    static <T> T bookkeeping(String what, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            log.warn("database unavailable, could not {} (the backup itself goes on): {}", what, e.toString());
            return null;
        }
    }

    public static String node() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /**
     * Whether the process that started a run at {@code started} still runs: the pid exists and
     * started no later than the run did (after a reboot the pid may belong to someone else).
     */
    public static boolean ownerAlive(long pid, java.time.Instant started) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(h -> h.info().startInstant().map(s -> !s.isAfter(started.plusSeconds(1))).orElse(true))
                .orElse(false);
    }

    @FunctionalInterface
    private interface EngineCall {
        SnapshotResult run() throws IOException;
    }
}
