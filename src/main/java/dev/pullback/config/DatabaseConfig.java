package dev.pullback.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** SQLite in the data dir by default (DESIGN.md §7 settings); any JDBC URL through PULLBACK_DATABASE_URL. */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {
    static final String SQLITE_OPTIONS =
            "journal_mode=WAL&busy_timeout=5000&transaction_mode=IMMEDIATE&foreign_keys=true&synchronous=NORMAL";

    @Bean
    DataSource dataSource(PullbackProperties props) {
        String url = props.databaseUrl();
        boolean sqlite = url == null || url.isBlank() || url.startsWith("jdbc:sqlite:");
        if (url == null || url.isBlank()) {
            try {
                Files.createDirectories(props.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data dir " + props.dataDir(), e);
            }
            url = "jdbc:sqlite:" + props.dataDir().toAbsolutePath().resolve("pullback.db") + "?" + SQLITE_OPTIONS;
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setPoolName("pullback");
        // SQLite has one writer at a time: a few connections are plenty, many only wait on each other.
        cfg.setMaximumPoolSize(sqlite ? 4 : 10);
        cfg.setMinimumIdle(1);
        cfg.setConnectionTimeout(10_000);
        cfg.setInitializationFailTimeout(-1);
        if (sqlite) {
            cfg.setExceptionOverrideClassName(SqliteEvictOnOutage.class.getName());
        }
        return new HikariDataSource(cfg);
    }
}
