package dev.pullback.config;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Drops a pooled SQLite connection that found the database locked. sqlite-jdbc leaves a
 * connection whose {@code BEGIN IMMEDIATE} failed with SQLITE_BUSY believing it is inside a
 * transaction: reused, its next transaction commits nothing ("cannot commit - no transaction is
 * active"). A fresh connection costs microseconds; a poisoned one loses writes. Only BUSY and
 * LOCKED: closing connections while the files cannot be written (read-only, I/O errors) crashed
 * the JVM with SIGBUS inside SQLite's close in a test, and those connections recover by themselves.
 */
public final class SqliteEvictOnOutage implements SQLExceptionOverride {
    /** SQLite's primary result codes SQLITE_BUSY and SQLITE_LOCKED. */
    private static final Set<Integer> OUTAGE = Set.of(5, 6);

    // (no @Override: the interface's nested enum is called Override too)
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        return OUTAGE.contains(e.getErrorCode() & 0xff)
                ? SQLExceptionOverride.Override.MUST_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
