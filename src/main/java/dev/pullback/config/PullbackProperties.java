package dev.pullback.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings from the environment ({@code PULLBACK_*}, and Backup Manager's names as aliases, see
 * application.properties). After the first start the database holds hosts and global settings;
 * these only seed what was never configured.
 *
 * @param dataDir         holds pullback.db, known_hosts and logs
 * @param databaseUrl     a JDBC URL; empty means SQLite in the data dir
 * @param watchdogTimeout a transfer with no output for this long is stopped
 * @param maxParallel     hosts a job runs at once
 * @param tarCompression  zstd (default) or gzip
 * @param zstdLevel       zstd's level; {@code tarCompressionLevel} is gzip's (Backup Manager's variable)
 * @param keepLast        retention: always keep this many newest snapshots (0: off); with weekly/yearly
 *                        windows and the minimum count, beside Backup Manager's hourly/daily/monthly tiers
 */
@ConfigurationProperties(prefix = "pullback")
public record PullbackProperties(
        Path dataDir,
        String databaseUrl,
        String backupRoot,
        String hosts,
        String timezone,
        String rsync,
        Duration watchdogTimeout,
        Duration sshConnectTimeout,
        int snapshotIntervalHours,
        int tarIntervalHours,
        int tarRetentionDays,
        int tarCompressionLevel,
        int hourlyRetentionHours,
        int dailyRetentionDays,
        boolean keepMonthlySnapshots,
        int snapshotDayOfMonth,
        int retentionMonths,
        int maxParallel,
        String tarCompression,
        int zstdLevel,
        int keepLast,
        int weeklyWeeks,
        int yearlyYears,
        int minKeep) {

    public Path knownHosts() {
        return dataDir.resolve("known_hosts");
    }
}
