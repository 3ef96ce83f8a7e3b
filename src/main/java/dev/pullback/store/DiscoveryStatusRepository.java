package dev.pullback.store;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code discovery_status} table: each host's last preflight and import (the host page reads it; nothing rescans). */
@Repository
public class DiscoveryStatusRepository {
    private final JdbcClient jdbc;

    public DiscoveryStatusRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DiscoveryStatus> find(String host) {
        return jdbc.sql("SELECT * FROM discovery_status WHERE host = ?").param(host)
                .query((rs, i) -> new DiscoveryStatus(rs.getString("host"), Sql.instant(rs.getString("checked_at")),
                        rs.getString("dir_state"), rs.getString("layout"), rs.getLong("complete_count"),
                        rs.getLong("partial_count"), rs.getLong("unknown_count"), Sql.list(rs.getString("warnings")),
                        Sql.instant(rs.getString("imported_at")), rs.getString("import_summary")))
                .optional();
    }

    /** Saves a preflight; the last import stays as it was. */
    public void savePreflight(DiscoveryStatus s) {
        Object[] values = {Sql.instant(s.checkedAt()), s.dirState(), s.layout(), s.complete(), s.partial(), s.unknown(),
                Sql.list(s.warnings()), s.host()};
        int n = jdbc.sql("UPDATE discovery_status SET checked_at = ?, dir_state = ?, layout = ?, complete_count = ?, "
                + "partial_count = ?, unknown_count = ?, warnings = ? WHERE host = ?").params(values).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO discovery_status (checked_at, dir_state, layout, complete_count, partial_count, unknown_count, "
                    + "warnings, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").params(values).update();
        }
    }

    /** Records an import (after {@link #savePreflight} saved the preflight it came from). */
    public void saveImport(String host, Instant at, String summary) {
        jdbc.sql("UPDATE discovery_status SET imported_at = ?, import_summary = ? WHERE host = ?")
                .params(Sql.instant(at), summary, host).update();
    }
}
