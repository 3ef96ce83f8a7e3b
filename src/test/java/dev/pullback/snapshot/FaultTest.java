package dev.pullback.snapshot;

import static dev.pullback.testing.BackupAssertions.assertComplete;
import static dev.pullback.testing.BackupAssertions.assertLatestIs;
import static dev.pullback.testing.BackupAssertions.content;
import static dev.pullback.testing.BackupAssertions.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pullback.host.Host;
import dev.pullback.host.HostChanges;
import dev.pullback.testing.Processes;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import dev.pullback.testing.SourceTree;
import dev.pullback.transport.Cancellation;
import dev.pullback.transport.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN.md §3 faults: whatever happens mid-transfer, older snapshots and latest stay as they were. */
class FaultTest {
    @TempDir
    Path tmp;

    EngineFixture fx;
    Path src;
    Host host;
    String firstName;
    Map<String, String> firstIdentity;

    @BeforeEach
    void firstSnapshot() {
        fx = new EngineFixture(tmp);
        src = SourceTree.in(tmp.resolve("src")).file("old/a.txt", "old a").file("old/b.txt", "old b").build();
        host = EngineFixture.localHost("web", src);
        firstName = fx.snapshot(host).name();
        firstIdentity = identity(fx.layout(host).snapshotDir(firstName));
        fx.nextHour();
    }

    Host throttled(int kbps) {
        return new HostChanges(null, null, null, null, null, null, null, null, null, null, kbps, null, null, null, null, null)
                .applyTo(host, Instant.EPOCH);
    }

    CompletableFuture<SnapshotResult> startSnapshot(Host h, Cancellation cancel) {
        return CompletableFuture.supplyAsync(() -> fx.snapshot(h, Progress.NONE, cancel));
    }

    Path partial() {
        return fx.layout(host).partialDir(SnapshotName.of(fx.clock.instant(), java.time.ZoneOffset.UTC));
    }

    void assertFirstSnapshotUntouched() {
        assertThat(identity(fx.layout(host).snapshotDir(firstName))).isEqualTo(firstIdentity);
        assertLatestIs(fx.layout(host), firstName);
    }

