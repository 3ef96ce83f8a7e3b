package dev.pullback.job;

import dev.pullback.transport.Cancellation;
import dev.pullback.transport.Progress;

/** How to run a backup: who asked, whether it is a dry run, where progress goes, how to cancel. */
public record BackupOptions(Trigger trigger, boolean dryRun, Progress progress, Cancellation cancel) {

    public static BackupOptions of(Trigger trigger, boolean dryRun) {
        return new BackupOptions(trigger, dryRun, Progress.NONE, new Cancellation());
    }

    public BackupOptions withProgress(Progress p) {
        return new BackupOptions(trigger, dryRun, p, cancel);
    }
}
