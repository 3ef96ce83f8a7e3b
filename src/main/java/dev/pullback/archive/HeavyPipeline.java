package dev.pullback.archive;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.transport.Cancellation;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.LongConsumer;

/**
 * Backup Manager's "heavy pipeline" for one host, one method per stage: tar archive of the
 * latest snapshot, monthly golden copy, cleanup. Stages read snapshots, never pull anything, and
 * never throw for an I/O problem: each returns its result with an outcome and a message.
 *
 * <p>The caller runs at most one heavy pipeline per host at a time (the job layer's one running
 * job per host); it does not need the snapshot lock, since each stage resolves {@code latest}
 * once and works on that complete, never-modified snapshot.
 */
public final class HeavyPipeline {
    private final TarStep tar;
    private final MonthlyStep monthly;
    private final CleanupStep cleanup;

    public HeavyPipeline(Clock clock, HeavySettings settings) {
        this(clock, settings, ArchiveTools.detect());
    }

    public HeavyPipeline(Clock clock, HeavySettings settings, ArchiveTools tools) {
        this.tar = new TarStep(clock, settings, tools);
        this.monthly = new MonthlyStep(clock, settings, tools);
        this.cleanup = new CleanupStep(clock, settings);
    }

    /** Archives the latest snapshot when due (see {@link HeavyPlanner#tar}). */
    public TarResult tar(BackupLayout layout, ZoneId zone, Cancellation cancel) {
        return tar(layout, zone, cancel, bytes -> { });
    }

    /**
     * @param bytesWritten called about every 100 ms with the compressed bytes written so far, for live status
     * @param zone         unused by this stage (archive times are instants); taken so all stages look alike
     */
    public TarResult tar(BackupLayout layout, ZoneId zone, Cancellation cancel, LongConsumer bytesWritten) {
        return tar.run(layout, cancel, bytesWritten);
    }

    /** Makes this month's golden copy when due (see {@link HeavyPlanner#monthly}); months are in {@code zone}. */
    public MonthlyResult monthly(BackupLayout layout, ZoneId zone, Cancellation cancel) {
        return monthly.run(layout, zone, cancel);
    }

    /** Removes expired archives and monthly copies, never the newest of either. */
    public CleanupResult cleanup(BackupLayout layout, ZoneId zone, Cancellation cancel) {
        return cleanup.run(layout, zone, cancel);
    }

    /** What {@link #cleanup} would remove and keep, with reasons, for a dry run. */
    public CleanupPlan planCleanup(BackupLayout layout, ZoneId zone) throws IOException {
        return cleanup.plan(layout, zone);
    }
}
