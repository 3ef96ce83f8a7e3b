package dev.pullback.job;

import dev.pullback.transport.Cancellation;
import dev.pullback.transport.Progress;

/**
 * How to run a backup: who asked, whether it is a dry run, where progress goes, how to cancel.
 *
 * @param jobId the job this run belongs to; null makes the run its own one-host job
 */
public record BackupOptions(Trigger trigger, boolean dryRun, Progress progress, Cancellation cancel, Long jobId) {

    public static BackupOptions of(Trigger trigger, boolean dryRun) {
        return new BackupOptions(trigger, dryRun, Progress.NONE, new Cancellation(), null);
    }

    public BackupOptions withProgress(Progress p) {
        return new BackupOptions(trigger, dryRun, p, cancel, jobId);
    }

    BackupOptions inJob(Long id, Cancellation c) {
        return new BackupOptions(trigger, dryRun, progress, c, id);
    }
}
