package dev.pullback.store;

import dev.pullback.snapshot.Marker;
import dev.pullback.snapshot.SnapshotCatalog;
import java.nio.file.Path;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code snapshots} table: an index of the markers on disk, rebuilt by discovery when lost. */
@Repository
public class SqlSnapshotCatalog implements SnapshotCatalog {
    /** The status of a row whose snapshot directory is gone from disk (discovery never drops rows). */
    public static final String MISSING = "missing";

    private final JdbcClient jdbc;
    /** Per host, how many writes this process made: lets readers cache figures until the next write. */
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> writes =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong allWrites = new java.util.concurrent.atomic.AtomicLong();

    public SqlSnapshotCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A number that changes whenever this process writes the host's rows (it changes before and
     * after each write, so a reader that saw the same number before and after its read saw no
     * write half done). Writes by other processes (the CLI) do not change it.
     */
    public long writes(String host) {
        java.util.concurrent.atomic.AtomicLong n = writes.get(host);
        return n == null ? 0 : n.get();
    }

    /** {@link #writes(String)} over all hosts. */
    public long writes() {
        return allWrites.get();
    }

    private void bump(String host) {
        writes.computeIfAbsent(host, h -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        allWrites.incrementAndGet();
    }

    private <T> T write(String host, java.util.function.Supplier<T> step) {
        bump(host);
        try {
            return step.get();
        } finally {
            bump(host);
        }
    }

    @Override
    @Transactional
    public void recordSnapshot(String host, Path dir, Marker m) {
        bump(host);
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            bump(host);
                        }
                    });
        }
        Long baseId = m.base() == null ? null : jdbc.sql("SELECT id FROM snapshots WHERE host = ? AND name = ?")
                .params(host, m.base()).query(Long.class).optional().orElse(null);
        jdbc.sql("DELETE FROM snapshots WHERE host = ? AND name = ?").params(host, m.name()).update();
        jdbc.sql("INSERT INTO snapshots (host, name, path, started_at, finished_at, status, base_snapshot_id, base_name, "
                        + "rsync_exit_code, files_total, files_created, files_updated, files_deleted, bytes_total, "
                        + "bytes_transferred, new_bytes, warnings, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(host, m.name(), dir.toString(), Sql.instant(m.started()), Sql.instant(m.finished()), m.status(),
                        baseId, m.base(), m.rsyncExitCode(), m.files(), m.created(), m.updated(), m.deleted(), m.bytes(),
                        m.transferred(), m.newBytes(), m.warnings().isEmpty() ? null : Sql.list(m.warnings()),
                        Sql.instant(m.finished()))
                .update();
    }

    /**
     * Records many snapshots in one transaction, oldest first (a base recorded earlier in the list
     * is linked): discovery's first import of a long history is one commit, not one per snapshot.
     */
    @Transactional
    public void recordAll(String host, List<java.util.Map.Entry<Path, Marker>> snapshots) {
        for (java.util.Map.Entry<Path, Marker> s : snapshots) {
            recordSnapshot(host, s.getKey(), s.getValue());
        }
    }

    public List<SnapshotRow> list(String host) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM snapshots WHERE host = ? ORDER BY finished_at, name")
                .param(host)
                .query((rs, i) -> row(host, rs))
                .list();
    }

    /** The host's newest snapshot that is still on disk, by one indexed query (status pages ask for it often). */
    public java.util.Optional<SnapshotRow> latest(String host) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM snapshots WHERE host = ? AND status <> ? ORDER BY finished_at DESC, name DESC LIMIT 1")
                .params(host, MISSING)
                .query((rs, i) -> row(host, rs))
                .optional();
    }

    /** {@link #latest} for every configured host, by one query (an index seek per host). */
    public java.util.Map<String, SnapshotRow> latestAll() {
        java.util.Map<String, SnapshotRow> out = new java.util.HashMap<>();
        jdbc.sql("SELECT s.host, " + prefixed("s.") + " FROM hosts h JOIN snapshots s ON s.id = (SELECT x.id FROM snapshots x "
                        + "WHERE x.host = h.name AND x.status <> ? ORDER BY x.finished_at DESC, x.name DESC LIMIT 1)")
                .param(MISSING)
                .query((rs, i) -> row(rs.getString("host"), rs))
                .list().forEach(r -> out.put(r.host(), r));
        return out;
    }

    private static String prefixed(String prefix) {
        return prefix + COLUMNS.replace(", ", ", " + prefix);
    }

    private static final String COLUMNS = "name, path, started_at, finished_at, status, base_name, rsync_exit_code, files_total, "
            + "files_created, files_updated, files_deleted, bytes_total, bytes_transferred, new_bytes, warnings, pinned";

    private static SnapshotRow row(String host, java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SnapshotRow(host, rs.getString("name"), rs.getString("path"),
                Sql.instant(rs.getString("started_at")), Sql.instant(rs.getString("finished_at")),
                rs.getString("status"), rs.getString("base_name"), Sql.integer(rs, "rsync_exit_code"),
                rs.getLong("files_total"), rs.getLong("files_created"), rs.getLong("files_updated"),
                rs.getLong("files_deleted"), rs.getLong("bytes_total"), rs.getLong("bytes_transferred"),
                rs.getLong("new_bytes"), Sql.list(rs.getString("warnings")), rs.getBoolean("pinned"));
    }

    public List<String> pinned(String host) {
        return jdbc.sql("SELECT name FROM snapshots WHERE host = ? AND pinned = ? ORDER BY name")
                .params(host, true).query(String.class).list();
    }

    /** @return whether a row was there to change */
    public boolean setPinned(String host, String name, boolean pinned) {
        return write(host, () -> jdbc.sql("UPDATE snapshots SET pinned = ? WHERE host = ? AND name = ?")
                .params(pinned, host, name).update()) > 0;
    }

    /** The snapshot is gone from disk (retention removed it). */
    public void delete(String host, String name) {
        write(host, () -> jdbc.sql("DELETE FROM snapshots WHERE host = ? AND name = ?").params(host, name).update());
    }

    /** What the index holds for a host, by name: enough for discovery to compare with the disk. */
    public java.util.Map<String, Indexed> indexed(String host) {
        java.util.Map<String, Indexed> out = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT name, path, status FROM snapshots WHERE host = ? ORDER BY finished_at, name").param(host)
                .query((rs, i) -> new Indexed(rs.getString("name"), rs.getString("path"), rs.getString("status")))
                .list().forEach(r -> out.put(r.name(), r));
        return out;
    }

    /** Changes a row's status and path only (pins and figures stay): missing, or found again. */
    public void setStatus(String host, String name, String status, String path) {
        write(host, () -> jdbc.sql("UPDATE snapshots SET status = ?, path = ? WHERE host = ? AND name = ?")
                .params(status, path, host, name).update());
    }

    /** The row's directory is gone from disk: kept, pins and figures included, with status missing. */
    public void markMissing(String host, String name) {
        write(host, () -> jdbc.sql("UPDATE snapshots SET status = ? WHERE host = ? AND name = ?")
                .params(MISSING, host, name).update());
    }

    /** Whether the index holds any row of the host, missing ones included. */
    public boolean hasAny(String host) {
        return jdbc.sql("SELECT COUNT(*) FROM snapshots WHERE host = ?").param(host).query(Long.class).single() > 0;
    }

    /** The directory of an indexed snapshot still on disk (an adopted one lives outside {@code hourly/}). */
    public java.util.Optional<String> path(String host, String name) {
        return jdbc.sql("SELECT path FROM snapshots WHERE host = ? AND name = ? AND status <> ?").params(host, name, MISSING)
                .query(String.class).optional();
    }

    /** One indexed snapshot as discovery sees it. */
    public record Indexed(String name, String path, String status) {
    }
}
