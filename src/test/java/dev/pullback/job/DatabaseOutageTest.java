package dev.pullback.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.host.Transport;
import dev.pullback.settings.SettingsService;
import dev.pullback.snapshot.BackupLayout;
import dev.pullback.testing.BackupAssertions;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import dev.pullback.testing.SourceTree;
import dev.pullback.testing.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database goes away while rsync runs (DESIGN.md §6: a database outage never stops a backup).
 * The snapshot completes on disk (marker, latest); the job and snapshot rows it could not write
 * are written when the database is back, before the next run starts its own.
 */
class DatabaseOutageTest {
    static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=3";

    @TempDir
    Path tmp;
    MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
    ConfigurableApplicationContext ctx;
    Path src;
    BackupLayout layout;

    @AfterEach
    void close() {
        if (ctx != null) {
            ctx.close();
        }
    }

    /** A breakage of the database and its repair. */
    interface Outage {
        void start() throws Exception;

        void end() throws Exception;
    }

    @Resilience(item = ResilienceItem.DATABASE_UNAVAILABLE, what = "SQLite file locked (another process holds BEGIN EXCLUSIVE)",
            behaviour = "the snapshot completes on disk (marker, latest) and the job reports OK; every write waits out the busy "
                    + "timeout once and is kept; when the lock is gone the next run first writes the job and host rows (ok, with "
                    + "the snapshot) and indexes the snapshot, then succeeds itself")
    @Test
    void sqliteLockedByAnotherConnection() throws Exception {
        start();
        Path db = tmp.resolve("var/pullback.db");
        Connection[] holder = new Connection[1];
        outageDuringARun(new Outage() {
            @Override
            public void start() throws SQLException {
                holder[0] = DriverManager.getConnection("jdbc:sqlite:" + db);
                try (Statement s = holder[0].createStatement()) {
                    s.execute("BEGIN EXCLUSIVE");
                    s.execute("DELETE FROM jobs WHERE id < 0");
                }
            }

            @Override
            public void end() throws SQLException {
                try (Statement s = holder[0].createStatement()) {
                    s.execute("ROLLBACK");
                }
                holder[0].close();
            }
        });
    }

    @Resilience(item = ResilienceItem.DATABASE_UNAVAILABLE, what = "SQLite read-only (its files and directory made immutable, "
            + "which stops root too)",
            behaviour = "the snapshot completes on disk (marker, latest) and the job reports OK; the failed writes are kept and "
                    + "made by the next run once the files are writable again; the snapshot is indexed")
    @Test
    void sqliteReadOnly() throws Exception {
        start();
        Path var = tmp.resolve("var");
        List<String> files = List.of(var.toString(), var.resolve("pullback.db").toString(), var.resolve("pullback.db-wal").toString(),
                var.resolve("pullback.db-shm").toString());
        outageDuringARun(new Outage() {
            @Override
            public void start() throws Exception {
                Process p = command("chattr", "+i", files);
                String out = new String(p.getInputStream().readAllBytes()).strip();
                if (p.waitFor() != 0) {
                    command("chattr", "-i", files).waitFor();
                    Assumptions.abort("skipped: this file system cannot make files immutable (" + out + ")");
                }
            }

            @Override
            public void end() throws Exception {
                assertThat(command("chattr", "-i", files).waitFor()).isZero();
            }
        });
    }

