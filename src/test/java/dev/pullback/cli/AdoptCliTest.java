package dev.pullback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.SourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** adopt --from rsnapshot over real rsnapshot output, then a pullback backup that transfers only the changes. */
class AdoptCliTest {
    static final Path RSNAPSHOT = Path.of("/usr/bin/rsnapshot");

    @TempDir
    Path tmp;
    Path root;
    Path src;
    Path snap;
    Path conf;
    MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
    TestRuntime runtime;

    @BeforeEach
    void setUp() throws Exception {
        root = tmp.resolve("backups");
        src = SourceTree.in(tmp.resolve("src")).file("a.txt", "a").randomFile("big.bin", 300_000, 3).file("scratch.tmp", "t")
                .file("sub/b.txt", "b").build();
        snap = tmp.resolve("snap");
        conf = Files.writeString(tmp.resolve("rsnapshot.conf"), String.join("\n",
                "config_version\t1.2", "snapshot_root\t" + snap + "/", "no_create_root\t0", "cmd_rsync\t/usr/bin/rsync",
                "retain\thourly\t6", "retain\tdaily\t7", "lockfile\t" + tmp.resolve("rsnapshot.pid"), "exclude\t*.tmp",
                "backup\t" + src + "/\tlocalhost/", ""));
        runtime = new TestRuntime(tmp.resolve("var"), clock);
        assertThat(cli("configure-global", "--backup-root", root.toString()).code()).isZero();
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Two real rsnapshot runs (hourly.0, hourly.1); the test is skipped where rsnapshot is not installed. */
    void rsnapshotHistory() throws Exception {
        assumeTrue(Files.isExecutable(RSNAPSHOT), "rsnapshot is not installed (apt-get install rsnapshot): skipped");
        rsnapshot("hourly");
        Thread.sleep(1100); // adopted names are the runs' mtimes to the second
        rsnapshot("hourly");
    }

    void rsnapshot(String interval) throws Exception {
        Process p = new ProcessBuilder(RSNAPSHOT.toString(), "-c", conf.toString(), interval).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    CliResult cli(String... args) {
        return CliResult.run(runtime, args);
    }

    @Test
    void planIsPrintedThenAppliedAndTheFirstBackupLinksAgainstRsnapshotsNewest() throws Exception {
        rsnapshotHistory();
        CliResult plan = cli("adopt", "--from", "rsnapshot", "--config", conf.toString());
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("host localhost: transport local", "source  " + src, "exclude *.tmp",
                "2 rsnapshot snapshot(s); link base: " + snap.resolve("hourly.0/localhost"),
                "proposed policy (retain hourly 6, retain daily 7): keep-last 6, hourly-hours 0, daily-days 7",
                "nothing changed; run again with --yes");
        assertThat(cli("hosts").out()).doesNotContain("localhost");

        CliResult applied = cli("adopt", "--from", "rsnapshot", "--config", conf.toString(), "--yes");
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("created host localhost", "retention policy set",
                "the next snapshot hardlinks against " + snap.resolve("hourly.0/localhost"),
                "2 rsnapshot snapshot(s) adopted in place", "localhost: history indexed: 2 new, 0 found again, 0 marked missing");
        CliResult listed = cli("snapshots", "localhost");
        assertThat(listed.out()).as("the whole history, in the index, with where it lives")
                .contains(snap.toRealPath().resolve("hourly.1/localhost").toString(), snap.toRealPath().resolve("hourly.0/localhost").toString());

        assertThat(cli("discover-snapshots", "--dry-run").out()).contains("the first run hardlinks against the adopted "
                + snap.resolve("hourly.0/localhost"));
        Files.writeString(src.resolve("a.txt"), "changed");
        CliResult b = cli("backup", "localhost");
        assertThat(b.code()).as(b.out() + b.err()).isZero();

        BackupLayout layout = new BackupLayout(root, "localhost");
        BackupLayout.CompleteSnapshot s = layout.newestComplete().orElseThrow();
        Path mine = s.dir().resolve(src.toString().substring(1));
        Path theirs = snap.resolve("hourly.0/localhost").resolve(src.toString().substring(1));
        assertThat(Files.getAttribute(mine.resolve("big.bin"), "unix:ino")).as("shared with rsnapshot's hourly.0")
                .isEqualTo(Files.getAttribute(theirs.resolve("big.bin"), "unix:ino"));
        assertThat(Files.getAttribute(mine.resolve("a.txt"), "unix:ino")).isNotEqualTo(Files.getAttribute(theirs.resolve("a.txt"), "unix:ino"));
        assertThat(mine.resolve("scratch.tmp")).as("rsnapshot's exclude carried over").doesNotExist();
        assertThat(s.marker().transferred()).as("only the change crossed the wire").isLessThan(100_000);
        assertThat(s.marker().base()).isEqualTo(BackupLayout.ADOPTED);
        assertThat(cli("retention", "localhost").out()).contains("keep");

        // rsnapshot runs once more (hourly.0 -> hourly.1 -> hourly.2): one new, two moved, nothing lost or missing
        Thread.sleep(1100);
        rsnapshot("hourly");
        CliResult again = cli("discover-snapshots", "--host", "localhost");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("layout pullback + adopted rsnapshot history", "4 complete",
                "1 new, 2 found again, 0 marked missing, 1 unchanged");
        assertThat(cli("discover-snapshots", "--host", "localhost").out()).as("idempotent").contains("0 new, 0 found again, 0 marked missing, 4 unchanged");
        assertThat(cli("snapshots", "localhost", "--json").out()).contains(snap.toRealPath().resolve("hourly.2/localhost").toString());

        // retention sees pullback's own snapshots only: the adopted ones are never planned, let alone removed
        CliResult applyRetention = cli("retention", "localhost", "--apply", "--yes");
        assertThat(applyRetention.code()).as(applyRetention.err()).isZero();
        assertThat(applyRetention.out()).doesNotContain("hourly.0", "hourly.1", "hourly.2");
        assertThat(snap.resolve("hourly.2/localhost")).isDirectory();
        String real = snap.toRealPath().toString();
        assertThat(cli("snapshots", "localhost").out().lines().filter(l -> l.contains(real))).hasSize(3);
    }

    @Test
    void fromTheRootAlone() throws Exception {
        rsnapshotHistory();
        CliResult r = cli("adopt", "--from", "rsnapshot", "--root", snap.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("host localhost", "source  " + src, "note: no rsnapshot.conf");
        assertThat(cli("adopt", "--from", "rsync-time-backup", "--root", snap.toString()).code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli("adopt", "--from", "rsnapshot").code()).isEqualTo(ExitCodes.USAGE);
    }

    /** rsync-time-backup's layout (made here with rsync as its script does): the newest complete snapshot becomes the link base. */
    @Test
    void rsyncTimeBackupsNewestCompleteSnapshotBecomesTheLinkBase() throws Exception {
        Path dest = Files.createDirectories(tmp.resolve("rtb"));
        Files.writeString(dest.resolve("backup.marker"), "");
        Path done = Files.createDirectories(dest.resolve("2026-03-05-230000"));
        Process p = new ProcessBuilder("rsync", "-a", src + "/", done + "/").inheritIO().start();
        assertThat(p.waitFor()).isZero();
        Files.createDirectories(dest.resolve("2026-03-06-000000"));
        Files.writeString(dest.resolve("backup.inprogress"), "4242");
        assertThat(cli("configure-host", "laptop", "--transport", "local", "--source", src.toString(), "--no-default-excludes").code()).isZero();

        CliResult plan = cli("adopt", "--from", "rsync-time-backup", "--host", "laptop", "--root", dest.toString());
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("snapshot " + done + " becomes the link base", "nothing changed");
        CliResult applied = cli("adopt", "--from", "rsync-time-backup", "--host", "laptop", "--root", dest.toString(), "--yes");
        assertThat(applied.out()).contains("laptop: the next snapshot hardlinks against " + done,
                "laptop: history indexed: 1 new", "1 partial");

        Files.writeString(src.resolve("a.txt"), "changed");
        CliResult b = cli("backup", "laptop");
        assertThat(b.code()).as(b.out() + b.err()).isZero();
        Path mine = new BackupLayout(root, "laptop").newestComplete().orElseThrow().dir().resolve(src.toString().substring(1));
        assertThat(Files.getAttribute(mine.resolve("big.bin"), "unix:ino")).isEqualTo(Files.getAttribute(done.resolve("big.bin"), "unix:ino"));
        assertThat(Files.readString(mine.resolve("a.txt"))).isEqualTo("changed");

        assertThat(cli("adopt", "--from", "rsync-time-backup", "--host", "laptop", "--root", tmp.resolve("src").toString()).code())
                .isEqualTo(ExitCodes.USAGE);
    }
}
