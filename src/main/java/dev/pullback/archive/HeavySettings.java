package dev.pullback.archive;

import dev.pullback.InvalidInputException;
import java.time.Duration;

/**
 * Settings of the heavy pipeline (Backup Manager's names in brackets): how archives are
 * compressed, how often they are made and kept, and the monthly golden copies.
 *
 * @param compression        zstd or gzip ({@code tar-compression})
 * @param gzipLevel          1..9, used with gzip ({@code tar-compression-level}, TAR_COMPRESSION_LEVEL)
 * @param zstdLevel          1..19, used with zstd ({@code zstd-level}); 20+ needs --ultra and hours per archive
 * @param tarInterval        minimum age of the newest archive before another is made (TAR_INTERVAL_HOURS)
 * @param tarRetentionDays   archives older than this are removed, never the newest (TAR_RETENTION_DAYS)
 * @param keepMonthly        make monthly golden copies (KEEP_MONTHLY_SNAPSHOTS)
 * @param snapshotDayOfMonth 1..28, day from which the month's copy is made (SNAPSHOT_DAY_OF_MONTH);
 *                           28 at most so that every month has that day
 * @param retentionMonths    monthly copies older than this many months are removed, never the newest (RETENTION_MONTHS)
 */
public record HeavySettings(Compression compression, int gzipLevel, int zstdLevel, Duration tarInterval,
                            int tarRetentionDays, boolean keepMonthly, int snapshotDayOfMonth, int retentionMonths) {

    public HeavySettings {
        if (compression == null) {
            throw new InvalidInputException("tar-compression", "must be zstd or gzip");
        }
        range("tar-compression-level", gzipLevel, 1, 9);
        range("zstd-level", zstdLevel, 1, 19);
        if (tarInterval == null || tarInterval.isNegative() || tarInterval.isZero()) {
            throw new InvalidInputException("tar-interval-hours", "must be positive, got " + tarInterval);
        }
        range("tar-retention-days", tarRetentionDays, 1, 36_500);
        range("snapshot-day-of-month", snapshotDayOfMonth, 1, 28);
        range("retention-months", retentionMonths, 1, 1_200);
    }

    /** Backup Manager's defaults, with zstd level 3 instead of gzip. */
    public static HeavySettings defaults() {
        return new HeavySettings(Compression.ZSTD, 6, 3, Duration.ofHours(4), 5, true, 1, 24);
    }

    /** The level for the chosen compression. */
    public int level() {
        return compression == Compression.ZSTD ? zstdLevel : gzipLevel;
    }

    public HeavySettings withCompression(Compression c) {
        return new HeavySettings(c, gzipLevel, zstdLevel, tarInterval, tarRetentionDays, keepMonthly,
                snapshotDayOfMonth, retentionMonths);
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInputException(field, "must be between " + min + " and " + max + ", got " + value);
        }
    }
}