    @Resilience(item = ResilienceItem.DATABASE_UNAVAILABLE, what = "PostgreSQL unavailable (its sessions terminated and new "
            + "connections refused on a database of the test's own; skipped where no server answers)",
            behaviour = "the snapshot completes on disk (marker, latest) and the job reports OK; the writes wait out the pool's "
                    + "connect timeout and are kept; once connections are allowed again the next run makes them and indexes "
                    + "the snapshot, then succeeds itself")
    @Test
    void postgresqlUnavailable() throws Exception {
        String name = "pb_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try {
            pg("CREATE DATABASE " + name);
        } catch (SQLException e) {
            Assumptions.abort("skipped: PostgreSQL at 127.0.0.1:5432 does not answer (" + e.getMessage() + ")");
        }
        try {
            start("pullback.database-url=jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres&connectTimeout=3");
            outageDuringARun(new Outage() {
                @Override
                public void start() throws SQLException {
                    pg("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
                    pg("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
                }

                @Override
                public void end() throws SQLException {
                    pg("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
                }
            });
        } finally {
            if (ctx != null) {
                ctx.close();
                ctx = null;
            }
            pg("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            pg("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private void start(String... props) throws IOException {
        Files.createDirectories(tmp.resolve("backups"));
        ctx = TestContext.start(tmp.resolve("var"), clock, props);
        ctx.getBean(SettingsService.class).configure(tmp.resolve("backups").toString(), null);
        src = SourceTree.in(tmp.resolve("src")).file("a.txt", "a").build();
        ctx.getBean(HostService.class).configure("web", new HostChanges(Transport.LOCAL, null, null, null, null,
                List.of(src.toString()), null, false, null, null, 1000, null, null, null, null, null));
        layout = new BackupLayout(tmp.resolve("backups"), "web");
    }

    /**
     * One good snapshot; then the database breaks while the second run's rsync transfers, and is
     * repaired only after that run has finished; then a third run.
     */
    private void outageDuringARun(Outage outage) throws Exception {
        JobService jobs = ctx.getBean(JobService.class);
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        assertThat(jobs.run(JobRequest.allHosts(JobType.SNAPSHOT, Trigger.CLI)).status()).isEqualTo(RunStatus.OK);
        Path first = layout.latestLink().toRealPath();
        Map<String, String> before = BackupAssertions.identity(first);
        SourceTree.in(src).randomFile("big.bin", 2_000_000, 5);
        clock.advance(Duration.ofHours(1));

        CompletableFuture<JobReport> second = CompletableFuture.supplyAsync(() -> jobs.run(JobRequest.allHosts(JobType.SNAPSHOT, Trigger.SCHEDULE)));
        await().atMost(Duration.ofSeconds(30)).until(() -> !layout.partials().isEmpty()
                && jdbc.sql("SELECT COUNT(*) FROM job_hosts").query(Long.class).single() == 2);
        long secondRow = jdbc.sql("SELECT MAX(id) FROM job_hosts").query(Long.class).single();
        JobReport report;
        outage.start();
        try {
            report = second.get(3, TimeUnit.MINUTES);

            // the snapshot is complete on disk while the database is still unavailable
            assertThat(report.status()).as(report.toString()).isEqualTo(RunStatus.OK);
            String made = report.hosts().getFirst().snapshot().name();
            BackupAssertions.assertComplete(layout, made);
            BackupAssertions.assertLatestIs(layout, made);
            assertThat(BackupAssertions.identity(first)).as("the older snapshot is unmodified").isEqualTo(before);
            assertThat(Files.readAllBytes(layout.latestLink().resolve(src.toString().substring(1)).resolve("big.bin")))
                    .isEqualTo(Files.readAllBytes(src.resolve("big.bin")));
            assertThat(ctx.getBean(Bookkeeping.class).kept()).as("writes kept for later").isPositive();
        } finally {
            outage.end();
        }
        String made = report.hosts().getFirst().snapshot().name();
        clock.advance(Duration.ofHours(1));

        JobReport third = jobs.run(JobRequest.allHosts(JobType.SNAPSHOT, Trigger.SCHEDULE));

        assertThat(third.status()).as(third.toString()).isEqualTo(RunStatus.OK);
        assertThat(ctx.getBean(Bookkeeping.class).kept()).isZero();
        assertThat(jdbc.sql("SELECT status || ':' || COALESCE(snapshot_name, '-') FROM job_hosts WHERE id = ?").param(secondRow)
                .query(String.class).single()).as("the outage run's row, written late").isEqualTo("ok:" + made);
        assertThat(jdbc.sql("SELECT status FROM jobs ORDER BY id").query(String.class).list()).containsExactly("ok", "ok", "ok");
        assertThat(jdbc.sql("SELECT name FROM snapshots ORDER BY name").query(String.class).list())
                .as("the outage run's snapshot is indexed").containsExactly(first.getFileName().toString(), made,
                        third.hosts().getFirst().snapshot().name());
        assertThat(layout.completeSnapshots()).hasSize(3);
    }

    private static Process command(String cmd, String flag, List<String> files) throws IOException {
        List<String> all = new java.util.ArrayList<>(List.of(cmd, flag));
        files.stream().filter(f -> Files.exists(Path.of(f))).forEach(all::add);
        return new ProcessBuilder(all).redirectErrorStream(true).start();
    }

    private static void pg(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_ADMIN); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
