package dev.pullback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config export / import: a round trip into an empty database, the diff, dry run, bad files. */
class ConfigCliTest {
    @TempDir
    Path tmp;
    MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
    TestRuntime runtime;

    @BeforeEach
    void setUp() {
        runtime = new TestRuntime(tmp.resolve("var"), clock);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    CliResult cli(String... args) {
        return CliResult.run(runtime, args);
    }

    void ok(String... args) {
        CliResult r = cli(args);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
    }

    @Test
    void exportThenImportIntoAnEmptyDatabaseReproducesTheConfiguration() throws Exception {
        ok("configure-global", "--backup-root", tmp.resolve("backups").toString(), "--timezone", "Europe/Berlin");
        ok("configure-host", "web01", "--address", "192.168.10.15", "--user", "backup", "--port", "2222", "--source", "/etc",
                "--source", "~/projects", "--exclude", "*.tmp", "--bwlimit", "500");
        ok("configure-host", "etc", "--transport", "local", "--source", "/etc", "--no-enabled");
        ok("schedule", "web01", "--cron", "15 2 * * *", "--prune");
        ok("retention", "web01", "--keep-last", "48", "--hourly-hours", "24", "--daily-days", "30");
        Path file = tmp.resolve("pullback.yaml");

        ok("config", "export", file.toString());
        String yaml = Files.readString(file);
        assertThat(yaml).contains("backup_root: ", "timezone: \"Europe/Berlin\"", "web01:", "address: \"192.168.10.15\"", "port: 2222",
                "- \"~/projects\"", "cron: \"15 2 * * *\"", "keep_last: 48", "daily_days: 30", "bwlimit_kbps: 500");
        assertThat(cli("config", "export").out()).isEqualTo(yaml);

        runtime.close();
        runtime = new TestRuntime(tmp.resolve("var2"), clock);
        CliResult dry = cli("config", "import", file.toString(), "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("+ hosts.web01.address: 192.168.10.15", "+ hosts.web01.schedule.cron: 15 2 * * *",
                "dry run: nothing changed");
        assertThat(cli("hosts").out()).doesNotContain("web01");

        CliResult applied = cli("config", "import", file.toString());
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("applied");
        assertThat(cli("config", "export").out()).isEqualTo(yaml);
        assertThat(cli("config", "import", file.toString()).out()).as("idempotent").contains("no changes");
    }

    @Test
    void theDiffShowsChangesAndRemovalsAndLeavesUnlistedHostsAlone() throws Exception {
        ok("configure-host", "web01", "--source", "/etc");
        ok("configure-host", "db", "--source", "/var/lib");
        ok("schedule", "web01", "--cron", "0 3 * * *");
        Path file = Files.writeString(tmp.resolve("c.yaml"), """
                hosts:
                  web01:
                    sources: ["/etc", "/srv"]
                    port: 2200
                """);

        CliResult r = cli("config", "import", file.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("~ hosts.web01.sources: [/etc] -> [/etc, /srv]", "+ hosts.web01.port: 2200",
                "- hosts.web01.schedule.cron: 0 3 * * *", "= hosts.db: not in the file, left as it is");
        assertThat(cli("schedule").out()).doesNotContain("0 3 * * *");
        assertThat(cli("hosts").out()).contains("db");
    }

    @Test
    void badFilesAreRefusedBeforeAnythingChanges() throws Exception {
        Path typo = Files.writeString(tmp.resolve("typo.yaml"), "hosts:\n  web01:\n    sorces: [/etc]\n");
        assertThat(cli("config", "import", typo.toString()).code()).isEqualTo(ExitCodes.USAGE);
        Path badName = Files.writeString(tmp.resolve("bad.yaml"), "hosts:\n  \"-rf\":\n    sources: [/etc]\n");
        CliResult r = cli("config", "import", badName.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        Path badCron = Files.writeString(tmp.resolve("cron.yaml"),
                "hosts:\n  web01:\n    sources: [/etc]\n  db:\n    schedule: {cron: \"0 0 30 2 *\"}\n");
        assertThat(cli("config", "import", badCron.toString()).code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli("hosts").out()).as("nothing applied").doesNotContain("web01");
    }
}
