package dev.pullback.trust;

import dev.pullback.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code host_keys} table. */
@Repository
public class HostKeyRepository {
    private static final String COLUMNS = "host, key_type, fingerprint, first_seen, trusted_at";

    private final JdbcClient jdbc;

    public HostKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<HostKeyRecord> find(String host) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM host_keys WHERE host = ?").param(host)
                .query(HostKeyRepository::map).optional();
    }

    public List<HostKeyRecord> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM host_keys ORDER BY host").query(HostKeyRepository::map).list();
    }

    public void save(HostKeyRecord r) {
        int n = jdbc.sql("UPDATE host_keys SET key_type = ?, fingerprint = ?, first_seen = ?, trusted_at = ? WHERE host = ?")
                .params(r.type(), r.fingerprint(), Sql.instant(r.firstSeen()), Sql.instant(r.trustedAt()), r.host()).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO host_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")
                    .params(r.host(), r.type(), r.fingerprint(), Sql.instant(r.firstSeen()), Sql.instant(r.trustedAt()))
                    .update();
        }
    }

    private static HostKeyRecord map(ResultSet rs, int row) throws SQLException {
        return new HostKeyRecord(rs.getString("host"), rs.getString("key_type"), rs.getString("fingerprint"),
                Sql.instant(rs.getString("first_seen")), Sql.instant(rs.getString("trusted_at")));
    }
}
