package dev.pullback.snapshot;

import static dev.pullback.testing.BackupAssertions.assertComplete;
import static dev.pullback.testing.BackupAssertions.assertLatestIs;
import static dev.pullback.testing.BackupAssertions.content;
import static dev.pullback.testing.BackupAssertions.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pullback.host.Host;
import dev.pullback.host.HostChanges;
import dev.pullback.host.Transport;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import dev.pullback.testing.Processes;
import dev.pullback.testing.SourceTree;
import dev.pullback.testing.TcpProxy;
import dev.pullback.testing.TestSshd;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ssh transport against a real sshd on a loopback port with its own keys. */
class SshSnapshotTest {
    @TempDir
    static Path sshdDir;
    static TestSshd sshd;

    @TempDir
    Path tmp;
    EngineFixture fx;
    Path src;

    @BeforeAll
    static void startSshd() throws IOException {
        sshd = TestSshd.start(sshdDir);
    }

    @AfterAll
    static void stopSshd() {
        sshd.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        fx = new EngineFixture(tmp);
        // world-traversable, so a sender running as nobody (see the unreadable-file test) can walk it
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        src = SourceTree.in(tmp.resolve("src"))
                .file("docs/a.txt", "alpha")
                .file("docs/b.txt", "bravo")
                .randomFile("data/big.bin", 200_000, 11)
                .symlink("link", "docs/a.txt")
                .build();
    }

    Host sshHost(String name, int port, List<String> sources, List<String> rsyncOptions) {
        return new HostChanges(Transport.SSH, sshd.host(), sshd.user(), port, sshd.identityFile().toString(), sources,
                null, false, rsyncOptions, null, null, null, null, null, null, null)
                .applyTo(Host.defaults(name, Instant.EPOCH), Instant.EPOCH);
    }

    Host sshHost(String name) {
        return sshHost(name, sshd.port(), List.of(src.toString()), List.of());
    }

    Path data(Host h, String name) {
        return fx.layout(h).snapshotDir(name).resolve(src.toString().substring(1));
    }

    @Test
    void snapshotsOverSshHardlinkUnchangedFilesAndRecordTheHostKey() throws IOException {
        Host h = sshHost("remote");
        String first = fx.snapshot(h).name();
        assertComplete(fx.layout(h), first);
        assertThat(content(data(h, first))).isEqualTo(content(src));
        // stored under the host's pullback name (HostKeyAlias), not its address and port
        assertThat(Files.readString(fx.dataDir.resolve("known_hosts")).lines())
                .containsExactly("remote " + Files.readString(sshd.hostPublicKey()).strip());
        Map<String, String> firstBefore = identity(data(h, first));

        SourceTree.modify(src.resolve("docs/a.txt"), "alpha 2");
        Files.delete(src.resolve("docs/b.txt"));
        fx.nextHour();
        SnapshotResult r = fx.snapshot(h);

        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertComplete(fx.layout(h), r.name());
        assertLatestIs(fx.layout(h), r.name());
        assertThat(content(data(h, r.name()))).isEqualTo(content(src));
        assertThat(SourceTree.inode(data(h, r.name()).resolve("data/big.bin")))
                .isEqualTo(SourceTree.inode(data(h, first).resolve("data/big.bin")));
        assertThat(identity(data(h, first))).isEqualTo(firstBefore);
        assertThat(r.marker().created()).isZero();
        assertThat(r.marker().updated()).isEqualTo(1);
        assertThat(r.marker().deleted()).isEqualTo(1);
        assertThat(r.marker().transferred()).isPositive();
    }

    @Resilience(item = ResilienceItem.NAME_LEADING_DASH, what = "over ssh, with quotes and $(x) in names", behaviour = "copied byte-exact; nothing is read as an option or run by the remote shell")
    @Resilience(item = ResilienceItem.NAME_NON_UTF8, what = "over ssh", behaviour = "copied byte-exact")
    @Resilience(item = ResilienceItem.NAME_NEWLINE, what = "over ssh", behaviour = "copied byte-exact")
    @Test
    void oddNamesArriveByteExactOverSsh() {
        SourceTree.in(src)
                .fileRaw("new\nline".getBytes(StandardCharsets.UTF_8), "1".getBytes(StandardCharsets.UTF_8))
                .fileRaw(new byte[] {'x', (byte) 0xff, 'y'}, "2".getBytes(StandardCharsets.UTF_8))
                .fileRaw("-e ssh evil".getBytes(StandardCharsets.UTF_8), "3".getBytes(StandardCharsets.UTF_8))
                .fileRaw("quote'and\"dollar$(x)".getBytes(StandardCharsets.UTF_8), "4".getBytes(StandardCharsets.UTF_8));
        Host h = sshHost("odd");

        SnapshotResult r = fx.snapshot(h);

        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(content(data(h, r.name()))).isEqualTo(content(src));
    }

