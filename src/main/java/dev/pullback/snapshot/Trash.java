package dev.pullback.snapshot;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Deleting a hardlinked tree is slow and may be interrupted: first rename it to
 * {@code .trash-<name>} (atomic, invisible to listings), then delete; a later {@link #purge}
 * finishes what an interrupted deletion left.
 */
public final class Trash {
    private Trash() {
    }

    /** Renames {@code dir} into trash and deletes it. */
    public static void discard(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path trash = dir.resolveSibling(BackupLayout.TRASH + dir.getFileName() + "-" + System.nanoTime());
        Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(trash);
    }

    /** Deletes every {@code .trash-*} entry in {@code dir}. */
    public static void purge(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, BackupLayout.TRASH + "*")) {
            for (Path p : ds) {
                deleteTree(p);
            }
        }
    }

    /**
     * Deletes a tree without following symlinks out of it. Directories made read-only by the
     * backed-up data get owner write permission back, only as needed to unlink their entries.
     */
    static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                makeWritable(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void makeWritable(Path dir) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> need = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        if (!perms.containsAll(need)) {
            perms.addAll(need);
            try {
                Files.setPosixFilePermissions(dir, perms);
            } catch (AccessDeniedException e) {
                // not ours to change: the delete below reports the real problem
            }
        }
    }
}
