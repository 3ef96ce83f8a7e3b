package dev.pullback.alert;

import dev.pullback.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code anomaly_alerts} table. One open alert per host and kind: raising it again while it
 * is open refreshes its message instead of piling up one alert per failed hourly run.
 */
@Repository
public class AlertRepository {
    static final int MAX_MESSAGE = 2000;
    private static final String COLUMNS = "id, host, kind, message, created_at, acknowledged_at";

    private final JdbcClient jdbc;

    public AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void raise(String host, String kind, String message, Instant at) {
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
        int n = jdbc.sql("UPDATE anomaly_alerts SET message = ? WHERE host = ? AND kind = ? AND acknowledged_at IS NULL")
                .params(text, host, kind).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO anomaly_alerts (host, kind, message, created_at) VALUES (?, ?, ?, ?)")
                    .params(host, kind, text, Sql.instant(at)).update();
        }
    }

    /** Closes the host's open alerts of this kind; how many were open. */
    public int acknowledge(String host, String kind, Instant at) {
        return jdbc.sql("UPDATE anomaly_alerts SET acknowledged_at = ? WHERE host = ? AND kind = ? AND acknowledged_at IS NULL")
                .params(Sql.instant(at), host, kind).update();
    }

    public List<Alert> open(String host) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM anomaly_alerts WHERE host = ? AND acknowledged_at IS NULL ORDER BY id")
                .param(host).query(AlertRepository::map).list();
    }

    /** Newest first; with {@code includeAcknowledged} the closed ones too (at most {@code limit}). */
    public List<Alert> list(boolean includeAcknowledged, int limit) {
        String where = includeAcknowledged ? "" : " WHERE acknowledged_at IS NULL";
        return jdbc.sql("SELECT " + COLUMNS + " FROM anomaly_alerts" + where + " ORDER BY id DESC LIMIT ?")
                .param(limit).query(AlertRepository::map).list();
    }

    private static Alert map(ResultSet rs, int row) throws SQLException {
        return new Alert(rs.getLong("id"), rs.getString("host"), rs.getString("kind"), rs.getString("message"),
                Sql.instant(rs.getString("created_at")), Sql.instant(rs.getString("acknowledged_at")));
    }
}
