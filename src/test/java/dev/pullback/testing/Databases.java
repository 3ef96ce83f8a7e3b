package dev.pullback.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The three supported databases, each test in its own schema/database. PostgreSQL and MariaDB
 * are the local servers (127.0.0.1, trust/empty password); a test skips with a clear message
 * where none answers, so the suite still passes on a machine with only SQLite.
 */
public enum Databases {
    SQLITE, POSTGRESQL, MARIADB;

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=3";
    private static final String MARIA = "jdbc:mariadb://127.0.0.1:3306/?user=root&connectTimeout=3000";

    /** A fresh, empty database; {@link Isolated#close} drops it. */
    public Isolated create(Path tmp) {
        String name = "pb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return switch (this) {
            case SQLITE -> new Isolated("jdbc:sqlite:" + tmp.resolve(name + ".db") + "?journal_mode=WAL&busy_timeout=5000"
                    + "&transaction_mode=IMMEDIATE&foreign_keys=true", () -> { });
            case POSTGRESQL -> {
                execute(PG, "CREATE SCHEMA " + name, "PostgreSQL at 127.0.0.1:5432");
                yield new Isolated(PG + "&currentSchema=" + name, () -> execute(PG, "DROP SCHEMA " + name + " CASCADE", ""));
            }
            case MARIADB -> {
                execute(MARIA, "CREATE DATABASE " + name, "MariaDB at 127.0.0.1:3306");
                yield new Isolated("jdbc:mariadb://127.0.0.1:3306/" + name + "?user=root",
                        () -> execute(MARIA, "DROP DATABASE " + name, ""));
            }
        };
    }

    private static void execute(String url, String sql, String what) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            Assumptions.abort("skipped: " + what + " does not answer (" + e.getMessage() + ")");
        }
    }

    /** A database for one test. */
    public record Isolated(String url, Runnable drop) implements AutoCloseable {
        @Override
        public void close() {
            drop.run();
        }
    }
}
