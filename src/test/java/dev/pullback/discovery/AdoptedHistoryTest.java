package dev.pullback.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.store.SqlSnapshotCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A foreign history adopted in place (behind {@code adopted-history}) is scanned with its times, order and bases. */
class AdoptedHistoryTest {
    static final Instant NOW = Instant.parse("2026-03-06T12:00:00Z");

    @TempDir
    Path tmp;

    HostScan scan(Path root, String host) {
        return DiscoveryScanner.preflight(root, List.of(host), NOW, ZoneOffset.UTC).hosts().getFirst();
    }

    @Test
    void rsnapshotHistoryIsOrderedByIntervalAndIndexTimedByMtimeAndNamedStablyAcrossRotation() throws Exception {
        Path snap = tmp.resolve("snap");
        LayoutTrees.rsnapshot(snap, "hourly", 0, "web", NOW.minusSeconds(3600));
        LayoutTrees.rsnapshot(snap, "hourly", 1, "web", NOW.minusSeconds(7200));
        LayoutTrees.rsnapshot(snap, "daily", 0, "web", NOW.minusSeconds(86400));
        LayoutTrees.rsnapshot(snap, "daily", 1, "web", NOW.minusSeconds(2 * 86400));
        LayoutTrees.rsnapshot(snap, "hourly", 0, "db", NOW.minusSeconds(3600)); // another backup point: not this host's
        Files.createDirectories(snap.resolve(".sync/web"));
        Files.createDirectories(snap.resolve("_delete.4242/web")); // rsnapshot removing an old one: not a snapshot
        Path root = tmp.resolve("backups");
        LayoutTrees.host(root, "web").pullback("2026-03-06_1130", NOW.minusSeconds(1800), null).adoptedHistory(snap);

        HostScan h = scan(root, "web");

        assertThat(h.layout()).isEqualTo(Layout.PULLBACK);
        assertThat(h.adopted()).isEqualTo(Layout.RSNAPSHOT);
        assertThat(h.layoutText()).isEqualTo("pullback + adopted rsnapshot history");
        assertThat(h.complete()).extracting(FoundSnapshot::name)
                .containsExactly("2026-03-04-120000", "2026-03-05-120000", "2026-03-06-100000", "2026-03-06-110000", "2026-03-06_1130");
        assertThat(h.complete()).extracting(s -> s.dir().toString()).startsWith(
                snap.toRealPath().resolve("daily.1/web").toString(), snap.toRealPath().resolve("daily.0/web").toString());
        assertThat(h.complete().get(3).marker().base()).isEqualTo("2026-03-06-100000");
        assertThat(h.complete().get(0).marker().base()).isNull();
        assertThat(h.count(FoundSnapshot.State.PARTIAL)).as("rsnapshot's .sync working copy").isEqualTo(1);
        assertThat(h.warnings()).isEmpty();

        // index it, then let rsnapshot rotate once more: same names, new directories, nothing missing
        Map<String, SqlSnapshotCatalog.Indexed> rows = new LinkedHashMap<>();
        ImportPlan.of(h, Map.of(), true).record().forEach(s -> rows.put(s.name(), new SqlSnapshotCatalog.Indexed(s.name(), s.dir().toString(), "complete")));
        assertThat(rows).hasSize(5);
        assertThat(ImportPlan.of(scan(root, "web"), rows, true).changesNothing()).as("idempotent").isTrue();
        Files.move(snap.resolve("hourly.1"), snap.resolve("hourly.2"));
        Files.move(snap.resolve("hourly.0"), snap.resolve("hourly.1"));

        ImportPlan again = ImportPlan.of(scan(root, "web"), rows, true);

        assertThat(again.record()).isEmpty();
        assertThat(again.missing()).isEmpty();
        assertThat(again.restore()).extracting(FoundSnapshot::name).containsExactly("2026-03-06-100000", "2026-03-06-110000");
        assertThat(again.restore().getLast().dir()).isEqualTo(snap.toRealPath().resolve("hourly.1/web"));
    }

    @Test
    void rsyncTimeBackupHistoryBehindTheLinkBeforePullbacksFirstRun() throws Exception {
        Path rtb = LayoutTrees.host(tmp, "rtb").rsyncTimeBackup(false, "2026-03-05-120000", "2026-03-06-090000").dir();
        Path root = tmp.resolve("backups");
        LayoutTrees.host(root, "laptop").adoptedHistory(rtb);

        HostScan h = scan(root, "laptop");

        assertThat(h.layoutText()).isEqualTo("adopted rsync-time-backup history");
        assertThat(h.complete()).extracting(FoundSnapshot::name).containsExactly("2026-03-05-120000", "2026-03-06-090000");
        assertThat(h.complete().getLast().marker().finished()).isEqualTo(Instant.parse("2026-03-06T09:00:00Z"));
        assertThat(h.warnings()).isEmpty();
    }

    @Test
    void aLinkThatPointsNowhereIsAWarningAndTheRowsAreMarkedMissingNotDropped() throws Exception {
        Path root = tmp.resolve("backups");
        LayoutTrees.host(root, "web").pullback("2026-03-06_1130", NOW.minusSeconds(1800), null).adoptedHistory(tmp.resolve("unmounted/snap"));

        HostScan h = scan(root, "web");

        assertThat(h.adopted()).isEqualTo(Layout.NONE);
        assertThat(h.warnings()).singleElement().asString().contains("adopted-history points nowhere");
        Map<String, SqlSnapshotCatalog.Indexed> rows = Map.of("2026-03-05-120000",
                new SqlSnapshotCatalog.Indexed("2026-03-05-120000", tmp.resolve("unmounted/snap/daily.0/web").toString(), "complete"));
        assertThat(ImportPlan.of(h, rows, true).missing()).containsExactly("2026-03-05-120000");
    }
}