    @Resilience(item = ResilienceItem.HOST_CONFIG_METACHARACTERS, what = "a source path with $(touch ...), backticks, ; and spaces, over ssh",
            behaviour = "the path is passed to the remote rsync as one argument, never to a shell: the directory of that name is "
                    + "backed up and nothing runs (the file $(touch) would create does not appear)")
    @Test
    void aSourcePathWithShellSyntaxIsANameNeverACommandOverSsh() throws IOException {
        Path proof = tmp.resolve("pwned");
        Path weird = SourceTree.in(tmp.resolve("dir $(touch " + proof + ") `touch " + proof + "`; touch " + proof))
                .file("inside.txt", "inside").build();
        Host h = sshHost("shelly", sshd.port(), List.of(weird.toString()), List.of());

        SnapshotResult r = fx.snapshot(h);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        assertThat(fx.layout(h).snapshotDir(r.name()).resolve(weird.toString().substring(1)).resolve("inside.txt"))
                .hasContent("inside");
        assertThat(proof).as("no shell ran the path").doesNotExist();
    }

    @Test
    void aHomeRelativeSourceIsPulledFromTheLoginsHome() throws IOException {
        Path home = Path.of(System.getProperty("user.home"));
        Path inHome = Files.createTempDirectory(home, ".pullback-test-");
        try {
            SourceTree.in(inHome).file("notes.txt", "from home");
            String rel = "~/" + inHome.getFileName();
            Host h = sshHost("homey", sshd.port(), List.of(rel), List.of());

            SnapshotResult r = fx.snapshot(h);

            assertThat(r.outcome()).isEqualTo(Outcome.OK);
            assertThat(fx.layout(h).snapshotDir(r.name()).resolve("home").resolve(inHome.getFileName().toString())
                    .resolve("notes.txt")).hasContent("from home");
        } finally {
            Files.walk(inHome).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Resilience(item = ResilienceItem.HOST_OFFLINE, what = "ssh to a closed port", behaviour = "FAILED: 'cannot reach the host over ssh (... Connection refused)'; no partial, no snapshot, no latest")
    @Test
    void anOfflineHostFailsWithExit255AndLeavesNothingBehind() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Host h = sshHost("offline", closedPort, List.of(src.toString()), List.of());

        SnapshotResult r = fx.snapshot(h);

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.message()).contains("cannot reach the host over ssh", "Connection refused");
        assertThat(r.runs().getFirst().exitCode()).isIn(255, 12);
        assertThat(fx.layout(h).partials()).isEmpty();
        assertThat(fx.layout(h).completeSnapshots()).isEmpty();
        assertThat(Files.exists(fx.layout(h).latestLink(), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Resilience(item = ResilienceItem.CONNECTION_DROPPED, what = "the TCP connection under ssh reset mid-file",
            behaviour = "FAILED naming rsync's exit code (12/255, connection closed); no marker, no snapshot directory; latest "
                    + "and the older snapshot unchanged (inodes, bytes); the partial data is kept as the next run's link source; "
                    + "the next run succeeds over a new connection")
    @Test
    void aConnectionDroppedMidTransferFailsCleanlyAndTheNextRunSucceeds() throws Exception {
        try (TcpProxy link = TcpProxy.to(sshd.port())) {
            Host h = sshHost("flaky", link.port(), List.of(src.toString()), List.of());
            String first = fx.snapshot(h).name();
            Map<String, String> before = identity(fx.layout(h).snapshotDir(first));
            SourceTree.in(src).randomFile("new/one.bin", 300_000, 21).randomFile("new/two.bin", 1_500_000, 22);
            fx.nextHour();
            Host slow = new HostChanges(null, null, null, null, null, null, null, null, null, null, 300, null, null, null,
                    null, null).applyTo(h, Instant.EPOCH);
            String name = SnapshotName.of(fx.clock.instant(), java.time.ZoneOffset.UTC);
            Path landed = fx.layout(h).partialDir(name).resolve(src.toString().substring(1)).resolve("new/one.bin");
            CompletableFuture<SnapshotResult> run = CompletableFuture.supplyAsync(() -> fx.snapshot(slow));

            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(landed));
            link.cutAll();
            SnapshotResult r = run.get(60, TimeUnit.SECONDS);

            assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.FAILED);
            assertThat(r.runs().getFirst().exitCode()).as(r.message()).isIn(12, 255);
            assertThat(fx.layout(h).snapshotDir(name)).doesNotExist();
            assertThat(fx.layout(h).partialDir(name).resolve(BackupLayout.MARKER)).doesNotExist();
            assertLatestIs(fx.layout(h), first);
            assertThat(identity(fx.layout(h).snapshotDir(first))).isEqualTo(before);
            assertThat(Processes.rsyncChildren()).isEmpty();
            assertThat(fx.layout(h).partials()).as("kept as the next run's link source").hasSize(1);

            fx.nextHour();
            SnapshotResult next = fx.snapshot(h);

            assertThat(next.outcome()).as(next.message()).isEqualTo(Outcome.OK);
            assertComplete(fx.layout(h), next.name());
            assertLatestIs(fx.layout(h), next.name());
            assertThat(content(data(h, next.name()))).isEqualTo(content(src));
            assertThat(fx.layout(h).partials()).isEmpty();
            assertThat(identity(fx.layout(h).snapshotDir(first))).isEqualTo(before);
        }
    }

    @Resilience(item = ResilienceItem.UNREADABLE_FILES, what = "sender as nobody over ssh", behaviour = "a snapshot marked partial (exit 23) with a warning naming the file and 'Permission denied'; everything else copied")
    @Test
    void anUnreadableFileGivesAPartialSnapshotWithTheFileNamed() throws IOException {
        SourceTree.in(src).file("private/secret.txt", "top secret").mode("private/secret.txt", "---------");
        // The sender runs as nobody, so the 000 file is unreadable even though the tests run as root.
        Host h = sshHost("perm", sshd.port(), List.of(src.toString()),
                List.of("--rsync-path=setpriv --reuid=65534 --regid=65534 --clear-groups rsync"));

        SnapshotResult r = fx.snapshot(h);

        assertThat(r.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(r.marker().rsyncExitCode()).isEqualTo(23);
        assertThat(r.marker().status()).isEqualTo(Marker.PARTIAL);
        assertThat(r.warnings()).anyMatch(w -> w.contains("secret.txt") && w.contains("Permission denied"));
        assertComplete(fx.layout(h), r.name());
        assertThat(data(h, r.name()).resolve("docs/a.txt")).hasContent("alpha");
        assertThat(data(h, r.name()).resolve("private/secret.txt")).doesNotExist();
    }

    /**
     * {@code --fake-super}: the receiving rsync stores ownership, mode and device numbers in the
     * {@code user.rsync.%stat} xattr instead of applying them, which is how pullback keeps them
     * when it does not run as root. (The tests run as root: with the flag even root's rsync takes
     * the unprivileged path, so the snapshot file is not chowned and the xattr is the record.)
     */
    @Test
    void fakeSuperRecordsTheSourceOwnerAndModeInAnXattr() throws IOException {
        Path owned = src.resolve("docs/owned.txt");
        Files.writeString(owned, "owned by someone else");
        Files.setPosixFilePermissions(owned, PosixFilePermissions.fromString("rw-r-----"));
        Files.setAttribute(owned, "unix:uid", 12345);
        Files.setAttribute(owned, "unix:gid", 23456);
        Host h = new HostChanges(null, null, null, null, null, null, null, null, null, null, null, true, null, null, null, null)
                .applyTo(sshHost("fake"), Instant.EPOCH);

        SnapshotResult r = fx.snapshot(h);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        Path copy = data(h, r.name()).resolve("docs/owned.txt");
        assertThat(copy).hasContent("owned by someone else");
        assertThat(Files.getAttribute(copy, "unix:uid")).as("not chowned by the receiver").isEqualTo(0);
        assertThat(fakeSuperStat(copy)).isEqualTo("100640 0,0 12345:23456");
        // a file the receiver can set up by itself (root's, mode 644) needs no record
        assertThat(fakeSuperStat(data(h, r.name()).resolve("docs/b.txt"))).isNull();
    }

    /** The value of {@code user.rsync.%stat}, null when absent. */
    static String fakeSuperStat(Path p) throws IOException {
        var view = Files.getFileAttributeView(p, java.nio.file.attribute.UserDefinedFileAttributeView.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (!view.list().contains("rsync.%stat")) {
            return null;
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(view.size("rsync.%stat"));
        view.read("rsync.%stat", buf);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    @Resilience(item = ResilienceItem.CHANGED_HOST_KEY, what = "sshd's host key rotated", behaviour = "FAILED: 'host key changed'; nothing pulled, no snapshot directory; latest unchanged")
    @Test
    void aChangedHostKeyFailsTheRunAndPullsNothing() throws IOException {
        Host h = sshHost("rekeyed");
        String first = fx.snapshot(h).name();
        String trusted = sshd.hostKeyFingerprint();
        Map<String, String> before = identity(fx.layout(h).hourlyDir());
        sshd.rotateHostKey();
        try {
            SourceTree.modify(src.resolve("docs/a.txt"), "changed after the host key");
            fx.nextHour();
            SnapshotResult r = fx.snapshot(h);

            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.hostKeyRejected()).isTrue();
            assertThat(r.message()).contains("host key changed for rekeyed", "pullback trusts ED25519 " + trusted,
                    "the host now offers " + sshd.hostKeyFingerprint(), "nothing was pulled", "pullback host trust rekeyed");
            assertThat(fx.layout(h).snapshotDir(r.name())).doesNotExist();
            assertThat(fx.layout(h).partials()).isEmpty();
            assertLatestIs(fx.layout(h), first);
            // not one file of the host's backups was written or touched
            assertThat(identity(fx.layout(h).hourlyDir())).isEqualTo(before);
        } finally {
            Files.delete(fx.dataDir.resolve("known_hosts"));
        }
    }
}
