package dev.pullback.archive;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One finished archive of a host.
 *
 * @param snapshot the snapshot name taken from the file name
 * @param made     when the archive was finished: the file's mtime, which the tar stage sets from
 *                 its clock (see {@link HostArchives})
 */
public record ArchiveFile(Path file, String snapshot, Compression compression, Instant made, long bytes) {

    public String fileName() {
        return file.getFileName().toString();
    }
}
