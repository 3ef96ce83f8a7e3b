package dev.pullback.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Deleting a hardlinked tree is slow and may be interrupted: first rename it to
 * {@code .trash-<name>-<nanos>} (atomic, invisible to listings and to {@code latest}), then
 * delete; a later {@link #purge} finishes what an interrupted deletion left.
 *
 * <p>Deletion never follows a symlink (a link is unlinked, not entered), works relative to open
 * directory handles where the platform allows it (no path is resolved twice, so a directory
 * swapped for a symlink mid-way cannot redirect it), gives directories made read-only by the
 * backed-up data owner permissions back only as needed, and tolerates another deleter working
 * on the same tree (an entry already gone is not an error).
 */
public final class Trash {
    /** Trees this process is deleting right now: {@link #purge} and {@link #leftovers} leave them alone. */
    private static final Set<Path> DELETING = ConcurrentHashMap.newKeySet();
    private static final Set<PosixFilePermission> OWNER_RWX = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private Trash() {
    }

    /** Renames {@code dir} into trash and deletes it. */
    public static void discard(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        delete(moveToTrash(dir));
    }

    /**
     * Renames {@code dir} to a {@code .trash-<name>-<nanos>} sibling in one atomic step and returns
     * the new path. Does not fsync the parent: callers batching several renames do that once.
     */
    public static Path moveToTrash(Path dir) throws IOException {
        Path trash = dir.resolveSibling(BackupLayout.TRASH + dir.getFileName() + "-" + System.nanoTime());
        return Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes every {@code .trash-*} entry in {@code dir} that no thread of this process is deleting. */
    public static void purge(Path dir) throws IOException {
        for (Path p : leftovers(dir)) {
            delete(p);
        }
    }

    /**
     * The {@code .trash-*} entries in {@code dir} that no thread of this process is deleting: what
     * an interrupted deletion (a crash, a kill, a power cut) left behind.
     */
    public static List<Path> leftovers(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, BackupLayout.TRASH + "*")) {
            for (Path p : ds) {
                if (!DELETING.contains(p.toAbsolutePath().normalize())) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Deletes a trash entry made by {@link #moveToTrash}: a tree, a file or a symlink (never
     * followed). Refuses anything not named {@code .trash-*}, so a wrong path cannot take live
     * data with it. An entry already gone is not an error. One thread: gentle enough to run
     * beside backups.
     */
    public static void delete(Path trash) throws IOException {
        delete(trash, 1);
    }

    /**
     * {@link #delete(Path)} with up to {@code threads} threads working on different directories
     * at once: faster when someone waits for it (unlinks in different directories do not
     * serialise in the kernel), harder on the disk.
     */
    public static void delete(Path trash, int threads) throws IOException {
        Path name = trash.getFileName();
        if (name == null || !name.toString().startsWith(BackupLayout.TRASH)) {
            throw new IllegalArgumentException("not a trash entry: " + trash);
        }
        Path key = trash.toAbsolutePath().normalize();
        DELETING.add(key);
        try {
            deleteTree(trash, threads);
        } finally {
            DELETING.remove(key);
        }
    }

    /** Deletes a tree without following symlinks out of it (see the class comment). */
    static void deleteTree(Path root) throws IOException {
        deleteTree(root, 1);
    }

    static void deleteTree(Path root, int threads) throws IOException {
        Path parent = root.toAbsolutePath().getParent();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            if (ds instanceof SecureDirectoryStream<Path> sds) {
                if (threads <= 1) {
                    deleteEntry(sds, root.getFileName(), false);
                    return;
                }
                ForkJoinPool pool = new ForkJoinPool(threads);
                try {
                    pool.invoke(new DeleteTask(sds, root.getFileName()));
                } catch (RuntimeException e) {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        if (t instanceof IOException io) {
                            throw io;
                        }
                    }
                    throw e;
                } finally {
                    pool.shutdown();
                }
                return;
            }
        } catch (NoSuchFileException e) {
            return;
        }
        walkAndDelete(root);
    }

    /** One directory's deletion as a fork/join task: its subdirectories are forked, its files unlinked inline. */
    private static final class DeleteTask extends RecursiveAction {
        private final SecureDirectoryStream<Path> parent;
        private final Path name;

        DeleteTask(SecureDirectoryStream<Path> parent, Path name) {
            this.parent = parent;
            this.name = name;
        }

        @Override
        protected void compute() {
            try {
                deleteEntry(parent, name, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Removes {@code name} inside the open directory {@code parent}. A file or a symlink goes with
     * one unlinkat(2), as {@code rm -rf} does it; only when that fails is the entry looked at
     * (a directory, or a parent that is not writable). With {@code forked}, subdirectories
     * become fork/join tasks (the caller runs in a {@link ForkJoinPool}).
     */
    private static void deleteEntry(SecureDirectoryStream<Path> parent, Path name, boolean forked) throws IOException {
        try {
            parent.deleteFile(name);
            return;
        } catch (NoSuchFileException e) {
            return;
        } catch (FileSystemException e) {
            // a directory (EISDIR), or the parent is read-only: decided below from the entry's type
        }
        PosixFileAttributes attrs;
        try {
            attrs = parent.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return;
        }
        if (attrs.isDirectory()) {
            ensureOwnerRwx(parent, name, attrs.permissions());
            try (SecureDirectoryStream<Path> child = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                List<DeleteTask> subdirectories = new ArrayList<>();
                for (Path entry : child) {
                    Path n = entry.getFileName();
                    if (!forked) {
                        deleteEntry(child, n, false);
                        continue;
                    }
                    try {
                        child.deleteFile(n);
                    } catch (NoSuchFileException e) {
                        // another deleter was faster
                    } catch (FileSystemException e) {
                        subdirectories.add(new DeleteTask(child, n));
                    }
                }
                if (!subdirectories.isEmpty()) {
                    ForkJoinTask.invokeAll(subdirectories);
                }
            } catch (NoSuchFileException e) {
                return;
            }
            try {
                parent.deleteDirectory(name);
            } catch (NoSuchFileException e) {
                // another deleter was faster
            } catch (DirectoryNotEmptyException e) {
                // another process added an entry while we listed: one more pass removes it
                deleteEntry(parent, name, forked);
            }
        } else {
            try {
                parent.deleteFile(name);
            } catch (NoSuchFileException e) {
                // gone meanwhile
            }
        }
    }

    private static void ensureOwnerRwx(SecureDirectoryStream<Path> parent, Path name, Set<PosixFilePermission> perms)
            throws IOException {
        if (perms.containsAll(OWNER_RWX)) {
            return;
        }
        Set<PosixFilePermission> wanted = EnumSet.copyOf(perms);
        wanted.addAll(OWNER_RWX);
        try {
            parent.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(wanted);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            // Without fchmodat(AT_SYMLINK_NOFOLLOW) the JDK opens the entry, which a mode-000
            // directory refuses; it was a directory an instant ago, so follow the name instead.
            try {
                parent.getFileAttributeView(name, PosixFileAttributeView.class).setPermissions(wanted);
            } catch (AccessDeniedException denied) {
                // not ours to change: listing or unlinking reports the real problem
            }
        }
    }

    /** The portable fallback where the JDK offers no {@link SecureDirectoryStream}. */
    private static void walkAndDelete(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                makeWritable(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void makeWritable(Path dir) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (!perms.containsAll(OWNER_RWX)) {
            perms.addAll(OWNER_RWX);
            try {
                Files.setPosixFilePermissions(dir, perms);
            } catch (AccessDeniedException e) {
                // not ours to change: the delete below reports the real problem
            }
        }
    }
}
