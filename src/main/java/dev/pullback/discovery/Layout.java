package dev.pullback.discovery;

import java.util.Locale;

/** How a host directory is organised on disk. */
public enum Layout {
    /** {@code hourly/<yyyy-MM-dd_HHmm>/} with pullback's JSON {@code .snapshot_complete} markers. */
    PULLBACK,
    /** The same directories with Backup Manager's empty {@code .snapshot_complete} markers. */
    BACKUP_MANAGER,
    /** rsync-time-backup: {@code <yyyy-MM-dd-HHmmss>/} beside {@code backup.marker}; recognised, not imported yet. */
    RSYNC_TIME_BACKUP,
    /** Nothing recognisable (or nothing at all). */
    NONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether discovery imports this layout's snapshots (the engine links against them). */
    public boolean importable() {
        return this == PULLBACK || this == BACKUP_MANAGER;
    }
}
