package dev.pullback.snapshot;

import static dev.pullback.testing.BackupAssertions.assertComplete;
import static dev.pullback.testing.BackupAssertions.assertLatestIs;
import static dev.pullback.testing.BackupAssertions.content;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.host.Host;
import dev.pullback.host.HostChanges;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import dev.pullback.testing.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Source trees that trip up naive backup scripts, through the real engine and rsync (local transport). */
class BadInputTreeTest {
    @TempDir
    Path tmp;

    EngineFixture fx;
    Path src;
    Host host;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(tmp);
        src = SourceTree.in(tmp.resolve("src")).file("plain.txt", "plain").build();
        host = EngineFixture.localHost("web", src);
    }

    Path data(Host h, String name) {
        return fx.layout(h).snapshotDir(name).resolve(src.toString().substring(1));
    }

    @Resilience(item = ResilienceItem.NAME_ESC, behaviour = "copied byte-exact (ESC sequences in file and directory names); "
            + "the next snapshot hardlinks them")
    @Resilience(item = ResilienceItem.NAME_255_BYTES, behaviour = "255-byte names (ASCII and 2-byte UTF-8) copied byte-exact, "
            + "a 255-byte file in a 255-byte directory too; the next snapshot hardlinks them")
    @Test
    void escAndLongestNamesAreCopiedByteExactAndHardlinkedNextTime() {
        String esc = "\u001b[31mred\u001b[0m\u001b]0;title\u0007.txt";
        String ascii255 = "a".repeat(251) + ".txt";
        String utf255 = "é".repeat(127) + "x";
        String utfDir = "é".repeat(127) + "d";
        assertThat(utf255.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        SourceTree.in(src)
                .fileRaw(esc.getBytes(StandardCharsets.UTF_8), "esc".getBytes(StandardCharsets.UTF_8))
                .fileRaw(("dir\u001b[2J/inner").getBytes(StandardCharsets.UTF_8), "inner".getBytes(StandardCharsets.UTF_8))
                .fileRaw(ascii255.getBytes(StandardCharsets.UTF_8), "long".getBytes(StandardCharsets.UTF_8))
                .fileRaw(utf255.getBytes(StandardCharsets.UTF_8), "utf".getBytes(StandardCharsets.UTF_8))
                .fileRaw((utfDir + "/" + ascii255).getBytes(StandardCharsets.UTF_8), "both".getBytes(StandardCharsets.UTF_8));

        SnapshotResult first = fx.snapshot(host);
        fx.nextHour();
        SnapshotResult second = fx.snapshot(host);

        assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.OK);
        assertThat(second.outcome()).as(second.message()).isEqualTo(Outcome.OK);
        assertThat(content(data(host, first.name()))).isEqualTo(content(src))
                .containsKey(SourceTree.key(esc)).containsKey(SourceTree.key(utfDir + "/" + ascii255));
        assertThat(content(data(host, second.name()))).isEqualTo(content(src));
        Map<String, SourceTree.FileFacts> a = SourceTree.snapshot(data(host, first.name()));
        Map<String, SourceTree.FileFacts> b = SourceTree.snapshot(data(host, second.name()));
        for (String name : new String[] {esc, ascii255, utf255, utfDir + "/" + ascii255}) {
            assertThat(b.get(SourceTree.key(name)).inode()).as(name + " hardlinked").isEqualTo(a.get(SourceTree.key(name)).inode());
        }
        assertThat(second.marker().newBytes()).isZero();
    }

    @Resilience(item = ResilienceItem.PATH_OVER_4096, behaviour = "rsync cannot transfer a path over its 4096-byte limit: the "
            + "snapshot is marked partial (exit 23) with the warning 'filename overflows max-path len', everything else is "
            + "copied, and the snapshot (paths over PATH_MAX from the root) can still be deleted by retention's Trash")
    @Test
    void pathsOverTheLimitGiveAPartialSnapshotSayingSoAndTheRestIsKept() throws IOException {
        SourceTree.in(src).file("other/kept.txt", "kept").deep("deep", "d".repeat(200), 25, "leaf.txt", "too deep");
        SnapshotResult r;
        try {
            r = fx.snapshot(host);
        } finally {
            Trash.discard(src.resolve("deep"));
        }

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.PARTIAL);
        assertThat(r.marker().rsyncExitCode()).isEqualTo(23);
        assertThat(r.warnings()).anyMatch(w -> w.contains("overflows max-path len"));
        assertComplete(fx.layout(host), r.name());
        assertLatestIs(fx.layout(host), r.name());
        assertThat(data(host, r.name()).resolve("other/kept.txt")).hasContent("kept");
        assertThat(data(host, r.name()).resolve("plain.txt")).hasContent("plain");
        assertThat(data(host, r.name()).resolve("deep").resolve("d".repeat(200)).resolve("d".repeat(200))).isDirectory();

        Path dir = fx.layout(host).snapshotDir(r.name());
        Trash.discard(dir);
        assertThat(dir).doesNotExist();
        assertThat(Trash.leftovers(fx.layout(host).hourlyDir())).isEmpty();
    }

    @Resilience(item = ResilienceItem.SPARSE_FILES, behaviour = "holes stay holes (rsync --sparse is a default flag): a 64 MiB "
            + "file with 8 KiB of data takes under 1 MiB in the snapshot, same bytes; the next snapshot hardlinks it")
    @Test
    void sparseFilesStaySparse() {
        long size = 64L << 20;
        byte[] data = new byte[8192];
        java.util.Arrays.fill(data, (byte) 7);
        SourceTree.in(src).sparse("disk.img", size, 10L << 20, data);
        assertThat(SourceTree.allocatedBytes(src.resolve("disk.img"))).as("the source is sparse").isLessThan(1L << 20);

        SnapshotResult r = fx.snapshot(host);
        fx.nextHour();
        SnapshotResult next = fx.snapshot(host);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        Path copy = data(host, r.name()).resolve("disk.img");
        assertThat(copy).hasSize(size);
        assertThat(content(data(host, r.name()))).isEqualTo(content(src));
        assertThat(SourceTree.allocatedBytes(copy)).as("allocated in the snapshot").isLessThan(1L << 20);
        assertThat(next.outcome()).isEqualTo(Outcome.OK);
        assertThat(SourceTree.inode(data(host, next.name()).resolve("disk.img"))).isEqualTo(SourceTree.inode(copy));
    }

    @Resilience(item = ResilienceItem.HARDLINKS, behaviour = "preserved (-H is a default flag): names that share an inode in "
            + "the source share one in the snapshot, and the next snapshot links them all to the same inode")
    @Test
    void hardlinksWithinTheSourceStayHardlinks() {
        SourceTree.in(src).file("a/original.txt", "shared").hardlink("b/second-name.txt", "a/original.txt")
                .hardlink("a/third-name.txt", "a/original.txt");

        SnapshotResult r = fx.snapshot(host);
        fx.nextHour();
        SnapshotResult next = fx.snapshot(host);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        Path d = data(host, r.name());
        long inode = SourceTree.inode(d.resolve("a/original.txt"));
        assertThat(SourceTree.inode(d.resolve("b/second-name.txt"))).isEqualTo(inode);
        assertThat(SourceTree.inode(d.resolve("a/third-name.txt"))).isEqualTo(inode);
        assertThat(SourceTree.inode(d.resolve("plain.txt"))).isNotEqualTo(inode);
        Path n = data(host, next.name());
        assertThat(SourceTree.inode(n.resolve("a/original.txt"))).isEqualTo(inode);
        assertThat(SourceTree.inode(n.resolve("b/second-name.txt"))).isEqualTo(inode);
        assertThat(SourceTree.snapshot(n).get("a/original.txt").nlink()).isEqualTo(6);
    }

    @Resilience(item = ResilienceItem.SYMLINKS, behaviour = "stored as symlinks with their exact targets, never followed: no "
            + "content from /etc lands in the snapshot; the snapshot is OK (a dangling link is not an error)")
    @Test
    void symlinksAreStoredAsLinksAndNeverFollowed() throws IOException {
        SourceTree.in(src).symlink("absolute", "/etc/passwd").symlink("escaping", "../../../../../../etc/shadow")
                .symlink("dangling", "no/such/target").symlink("dir-outside", "/etc").symlink("self", "self");

        SnapshotResult r = fx.snapshot(host);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        Path d = data(host, r.name());
        assertThat(content(d)).isEqualTo(content(src));
        for (String link : new String[] {"absolute", "escaping", "dangling", "dir-outside", "self"}) {
            assertThat(Files.isSymbolicLink(d.resolve(link))).as(link).isTrue();
        }
        assertThat(Files.readSymbolicLink(d.resolve("escaping"))).isEqualTo(Path.of("../../../../../../etc/shadow"));
        assertThat(Files.readSymbolicLink(d.resolve("absolute"))).isEqualTo(Path.of("/etc/passwd"));
        try (var all = Files.walk(d)) {
            assertThat(all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).map(p -> d.relativize(p).toString()))
                    .containsExactly("plain.txt");
        }
    }

    @Resilience(item = ResilienceItem.FIFOS_AND_DEVICES, what = "without --fake-super (pullback runs as root)",
            behaviour = "the FIFO, the character and the block device are recreated as such (same major/minor); never opened or read")
    @Resilience(item = ResilienceItem.FIFOS_AND_DEVICES, what = "with --fake-super (a host option, for a non-root pullback)",
            behaviour = "stored as empty regular files whose real type, mode and device numbers are in the user.rsync.%stat xattr")
    @ParameterizedTest(name = "fake-super {0}")
    @ValueSource(booleans = {false, true})
    void fifosAndDevicesAreKeptAsWhatTheyAreOrAsFakeSuperAttributes(boolean fakeSuper) throws IOException {
        SourceTree.in(src).fifo("pipe").device("null-dev", 'c', 1, 3).device("loop-dev", 'b', 7, 200);
        Host h = new HostChanges(null, null, null, null, null, null, null, null, null, null, null, fakeSuper, null, null,
                null, null).applyTo(host, Instant.EPOCH);

        SnapshotResult r = fx.snapshot(h);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        Path d = data(h, r.name());
        if (!fakeSuper) {
            assertThat(SourceTree.fileType(d.resolve("pipe"))).isEqualTo("fifo");
            assertThat(SourceTree.fileType(d.resolve("null-dev"))).isEqualTo("character special file");
            assertThat(SourceTree.fileType(d.resolve("loop-dev"))).isEqualTo("block special file");
            assertThat(Files.getAttribute(d.resolve("loop-dev"), "unix:rdev", LinkOption.NOFOLLOW_LINKS))
                    .isEqualTo(Files.getAttribute(src.resolve("loop-dev"), "unix:rdev", LinkOption.NOFOLLOW_LINKS));
            return;
        }
        for (String name : new String[] {"pipe", "null-dev", "loop-dev"}) {
            assertThat(SourceTree.fileType(d.resolve(name))).as(name).isEqualTo("regular empty file");
            UserDefinedFileAttributeView xattrs = Files.getFileAttributeView(d.resolve(name), UserDefinedFileAttributeView.class);
            assertThat(xattrs.list()).as(name).contains("rsync.%stat");
        }
        assertThat(fakeStat(d.resolve("loop-dev"))).startsWith("60644 7,200");
        assertThat(fakeStat(d.resolve("null-dev"))).startsWith("20644 1,3");
        assertThat(fakeStat(d.resolve("pipe"))).startsWith("10644");
    }

    private static String fakeStat(Path p) throws IOException {
        UserDefinedFileAttributeView xattrs = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(xattrs.size("rsync.%stat"));
        xattrs.read("rsync.%stat", buf);
        return new String(buf.array(), StandardCharsets.US_ASCII);
    }
}
