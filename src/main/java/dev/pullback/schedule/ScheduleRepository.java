package dev.pullback.schedule;

import dev.pullback.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code schedules} table: one row per host that has its own schedule. */
@Repository
public class ScheduleRepository {
    private static final String COLUMNS = "host, cron, prune, enabled, created_at, updated_at";

    private final JdbcClient jdbc;

    public ScheduleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<HostSchedule> find(String host) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM schedules WHERE host = ?").param(host)
                .query(ScheduleRepository::map).optional();
    }

    public List<HostSchedule> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM schedules ORDER BY host").query(ScheduleRepository::map).list();
    }

    /** Update-then-insert by host (portable across the three databases); keeps the creation time. */
    @Transactional
    public void save(HostSchedule s) {
        int n = jdbc.sql("UPDATE schedules SET cron = ?, prune = ?, enabled = ?, updated_at = ? WHERE host = ?")
                .params(s.cron(), s.prune(), s.enabled(), Sql.instant(s.updatedAt()), s.host()).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO schedules (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
                    .params(s.host(), s.cron(), s.prune(), s.enabled(), Sql.instant(s.createdAt()), Sql.instant(s.updatedAt()))
                    .update();
        }
    }

    /** @return whether there was a row */
    public boolean delete(String host) {
        return jdbc.sql("DELETE FROM schedules WHERE host = ?").param(host).update() > 0;
    }

    private static HostSchedule map(ResultSet rs, int row) throws SQLException {
        return new HostSchedule(rs.getString("host"), rs.getString("cron"), rs.getBoolean("prune"), rs.getBoolean("enabled"),
                Sql.instant(rs.getString("created_at")), Sql.instant(rs.getString("updated_at")));
    }
}
