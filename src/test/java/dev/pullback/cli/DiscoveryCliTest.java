package dev.pullback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.MarkerFile;
import dev.pullback.testing.SourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** discover-snapshots over real snapshots: rebuild, idempotence, reconcile, dry run, the zero cases, adoption. */
class DiscoveryCliTest extends LocalHostCliFixture {

    JdbcClient sql() {
        return runtime.service(JdbcClient.class);
    }

    List<String> statuses() {
        return sql().sql("SELECT name || ':' || status FROM snapshots WHERE host = 'web' ORDER BY name").query(String.class).list();
    }

    @Test
    void rebuildsALostIndexWithBasesLinkedAndASecondRunChangesNothing() {
        hourlyBackups(3);
        sql().sql("DELETE FROM snapshots").update();

        CliResult r = cli("discover-snapshots");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("backup root " + root + ": present", "writable", "host web (", "layout pullback",
                "3 complete, 0 partial, 0 unknown", "web: 3 new, 0 found again, 0 marked missing, 0 unchanged");
        assertThat(statuses()).containsExactly("2026-03-06_0800:complete", "2026-03-06_0900:complete", "2026-03-06_1000:complete");
        assertThat(sql().sql("SELECT COUNT(*) FROM snapshots WHERE base_snapshot_id IS NOT NULL").query(Integer.class).single())
                .as("each snapshot's base is linked").isEqualTo(2);

        assertThat(r.out()).doesNotContain("without a configured host");
        assertThat(cli("discover-snapshots", "--dry-run").out()).doesNotContain("without a configured host");
        CliResult again = cli("discover-snapshots", "--host", "web");
        assertThat(again.out()).contains("web: 0 new, 0 found again, 0 marked missing, 3 unchanged");
        assertThat(sql().sql("SELECT COUNT(*) FROM jobs WHERE job_type = 'discovery' AND status = 'ok' AND dry_run = ?")
                .param(false).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aSnapshotDeletedByHandIsMarkedMissingKeepingItsRowAndPinAndFoundAgainWhenBack() throws Exception {
        hourlyBackups(2);
        assertThat(cli("pin", "web", "2026-03-06_0800").code()).isZero();
        Path moved = tmp.resolve("moved-away");
        Files.move(layout.snapshotDir("2026-03-06_0800"), moved);

        CliResult r = cli("discover-snapshots");

        assertThat(r.out()).contains("web: 0 new, 0 found again, 1 marked missing, 1 unchanged");
        assertThat(statuses()).containsExactly("2026-03-06_0800:missing", "2026-03-06_0900:complete");
        assertThat(sql().sql("SELECT pinned FROM snapshots WHERE name = '2026-03-06_0800'").query(Boolean.class).single()).isTrue();
        assertThat(cli("discover-snapshots").out()).as("idempotent").contains("0 marked missing, 1 unchanged");

        Files.move(moved, layout.snapshotDir("2026-03-06_0800"));
        assertThat(cli("discover-snapshots").out()).contains("web: 0 new, 1 found again");
        assertThat(statuses()).containsExactly("2026-03-06_0800:complete", "2026-03-06_0900:complete");
    }

    @Test
    void dryRunShowsThePlanAndChangesNothing() {
        hourlyBackups(2);
        sql().sql("DELETE FROM snapshots").update();

        CliResult r = cli("discover-snapshots", "--dry-run");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("import (dry run, nothing changed):", "web: would be 2 new");
        assertThat(statuses()).isEmpty();
    }

    @Test
    void anUnmountedRootIsAFailureThatMarksNothingMissing() throws Exception {
        hourlyBackups(1);
        Files.move(root, tmp.resolve("elsewhere"));

        CliResult r = cli("discover-snapshots");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).contains("backup root " + root + ": MISSING", "is the backup drive mounted?",
                "nothing imported, nothing marked missing");
        assertThat(statuses()).containsExactly("2026-03-06_0800:complete");
    }

    @Test
    void aMismatchedHostNameShowsTheNearMiss() throws Exception {
        assertThat(cli("configure-host", "office-wsl", "--transport", "local", "--source", src.toString()).code()).isZero();
        Files.createDirectories(root.resolve("officewsl/hourly"));

        CliResult r = cli("discover-snapshots", "--host", "office-wsl", "--dry-run");

        assertThat(r.code()).isZero();
        assertThat(cli("discover-snapshots", "--dry-run").out()).contains("directories under the root without a configured host: officewsl");
        assertThat(r.out()).contains("host office-wsl (", "missing", "!! no snapshots:", "did you mean 'officewsl'?",
                "directories under " + root + ": officewsl");
    }

    @Test
    void badOrUnknownHostNamesAreRefused() {
        assertThat(cli("discover-snapshots", "--host", "nope").code()).isEqualTo(ExitCodes.USAGE);
        CliResult bad = cli("discover-snapshots", "--host", "-rf");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    }

    /**
     * A Backup Manager history adopted in place: its snapshot (with {@code ~/} straight in the
     * directory and an empty marker) becomes the link base of pullback's first run.
     */
    @Test
    void adoptedBackupManagerSnapshotIsTheLinkBaseOfTheNextRun() throws Exception {
        Path home = SourceTree.in(tmp.resolve("nas-home")).file("notes.txt", "old notes").randomFile("big.bin", 300_000, 7)
                .file("docs/c.txt", "c").build();
        assertThat(cli("configure-host", "nas", "--transport", "local", "--source", home.toString(), "--no-default-excludes").code()).isZero();
        Path bm = Files.createDirectories(root.resolve("nas/hourly/2026-03-05_2300"));
        assertThat(new ProcessBuilder("cp", "-a", home + "/.", bm.toString()).inheritIO().start().waitFor()).isZero();
        Path marker = Files.writeString(bm.resolve(BackupLayout.MARKER), "");
        Files.setLastModifiedTime(marker, FileTime.from(Instant.parse("2026-03-05T23:00:00Z")));
        Files.createSymbolicLink(root.resolve("nas/latest"), Path.of("hourly/2026-03-05_2300"));

        CliResult d = cli("discover-snapshots", "--host", "nas");
        assertThat(d.out()).contains("layout backup-manager", "1 complete", "nas: 1 new");

        Files.writeString(home.resolve("notes.txt"), "new notes, longer than the old ones"); // another size: same-second mtimes fool quick check
        CliResult b = cli("backup", "nas");
        assertThat(b.code()).as(b.out() + b.err()).isZero();

        BackupLayout nas = new BackupLayout(root, "nas");
        BackupLayout.CompleteSnapshot snap = nas.newestComplete().orElseThrow();
        assertThat(snap.name()).isEqualTo("2026-03-06_0800");
        assertThat(snap.marker().base()).isEqualTo("2026-03-05_2300");
        Path folder = snap.dir().resolve(home.toString().substring(1));
        assertThat(inode(folder.resolve("big.bin"))).as("unchanged file shared with the adopted snapshot")
                .isEqualTo(inode(bm.resolve("big.bin")));
        assertThat(inode(folder.resolve("docs/c.txt"))).isEqualTo(inode(bm.resolve("docs/c.txt")));
        assertThat(inode(folder.resolve("notes.txt"))).isNotEqualTo(inode(bm.resolve("notes.txt")));
        assertThat(Files.readString(folder.resolve("notes.txt"))).isEqualTo("new notes, longer than the old ones");
        assertThat(snap.marker().transferred()).as("only the change crossed the wire").isLessThan(100_000);
        assertThat(MarkerFile.read(bm.resolve(BackupLayout.MARKER), "nas", "2026-03-05_2300").version())
                .as("the adopted snapshot is left as it was").isZero();
        assertThat(Files.readString(marker)).isEmpty();
    }

    static Object inode(Path p) throws Exception {
        return Files.getAttribute(p, "unix:ino");
    }
}
