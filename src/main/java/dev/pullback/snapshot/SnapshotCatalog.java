package dev.pullback.snapshot;

import java.nio.file.Path;

/**
 * Where the engine reports a finished snapshot (the SQL index). The marker on disk is the truth;
 * a catalog that fails must not fail the snapshot, so the engine only logs its errors.
 */
public interface SnapshotCatalog {
    SnapshotCatalog NONE = (host, dir, marker) -> { };

    void recordSnapshot(String host, Path dir, Marker marker);
}
