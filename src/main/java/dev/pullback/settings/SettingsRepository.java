package dev.pullback.settings;

import dev.pullback.store.Sql;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code settings} table: one row per key. */
@Repository
public class SettingsRepository {
    private final JdbcClient jdbc;

    public SettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> get(String key) {
        return jdbc.sql("SELECT setting_value FROM settings WHERE setting_key = ?").param(key)
                .query(String.class).optional();
    }

    /** Update-then-insert: portable across the three databases, safe inside one transaction. */
    @Transactional
    public void put(String key, String value, Instant now) {
        int n = jdbc.sql("UPDATE settings SET setting_value = ?, updated_at = ? WHERE setting_key = ?")
                .params(value, Sql.instant(now), key).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO settings (setting_key, setting_value, updated_at) VALUES (?, ?, ?)")
                    .params(key, value, Sql.instant(now)).update();
        }
    }
}
