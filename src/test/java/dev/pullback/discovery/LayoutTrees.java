package dev.pullback.discovery;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.Marker;
import dev.pullback.snapshot.MarkerFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/** Builds the on-disk layouts discovery recognises (markers and names only; a file or two inside). */
public final class LayoutTrees {
    private final Path hostDir;

    private LayoutTrees(Path hostDir) {
        this.hostDir = hostDir;
    }

    public static LayoutTrees host(Path root, String host) {
        return new LayoutTrees(root.resolve(host));
    }

    /** A pullback snapshot with a JSON marker (base: the given name or null). */
    public LayoutTrees pullback(String name, Instant finished, String base) {
        Path dir = mkdirs(hostDir.resolve("hourly").resolve(name).resolve("home"));
        write(dir.resolve("file.txt"), name);
        try {
            MarkerFile.write(dir.getParent().resolve(BackupLayout.MARKER), new Marker(Marker.VERSION, hostDir.getFileName().toString(),
                    name, Marker.COMPLETE, finished.minusSeconds(60), finished, base, 0, 2, 10, 10, 1, 0, 0, 10, List.of(), List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A Backup Manager snapshot: {@code ~/} straight in the directory, an empty marker whose mtime is the time. */
    public LayoutTrees backupManager(String name, Instant finished) {
        Path dir = mkdirs(hostDir.resolve("hourly").resolve(name));
        write(dir.resolve("notes.txt"), "notes of " + name);
        Path marker = dir.resolve(BackupLayout.MARKER);
        write(marker, "");
        touch(marker, finished);
        return this;
    }

    /** A snapshot directory without a marker (a crash before the marker, or something else). */
    public LayoutTrees unmarked(String name) {
        mkdirs(hostDir.resolve("hourly").resolve(name));
        return this;
    }

    public LayoutTrees partial(String name) {
        mkdirs(hostDir.resolve("hourly").resolve(name + BackupLayout.PARTIAL));
        return this;
    }

    /** Backup Manager's extras: {@code monthly/YYYY-MM}, {@code archives/}, {@code latest} and {@code current} links. */
    public LayoutTrees backupManagerExtras(String latest) {
        mkdirs(hostDir.resolve("monthly/2026-02"));
        Path archives = mkdirs(hostDir.resolve("archives"));
        write(archives.resolve("backup_" + hostDir.getFileName() + "_" + latest + ".tar.gz"), "tar");
        try {
            Files.createSymbolicLink(hostDir.resolve("latest"), Path.of("hourly", latest));
            Files.createSymbolicLink(hostDir.resolve("current"), Path.of("hourly", latest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** rsync-time-backup: dated directories and {@code backup.marker}; {@code inProgress} adds {@code backup.inprogress}. */
    public LayoutTrees rsyncTimeBackup(boolean inProgress, String... names) {
        mkdirs(hostDir);
        write(hostDir.resolve("backup.marker"), "");
        for (String n : names) {
            write(mkdirs(hostDir.resolve(n)).resolve("f"), n);
        }
        if (inProgress) {
            write(hostDir.resolve("backup.inprogress"), "1234");
        }
        return this;
    }

    /** rsnapshot's {@code <snapshotRoot>/<interval>.<index>/<point>/} with a file inside; the interval directory's mtime is the time. */
    public static void rsnapshot(Path snapshotRoot, String interval, int index, String point, Instant at) {
        Path dir = mkdirs(snapshotRoot.resolve(interval + "." + index).resolve(point).resolve("etc"));
        write(dir.resolve("hostname"), interval + "." + index);
        touch(snapshotRoot.resolve(interval + "." + index), at);
    }

    /** The host's {@code adopted-history} link, as {@code pullback adopt} makes it. */
    public LayoutTrees adoptedHistory(Path target) {
        try {
            Files.createSymbolicLink(mkdirs(hostDir).resolve(BackupLayout.ADOPTED_HISTORY), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Path dir() {
        return mkdirs(hostDir);
    }

    static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path p, String content) {
        try {
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void touch(Path p, Instant t) {
        try {
            Files.setLastModifiedTime(p, FileTime.from(t));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
