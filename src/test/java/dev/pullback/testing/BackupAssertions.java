package dev.pullback.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.snapshot.BackupLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Assertions that read like the promises pullback makes about the tree on disk. */
public final class BackupAssertions {
    private BackupAssertions() {
    }

    public static void assertComplete(BackupLayout layout, String name) {
        assertThat(layout.snapshotDir(name)).as("snapshot dir " + name).isDirectory();
        assertThat(layout.snapshotDir(name).resolve(BackupLayout.MARKER)).as("marker of " + name).isRegularFile();
        assertThat(layout.partialDir(name)).as("no partial left for " + name).doesNotExist();
    }

    /** Both links point at {@code hourly/<name>} (relative, so the tree can be moved). */
    public static void assertLatestIs(BackupLayout layout, String name) {
        for (Path link : new Path[] {layout.latestLink(), layout.currentLink()}) {
            assertThat(Files.isSymbolicLink(link)).as(link + " is a symlink").isTrue();
            try {
                assertThat(Files.readSymbolicLink(link)).as(link.toString()).isEqualTo(Path.of("hourly", name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static void assertNoLatest(BackupLayout layout) {
        assertThat(Files.exists(layout.latestLink(), LinkOption.NOFOLLOW_LINKS)).as("latest").isFalse();
        assertThat(Files.exists(layout.currentLink(), LinkOption.NOFOLLOW_LINKS)).as("current").isFalse();
    }

    /** The tree's content (types, bytes, link targets, modes) without inodes, for "byte-exact" checks. */
    public static Map<String, String> content(Path root) {
        Map<String, String> out = new TreeMap<>();
        SourceTree.snapshot(root).forEach((k, f) -> {
            if (!f.type().equals("dir")) {
                out.put(k, f.type() + ":" + f.sha256() + ":" + f.linkTarget() + ":" + Integer.toOctalString(f.mode()));
            } else {
                out.put(k, "dir:" + Integer.toOctalString(f.mode()));
            }
        });
        return out;
    }

    /** Inode, size, hash, mode and mtime of every entry: what must never change in an older snapshot. */
    public static Map<String, String> identity(Path root) {
        Map<String, String> out = new TreeMap<>();
        SourceTree.snapshot(root).forEach((k, f) -> {
            if (!f.type().equals("dir")) {
                out.put(k, f.inode() + ":" + f.size() + ":" + f.sha256() + ":" + f.mode() + ":" + f.mtimeMillis());
            }
        });
        return out;
    }
}
