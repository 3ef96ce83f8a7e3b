package dev.pullback.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The fsync steps of the lifecycle: data on disk before the marker, the marker before the rename. */
public final class Durable {
    private Durable() {
    }

    /** fsync of a directory, so a rename or a new entry in it survives a power cut. */
    public static void fsync(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Flushes the whole file system holding {@code dir} (syncfs(2) through {@code sync -f}): one
     * call instead of an fsync per file of a tree rsync just wrote.
     */
    public static void syncFilesystem(Path dir) throws IOException {
        try {
            Process p = new ProcessBuilder("sync", "-f", dir.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() != 0) {
                throw new IOException("sync -f " + dir + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while syncing " + dir, e);
        }
    }

    /** Write to a temporary sibling, fsync it, rename over the target, fsync the directory. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(content));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        fsync(file.getParent());
    }

    /**
     * Points a symlink at {@code target} atomically: a new link under a temporary name renamed over
     * the old one (rename(2) replaces it in one step), so readers never see it missing. Temporary
     * links a killed process left behind are removed first.
     */
    public static void swapSymlink(Path link, Path target) throws IOException {
        String prefix = link.getFileName() + ".tmp-";
        // a temporary link left by a process killed between its two steps (the caller holds the host lock)
        try (var siblings = Files.newDirectoryStream(link.getParent(), p -> p.getFileName().toString().startsWith(prefix)
                && Files.isSymbolicLink(p))) {
            for (Path stale : siblings) {
                Files.deleteIfExists(stale);
            }
        }
        Path tmp = link.resolveSibling(prefix + ProcessHandle.current().pid());
        Files.createSymbolicLink(tmp, target);
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE);
    }
}
