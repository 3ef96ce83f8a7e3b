package dev.pullback.archive;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The programs the heavy pipeline runs, and their argument lists. Arguments are lists, never a
 * shell string; the snapshot path is passed after {@code -C}, so no name in it is ever parsed.
 *
 * @param gzip {@code pigz} when installed (all cores, same .gz format), else {@code gzip}
 */
public record ArchiveTools(String tar, String zstd, String gzip, String cp) {

    /** The programs on PATH, preferring pigz over gzip. */
    public static ArchiveTools detect() {
        return new ArchiveTools("tar", "zstd", onPath("pigz") ? "pigz" : "gzip", "cp");
    }

    /**
     * GNU tar writing the snapshot's content to stdout:
     * <ul>
     * <li>{@code --sparse}: a mostly empty file (VM image, database file) stays small;</li>
     * <li>{@code --numeric-owner}: uids as stored, the backup server's user names mean nothing for them;</li>
     * <li>{@code --acls --xattrs} (POSIX format): keeps what {@code rsync -A -X} put in the snapshot;
     *     the format also keeps sub-second mtimes and names of any length;</li>
     * <li>{@code --totals}: the uncompressed size on stderr, for the result;</li>
     * <li>{@code --warning=no-file-changed}: a snapshot's files change only their link count
     *     while read (see {@link TarStep}), not worth a line per file.</li>
     * </ul>
     * Entries are {@code ./...}, as Backup Manager's {@code tar -C current .} made them.
     */
    List<String> tarCommand(Path snapshotDir) {
        return List.of(tar, "--create", "--file=-", "--format=posix", "--sparse", "--numeric-owner", "--acls",
                "--xattrs", "--totals", "--warning=no-file-changed", "--directory=" + snapshotDir.toAbsolutePath(), ".");
    }

    /** Compressor from stdin to stdout; zstd with {@code -T0} uses every core, like pigz. */
    List<String> compressCommand(Compression compression, int level) {
        List<String> cmd = new ArrayList<>();
        if (compression == Compression.ZSTD) {
            cmd.addAll(List.of(zstd, "-T0", "-" + level, "-q", "-c"));
        } else {
            cmd.addAll(List.of(gzip, "-" + level, "-c"));
        }
        return cmd;
    }

    /**
     * A hardlink copy: {@code -a} keeps modes, times and symlinks as symlinks (never followed),
     * {@code -l} links files instead of copying their data. {@code --} because the paths are ours
     * but start-with-dash safety costs nothing.
     */
    List<String> hardlinkCopyCommand(Path from, Path to) {
        return List.of(cp, "-al", "--", from.toAbsolutePath().toString(), to.toAbsolutePath().toString());
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
