package dev.pullback.retention;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.Marker;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the planner needs to know about one complete snapshot.
 *
 * @param name the directory name under {@code hourly/}
 * @param time when the snapshot was taken: its marker's {@code started} instant (UTC), the same
 *             instant its name was made from. Retention orders and buckets by this, never by the name.
 */
public record SnapshotInfo(String name, Instant time) {
    public SnapshotInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(time, "time");
    }

    /**
     * From a listing of {@link BackupLayout#completeSnapshots()}: the marker's {@code started},
     * or {@code finished} when a foreign marker carries only one time.
     */
    public static SnapshotInfo of(BackupLayout.CompleteSnapshot snapshot) {
        return new SnapshotInfo(snapshot.name(), timeOf(snapshot.marker()));
    }

    public static List<SnapshotInfo> of(List<BackupLayout.CompleteSnapshot> snapshots) {
        return snapshots.stream().map(SnapshotInfo::of).toList();
    }

    static Instant timeOf(Marker marker) {
        return marker.started() != null ? marker.started() : marker.finished();
    }
}
