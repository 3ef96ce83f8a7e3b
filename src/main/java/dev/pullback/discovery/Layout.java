package dev.pullback.discovery;

import java.util.Locale;

/** How a host directory is organised on disk. */
public enum Layout {
    /** {@code hourly/<yyyy-MM-dd_HHmm>/} with pullback's JSON {@code .snapshot_complete} markers. */
    PULLBACK,
    /** The same directories with Backup Manager's empty {@code .snapshot_complete} markers. */
    BACKUP_MANAGER,
    /** rsync-time-backup: {@code <yyyy-MM-dd-HHmmss>/} beside {@code backup.marker}; {@code backup.inprogress} marks the newest partial. */
    RSYNC_TIME_BACKUP,
    /** rsnapshot: {@code <snapshot_root>/<interval>.<n>/<point>/}, reached through {@code adopted-history}. */
    RSNAPSHOT,
    /** Nothing recognisable (or nothing at all). */
    NONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether pullback's retention manages snapshots of this layout (it never deletes what another tool made, adopted in place). */
    public boolean managed() {
        return this == PULLBACK || this == BACKUP_MANAGER;
    }
}
