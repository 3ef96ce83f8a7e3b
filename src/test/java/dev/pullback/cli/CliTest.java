package dev.pullback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import dev.pullback.testing.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The CLI end to end, in-process: real picocli, real Spring context, real SQLite, real rsync. */
class CliTest {
    @TempDir
    Path tmp;
    Path data;
    Path root;
    Path src;
    MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
    TestRuntime runtime;

    @BeforeEach
    void setUp() {
        data = tmp.resolve("var");
        root = tmp.resolve("backups");
        src = SourceTree.in(tmp.resolve("src")).file("a.txt", "a").file("b.txt", "b").file("sub/c.txt", "c").build();
        runtime = new TestRuntime(data, clock);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    CliResult cli(String... args) {
        return CliResult.run(runtime, args);
    }

    void configureLocalHost(String name) {
        assertThat(cli("configure-global", "--backup-root", root.toString()).code()).isZero();
        CliResult r = cli("configure-host", name, "--transport", "local", "--source", src.toString(), "--no-default-excludes");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void helpAndUsageErrorsNeverStartSpring() {
        CliRuntime refusing = new CliRuntime() {
            @Override
            public <T> T service(Class<T> type) {
                throw new AssertionError("Spring must not start for parsing");
            }

            @Override
            public int runUntilStopped(boolean web, String... properties) {
                throw new AssertionError("Spring must not start for parsing");
            }

            @Override
            public void close() {
            }
        };
        CliResult help = CliResult.run(refusing, "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("configure-host", "backup", "snapshots", "Exit codes");
        assertThat(CliResult.run(refusing).code()).isEqualTo(2);
        CliResult unknown = CliResult.run(refusing, "backup", "--frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'");
        CliResult badPort = CliResult.run(refusing, "configure-host", "web", "--port", "abc");
        assertThat(badPort.code()).isEqualTo(2);
        assertThat(badPort.err()).contains("Invalid value for option '--port'");
        assertThat(CliResult.run(refusing, "configure-host", "web", "--help").out()).contains("--address", "fake-super");
    }

    @Test
    void validationErrorsExitTwoWithOneLineNamingTheField() {
        CliResult name = cli("configure-host", "bad name");
        assertThat(name.code()).isEqualTo(2);
        assertThat(name.err().strip()).startsWith("pullback: host: 'bad name' is not a valid host name").doesNotContain("\n");
        CliResult addr = cli("configure-host", "web", "--address", "-oProxyCommand=evil");
        assertThat(addr.code()).isEqualTo(2);
        assertThat(addr.err()).contains("address: '-oProxyCommand=evil' must not start with '-'");
        CliResult port = cli("configure-host", "web", "--port", "0");
        assertThat(port.code()).isEqualTo(2);
        assertThat(port.err()).contains("port: 0 is out of range: must be 1-65535");
        CliResult zone = cli("configure-global", "--timezone", "Mars/Olympus");
        assertThat(zone.code()).isEqualTo(2);
        assertThat(zone.err()).contains("timezone: 'Mars/Olympus' is not a time zone");
        assertThat(cli("hosts").out()).contains("no hosts yet");
    }

    @Test
    void configureHostCreatesWithDefaultsAndKeepsWhatIsNotGiven() {
        assertThat(cli("configure-host", "officewsl").code()).isZero();
        assertThat(cli("configure-host", "officewsl", "--port", "2222", "--user", "me").code()).isZero();
        CliResult json = cli("hosts", "--json");
        assertThat(json.code()).isZero();
        assertThat(json.out()).contains("\"name\" : \"officewsl\"", "\"address\" : \"officewsl\"", "\"port\" : 2222",
                "\"user\" : \"me\"", "\"sources\" : [ \"~/\" ]", "\"transport\" : \"SSH\"");
        assertThat(cli("hosts").out()).contains("officewsl", "me@officewsl:2222", "~/");
    }

    @Test
    void backupThenSnapshotsShowsTheCountsOfTheChangesMade() throws IOException {
        configureLocalHost("web");
        CliResult first = cli("backup", "web");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("web: ok: snapshot 2026-03-06_0800 complete");

        SourceTree.modify(src.resolve("a.txt"), "a changed");
        Files.delete(src.resolve("b.txt"));
        SourceTree.in(src).file("new1.txt", "1").file("new2.txt", "2");
        clock.advance(Duration.ofHours(1));
        assertThat(cli("backup", "web").code()).isZero();

        CliResult table = cli("snapshots", "web");
        assertThat(table.out()).contains("2026-03-06_0800", "2026-03-06_0900", "complete");
        var rows = runtime.service(JdbcClient.class)
                .sql("SELECT files_created, files_updated, files_deleted, new_bytes, base_snapshot_id, status FROM snapshots "
                        + "WHERE host = 'web' AND name = '2026-03-06_0900'")
                .query().singleRow();
        assertThat(number(rows, "files_created")).isEqualTo(2);
        assertThat(number(rows, "files_updated")).isEqualTo(1);
        assertThat(number(rows, "files_deleted")).isEqualTo(1);
        assertThat(number(rows, "new_bytes")).isEqualTo("a changed".length() + 2);
        assertThat(rows).containsEntry("status", "complete");
        assertThat(rows.get("base_snapshot_id")).isNotNull();
        assertThat(cli("snapshots", "web", "--json").out()).contains("\"created\" : 2", "\"deleted\" : 1");
        var job = runtime.service(JdbcClient.class)
                .sql("SELECT h.status, h.stage, h.files_created, j.trigger_type, j.status AS job_status FROM job_hosts h "
                        + "JOIN jobs j ON j.id = h.job_id ORDER BY h.id DESC LIMIT 1")
                .query().singleRow();
        assertThat(job).containsEntry("status", "ok").containsEntry("stage", "done").containsEntry("trigger_type", "cli")
                .containsEntry("job_status", "ok");
        assertThat(number(job, "files_created")).isEqualTo(2);
    }

    /** Drivers differ in the Java type of an integer column; the value is what matters. */
    static long number(java.util.Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    @Test
    void aMissingBackupRootIsReportedAndNotCreated() throws IOException {
        configureLocalHost("web");
        Files.delete(root);

        CliResult r = cli("backup", "web");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist", "is the backup drive mounted?");
        assertThat(root).doesNotExist();
        assertThat(cli("backup", "nosuchhost").err()).contains("host: 'nosuchhost' is not configured (configured: web)");
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() {
        configureLocalHost("web");

        CliResult r = cli("backup", "web", "--dry-run");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("dry run ok", "$ rsync -aH", "--dry-run", src + "/");
        assertThat(root.resolve("web")).doesNotExist();
    }

    @Resilience(item = ResilienceItem.DATABASE_UNAVAILABLE, what = "snapshots table dropped", behaviour = "the error is logged; the backup exits 0 with a complete snapshot and latest")
    @Test
    void aDatabaseErrorIsLoggedAndNeverFailsTheSnapshot() {
        configureLocalHost("web");
        runtime.service(JdbcClient.class).sql("DROP TABLE snapshots").update();

        CliResult r = cli("backup", "web");

        assertThat(r.code()).as(r.err()).isZero();
        BackupLayout layout = new BackupLayout(root, "web");
        assertThat(layout.completeSnapshots()).hasSize(1);
        assertThat(layout.latestLink()).exists();
    }

    @Test
    void aRunLeftRunningByACrashBecomesInterruptedAtTheNextRun() {
        configureLocalHost("web");
        JdbcClient jdbc = runtime.service(JdbcClient.class);
        jdbc.sql("INSERT INTO jobs (job_type, trigger_type, dry_run, status, started_at) VALUES ('snapshot', 'schedule', false, 'running', '2026-03-06T07:00:00.000Z')").update();
        jdbc.sql("INSERT INTO job_hosts (job_id, host, status, stage, stage_num, started_at) VALUES (1, 'web', 'running', 'rsync', 1, '2026-03-06T07:00:00.000Z')").update();

        assertThat(cli("backup", "web").code()).isZero();

        assertThat(jdbc.sql("SELECT status FROM job_hosts WHERE job_id = 1").query(String.class).single()).isEqualTo("interrupted");
        assertThat(jdbc.sql("SELECT status FROM jobs WHERE id = 1").query(String.class).single()).isEqualTo("interrupted");
    }

    @Test
    void allSkipsDisabledHosts() {
        configureLocalHost("web");
        assertThat(cli("configure-host", "off", "--transport", "local", "--source", src.toString(), "--no-enabled").code()).isZero();

        CliResult r = cli("backup", "--all");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("web: ok").doesNotContain("off:");
        assertThat(cli("backup", "web", "--all").code()).isEqualTo(2);
    }

    @Test
    void aSecondBackupOfTheSameHostExitsFourWithWhoHoldsIt() throws Exception {
        configureLocalHost("web");
        SourceTree.in(src).randomFile("big.bin", 3_000_000, 3);
        assertThat(cli("configure-host", "web", "--bwlimit", "1000").code()).isZero();
        CompletableFuture<CliResult> first = CompletableFuture.supplyAsync(() -> cli("backup", "web"));
        Path partialDir = root.resolve("web/hourly/2026-03-06_0800.partial");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(partialDir));
        // the first run is held mid-transfer, however long the second JVM takes to start
        await().until(() -> dev.pullback.testing.Processes.stopRsync() > 0);

        // a second process, as a second `pullback backup` from another shell would be
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.pullback.cli.Main", "backup", "web"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PULLBACK_DATA_DIR", data.toString());
        Process second = pb.start();
        String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

        dev.pullback.testing.Processes.continueRsync();
        assertThat(second.exitValue()).as(output).isEqualTo(4);
        assertThat(output).contains("web: already_running: host web is already being backed up (pid " + ProcessHandle.current().pid());
        CliResult r = first.get();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new BackupLayout(root, "web").completeSnapshots()).hasSize(1);
    }
}
