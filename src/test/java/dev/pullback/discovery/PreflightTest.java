package dev.pullback.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.store.SqlSnapshotCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preflight over generated trees of each layout, and each reason for finding zero snapshots. */
class PreflightTest {
    static final Instant NOW = Instant.parse("2026-03-06T12:00:00Z");

    @TempDir
    Path tmp;

    Preflight preflight(Path root, String... hosts) {
        return DiscoveryScanner.preflight(root, List.of(hosts), NOW);
    }

    @Test
    void rootMissingSaysTheDriveMayBeUnmounted() {
        Preflight p = preflight(tmp.resolve("mnt/backup"), "web");

        assertThat(p.rootMissing()).isTrue();
        assertThat(p.warnings()).singleElement().asString().contains("does not exist: is the backup drive mounted?");
        HostScan web = p.hosts().getFirst();
        assertThat(web.dirState()).isEqualTo(HostScan.DirState.MISSING);
        assertThat(web.warnings()).singleElement().asString().startsWith("no snapshots:").contains("is missing (is the backup drive mounted?)");
    }

    @Test
    void noRootConfigured() {
        Preflight p = preflight(null, "web");
        assertThat(p.warnings()).singleElement().asString().contains("no backup root is configured");
        assertThat(p.hosts().getFirst().warnings().getFirst()).contains("no backup root is configured");
    }

    @Test
    void hostDirectoryMissingNamesTheNearMissAndListsWhatExists() {
        Path root = tmp.resolve("backups");
        LayoutTrees.host(root, "officewsl").backupManager("2026-03-01_0000", NOW.minusSeconds(86400));
        LayoutTrees.host(root, "db1").dir();

        Preflight p = preflight(root, "office-wsl");

        assertThat(p.rootMissing()).isFalse();
        assertThat(p.root().directories()).containsExactly("db1", "officewsl");
        HostScan h = p.hosts().getFirst();
        assertThat(h.dirState()).isEqualTo(HostScan.DirState.MISSING);
        assertThat(h.warnings().get(0)).contains("no snapshots", root.resolve("office-wsl").toString(), "does not exist",
                "did you mean 'officewsl'?");
        assertThat(h.warnings().get(1)).contains("directories under " + root + ": db1, officewsl");
        assertThat(p.hostsWithoutDirectory()).containsExactly("office-wsl");
    }

    @Test
    void hostDirectoryEmptyOrNotADirectory() throws Exception {
        Path root = tmp.resolve("backups");
        LayoutTrees.host(root, "web").dir();
        Files.writeString(Files.createDirectories(root).resolve("db"), "oops");

        Preflight p = preflight(root, "web", "db");

        assertThat(p.hosts().get(0).dirState()).isEqualTo(HostScan.DirState.PRESENT);
        assertThat(p.hosts().get(0).warnings()).singleElement().asString().contains("exists and is empty");
        assertThat(p.hosts().get(1).dirState()).isEqualTo(HostScan.DirState.NOT_A_DIRECTORY);
        assertThat(p.hosts().get(1).warnings()).singleElement().asString().contains("not a directory");
    }

    @Test
    void hourlyWithOnlyPartialsIsAWarningToo() {
        Path root = tmp.resolve("backups");
        LayoutTrees.host(root, "web").partial("2026-03-06_0800").unmarked("2026-03-06_0900");

        HostScan h = preflight(root, "web").hosts().getFirst();

        assertThat(h.warnings()).singleElement().asString().contains("no complete snapshots", "2 partial or unmarked");
        assertThat(h.count(FoundSnapshot.State.PARTIAL)).isEqualTo(1);
        assertThat(h.count(FoundSnapshot.State.UNKNOWN)).isEqualTo(1);
    }

    @Test
    void pullbackLayoutCountsCompletePartialUnknownAndOrdersByMarkerTime() throws Exception {
        Path root = tmp.resolve("backups");
        // names deliberately out of time order: order comes from the marker
        LayoutTrees.host(root, "web")
                .pullback("2026-03-06_0900", NOW.minusSeconds(7200), null)
                .pullback("2026-03-06_0800", NOW.minusSeconds(3600), "2026-03-06_0900")
                .pullback("2026-03-06_1000", NOW.minusSeconds(1800), "2026-03-06_0800")
                .partial("2026-03-06_1100").unmarked("2026-03-06_0700");
        Files.createDirectories(root.resolve("web/hourly/.trash-2026-03-01_0000-1"));

        HostScan h = preflight(root, "web").hosts().getFirst();

        assertThat(h.layout()).isEqualTo(Layout.PULLBACK);
        assertThat(h.warnings()).isEmpty();
        assertThat(h.complete()).extracting(FoundSnapshot::name).containsExactly("2026-03-06_0900", "2026-03-06_0800", "2026-03-06_1000");
        assertThat(h.count(FoundSnapshot.State.PARTIAL)).isEqualTo(1);
        assertThat(h.count(FoundSnapshot.State.UNKNOWN)).isEqualTo(1);
        assertThat(h.complete().get(1).marker().base()).isEqualTo("2026-03-06_0900");
    }

