package dev.pullback.web;

import dev.pullback.store.SqlSnapshotCatalog;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The counts a dashboard card needs, each one indexed query: how many snapshots there are, and
 * how many are newer than a point in time. The catalog's full list
 * (10 000 rows for a year of hourly snapshots) is never loaded for the dashboard.
 */
@Component
class SnapshotFigures {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmm", Locale.ROOT);
    /** Counts are reused while the newest snapshot and the policy stay the same, for at most this long. */
    static final java.time.Duration COUNTS_TTL = java.time.Duration.ofMinutes(5);
    private final JdbcClient jdbc;
    private final SqlSnapshotCatalog catalog;
    private final java.util.Map<String, Counts> counts = new java.util.concurrent.ConcurrentHashMap<>();

    /** A host's snapshot count and how many fall in the hourly and (hourly + daily) windows. */
    record Counts(String latest, long writes, int hourlyHours, int dailyDays, Instant at, long total, long hourly,
                  long withDaily) {
    }

    SnapshotFigures(JdbcClient jdbc, SqlSnapshotCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /**
     * The counts for a card. Counting 10 000 index entries per host is what a 100-host dashboard
     * would spend most of its time on, so the answer is kept until this process writes the host's
     * rows (a backup, retention, discovery), a new snapshot appears (a CLI backup), the policy
     * changes, or {@link #COUNTS_TTL} passes (tiers age; the CLI's retention removes snapshots).
     */
    Counts counts(String host, String latest, int hourlyHours, int dailyDays, Instant now, ZoneId zone) {
        long writes = catalog.writes(host);
        Counts c = counts.get(host);
        if (c != null && java.util.Objects.equals(c.latest(), latest) && c.writes() == writes
                && c.hourlyHours() == hourlyHours && c.dailyDays() == dailyDays
                && !now.isAfter(c.at().plus(COUNTS_TTL)) && !now.isBefore(c.at())) {
            return c;
        }
        Counts fresh = new Counts(latest, writes, hourlyHours, dailyDays, now, count(host),
                countSince(host, now.minus(java.time.Duration.ofHours(hourlyHours)), zone),
                countSince(host, now.minus(java.time.Duration.ofDays(dailyDays)), zone));
        counts.put(host, fresh);
        return fresh;
    }

    long count(String host) {
        return jdbc.sql("SELECT count(*) FROM snapshots WHERE host = ?").param(host).query(Long.class).single();
    }

    /**
     * Snapshots named at or after {@code since} (names are times in the zone, so this is an index
     * range; off by at most the hour a DST change repeats, fine for a card's tier counts).
     */
    long countSince(String host, Instant since, ZoneId zone) {
        return jdbc.sql("SELECT count(*) FROM snapshots WHERE host = ? AND name >= ?")
                .params(host, NAME.format(since.atZone(zone))).query(Long.class).single();
    }
}
