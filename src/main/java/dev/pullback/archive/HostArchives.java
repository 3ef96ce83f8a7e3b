package dev.pullback.archive;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.SnapshotName;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads what the heavy pipeline left in a host's directory: archives and monthly copies.
 *
 * <p>An archive's time is its file's mtime, not the date in its name. The name carries the
 * snapshot's time, which can be much older than the archive (snapshots stopped, the last one is
 * archived days later); "make one every N hours" and "keep N days" are about when archives were
 * made, and Backup Manager's own archives, which pullback adopts, only carry that in their mtime.
 * The tar stage sets the mtime from its injected clock when it finishes, so tests and the
 * scheduler see one timeline. The interval check and retention both use this one time.
 */
final class HostArchives {
    static final String PREFIX = "backup_";

    private HostArchives() {
    }

    /** {@code backup_<host>_<snapshot>.tar.zst} */
    static String fileName(String host, String snapshot, Compression compression) {
        return PREFIX + host + "_" + snapshot + compression.suffix();
    }

    /** Finished archives of the host, oldest first by their time; partials and foreign files are ignored. */
    static List<ArchiveFile> list(BackupLayout layout) throws IOException {
        Path dir = layout.archivesDir();
        List<ArchiveFile> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        String prefix = PREFIX + layout.host() + "_";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                for (Compression c : Compression.values()) {
                    if (name.startsWith(prefix) && name.endsWith(c.suffix())) {
                        String snapshot = name.substring(prefix.length(), name.length() - c.suffix().length());
                        if (SnapshotName.isValid(snapshot)) {
                            attributes(p).ifPresent(a -> out.add(
                                    new ArchiveFile(p, snapshot, c, a.lastModifiedTime().toInstant(), a.size())));
                        }
                    }
                }
            }
        }
        out.sort(Comparator.comparing(ArchiveFile::made).thenComparing(ArchiveFile::fileName));
        return out;
    }

    /** Leftover {@code *.partial} archives of a run that crashed or was killed. */
    static List<Path> partials(BackupLayout layout) throws IOException {
        return entries(layout.archivesDir(), "*" + BackupLayout.PARTIAL);
    }

    /** Finished monthly copies ({@code YYYY-MM} directories), oldest first. */
    static List<YearMonth> monthly(BackupLayout layout) throws IOException {
        List<YearMonth> out = new ArrayList<>();
        for (Path p : entries(layout.monthlyDir(), "[0-9][0-9][0-9][0-9]-[0-9][0-9]")) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    out.add(YearMonth.parse(p.getFileName().toString()));
                } catch (DateTimeParseException e) {
                    // e.g. 2026-13: not a name pullback makes, left alone
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** Leftover {@code YYYY-MM.partial} copies. */
    static List<Path> monthlyPartials(BackupLayout layout) throws IOException {
        return entries(layout.monthlyDir(), "*" + BackupLayout.PARTIAL);
    }

    private static List<Path> entries(Path dir, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            ds.forEach(out::add);
        }
        return out;
    }

    private static Optional<BasicFileAttributes> attributes(Path p) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? Optional.of(a) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty(); // removed while listing (cleanup of another process)
        }
    }
}