    @Test
    void backupManagerLayoutIsRecognisedWithTimesFromTheMarkersMtime() {
        Path root = tmp.resolve("backups");
        LayoutTrees.host(root, "nas")
                .backupManager("2026-03-05_2300", NOW.minusSeconds(7200))
                .backupManager("2026-03-06_0000", NOW.minusSeconds(3600))
                .partial("2026-03-06_0100")
                .backupManagerExtras("2026-03-06_0000");

        Preflight p = preflight(root, "nas");
        HostScan h = p.hosts().getFirst();

        assertThat(h.layout()).isEqualTo(Layout.BACKUP_MANAGER);
        assertThat(h.complete()).extracting(FoundSnapshot::name).containsExactly("2026-03-05_2300", "2026-03-06_0000");
        assertThat(h.complete().get(1).marker().finished()).isEqualTo(NOW.minusSeconds(3600));
        assertThat(h.count(FoundSnapshot.State.PARTIAL)).isEqualTo(1);
        assertThat(p.root().writable()).isTrue();
        assertThat(p.root().freeBytes()).isPositive();
    }

    @Test
    void rsyncTimeBackupInTheHostDirectoryIsImportedWithTimesFromTheNamesAndTheInProgressOneAsPartial() {
        Path root = tmp.resolve("backups");
        LayoutTrees.host(root, "laptop").rsyncTimeBackup(true, "2026-03-04-120000", "2026-03-05-120000", "2026-03-06-120000");

        HostScan h = DiscoveryScanner.preflight(root, List.of("laptop"), NOW, java.time.ZoneId.of("Europe/Amsterdam")).hosts().getFirst();

        assertThat(h.layout()).isEqualTo(Layout.RSYNC_TIME_BACKUP);
        assertThat(h.complete()).extracting(FoundSnapshot::name).containsExactly("2026-03-04-120000", "2026-03-05-120000");
        assertThat(h.complete().get(0).marker().finished()).as("the name, in the configured zone")
                .isEqualTo(Instant.parse("2026-03-04T11:00:00Z"));
        assertThat(h.complete().get(1).marker().base()).as("each hardlinked against the one before").isEqualTo("2026-03-04-120000");
        assertThat(h.count(FoundSnapshot.State.PARTIAL)).isEqualTo(1);
        assertThat(h.warnings().getFirst()).contains("rsync-time-backup", "never pruned");
        ImportPlan plan = ImportPlan.of(h, Map.of(), true);
        assertThat(plan.record()).extracting(FoundSnapshot::name).containsExactly("2026-03-04-120000", "2026-03-05-120000");
        assertThat(plan.skipped()).isNull();
    }

    @Test
    void importPlanRecordsNewRestoresFoundAgainMarksMissingAndLeavesTheRest() {
        Path root = tmp.resolve("backups");
        LayoutTrees.host(root, "web").pullback("a", NOW.minusSeconds(300), null).pullback("b", NOW.minusSeconds(200), "a")
                .pullback("c", NOW.minusSeconds(100), "b");
        HostScan h = preflight(root, "web").hosts().getFirst();
        String dirOf = root.resolve("web/hourly").toString();
        Map<String, SqlSnapshotCatalog.Indexed> rows = Map.of(
                "a", new SqlSnapshotCatalog.Indexed("a", dirOf + "/a", "complete"),
                "b", new SqlSnapshotCatalog.Indexed("b", dirOf + "/b", SqlSnapshotCatalog.MISSING),
                "gone", new SqlSnapshotCatalog.Indexed("gone", dirOf + "/gone", "complete"),
                "long-gone", new SqlSnapshotCatalog.Indexed("long-gone", dirOf + "/long-gone", SqlSnapshotCatalog.MISSING));

        ImportPlan plan = ImportPlan.of(h, rows, true);

        assertThat(plan.record()).extracting(FoundSnapshot::name).containsExactly("c");
        assertThat(plan.restore()).extracting(FoundSnapshot::name).containsExactly("b");
        assertThat(plan.missing()).containsExactly("gone");
        assertThat(plan.unchanged()).isEqualTo(1);
        assertThat(ImportPlan.of(h, rows, false).changesNothing()).as("an unmounted root changes nothing").isTrue();
    }

    @Test
    void nearMisses() {
        List<String> dirs = List.of("officewsl", "Office_WSL", "web01", "db", "office-wsl2");
        assertThat(DiscoveryScanner.nearMisses("office-wsl", dirs)).containsExactly("Office_WSL", "office-wsl2", "officewsl");
        assertThat(DiscoveryScanner.nearMisses("web02", dirs)).containsExactly("web01");
        assertThat(DiscoveryScanner.nearMisses("db1", dirs)).isEmpty();
    }
}
