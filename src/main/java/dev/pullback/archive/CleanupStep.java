package dev.pullback.archive;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.Trash;
import dev.pullback.transport.Cancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes expired archives and monthly copies as {@link HeavyPlanner#cleanup} plans it. An
 * archive is one file and is unlinked; a monthly copy is a hardlinked tree and goes through
 * {@link Trash} (renamed first, so an interrupted deletion never leaves a half copy that looks
 * like a month).
 */
final class CleanupStep {
    private final Clock clock;
    private final HeavySettings settings;

    CleanupStep(Clock clock, HeavySettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    CleanupPlan plan(BackupLayout layout, ZoneId zone) throws IOException {
        return HeavyPlanner.cleanup(HostArchives.list(layout), HostArchives.monthly(layout), clock.instant(), zone, settings);
    }

    CleanupResult run(BackupLayout layout, ZoneId zone, Cancellation cancel) {
        long t0 = System.nanoTime();
        List<String> removed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int archives = 0;
        int monthly = 0;
        try {
            if (cancel.requested()) {
                return new CleanupResult(StageOutcome.CANCELLED, 0, 0, removed, errors, TarStep.since(t0),
                        "cancelled before cleanup started");
            }
            Trash.purge(layout.monthlyDir());
            for (CleanupPlan.Item item : plan(layout, zone).removals()) {
                if (cancel.requested()) {
                    return new CleanupResult(StageOutcome.CANCELLED, archives, monthly, removed, errors, TarStep.since(t0),
                            "cancelled after removing " + removed.size() + " entries");
                }
                try {
                    if (item.kind() == CleanupPlan.Kind.ARCHIVE) {
                        Files.deleteIfExists(layout.archivesDir().resolve(item.name()));
                        archives++;
                        removed.add("archives/" + item.name());
                    } else {
                        Trash.discard(layout.monthlyDir().resolve(item.name()));
                        monthly++;
                        removed.add("monthly/" + item.name());
                    }
                } catch (IOException | UncheckedIOException e) {
                    errors.add(item.kind().name().toLowerCase() + " " + item.name() + ": " + e);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            errors.add("cannot list " + layout.hostDir() + ": " + e);
        }
        StageOutcome outcome = errors.isEmpty() ? StageOutcome.DONE : StageOutcome.FAILED;
        String message = "removed " + archives + " archive(s) and " + monthly + " monthly copy(ies)"
                + (errors.isEmpty() ? "" : "; " + errors.size() + " could not be removed: " + errors.getFirst());
        return new CleanupResult(outcome, archives, monthly, removed, errors, TarStep.since(t0), message);
    }
}
