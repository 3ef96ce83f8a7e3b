package dev.pullback.discovery;

import java.nio.file.Path;
import java.util.List;

/**
 * The backup root as the preflight found it.
 *
 * @param root        null when no backup root is configured
 * @param mountPoint  whether the root is itself a mount point (a separate drive); false when it is on its parent's file system
 * @param freeBytes   usable bytes, -1 when unknown
 * @param freeInodes  free inodes, -1 when unknown
 * @param directories the names of the directories directly under the root (sorted)
 */
public record RootReport(Path root, boolean exists, boolean directory, boolean mountPoint, boolean writable,
                         long freeBytes, long totalBytes, long freeInodes, long totalInodes, List<String> directories) {

    public RootReport {
        directories = List.copyOf(directories);
    }

    public boolean usable() {
        return exists && directory;
    }
}
