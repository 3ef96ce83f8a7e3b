package dev.pullback.snapshot;

import static dev.pullback.testing.BackupAssertions.assertComplete;
import static dev.pullback.testing.BackupAssertions.assertLatestIs;
import static dev.pullback.testing.BackupAssertions.assertNoLatest;
import static dev.pullback.testing.BackupAssertions.content;
import static dev.pullback.testing.BackupAssertions.identity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.host.Host;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import dev.pullback.testing.SourceTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot lifecycle over the local transport, with the real rsync. */
class LocalSnapshotTest {
    @TempDir
    Path tmp;

    EngineFixture fx;
    Path src;
    Host host;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(tmp);
        src = SourceTree.in(tmp.resolve("src"))
                .file("docs/a.txt", "alpha")
                .file("docs/b.txt", "bravo")
                .file("keep/unchanged.bin", new byte[] {1, 2, 3})
                .randomFile("data/big.bin", 300_000, 7)
                .symlink("link-to-a", "docs/a.txt")
                .dir("empty")
                .build();
        host = EngineFixture.localHost("web", src);
    }

    Path data(String name) {
        return fx.layout(host).snapshotDir(name).resolve(src.toString().substring(1));
    }

    @Test
    void firstSnapshotCopiesEverythingAndSetsLatest() {
        SnapshotResult r = fx.snapshot(host);

        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.name()).isEqualTo("2026-03-06_0800");
        assertComplete(fx.layout(host), r.name());
        assertLatestIs(fx.layout(host), r.name());
        assertThat(content(data(r.name()))).isEqualTo(content(src));
        Marker m = r.marker();
        assertThat(m.host()).isEqualTo("web");
        assertThat(m.base()).isNull();
        assertThat(m.rsyncExitCode()).isZero();
        assertThat(m.started()).isEqualTo(fx.clock.instant());
        // rsync's total size counts a symlink as the length of its target
        assertThat(m.bytes()).isEqualTo(5 + 5 + 3 + 300_000 + "docs/a.txt".length());
        assertThat(m.newBytes()).isEqualTo(5 + 5 + 3 + 300_000);
        assertThat(fx.recorded).containsExactly(m);
    }

    @Test
    void secondSnapshotHardlinksUnchangedFilesAndHoldsExactlyTheNewState() throws Exception {
        String first = fx.snapshot(host).name();
        Map<String, String> firstBefore = identity(data(first));

        SourceTree.modify(src.resolve("docs/a.txt"), "alpha, changed");
        Files.delete(src.resolve("docs/b.txt"));
        SourceTree.in(src).file("docs/new.txt", "new file");
        fx.nextHour();
        SnapshotResult r = fx.snapshot(host);

        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        String second = r.name();
        assertThat(second).isEqualTo("2026-03-06_0900");
        assertComplete(fx.layout(host), second);
        assertLatestIs(fx.layout(host), second);
        assertThat(content(data(second))).isEqualTo(content(src));
        // unchanged files share the inode; the changed one does not
        for (String unchanged : new String[] {"keep/unchanged.bin", "data/big.bin", "link-to-a"}) {
            assertThat(SourceTree.inode(data(second).resolve(unchanged)))
                    .as(unchanged + " hardlinked").isEqualTo(SourceTree.inode(data(first).resolve(unchanged)));
        }
        assertThat(SourceTree.inode(data(second).resolve("docs/a.txt")))
                .isNotEqualTo(SourceTree.inode(data(first).resolve("docs/a.txt")));
        // the older snapshot is exactly as it was
        assertThat(identity(data(first))).isEqualTo(firstBefore);
        assertThat(Files.readString(data(first).resolve("docs/a.txt"))).isEqualTo("alpha");

        Marker m = r.marker();
        assertThat(m.base()).isEqualTo(first);
        assertThat(m.created()).as("created").isEqualTo(1);
        assertThat(m.updated()).as("updated").isEqualTo(1);
        assertThat(m.deleted()).as("deleted").isEqualTo(1);
        assertThat(m.newBytes()).isEqualTo("alpha, changed".length() + "new file".length());
    }

    @Test
    void aNameThatIsAlreadyCompleteIsSkipped() {
        String first = fx.snapshot(host).name();

        SnapshotResult again = fx.snapshot(host);

        assertThat(again.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(again.name()).isEqualTo(first);
        assertThat(fx.recorded).hasSize(1);
    }

    @Resilience(item = ResilienceItem.NAME_LEADING_DASH, what = "local", behaviour = "'-rf --delete' and '--link-dest=x' are copied as files, never read as options")
    @Resilience(item = ResilienceItem.NAME_NON_UTF8, what = "local", behaviour = "copied byte-exact (0xff 0xfe in a name)")
    @Resilience(item = ResilienceItem.NAME_NEWLINE, what = "local", behaviour = "copied byte-exact (names, contents, modes)")
    @Test
    void namesWithNewlinesNonUtf8BytesAndLeadingDashesAreCopiedByteExact() {
        SourceTree.in(src)
                .fileRaw("line\nbreak.txt".getBytes(StandardCharsets.UTF_8), "nl".getBytes(StandardCharsets.UTF_8))
                .fileRaw(new byte[] {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, '.', 'b', 'i', 'n'}, new byte[] {9, 9})
                .fileRaw("-rf --delete".getBytes(StandardCharsets.UTF_8), "dash".getBytes(StandardCharsets.UTF_8))
                .fileRaw("--link-dest=x".getBytes(StandardCharsets.UTF_8), "dash2".getBytes(StandardCharsets.UTF_8))
                .fileRaw(("sp ace\ttab " + "x".repeat(200)).getBytes(StandardCharsets.UTF_8), new byte[] {1});

        SnapshotResult r = fx.snapshot(host);

        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        Map<String, String> copied = content(data(r.name()));
        assertThat(copied).isEqualTo(content(src));
        assertThat(copied).containsKey(SourceTree.key(new byte[] {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, '.', 'b', 'i', 'n'}));
        assertThat(copied).containsKey(SourceTree.key("line\nbreak.txt"));
        assertThat(copied).containsKey(SourceTree.key("-rf --delete"));
    }

    @Test
    void aMissingSourcePathGivesAPartialSnapshotWithItsWarning() {
        Host missing = EngineFixture.localHost("gone", src, tmp.resolve("no-such-dir"));

        SnapshotResult r = fx.snapshot(missing);

        assertThat(r.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(r.marker().status()).isEqualTo(Marker.PARTIAL);
        assertThat(r.marker().rsyncExitCode()).isEqualTo(23);
        assertThat(r.warnings()).anyMatch(w -> w.contains("No such file or directory"));
        assertComplete(fx.layout(missing), r.name());
    }

    @Test
    void aHostThatRefusesPartialSnapshotsGetsNoneAndKeepsLatest() {
        Host strict = new dev.pullback.host.HostChanges(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, false, null).applyTo(EngineFixture.localHost("strict", src), java.time.Instant.EPOCH);
        String good = fx.snapshot(strict).name();
        fx.nextHour();
        Host broken = new dev.pullback.host.HostChanges(null, null, null, null, null,
                java.util.List.of(src.toString(), tmp.resolve("no-such-dir").toString()), null, null, null, null, null,
                null, null, null, null, null).applyTo(strict, java.time.Instant.EPOCH);

        SnapshotResult r = fx.snapshot(broken);

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.message()).contains("does not accept partial snapshots");
        assertThat(fx.layout(strict).snapshotDir(r.name())).doesNotExist();
        assertLatestIs(fx.layout(strict), good);
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        SnapshotResult r = fx.dryRun(host);

        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.message()).contains("dry run ok");
        assertThat(r.runs()).singleElement().satisfies(run -> assertThat(run.plan().command()).contains("--dry-run"));
        try (var entries = Files.list(fx.root)) {
            assertThat(entries).isEmpty();
        }
        assertNoLatest(fx.layout(host));
    }

    @Test
    void twoSourcesLandInTheirOwnFolders() {
        Path etc = SourceTree.in(tmp.resolve("etc")).file("hosts", "127.0.0.1 localhost").build();
        Host two = EngineFixture.changes(dev.pullback.host.Transport.LOCAL, java.util.List.of(src.toString(), etc.toString()))
                .applyTo(dev.pullback.host.Host.defaults("two", java.time.Instant.EPOCH), java.time.Instant.EPOCH);

        SnapshotResult r = fx.snapshot(two);

        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        Path snap = fx.layout(two).snapshotDir(r.name());
        assertThat(content(snap.resolve(src.toString().substring(1)))).isEqualTo(content(src));
        assertThat(snap.resolve(etc.toString().substring(1)).resolve("hosts")).hasContent("127.0.0.1 localhost");
        assertThat(r.marker().sources()).hasSize(2);
    }

    @Test
    void aDirectoryWithTheNameButNoMarkerIsLeftUntouched() throws Exception {
        Path stranger = fx.layout(host).snapshotDir("2026-03-06_0800");
        SourceTree.in(stranger).file("someone-elses.txt", "keep me");

        SnapshotResult r = fx.snapshot(host);

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.message()).contains("exists without a completion marker");
        assertThat(stranger.resolve("someone-elses.txt")).hasContent("keep me");
        assertNoLatest(fx.layout(host));
    }

    @Test
    void listingsShowOnlyCompleteSnapshotsOrderedByTheMarkerNotTheName() throws Exception {
        String a = fx.snapshot(host).name();
        BackupLayout layout = fx.layout(host);
        // a snapshot named earlier but finished later (a clock that was wrong when it was named)
        String b = "2026-03-01_0000";
        java.time.Instant later = java.time.Instant.parse("2026-03-07T00:00:00Z");
        Files.createDirectories(layout.snapshotDir(b));
        MarkerFile.write(layout.snapshotDir(b).resolve(BackupLayout.MARKER), new Marker(1, "web", b, Marker.COMPLETE,
                later, later, null, 0, 0, 0, 0, 0, 0, 0, 0, java.util.List.of(), java.util.List.of()));
        Files.createDirectories(layout.partialDir("2026-03-07_0000"));
        Files.createDirectories(layout.hourlyDir().resolve(".trash-2026-01-01_0000"));
        Files.createDirectories(layout.hourlyDir().resolve("2026-03-05_0000")); // no marker

        assertThat(layout.completeSnapshots()).extracting(BackupLayout.CompleteSnapshot::name).containsExactly(a, b);
        assertThat(b).isLessThan(a);
        assertThat(layout.partials()).extracting(p -> p.getFileName().toString()).containsExactly("2026-03-07_0000.partial");
    }
}
