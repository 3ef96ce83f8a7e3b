package dev.pullback.web;

import dev.pullback.store.Sql;
import dev.pullback.store.SnapshotRow;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The few snapshot figures a dashboard card needs, each one indexed query: the newest snapshot,
 * how many there are, and how many are newer than a point in time. The catalog's full list
 * (10 000 rows for a year of hourly snapshots) is never loaded for the dashboard.
 */
@Component
class SnapshotFigures {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmm", Locale.ROOT);
    /** Counts are reused while the newest snapshot and the policy stay the same, for at most this long. */
    static final java.time.Duration COUNTS_TTL = java.time.Duration.ofMinutes(5);
    private final JdbcClient jdbc;
    private final java.util.Map<String, Counts> counts = new java.util.concurrent.ConcurrentHashMap<>();

    /** A host's snapshot count and how many fall in the hourly and (hourly + daily) windows. */
    record Counts(String latest, int hourlyHours, int dailyDays, Instant at, long total, long hourly, long withDaily) {
    }

    SnapshotFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SnapshotRow> latest(String host) {
        return jdbc.sql("SELECT name, path, started_at, finished_at, status, base_name, rsync_exit_code, files_total, "
                        + "files_created, files_updated, files_deleted, bytes_total, bytes_transferred, new_bytes, warnings, pinned "
                        + "FROM snapshots WHERE host = ? ORDER BY name DESC LIMIT 1")
                .param(host)
                .query((rs, i) -> new SnapshotRow(host, rs.getString("name"), rs.getString("path"),
                        Sql.instant(rs.getString("started_at")), Sql.instant(rs.getString("finished_at")),
                        rs.getString("status"), rs.getString("base_name"), Sql.integer(rs, "rsync_exit_code"),
                        rs.getLong("files_total"), rs.getLong("files_created"), rs.getLong("files_updated"),
                        rs.getLong("files_deleted"), rs.getLong("bytes_total"), rs.getLong("bytes_transferred"),
                        rs.getLong("new_bytes"), Sql.list(rs.getString("warnings")), rs.getBoolean("pinned")))
                .optional();
    }

    /**
     * The counts for a card. Counting 10 000 index entries per host is what a 100-host dashboard
     * would spend most of its time on, so the answer is kept until a new snapshot appears, the
     * policy changes, or {@link #COUNTS_TTL} passes (retention removes old snapshots; tiers age).
     */
    Counts counts(String host, String latest, int hourlyHours, int dailyDays, Instant now, ZoneId zone) {
        Counts c = counts.get(host);
        if (c != null && java.util.Objects.equals(c.latest(), latest) && c.hourlyHours() == hourlyHours
                && c.dailyDays() == dailyDays && !now.isAfter(c.at().plus(COUNTS_TTL)) && !now.isBefore(c.at())) {
            return c;
        }
        Counts fresh = new Counts(latest, hourlyHours, dailyDays, now, count(host),
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
