package dev.pullback.archive;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.Durable;
import dev.pullback.snapshot.Trash;
import dev.pullback.transport.Cancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The monthly golden copy: {@code monthly/YYYY-MM/}, a hardlink copy of the snapshot
 * {@code latest} points to, built as {@code YYYY-MM.partial} and renamed when complete. It costs
 * directory entries only, and unlike hourly snapshots it is pruned by its own, longer rule.
 */
final class MonthlyStep {
    private final Clock clock;
    private final HeavySettings settings;
    private final ArchiveTools tools;

    MonthlyStep(Clock clock, HeavySettings settings, ArchiveTools tools) {
        this.clock = clock;
        this.settings = settings;
        this.tools = tools;
    }

    MonthlyResult run(BackupLayout layout, ZoneId zone, Cancellation cancel) {
        long t0 = System.nanoTime();
        ZonedDateTime now = clock.instant().atZone(zone);
        String month = YearMonth.from(now).toString();
        try {
            return copy(layout, now, month, cancel, t0);
        } catch (IOException | UncheckedIOException e) {
            return new MonthlyResult(StageOutcome.FAILED, month, null, null, TarStep.since(t0), "monthly copy failed: " + e);
        }
    }

    private MonthlyResult copy(BackupLayout layout, ZonedDateTime now, String month, Cancellation cancel, long t0)
            throws IOException {
        if (cancel.requested()) {
            return new MonthlyResult(StageOutcome.CANCELLED, month, null, null, TarStep.since(t0),
                    "cancelled before the monthly copy started");
        }
        Path monthlyDir = layout.monthlyDir();
        // leftovers of a crashed or killed run, and deletions cleanup did not finish
        for (Path leftover : HostArchives.monthlyPartials(layout)) {
            Trash.discard(leftover);
        }
        Trash.purge(monthlyDir);
        Path dir = monthlyDir.resolve(month);
        HeavyPlanner.Decision decision = HeavyPlanner.monthly(HostArchives.monthly(layout), now, settings);
        if (!decision.due()) {
            return new MonthlyResult(StageOutcome.SKIPPED, month, null,
                    Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? dir : null, TarStep.since(t0), decision.reason());
        }
        Optional<LatestSnapshot> latest = LatestSnapshot.resolve(layout);
        if (latest.isEmpty()) {
            return new MonthlyResult(StageOutcome.SKIPPED, month, null, null, TarStep.since(t0),
                    "no snapshot to copy: latest does not point at a complete snapshot");
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            // e.g. a file named like a month: not pullback's, never replaced
            return new MonthlyResult(StageOutcome.FAILED, month, latest.get().name(), null, TarStep.since(t0),
                    dir + " exists and is not a directory; left untouched");
        }
        String name = latest.get().name();
        Path partial = monthlyDir.resolve(month + BackupLayout.PARTIAL);
        Files.createDirectories(monthlyDir);
        Pipeline.Result run = Pipeline.run(List.of(Pipeline.Command.of(tools.hardlinkCopyCommand(latest.get().dir(), partial))), null,
                cancel, bytes -> { });
        if (run.cancelled()) {
            Trash.discard(partial);
            return new MonthlyResult(StageOutcome.CANCELLED, month, name, null, TarStep.since(t0),
                    "cancelled; partial monthly copy removed");
        }
        if (!run.ok()) {
            Trash.discard(partial);
            return new MonthlyResult(StageOutcome.FAILED, month, name, null, TarStep.since(t0),
                    (run.diskFull() ? "disk full: " : "") + "monthly copy of " + name + " failed (" + run.failure()
                            + "); partial copy removed");
        }
        // the new directory entries on disk before the name says "complete"
        Durable.syncFilesystem(partial);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        Durable.fsync(monthlyDir);
        return new MonthlyResult(StageOutcome.CREATED, month, name, dir, TarStep.since(t0),
                "monthly copy " + month + " made from snapshot " + name + " (" + decision.reason() + ")");
    }
}
