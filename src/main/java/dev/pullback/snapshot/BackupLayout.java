package dev.pullback.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One host's directory under the backup root (DESIGN.md §2). Listing reads names and markers
 * only, never the trees.
 */
public record BackupLayout(Path root, String host) {
    public static final String MARKER = ".snapshot_complete";
    public static final String PARTIAL = ".partial";
    public static final String TRASH = ".trash-";
    /** Symlink to a foreign snapshot (rsnapshot's, adopted by {@code pullback adopt}): the first run's link base. */
    public static final String ADOPTED = "adopted-base";
    /**
     * Symlink to a foreign history adopted in place (rsync-time-backup's destination, or rsnapshot's
     * {@code snapshot_root}): discovery indexes its snapshots from there. Retention never sees them.
     */
    public static final String ADOPTED_HISTORY = "adopted-history";

    public Path hostDir() {
        return root.resolve(host);
    }

    public Path hourlyDir() {
        return hostDir().resolve("hourly");
    }

    public Path lockFile() {
        return hostDir().resolve(".pullback.lock");
    }

    public Path heavyLockFile() {
        return hostDir().resolve(".pullback-heavy.lock");
    }

    public Path latestLink() {
        return hostDir().resolve("latest");
    }

    public Path currentLink() {
        return hostDir().resolve("current");
    }

    /** Compressed tar archives, {@code backup_<host>_<snapshot>.tar.zst} (or {@code .tar.gz}). */
    public Path archivesDir() {
        return hostDir().resolve("archives");
    }

    /** Monthly golden copies, {@code monthly/YYYY-MM/}. */
    public Path monthlyDir() {
        return hostDir().resolve("monthly");
    }

    public Path snapshotDir(String name) {
        return hourlyDir().resolve(name);
    }

    public Path partialDir(String name) {
        return hourlyDir().resolve(name + PARTIAL);
    }

    /** Complete means: not a partial, not trash, a real directory, and a marker inside. */
    public boolean isComplete(String name) {
        Path dir = snapshotDir(name);
        return !name.endsWith(PARTIAL) && !name.startsWith(".")
                && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
    }

    /** Complete snapshots, oldest first by the marker's finish time (never by name). */
    public List<CompleteSnapshot> completeSnapshots() {
        List<CompleteSnapshot> out = new ArrayList<>();
        for (Path dir : entries()) {
            String name = dir.getFileName().toString();
            if (isComplete(name)) {
                try {
                    out.add(new CompleteSnapshot(name, dir, MarkerFile.read(dir.resolve(MARKER), host, name)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the marker of " + dir, e);
                }
            }
        }
        out.sort(Comparator.comparing((CompleteSnapshot s) -> s.marker().finished()).thenComparing(CompleteSnapshot::name));
        return out;
    }

    public Optional<CompleteSnapshot> newestComplete() {
        List<CompleteSnapshot> all = completeSnapshots();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    public Path adoptedLink() {
        return hostDir().resolve(ADOPTED);
    }

    public Path adoptedHistoryLink() {
        return hostDir().resolve(ADOPTED_HISTORY);
    }

    /** The directory {@code adopted-history} points to, resolved; empty when there is no such link or it points nowhere. */
    public Optional<Path> adoptedHistory() {
        Path link = adoptedHistoryLink();
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        try {
            Path target = hostDir().resolve(Files.readSymbolicLink(link));
            return Files.isDirectory(target) ? Optional.of(target.toRealPath()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * What the next run hardlinks against: the newest complete snapshot or, before pullback made
     * one, the foreign snapshot directory {@code adopted-base} points to (its time from the
     * directory's mtime, its marker version 0 like any foreign marker). The foreign history stays
     * where and as it is; retention and the heavy pipeline never see it.
     */
    public Optional<CompleteSnapshot> linkBase() {
        Optional<CompleteSnapshot> own = newestComplete();
        if (own.isPresent() || !Files.isSymbolicLink(adoptedLink())) {
            return own;
        }
        try {
            Path target = hostDir().resolve(Files.readSymbolicLink(adoptedLink()));
            if (!Files.isDirectory(target)) {
                return Optional.empty();
            }
            java.time.Instant t = Files.getLastModifiedTime(target).toInstant();
            return Optional.of(new CompleteSnapshot(ADOPTED, target, new Marker(0, host, ADOPTED, Marker.COMPLETE, t, t, null,
                    0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Leftover {@code .partial} directories, newest first. */
    public List<Path> partials() {
        List<Path> out = new ArrayList<>();
        for (Path dir : entries()) {
            String name = dir.getFileName().toString();
            if (name.endsWith(PARTIAL) && !name.startsWith(".") && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                out.add(dir);
            }
        }
        out.sort(Comparator.comparing(BackupLayout::mtime).reversed());
        return out;
    }

    private List<Path> entries() {
        Path hourly = hourlyDir();
        if (!Files.isDirectory(hourly)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(hourly)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + hourly, e);
        }
        return out;
    }

    private static FileTime mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** A snapshot directory with its marker. */
    public record CompleteSnapshot(String name, Path dir, Marker marker) {
    }
}