    @Resilience(item = ResilienceItem.KILL_RSYNC, behaviour = "FAILED with rsync's exit code; no marker, no snapshot directory; latest and the older snapshot unchanged (inodes, bytes, mtimes); the partial is kept as the next run's link source; the next run succeeds, reuses its inodes and cleans it up")
    @Test
    void killMinus9OfRsyncLeavesNoSnapshotAndTheNextRunReusesThePartialData() throws Exception {
        SourceTree.in(src).randomFile("new/a1.bin", 400_000, 1).randomFile("new/a2.bin", 400_000, 2)
                .randomFile("new/a3.bin", 400_000, 3).randomFile("new/a4.bin", 400_000, 4);
        String name = SnapshotName.of(fx.clock.instant(), java.time.ZoneOffset.UTC);
        Path landed = partial().resolve(src.toString().substring(1)).resolve("new/a1.bin");
        CompletableFuture<SnapshotResult> run = startSnapshot(throttled(400), new Cancellation());

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(landed));
        assertThat(Processes.killRsync()).isPositive();
        SnapshotResult r = run.get();

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.message()).contains("rsync exit");
        assertThat(fx.layout(host).snapshotDir(name)).doesNotExist();
        assertThat(partial().resolve(BackupLayout.MARKER)).doesNotExist();
        assertFirstSnapshotUntouched();
        long reusedInode = SourceTree.inode(landed);

        fx.nextHour();
        SnapshotResult next = fx.snapshot(host);

        assertThat(next.outcome()).isEqualTo(Outcome.OK);
        assertComplete(fx.layout(host), next.name());
        assertLatestIs(fx.layout(host), next.name());
        Path data = fx.layout(host).snapshotDir(next.name()).resolve(src.toString().substring(1));
        assertThat(content(data)).isEqualTo(content(src));
        assertThat(SourceTree.inode(data.resolve("new/a1.bin"))).as("a1 reused from the partial").isEqualTo(reusedInode);
        assertThat(identity(fx.layout(host).snapshotDir(firstName))).isEqualTo(firstIdentity);
        assertThat(fx.layout(host).partials()).as("the used partial is cleaned up").isEmpty();
        try (Stream<Path> s = Files.list(fx.layout(host).hourlyDir())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(firstName, next.name());
        }
    }

    @Resilience(item = ResilienceItem.VANISHING_FILES, behaviour = "rsync exit 24 is OK with a warning naming the file; the snapshot is complete and becomes latest")
    @Test
    void aFileThatVanishesDuringTheTransferGivesASnapshotWithAWarning() throws Exception {
        SourceTree.in(src).randomFile("new/a_big.bin", 600_000, 5).file("new/b_victim.txt", "soon gone");
        Path dest = partial().resolve(src.toString().substring(1)).resolve("new");
        CompletableFuture<SnapshotResult> run = startSnapshot(throttled(300), new Cancellation());

        await().atMost(Duration.ofSeconds(30)).until(() -> hasTempFile(dest, ".a_big.bin."));
        Files.delete(src.resolve("new/b_victim.txt"));
        SnapshotResult r = run.get();

        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.marker().rsyncExitCode()).isEqualTo(24);
        assertThat(r.marker().status()).isEqualTo(Marker.COMPLETE);
        assertThat(r.warnings()).anyMatch(w -> w.contains("vanished") && w.contains("b_victim.txt"));
        assertComplete(fx.layout(host), r.name());
        assertLatestIs(fx.layout(host), r.name());
    }

    @Resilience(item = ResilienceItem.STALLED_SENDER, behaviour = "rsync SIGSTOPped: the watchdog stops it after the configured silence; FAILED saying the transfer made no progress; no rsync left running; older snapshot and latest unchanged")
    @Test
    void theWatchdogStopsATransferThatMakesNoProgress() throws Exception {
        fx.watchdog = Duration.ofSeconds(3);
        SourceTree.in(src).randomFile("new/slow.bin", 2_000_000, 6);
        Path dest = partial().resolve(src.toString().substring(1)).resolve("new");
        CompletableFuture<SnapshotResult> run = startSnapshot(throttled(200), new Cancellation());

        await().atMost(Duration.ofSeconds(30)).until(() -> hasTempFile(dest, ".slow.bin."));
        assertThat(Processes.stopRsync()).isPositive();
        SnapshotResult r = run.get();

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.message()).contains("no progress").contains("watchdog");
        assertThat(Processes.rsyncChildren()).isEmpty();
        assertFirstSnapshotUntouched();
    }

    @Test
    void cancelStopsTheTransferAndRemovesThePartialOutput() throws Exception {
        SourceTree.in(src).randomFile("new/slow.bin", 2_000_000, 7);
        Path dest = partial().resolve(src.toString().substring(1)).resolve("new");
        Cancellation cancel = new Cancellation();
        CompletableFuture<SnapshotResult> run = startSnapshot(throttled(200), cancel);

        await().atMost(Duration.ofSeconds(30)).until(() -> hasTempFile(dest, ".slow.bin."));
        cancel.request();
        SnapshotResult r = run.get();

        assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(fx.layout(host).partials()).isEmpty();
        assertThat(Processes.rsyncChildren()).isEmpty();
        assertFirstSnapshotUntouched();
    }

    @Resilience(item = ResilienceItem.DISK_FULL, what = "snapshot on a 1 MiB tmpfs", behaviour = "FAILED naming the full disk; no marker; the partial is removed to give the space back; older snapshot and latest unchanged")
    @Test
    void aFullDiskFailsTheSnapshotWithoutAMarkerAndFreesTheSpace() throws Exception {
        Path small = tmp.resolve("small-root");
        Files.createDirectories(small);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        String why = new String(mount.getInputStream().readAllBytes()).strip();
        Assumptions.assumeTrue(mount.waitFor() == 0, "skipped: cannot mount a small tmpfs here (" + why + ")");
        try {
            EngineFixture tiny = new EngineFixture(small, tmp.resolve("tiny-data"));
            Host h = EngineFixture.localHost("full", src);
            BackupLayout layout = tiny.layout(h);
            String first = tiny.snapshot(h).name();
            Map<String, String> before = identity(layout.snapshotDir(first));
            SourceTree.in(src).randomFile("new/too-big.bin", 3_000_000, 8);
            tiny.nextHour();

            SnapshotResult r = tiny.snapshot(h);

            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.message()).containsAnyOf("No space left", "disk full", "exit 11", "exit 23");
            assertThat(layout.snapshotDir(r.name())).doesNotExist();
            assertThat(layout.partials()).as("partial removed to free space").isEmpty();
            assertThat(identity(layout.snapshotDir(first))).isEqualTo(before);
            assertLatestIs(layout, first);
        } finally {
            new ProcessBuilder("umount", "-l", small.toString()).start().waitFor();
        }
    }

    private static boolean hasTempFile(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
        }
    }
}
