package dev.pullback.job;

import java.time.Instant;

/**
 * What a host is doing now or did last, kept in memory for {@code /api/status} and the event stream.
 *
 * @param hourly   the last snapshot's figures; null until one ran
 * @param tar      the last archive step's result; null until one ran
 * @param files    entries itemized so far by the running transfer
 * @param bytes    bytes transferred so far by the running transfer
 * @param current  the entry being transferred (escaped), null when idle
 */
public record HostState(String host, Long jobId, JobType type, boolean dryRun, RunStatus status, Stage stage,
                        Instant started, Instant finished, long files, long bytes, String current, String snapshot,
                        Object hourly, Object tar, int archivesRemoved, String message) {

    static HostState starting(String host, Long jobId, JobType type, boolean dryRun, Stage stage, Instant now,
                              HostState before) {
        return new HostState(host, jobId, type, dryRun, RunStatus.RUNNING, stage, now, null, 0, 0, null,
                before == null ? null : before.snapshot, before == null ? null : before.hourly,
                before == null ? null : before.tar, 0, null);
    }

    HostState withStage(Stage s) {
        return new HostState(host, jobId, type, dryRun, status, s, started, finished, files, bytes, current, snapshot,
                hourly, tar, archivesRemoved, message);
    }

    HostState withProgress(long f, long b, String cur) {
        return new HostState(host, jobId, type, dryRun, status, stage, started, finished, f, b, cur, snapshot, hourly,
                tar, archivesRemoved, message);
    }

    HostState withSnapshot(String name, Object figures) {
        return new HostState(host, jobId, type, dryRun, status, stage, started, finished, files, bytes, current,
                name == null ? snapshot : name, figures == null ? hourly : figures, tar, archivesRemoved, message);
    }

    HostState withTar(Object result, int removed) {
        return new HostState(host, jobId, type, dryRun, status, stage, started, finished, files, bytes, current,
                snapshot, hourly, result == null ? tar : result, removed, message);
    }

    HostState finished(RunStatus s, Instant now, String msg) {
        return new HostState(host, jobId, type, dryRun, s, Stage.DONE, started, now, files, bytes, null, snapshot,
                hourly, tar, archivesRemoved, msg);
    }

    /** Backup Manager's status words: a dry run reports {@code dry_run} while running and {@code dry_run_ok} after. */
    public String statusWord() {
        if (dryRun && status == RunStatus.RUNNING) {
            return "dry_run";
        }
        if (dryRun && status == RunStatus.OK) {
            return "dry_run_ok";
        }
        return status.id();
    }
}
