package dev.pullback.archive;

import static dev.pullback.archive.HeavyFixture.ZONE;
import static dev.pullback.archive.HeavyFixture.extract;
import static dev.pullback.archive.HeavyFixture.run;
import static dev.pullback.testing.BackupAssertions.content;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.SourceTree;
import dev.pullback.transport.Cancellation;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The tar stage over real snapshots, with the real tar, zstd and gzip/pigz. */
class TarStepTest {
    @TempDir
    Path tmp;

    HeavyFixture fx;

    @BeforeEach
    void setUp() {
        fx = new HeavyFixture(tmp);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void archiveHoldsExactlyTheSnapshot(Compression compression) throws Exception {
        fx.settings = fx.settings.withCompression(compression);
        String name = fx.snapshot();
        List<Long> progress = new CopyOnWriteArrayList<>();

        TarResult r = fx.pipeline().tar(fx.layout, ZONE, new Cancellation(), progress::add);

        assertThat(r.outcome()).as(r.message()).isEqualTo(StageOutcome.CREATED);
        assertThat(r.snapshot()).isEqualTo(name);
        assertThat(r.file()).isEqualTo(fx.layout.archivesDir().resolve("backup_web_" + name + compression.suffix()));
        assertThat(fx.archivesDirListing()).containsExactly(r.file().getFileName().toString());
        assertThat(r.archiveBytes()).isEqualTo(Files.size(r.file())).isPositive();
        assertThat(r.inputBytes()).isGreaterThan(200_000);
        assertThat(progress).isNotEmpty().last().isEqualTo(r.archiveBytes());
        assertThat(Files.getLastModifiedTime(r.file()).toInstant())
                .as("the archive's time comes from the clock").isEqualTo(fx.engine.clock.instant());
        assertThat(run("file", "--brief", r.file().toString()))
                .containsIgnoringCase(compression == Compression.ZSTD ? "zstandard" : "gzip");

        Path snap = fx.snapshotDir(name);
        Path out = extract(r.file(), tmp.resolve("out"));
        // bytes, types, modes and symlinks as links (dangling and escaping ones too), marker included
        assertThat(content(out)).isEqualTo(content(snap));
        assertThat(mtimes(out)).isEqualTo(mtimes(snap));
        Path data = Path.of(fx.src.toString().substring(1));
        assertThat(Files.isSymbolicLink(out.resolve(data).resolve("escape"))).isTrue();
        assertThat(Files.readSymbolicLink(out.resolve(data).resolve("escape"))).isEqualTo(Path.of("../outside-the-tree"));
        // a hardlinked pair in the snapshot is a hardlinked pair after extraction
        assertThat(SourceTree.inode(snap.resolve(data).resolve("data/random-twin.bin")))
                .isEqualTo(SourceTree.inode(snap.resolve(data).resolve("data/random.bin")));
        assertThat(SourceTree.inode(out.resolve(data).resolve("data/random-twin.bin")))
                .isEqualTo(SourceTree.inode(out.resolve(data).resolve("data/random.bin")));
        // entries are ./..., as Backup Manager's tar -C current . made them
        assertThat(run("tar", "--list", "--file=" + r.file())).startsWith("./\n").contains("./.snapshot_complete\n");
    }

    @Test
    void aSparseFileStaysSmallInTheArchiveAndExtractsWithItsSize() throws Exception {
        String name = fx.snapshot();
        // rsync as pullback runs it has no --sparse, so the file is placed in the finished snapshot
        // directly: what is under test is tar's side (-S), not how the file got there.
        Path sparse = fx.snapshotDir(name).resolve("disk.img");
        long size = 1L << 30;
        byte[] data = "x".repeat(4096).getBytes();
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(size);
            f.seek(512L << 20);
            f.write(data);
        }
        assertThat(allocatedBytes(sparse)).as("the file really is sparse").isLessThan(1 << 20);

        TarResult r = fx.pipeline().tar(fx.layout, ZONE, new Cancellation());

        assertThat(r.outcome()).as(r.message()).isEqualTo(StageOutcome.CREATED);
        assertThat(r.archiveBytes()).isLessThan(1 << 20);
        assertThat(r.inputBytes()).as("the tar stream holds the data, not the holes").isLessThan(4 << 20);
        Path out = extract(r.file(), tmp.resolve("out")).resolve("disk.img");
        assertThat(Files.size(out)).isEqualTo(size);
        assertThat(allocatedBytes(out)).isLessThan(1 << 20);
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "r")) {
            byte[] back = new byte[4096];
            f.seek(512L << 20);
            f.readFully(back);
            assertThat(back).isEqualTo(data);
            f.seek(0);
            assertThat(f.read()).isZero();
        }
    }

    @Test
    void dueOnlyWhenTheNewestArchiveIsOlderThanTheIntervalAndTheLatestSnapshotIsNew() {
        HeavyPipeline pipeline = fx.pipeline(); // interval 4 h
        String first = fx.snapshot(); // 08:00
        TarResult made = pipeline.tar(fx.layout, ZONE, new Cancellation());
        assertThat(made.outcome()).isEqualTo(StageOutcome.CREATED);

        TarResult again = pipeline.tar(fx.layout, ZONE, new Cancellation());
        assertThat(again.outcome()).isEqualTo(StageOutcome.SKIPPED);
        assertThat(again.message()).contains("snapshot " + first + " is already archived");
        assertThat(again.file()).isEqualTo(made.file());

        String second = fx.snapshotAfter(Duration.ofHours(1)); // 09:00
        TarResult young = pipeline.tar(fx.layout, ZONE, new Cancellation());
        assertThat(young.outcome()).isEqualTo(StageOutcome.SKIPPED);
        assertThat(young.message()).contains("is 1 h old, younger than the tar interval of 4 h")
                .contains("next one due at 2026-03-06T12:00:00Z");

        fx.engine.clock.set(Instant.parse("2026-03-06T11:59:00Z"));
        assertThat(pipeline.tar(fx.layout, ZONE, new Cancellation()).outcome()).isEqualTo(StageOutcome.SKIPPED);

        fx.engine.clock.set(Instant.parse("2026-03-06T12:00:00Z"));
        TarResult due = pipeline.tar(fx.layout, ZONE, new Cancellation());
        assertThat(due.outcome()).as(due.message()).isEqualTo(StageOutcome.CREATED);
        assertThat(due.snapshot()).as("latest, not a snapshot taken at archive time").isEqualTo(second);
        assertThat(fx.archiveNames()).containsExactly("backup_web_" + first + ".tar.zst", "backup_web_" + second + ".tar.zst");
    }

    @Test
    void anArchiveInTheOtherCompressionCountsAsArchived() {
        fx.settings = fx.settings.withCompression(Compression.GZIP);
        String name = fx.snapshot();
        assertThat(fx.pipeline().tar(fx.layout, ZONE, new Cancellation()).outcome()).isEqualTo(StageOutcome.CREATED);

        fx.settings = fx.settings.withCompression(Compression.ZSTD);
        fx.advance(Duration.ofDays(1));
        TarResult r = fx.pipeline().tar(fx.layout, ZONE, new Cancellation());

        assertThat(r.outcome()).isEqualTo(StageOutcome.SKIPPED);
        assertThat(r.message()).contains("backup_web_" + name + ".tar.gz");
    }

    @Test
    void noSnapshotMeansNothingToArchive() {
        TarResult r = fx.pipeline().tar(fx.layout, ZONE, new Cancellation());

        assertThat(r.outcome()).isEqualTo(StageOutcome.SKIPPED);
        assertThat(r.message()).contains("no snapshot to archive");
        assertThat(fx.layout.archivesDir()).doesNotExist();
    }

    @Test
    void leftoverPartialArchivesAreRemovedAtTheStart() throws Exception {
        fx.snapshot();
        Files.createDirectories(fx.layout.archivesDir());
        Path leftover = fx.layout.archivesDir().resolve("backup_web_2026-03-01_0800.tar.zst.partial");
        Files.writeString(leftover, "half an archive");
        Path foreign = fx.layout.archivesDir().resolve("notes.txt");
        Files.writeString(foreign, "mine");

        TarResult r = fx.pipeline().tar(fx.layout, ZONE, new Cancellation());

        assertThat(r.outcome()).isEqualTo(StageOutcome.CREATED);
        assertThat(fx.archivesDirListing()).containsExactly(r.file().getFileName().toString(), "notes.txt");
    }

    @Test
    void cancelMidTarStopsTarAndZstdAndLeavesOlderArchivesAlone() throws Exception {
        fx.snapshot();
        TarResult older = fx.pipeline().tar(fx.layout, ZONE, new Cancellation());
        byte[] olderBytes = Files.readAllBytes(older.file());
        // zstd -19 needs seconds for 16 MB of random data: the run is surely mid-way when cancelled
        SourceTree.in(fx.src).randomFile("big/random.bin", 16 << 20, 5);
        fx.snapshotAfter(Duration.ofHours(5));
        fx.settings = new HeavySettings(Compression.ZSTD, 6, 19, Duration.ofHours(4), 5, true, 1, 24);
        Cancellation cancel = new Cancellation();

        CompletableFuture<TarResult> running = CompletableFuture.supplyAsync(
                () -> fx.pipeline().tar(fx.layout, ZONE, cancel));
        awaitRunning(running);
        cancel.request();
        TarResult r = running.get(10, TimeUnit.SECONDS);

        assertThat(r.outcome()).as(r.message()).isEqualTo(StageOutcome.CANCELLED);
        assertThat(r.file()).isNull();
        assertThat(fx.archivesDirListing()).containsExactly(older.file().getFileName().toString());
        assertThat(Files.readAllBytes(older.file())).isEqualTo(olderBytes);
        assertThat(childAlive("tar") || childAlive("zstd")).as("no tar or zstd left running").isFalse();
    }

    @Test
    void aSnapshotFinishingMidArchiveDoesNotChangeWhatIsArchived() throws Exception {
        SourceTree.in(fx.src).randomFile("big/random.bin", 6 << 20, 9);
        String first = fx.snapshot();
        Map<String, String> firstContent = content(fx.snapshotDir(first));
        // the compressor waits for a gate, so the archive is held open (tar blocks on the full pipe)
        // for as long as the test needs, however slow the machine is
        Path gate = tmp.resolve("gate");
        Path gated = tmp.resolve("zstd-gated");
        Files.writeString(gated, "#!/bin/sh\nwhile [ ! -e '" + gate + "' ]; do sleep 0.02; done\nexec zstd \"$@\"\n");
        gated.toFile().setExecutable(true);
        ArchiveTools tools = new ArchiveTools("tar", gated.toString(), "gzip", "cp");
        CompletableFuture<TarResult> running = CompletableFuture.supplyAsync(
                () -> new HeavyPipeline(fx.engine.clock, fx.settings, tools).tar(fx.layout, ZONE, new Cancellation()));
        awaitStarted(running);

        SourceTree.modify(fx.src.resolve("docs/a.txt"), "alpha, changed");
        String second = fx.snapshotAfter(Duration.ofHours(1));
        assertThat(Files.readSymbolicLink(fx.layout.latestLink())).isEqualTo(Path.of("hourly", second));
        assertThat(running).as("still archiving when latest moved").isNotDone();
        Files.createFile(gate);
        TarResult r = running.get(60, TimeUnit.SECONDS);

        assertThat(r.outcome()).as(r.message()).isEqualTo(StageOutcome.CREATED);
        assertThat(r.snapshot()).isEqualTo(first);
        assertThat(content(extract(r.file(), tmp.resolve("out")))).isEqualTo(firstContent);
    }

    @Test
    void aFailingCompressorFailsTheStageAndLeavesNoPartial() throws Exception {
        fx.snapshot();
        TarResult older = fx.pipeline().tar(fx.layout, ZONE, new Cancellation());
        fx.snapshotAfter(Duration.ofHours(5));
        // "false" as the compressor: exits 1 at once, tar then writes into a closed pipe
        ArchiveTools broken = new ArchiveTools("tar", "false", "false", "cp");

        TarResult r = new HeavyPipeline(fx.engine.clock, fx.settings, broken).tar(fx.layout, ZONE, new Cancellation());

        assertThat(r.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(r.message()).contains("false exit 1").contains("partial archive removed");
        assertThat(fx.archivesDirListing()).containsExactly(older.file().getFileName().toString());
    }

    @Test
    void aMissingProgramIsAFailureWithItsName() {
        fx.snapshot();
        ArchiveTools missing = new ArchiveTools("tar", "/nonexistent/zstd", "gzip", "cp");

        TarResult r = new HeavyPipeline(fx.engine.clock, fx.settings, missing).tar(fx.layout, ZONE, new Cancellation());

        assertThat(r.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(r.message()).contains("cannot start tar | /nonexistent/zstd");
        assertThat(fx.archivesDirListing()).isEmpty();
    }

    @Test
    void aFileWhereTheArchivesDirectoryShouldBeIsAFailureNotACrash() throws Exception {
        fx.snapshot();
        Files.writeString(fx.layout.archivesDir(), "not a directory");

        TarResult r = fx.pipeline().tar(fx.layout, ZONE, new Cancellation());

        assertThat(r.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(r.message()).contains("archive failed").contains("archives");
    }

    /** Until the archive's partial file exists and both tar and zstd run. */
    private void awaitRunning(CompletableFuture<TarResult> running) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(partialExists() && childAlive("tar") && childAlive("zstd"))) {
            assertThat(System.nanoTime()).as("tar | zstd never started").isLessThan(deadline);
            assertThat(running).as("finished before the test could act").isNotDone();
            Thread.sleep(10);
        }
    }

    /** Until the archive's partial file exists and tar runs (the compressor may still be a wrapper). */
    private void awaitStarted(CompletableFuture<TarResult> running) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(partialExists() && childAlive("tar"))) {
            assertThat(System.nanoTime()).as("tar never started").isLessThan(deadline);
            assertThat(running).as("finished before the test could act").isNotDone();
            Thread.sleep(10);
        }
    }

    private boolean partialExists() {
        return fx.archivesDirListing().stream().anyMatch(n -> n.endsWith(".partial"));
    }

    static boolean childAlive(String program) {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .anyMatch(p -> p.info().command().map(c -> c.equals(program) || c.endsWith("/" + program)).orElse(false));
    }

    /** Blocks the file system really uses, from stat(1): Java has no portable way to ask. */
    static long allocatedBytes(Path p) {
        return Long.parseLong(run("stat", "--format=%b", p.toString()).strip()) * 512;
    }

    /** mtime of every entry but directories (tar restores those too, but extraction order makes them noisy). */
    static Map<String, Long> mtimes(Path root) {
        Map<String, Long> out = new TreeMap<>();
        SourceTree.snapshot(root).forEach((k, f) -> {
            if (!f.type().equals("dir")) {
                out.put(k, f.mtimeMillis());
            }
        });
        return out;
    }
}
