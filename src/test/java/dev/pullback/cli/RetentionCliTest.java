package dev.pullback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.HostLock;
import dev.pullback.testing.BackupAssertions;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Retention through the CLI: plan, apply with its guards, policy override, pins, backup --prune. */
class RetentionCliTest extends LocalHostCliFixture {

    /** Five hourly snapshots, 08:00 to 12:00; the clock ends at 12:00. */
    void fiveSnapshots() {
        hourlyBackups(5);
    }

    List<String> names() {
        return layout.completeSnapshots().stream().map(BackupLayout.CompleteSnapshot::name).toList();
    }

    @Test
    void planShowsEverySnapshotWithReasonsAndChangesNothing() {
        fiveSnapshots();
        assertThat(cli("retention", "web", "--keep-last", "2", "--hourly-hours", "1", "--daily-days", "0",
                "--monthly-months", "0").out()).contains("policy of web:");

        CliResult r = cli("retention", "web", "--full");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2026-03-06_0800", "2026-03-06_1200", "remove", "keep", "newest");
        assertThat(r.out().lines().filter(l -> l.contains("2026-03-06_")).count()).isEqualTo(5);
        assertThat(names()).hasSize(5);
    }

    @Test
    void applyNeedsYesWithoutATerminalThenRemovesOldestFirstWithinMaxDelete() throws Exception {
        fiveSnapshots();
        cli("retention", "web", "--keep-last", "2", "--hourly-hours", "1", "--daily-days", "0", "--monthly-months", "0");
        Map<String, String> kept = BackupAssertions.identity(layout.snapshotDir("2026-03-06_1200"));

        CliResult refused = cli("retention", "web", "--apply");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("yes: --apply removes snapshots and there is no terminal to ask on: add --yes");
        assertThat(names()).hasSize(5);

        CliResult one = cli("retention", "web", "--apply", "--yes", "--max-delete", "1");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).contains("removed 2026-03-06_0800", "removed 1, deferred 2");
        assertThat(names()).containsExactly("2026-03-06_0900", "2026-03-06_1000", "2026-03-06_1100", "2026-03-06_1200");

        CliResult rest = cli("retention", "web", "--apply", "--yes");
        assertThat(rest.code()).as(rest.err()).isZero();
        assertThat(names()).containsExactly("2026-03-06_1100", "2026-03-06_1200");
        assertThat(BackupAssertions.identity(layout.snapshotDir("2026-03-06_1200"))).isEqualTo(kept);
        try (var s = Files.list(layout.hourlyDir())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).as("no trash left behind")
                    .containsExactlyInAnyOrder("2026-03-06_1100", "2026-03-06_1200");
        }
        JdbcClient jdbc = runtime.context.getBean(JdbcClient.class);
        assertThat(jdbc.sql("SELECT name FROM snapshots ORDER BY name").query(String.class).list())
                .as("the index follows the disk").containsExactly("2026-03-06_1100", "2026-03-06_1200");
        assertThat(jdbc.sql("SELECT job_type || ':' || status FROM jobs WHERE job_type = 'retention'").query(String.class).list())
                .containsExactly("retention:ok", "retention:ok");
    }

    @Test
    void aPinnedSnapshotIsKeptAndPinningNeedsARealSnapshot() {
        fiveSnapshots();
        cli("retention", "web", "--keep-last", "1", "--hourly-hours", "1", "--daily-days", "0", "--monthly-months", "0");

        assertThat(cli("pin", "web", "2026-03-06_0900").code()).isZero();
        CliResult missing = cli("pin", "web", "2026-01-01_0000");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("snapshot: '2026-01-01_0000' is not a complete snapshot of web");
        assertThat(cli("pin", "web", "../../etc").code()).isEqualTo(2);

        assertThat(cli("retention", "web").out()).contains("protected: pinned");
        assertThat(cli("retention", "web", "--apply", "--yes").code()).isZero();
        assertThat(names()).as("11:00 is in the one-hour window").containsExactly("2026-03-06_0900", "2026-03-06_1100", "2026-03-06_1200");

        assertThat(cli("pin", "web", "2026-03-06_0900", "--remove").code()).isZero();
        assertThat(cli("retention", "web", "--apply", "--yes").code()).isZero();
        assertThat(names()).containsExactly("2026-03-06_1100", "2026-03-06_1200");
    }

    @Test
    void aHostWhoseLastRunFailedIsHeldUntilOverridden() throws Exception {
        fiveSnapshots();
        cli("retention", "web", "--keep-last", "1", "--hourly-hours", "1", "--daily-days", "0", "--monthly-months", "0");
        // the host goes offline: nothing listens on port 1
        assertThat(cli("configure-host", "web", "--transport", "ssh", "--address", "127.0.0.1", "--port", "1").code()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(cli("backup", "web").code()).isEqualTo(1);

        CliResult plan = cli("retention", "web");
        assertThat(plan.out()).contains("held: last run failed");
        assertThat(cli("retention", "web", "--apply", "--yes").code()).isZero();
        assertThat(names()).hasSize(5);

        CliResult forced = cli("retention", "web", "--apply", "--yes", "--override-hold");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(names()).containsExactly("2026-03-06_1200");
    }

    @Test
    void applyWhileABackupHoldsTheHostExitsFourAndRemovesNothing() throws Exception {
        fiveSnapshots();
        cli("retention", "web", "--keep-last", "1", "--hourly-hours", "1", "--daily-days", "0", "--monthly-months", "0");
        try (HostLock lock = HostLock.acquire(layout, "pid 1 (test backup)", clock.instant())) {
            CliResult r = cli("retention", "web", "--apply", "--yes");
            assertThat(r.code()).isEqualTo(4);
            assertThat(r.err()).contains("already being backed up (pid 1 (test backup)", "nothing removed");
        }
        assertThat(names()).hasSize(5);
    }

    @Resilience(item = ResilienceItem.BAD_RETENTION, what = "CLI", behaviour = "exit 2 with the field; nothing changes")
    @Test
    void badPolicyValuesAreRefusedWithTheFieldAndNothingChanges() {
        CliResult negative = cli("retention", "web", "--daily-days", "-1");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("daily-days");
        CliResult nothing = cli("retention", "web", "--keep-last", "0", "--hourly-hours", "0", "--daily-days", "0",
                "--monthly-months", "0");
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).contains("retention:");
        assertThat(cli("retention", "web", "--max-delete", "0", "--apply", "--yes").err()).contains("max-delete: must be at least 1");
        assertThat(cli("retention", "web", "--yes").err()).contains("--yes and --max-delete only go with --apply");
        assertThat(cli("retention", "nosuch").err()).contains("'nosuch' is not configured");
        assertThat(cli("retention", "web").out()).doesNotContain("policy of web");
    }

    @Test
    void backupWithPruneAppliesRetentionAfterASuccessfulSnapshot() {
        fiveSnapshots();
        cli("retention", "web", "--keep-last", "2", "--hourly-hours", "1", "--daily-days", "0", "--monthly-months", "0");
        clock.advance(Duration.ofHours(1));

        CliResult r = cli("backup", "web", "--prune");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("prune: removed 4");
        assertThat(names()).containsExactly("2026-03-06_1200", "2026-03-06_1300");
        assertThat(cli("backup", "web", "--prune", "--dry-run").err()).contains("a dry run never prunes");
    }
}
