package dev.pullback.archive;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.Durable;
import dev.pullback.transport.Cancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Archives the snapshot {@code latest} points to into {@code archives/backup_<host>_<name>.tar.zst}:
 * written as {@code <file>.partial}, fsynced, given its time, renamed. Only a complete archive
 * ever carries the final name; a failed or cancelled run removes its partial and never touches
 * older archives.
 */
final class TarStep {
    private static final Pattern TOTALS = Pattern.compile("Total bytes written: (\\d+)");

    private final Clock clock;
    private final HeavySettings settings;
    private final ArchiveTools tools;

    TarStep(Clock clock, HeavySettings settings, ArchiveTools tools) {
        this.clock = clock;
        this.settings = settings;
        this.tools = tools;
    }

    TarResult run(BackupLayout layout, Cancellation cancel, LongConsumer bytesWritten) {
        long t0 = System.nanoTime();
        try {
            return archive(layout, cancel, bytesWritten, t0);
        } catch (IOException | UncheckedIOException e) {
            return TarResult.of(StageOutcome.FAILED, null, null, since(t0), "archive failed: " + e);
        }
    }

    private TarResult archive(BackupLayout layout, Cancellation cancel, LongConsumer bytesWritten, long t0)
            throws IOException {
        if (cancel.requested()) {
            return TarResult.of(StageOutcome.CANCELLED, null, null, since(t0), "cancelled before the archive started");
        }
        // A leftover partial is from a run that crashed or was killed; nothing else writes here.
        for (Path leftover : HostArchives.partials(layout)) {
            Files.deleteIfExists(leftover);
        }
        Optional<LatestSnapshot> latest = LatestSnapshot.resolve(layout);
        if (latest.isEmpty()) {
            return TarResult.of(StageOutcome.SKIPPED, null, null, since(t0),
                    "no snapshot to archive: latest does not point at a complete snapshot");
        }
        String name = latest.get().name();
        List<ArchiveFile> archives = HostArchives.list(layout);
        HeavyPlanner.Decision decision = HeavyPlanner.tar(archives, name, clock.instant(), settings);
        if (!decision.due()) {
            Path blocking = archives.isEmpty() ? null : archives.stream().filter(a -> a.snapshot().equals(name))
                    .findFirst().orElse(archives.getLast()).file();
            return TarResult.of(StageOutcome.SKIPPED, name, blocking, since(t0), decision.reason());
        }

        Path file = layout.archivesDir().resolve(HostArchives.fileName(layout.host(), name, settings.compression()));
        Path partial = file.resolveSibling(file.getFileName() + BackupLayout.PARTIAL);
        Files.createDirectories(layout.archivesDir());
        // tar exit 1 ("file changed as we read it") is success here: in --create mode it means
        // only that a file's ctime moved while it was read, and in a complete snapshot the one
        // thing that moves it is the link count, when the next snapshot hardlinks the file or
        // retention unlinks an older copy. The content is immutable; real errors are exit 2.
        Pipeline.Result run = Pipeline.run(List.of(
                        new Pipeline.Command(tools.tarCommand(latest.get().dir()), 1),
                        Pipeline.Command.of(tools.compressCommand(settings.compression(), settings.level()))),
                partial, cancel, bytesWritten);
        if (run.cancelled()) {
            Files.deleteIfExists(partial);
            return TarResult.of(StageOutcome.CANCELLED, name, null, since(t0), "cancelled; partial archive removed");
        }
        if (!run.ok()) {
            Files.deleteIfExists(partial);
            return TarResult.of(StageOutcome.FAILED, name, null, since(t0),
                    (run.diskFull() ? "disk full: " : "") + "archive of " + name + " failed (" + run.failure()
                            + "); partial archive removed, older archives untouched");
        }
        try {
            finish(partial, file);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            return TarResult.of(StageOutcome.FAILED, name, null, since(t0), "archive of " + name
                    + " could not be completed (" + e + "); partial archive removed, older archives untouched");
        }
        long size = Files.size(file);
        bytesWritten.accept(size);
        long input = inputBytes(run);
        return new TarResult(StageOutcome.CREATED, name, file, size, input, since(t0),
                "archived " + name + " to " + file.getFileName() + ": " + size + " bytes"
                        + (input > 0 ? String.format(" (%.1f %% of %d)", 100.0 * size / input, input) : ""));
    }

    /** Data on disk, then the archive's time (see {@link HostArchives}), then the name, then the directory entry. */
    private void finish(Path partial, Path file) throws IOException {
        Instant made = clock.instant();
        Files.setLastModifiedTime(partial, FileTime.from(made));
        try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        Durable.fsync(file.getParent());
    }

    private static long inputBytes(Pipeline.Result run) {
        for (String line : run.exits().getFirst().stderr()) {
            Matcher m = TOTALS.matcher(line);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        return 0;
    }

    static Duration since(long t0) {
        // monotonic, not the injected clock: this measures how long a process ran
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
