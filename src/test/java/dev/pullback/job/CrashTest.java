package dev.pullback.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.host.SourceFolders;
import dev.pullback.host.Transport;
import dev.pullback.security.Role;
import dev.pullback.security.TokenService;
import dev.pullback.settings.SettingsService;
import dev.pullback.snapshot.BackupLayout;
import dev.pullback.testing.BackupAssertions;
import dev.pullback.testing.ChildJvm;
import dev.pullback.testing.Http;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import dev.pullback.testing.SourceTree;
import dev.pullback.testing.TestContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * kill -9 of a whole pullback process (the JVM only: its rsync or tar children become orphans) in
 * the middle of a stage, then a restart in this JVM: start-up marks the run interrupted, the
 * orphans are gone, nothing older changed, and the next run succeeds.
 */
class CrashTest {
    @TempDir
    Path tmp;
    /** Near the real time, so the child processes (on the system clock) and retention's age rails agree with it. */
    MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(10)).toString());
    ConfigurableApplicationContext ctx;
    Path src;
    BackupLayout layout;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(tmp.resolve("backups"));
        restart();
        ctx.getBean(SettingsService.class).configure(tmp.resolve("backups").toString(), null);
        src = SourceTree.in(tmp.resolve("src")).file("a.txt", "a").build();
        configure(null);
        layout = new BackupLayout(tmp.resolve("backups"), "web");
    }

    @AfterEach
    void close() {
        if (ctx != null) {
            ctx.close();
        }
    }

    void restart() {
        if (ctx != null) {
            ctx.close();
        }
        ctx = TestContext.start(tmp.resolve("var"), clock);
    }

    void configure(Integer bwlimit) {
        ctx.getBean(HostService.class).configure("web", new HostChanges(Transport.LOCAL, null, null, null, null,
                List.of(src.toString()), null, false, null, null, bwlimit == null ? 0 : bwlimit, null, null, null, null, null));
    }

    JobReport snapshotNow() {
        clock.advance(Duration.ofHours(1));
        JobReport r = ctx.getBean(JobService.class).run(JobRequest.allHosts(JobType.SNAPSHOT, Trigger.CLI));
        assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.OK);
        return r;
    }

    Map<String, String> env() {
        return Map.of("PULLBACK_DATA_DIR", tmp.resolve("var").toString(), "PULLBACK_TIMEZONE", "UTC");
    }

    /**
     * The children of the killed JVM die with it (the kernel's parent-death signal): without it an
     * orphaned rsync went on writing into the partial until its file was done.
     */
    static void assertOrphansEnd(List<ProcessHandle> orphans) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(orphans.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                        .as("orphans of the killed process still running").isEmpty());
    }

    List<String> statuses(String table) {
        return ctx.getBean(JdbcClient.class).sql("SELECT status FROM " + table + " ORDER BY id").query(String.class).list();
    }

    @Resilience(item = ResilienceItem.KILL_SERVER_MID_RSYNC, what = "a `pullback backup` process killed (the JVM alone) while "
            + "rsync copies a throttled file",
            behaviour = "rsync dies with pullback (parent-death signal), not minutes later; no marker, only a .partial; latest and the "
                    + "older snapshot unchanged (inodes, bytes); at restart the job and host rows become interrupted; the next run "
                    + "succeeds, reuses the partial's data and removes it")
    @Test
    void killMidRsync() throws Exception {
        Path first = throttledSecondSnapshotAhead();
        Map<String, String> before = BackupAssertions.identity(first);
        ctx.close();
        ctx = null;

        Process child = ChildJvm.pullback(tmp.resolve("child.log"), env(), "backup", "web");
        List<ProcessHandle> orphans = killWhenRsyncIsMidTransfer(child);

        assertKilledMidRsyncThenNextRunSucceeds(orphans, first, before);
    }

    @Resilience(item = ResilienceItem.KILL_SERVER_MID_RSYNC, what = "a running `pullback serve` killed (the JVM alone) while "
            + "a backup triggered over the API transfers",
            behaviour = "rsync dies with the server (parent-death signal); no marker, only a .partial; latest and the older "
                    + "snapshot unchanged (inodes, bytes); at restart the job and host rows become interrupted; the next run "
                    + "succeeds and removes the partial")
    @Test
    void killServeMidRsync() throws Exception {
        Path first = throttledSecondSnapshotAhead();
        Map<String, String> before = BackupAssertions.identity(first);
        String token = ctx.getBean(TokenService.class).create("crash-test", Role.ADMIN, false).secret();
        ctx.close();
        ctx = null;

        int port = freePort();
        Map<String, String> env = new java.util.HashMap<>(env());
        env.putAll(Map.of("PULLBACK_PORT", Integer.toString(port), "PULLBACK_BIND", "127.0.0.1"));
        Process serve = ChildJvm.pullback(tmp.resolve("serve.log"), env, "serve");
        List<ProcessHandle> orphans;
        try {
            Http http = new Http(port).withToken(token);
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> http.anonymous().get("/api/health").status() == 200);
            Http.Response started = http.post("/api/hosts/web/backup");
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            orphans = killWhenRsyncIsMidTransfer(serve);
        } finally {
            serve.destroyForcibly();
        }

        assertKilledMidRsyncThenNextRunSucceeds(orphans, first, before);
        assertThat(ctx.getBean(JdbcClient.class).sql("SELECT trigger_type FROM jobs ORDER BY id").query(String.class).list())
                .as("the interrupted run is the one the API started").containsExactly("cli", "api", "cli");
    }

    /**
     * A complete snapshot of a 3 MB file, then a second 3 MB file and a bandwidth limit (300 KB/s),
     * so the next snapshot's rsync is still copying when the test kills its process. Returns the first snapshot.
     */
    private Path throttledSecondSnapshotAhead() throws IOException {
        SourceTree.in(src).randomFile("big.bin", 3_000_000, 1);
        snapshotNow();
        configure(300);
        SourceTree.in(src).randomFile("new.bin", 3_000_000, 2);
        return layout.latestLink().toRealPath();
    }

    /** Once the partial snapshot holds data (rsync is copying the throttled file), kill -9 of the JVM alone. */
    private List<ProcessHandle> killWhenRsyncIsMidTransfer(Process jvm) throws InterruptedException {
        await().atMost(Duration.ofSeconds(90)).until(() -> partialBytes(layout) > 200_000);
        return ChildJvm.killJvmOnly(jvm);
    }

    /** What killMidRsync and killServeMidRsync rely on, from the kill to the next run. */
    private void assertKilledMidRsyncThenNextRunSucceeds(List<ProcessHandle> orphans, Path first, Map<String, String> before)
            throws IOException {
        assertThat(orphans).as("rsync was running").anyMatch(p -> p.info().command().orElse("").endsWith("rsync"));
        assertOrphansEnd(orphans);
        assertThat(layout.partials()).hasSize(1);
        assertThat(layout.partials().getFirst().resolve(BackupLayout.MARKER)).doesNotExist();
        assertThat(layout.completeSnapshots()).hasSize(1);
        assertThat(layout.latestLink().toRealPath()).isEqualTo(first);
        assertThat(layout.currentLink().toRealPath()).isEqualTo(first);
        assertThat(BackupAssertions.identity(first)).isEqualTo(before);

        restart();
        assertThat(statuses("job_hosts")).containsExactly("ok", "interrupted");
        assertThat(statuses("jobs")).containsExactly("ok", "interrupted");
        configure(null);
        JobReport next = snapshotNow();

        String made = next.hosts().getFirst().snapshot().name();
        BackupAssertions.assertComplete(layout, made);
        BackupAssertions.assertLatestIs(layout, made);
        assertThat(layout.partials()).isEmpty();
        assertThat(BackupAssertions.content(layout.latestLink().resolve(SourceFolders.folderOf(src.toString()))))
                .isEqualTo(BackupAssertions.content(src));
        assertThat(BackupAssertions.identity(first)).isEqualTo(before);
    }

    @Resilience(item = ResilienceItem.KILL_SERVER_MID_TAR, what = "the process running the heavy job killed (the JVM alone) "
            + "while tar | zstd writes the archive",
            behaviour = "tar and zstd die with it; only archives/*.partial is left, never a final name; the snapshot and latest "
                    + "are unchanged; at restart the heavy run is interrupted; the next heavy run removes the partial and writes "
                    + "a complete archive that zstd -t accepts")
    @Test
    void killMidTar() throws Exception {
        SourceTree.in(src).randomFile("big.bin", 20_000_000, 3);
        snapshotNow();
        Path snapshot = layout.latestLink().toRealPath();
        Map<String, String> before = BackupAssertions.identity(snapshot);
        ctx.close();
        ctx = null;

        Process child = ChildJvm.start(tmp.resolve("child.log"), Map.of(), HeavyJobMain.class.getName(),
                tmp.resolve("var").toString(), "web");
        await().atMost(Duration.ofSeconds(60)).until(() -> files(layout.archivesDir()).stream()
                .anyMatch(f -> f.endsWith(".partial") && layout.archivesDir().resolve(f).toFile().length() > 0));
        List<ProcessHandle> orphans = ChildJvm.killJvmOnly(child);

        assertThat(orphans).as("the archive pipeline was running").isNotEmpty();
        assertOrphansEnd(orphans);
        assertThat(files(layout.archivesDir())).singleElement().asString().endsWith(".tar.zst.partial");
        assertThat(BackupAssertions.identity(snapshot)).isEqualTo(before);
        assertThat(layout.latestLink().toRealPath()).isEqualTo(snapshot);

        restart();
        assertThat(statuses("jobs")).containsExactly("ok", "interrupted");
        JobReport next = ctx.getBean(JobService.class).run(new JobRequest(JobType.HEAVY, Trigger.CLI, List.of("web"), false, false));

        assertThat(next.status()).as(next.toString()).isEqualTo(RunStatus.OK);
        List<String> archives = files(layout.archivesDir());
        assertThat(archives).singleElement().asString().endsWith(".tar.zst");
        assertThat(new ProcessBuilder("zstd", "-t", "-q", layout.archivesDir().resolve(archives.getFirst()).toString())
                .start().waitFor()).isZero();
        assertThat(BackupAssertions.identity(snapshot)).isEqualTo(before);
    }

    @Resilience(item = ResilienceItem.KILL_SERVER_MID_PRUNE, what = "`pullback retention --apply` killed while it deletes "
            + "three 8,000-file snapshots",
            behaviour = "snapshots go oldest first, each renamed to .trash-* before its deletion starts, so no half-deleted "
                    + "snapshot is ever listed; every snapshot still listed and latest are unchanged (inodes, bytes); at restart the retention run is interrupted; the next run "
                    + "finishes deleting the trash and succeeds")
    @Test
    void killMidPrune() throws Exception {
        SourceTree tree = SourceTree.in(src);
        for (int i = 0; i < 8_000; i++) {
            tree.file("d" + i / 500 + "/f" + i, "");
        }
        for (int i = 0; i < 4; i++) {
            snapshotNow();
        }
        Path kept = layout.latestLink().toRealPath();
        Map<String, Map<String, String>> before = new java.util.TreeMap<>();
        for (BackupLayout.CompleteSnapshot c : layout.completeSnapshots()) {
            before.put(c.name(), BackupAssertions.identity(c.dir()));
        }
        ctx.getBean(RetentionService.class).setOverride("web", new dev.pullback.retention.PolicyOverride(1, 0, 0, 0, 0, 0, 1));
        ctx.close();
        ctx = null;

        Process child = ChildJvm.pullback(tmp.resolve("child.log"), env(), "retention", "web", "--apply", "--yes", "--override-hold");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> files(layout.hourlyDir()).stream().anyMatch(f -> f.startsWith(BackupLayout.TRASH)));
        ChildJvm.killJvmOnly(child);

        // snapshots are removed oldest first, each renamed to .trash-* before its deletion starts
        assertThat(files(layout.hourlyDir())).as("killed mid-deletion").anyMatch(f -> f.startsWith(BackupLayout.TRASH));
        List<BackupLayout.CompleteSnapshot> left = layout.completeSnapshots();
        assertThat(left).extracting(BackupLayout.CompleteSnapshot::dir).contains(kept).hasSizeLessThan(4);
        for (BackupLayout.CompleteSnapshot c : left) {
            assertThat(BackupAssertions.identity(c.dir())).as(c.name() + " unmodified").isEqualTo(before.get(c.name()));
        }
        assertThat(layout.latestLink().toRealPath()).isEqualTo(kept);

        restart();
        assertThat(statuses("jobs")).containsExactly("ok", "ok", "ok", "ok", "interrupted");
        JobReport next = snapshotNow();

        List<String> expected = new java.util.ArrayList<>(left.stream().map(BackupLayout.CompleteSnapshot::name).toList());
        expected.add(next.hosts().getFirst().snapshot().name());
        assertThat(files(layout.hourlyDir())).as("the trash is finished, nothing else touched")
                .containsExactlyInAnyOrderElementsOf(expected);
        for (BackupLayout.CompleteSnapshot c : left) {
            assertThat(BackupAssertions.identity(c.dir())).as(c.name() + " unmodified").isEqualTo(before.get(c.name()));
        }
    }

    /** Where a kill can interrupt the commit of a snapshot (SnapshotEngine: marker, rename, latest, current). */
    enum SwapStep {
        MARKER_WRITTEN_NOT_RENAMED, RENAMED_LINKS_NOT_SWAPPED, LATEST_SWAPPED_NOT_CURRENT, TEMPORARY_LINK_LEFT
    }

    @Resilience(item = ResilienceItem.KILL_SERVER_MID_SYMLINK_SWAP, what = "the on-disk state a kill leaves after each step "
            + "of the commit (marker written / renamed / latest swapped / temporary link made), reproduced exactly: the window "
            + "is microseconds",
            behaviour = "latest and current only ever point at complete snapshots; at restart the run is interrupted; the next "
                    + "run succeeds: the unrenamed .partial (marker and all) is only a link source and is removed, a renamed "
                    + "snapshot is kept and indexed, both links point at the new snapshot, no temporary link is left; older "
                    + "snapshots unchanged")
    @ParameterizedTest
    @EnumSource(SwapStep.class)
    void killMidSymlinkSwap(SwapStep step) throws Exception {
        SourceTree.in(src).file("b.txt", "b");
        Path s1 = layout.snapshotDir(snapshotNow().hosts().getFirst().snapshot().name());
        SourceTree.modify(src.resolve("a.txt"), "a2");
        String s2name = snapshotNow().hosts().getFirst().snapshot().name();
        Path s2 = layout.snapshotDir(s2name);
        Map<String, String> before1 = BackupAssertions.identity(s1);
        Map<String, String> before2 = BackupAssertions.identity(s2);
        ctx.close();
        ctx = null;

        Path old = Path.of("hourly", s1.getFileName().toString());
        switch (step) {
            case MARKER_WRITTEN_NOT_RENAMED -> {
                Files.move(s2, layout.partialDir(s2name));
                pointAt(layout.latestLink(), old);
                pointAt(layout.currentLink(), old);
            }
            case RENAMED_LINKS_NOT_SWAPPED -> {
                pointAt(layout.latestLink(), old);
                pointAt(layout.currentLink(), old);
            }
            case LATEST_SWAPPED_NOT_CURRENT -> pointAt(layout.currentLink(), old);
            case TEMPORARY_LINK_LEFT -> {
                pointAt(layout.latestLink(), old);
                pointAt(layout.currentLink(), old);
                Files.createSymbolicLink(layout.hostDir().resolve("latest.tmp-4194000"), Path.of("hourly", s2name));
            }
        }
        crashedBeforeRecording(s2name);

        restart();
        assertThat(statuses("job_hosts")).containsExactly("ok", "interrupted");
        for (Path link : List.of(layout.latestLink(), layout.currentLink())) {
            assertThat(link.resolve(BackupLayout.MARKER)).as(link + " points at a complete snapshot").isRegularFile();
            assertThat(Files.readSymbolicLink(link).toString()).doesNotEndWith(BackupLayout.PARTIAL);
        }
        JobReport next = snapshotNow();

        String s3 = next.hosts().getFirst().snapshot().name();
        BackupAssertions.assertLatestIs(layout, s3);
        assertThat(layout.partials()).isEmpty();
        assertThat(files(layout.hostDir())).noneMatch(f -> f.contains(".tmp-"));
        assertThat(BackupAssertions.content(layout.latestLink().resolve(SourceFolders.folderOf(src.toString()))))
                .isEqualTo(BackupAssertions.content(src));
        assertThat(BackupAssertions.identity(s1)).isEqualTo(before1);
        List<String> indexed = ctx.getBean(JdbcClient.class).sql("SELECT name FROM snapshots ORDER BY name").query(String.class).list();
        if (step == SwapStep.MARKER_WRITTEN_NOT_RENAMED) {
            assertThat(s2).doesNotExist();
            assertThat(indexed).containsExactly(s1.getFileName().toString(), s3);
        } else {
            assertThat(BackupAssertions.identity(s2)).isEqualTo(before2);
            assertThat(indexed).as("the renamed snapshot is indexed").containsExactly(s1.getFileName().toString(), s2name, s3);
        }
    }

    private static void pointAt(Path link, Path target) throws IOException {
        Files.delete(link);
        Files.createSymbolicLink(link, target);
    }

    /** The database as a kill before the snapshot was recorded leaves it: no snapshot row, the run still running. */
    private void crashedBeforeRecording(String snapshot) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("var/pullback.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM snapshots WHERE name = '" + snapshot + "'");
            for (String table : List.of("jobs", "job_hosts")) {
                s.executeUpdate("UPDATE " + table + " SET status = 'running', finished_at = NULL, owner_pid = " + gone.pid()
                        + ", owner_node = '" + BackupService.node() + "' WHERE id = (SELECT MAX(id) FROM " + table + ")");
            }
        }
    }

    static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static long partialBytes(BackupLayout layout) throws IOException {
        long total = 0;
        for (Path p : layout.partials()) {
            try (Stream<Path> s = Files.walk(p)) {
                total += s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
        }
        return total;
    }
}
