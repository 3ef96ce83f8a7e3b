package dev.pullback.archive;

import dev.pullback.snapshot.BackupLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The snapshot {@code latest} points to, resolved once to its real {@code hourly/<name>}
 * directory. A stage works on that directory from then on: a snapshot finishing meanwhile swaps
 * the link but cannot make one archive or copy mix two snapshots.
 */
record LatestSnapshot(String name, Path dir) {

    static Optional<LatestSnapshot> resolve(BackupLayout layout) throws IOException {
        Path link = layout.latestLink();
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        Path target = layout.hostDir().toAbsolutePath().resolve(Files.readSymbolicLink(link)).normalize();
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        // only a complete snapshot of this host's hourly/ counts, never wherever a hand-made link points
        if (parent == null || !parent.equals(layout.hourlyDir().toAbsolutePath().normalize()) || !layout.isComplete(name)) {
            return Optional.empty();
        }
        return Optional.of(new LatestSnapshot(name, layout.snapshotDir(name)));
    }
}
