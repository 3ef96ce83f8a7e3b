package dev.pullback.archive;

import static dev.pullback.archive.HeavyFixture.ZONE;
import static dev.pullback.testing.BackupAssertions.content;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.SourceTree;
import dev.pullback.transport.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Monthly golden copies over real snapshots. The fixture's clock starts on 2026-03-06, 08:00 UTC. */
class MonthlyStepTest {
    @TempDir
    Path tmp;

    HeavyFixture fx;

    @BeforeEach
    void setUp() {
        fx = new HeavyFixture(tmp);
        fx.settings = new HeavySettings(Compression.ZSTD, 6, 3, Duration.ofHours(4), 5, true, 15, 24);
    }

    @Test
    void theFirstCopyIsMadeAtOnceAsHardlinksOfTheLatestSnapshot() throws Exception {
        String name = fx.snapshot();

        MonthlyResult r = fx.pipeline().monthly(fx.layout, ZONE, new Cancellation());

        assertThat(r.outcome()).as(r.message()).isEqualTo(StageOutcome.CREATED);
        assertThat(r.month()).isEqualTo("2026-03");
        assertThat(r.snapshot()).isEqualTo(name);
        assertThat(r.message()).contains("no monthly copy yet");
        Path copy = fx.layout.monthlyDir().resolve("2026-03");
        assertThat(r.dir()).isEqualTo(copy);
        assertThat(HeavyFixture.listing(fx.layout.monthlyDir())).containsExactly("2026-03");
        Path snap = fx.snapshotDir(name);
        assertThat(content(copy)).isEqualTo(content(snap));
        // every file and symlink shares its inode with the snapshot; directories are new
        Map<String, SourceTree.FileFacts> inSnap = SourceTree.snapshot(snap);
        SourceTree.snapshot(copy).forEach((k, f) -> {
            if (!f.type().equals("dir")) {
                assertThat(f.inode()).as(k + " hardlinked").isEqualTo(inSnap.get(k).inode());
            }
        });
        Path data = copy.resolve(fx.src.toString().substring(1));
        assertThat(Files.isSymbolicLink(data.resolve("dangling"))).as("symlinks stay links, never followed").isTrue();
        assertThat(Files.readSymbolicLink(data.resolve("escape"))).isEqualTo(Path.of("../outside-the-tree"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("secret")))).isEqualTo("rwx------");
    }

    @Test
    void oneCopyPerMonthMadeOnTheConfiguredDayOrLater() {
        fx.snapshot();
        assertThat(fx.pipeline().monthly(fx.layout, ZONE, new Cancellation()).outcome()).isEqualTo(StageOutcome.CREATED);

        MonthlyResult twice = fx.pipeline().monthly(fx.layout, ZONE, new Cancellation());
        assertThat(twice.outcome()).isEqualTo(StageOutcome.SKIPPED);
        assertThat(twice.message()).isEqualTo("monthly copy 2026-03 already exists");

        fx.engine.clock.set(Instant.parse("2026-04-14T23:00:00Z"));
        fx.snapshot();
        MonthlyResult early = fx.pipeline().monthly(fx.layout, ZONE, new Cancellation());
        assertThat(early.outcome()).isEqualTo(StageOutcome.SKIPPED);
        assertThat(early.message()).isEqualTo("waiting for day 15 of the month (today is day 14)");

        // the server was down on the 15th: the 17th still makes April's copy, of the newest snapshot
        fx.engine.clock.set(Instant.parse("2026-04-17T06:00:00Z"));
        String latest = fx.snapshot();
        MonthlyResult made = fx.pipeline().monthly(fx.layout, ZONE, new Cancellation());
        assertThat(made.outcome()).as(made.message()).isEqualTo(StageOutcome.CREATED);
        assertThat(made.month()).isEqualTo("2026-04");
        assertThat(made.snapshot()).isEqualTo(latest);
        assertThat(HeavyFixture.listing(fx.layout.monthlyDir())).containsExactly("2026-03", "2026-04");
    }

    @Test
    void leftoverPartialCopiesAndTrashAreRemovedFirst() throws Exception {
        fx.snapshot();
        Path leftover = Files.createDirectories(fx.layout.monthlyDir().resolve("2026-03.partial/sub"));
        Files.writeString(leftover.resolve("f"), "x");
        Files.setPosixFilePermissions(leftover, PosixFilePermissions.fromString("r-x------"));
        Files.createDirectories(fx.layout.monthlyDir().resolve(".trash-2024-01-123"));

        MonthlyResult r = fx.pipeline().monthly(fx.layout, ZONE, new Cancellation());

        assertThat(r.outcome()).as(r.message()).isEqualTo(StageOutcome.CREATED);
        assertThat(HeavyFixture.listing(fx.layout.monthlyDir())).containsExactly("2026-03");
    }

    @Test
    void offMeansNoCopy() {
        fx.snapshot();
        fx.settings = new HeavySettings(Compression.ZSTD, 6, 3, Duration.ofHours(4), 5, false, 1, 24);

        MonthlyResult r = fx.pipeline().monthly(fx.layout, ZONE, new Cancellation());

        assertThat(r.outcome()).isEqualTo(StageOutcome.SKIPPED);
        assertThat(r.message()).contains("keep-monthly-snapshots=false");
        assertThat(fx.layout.monthlyDir()).doesNotExist();
    }

    @Test
    void noSnapshotMeansNothingToCopy() {
        MonthlyResult r = fx.pipeline().monthly(fx.layout, ZONE, new Cancellation());

        assertThat(r.outcome()).isEqualTo(StageOutcome.SKIPPED);
        assertThat(r.message()).contains("no snapshot to copy");
    }

    @Test
    void cancelledBeforeTheStartMakesNothing() {
        fx.snapshot();
        Cancellation cancel = new Cancellation();
        cancel.request();

        MonthlyResult r = fx.pipeline().monthly(fx.layout, ZONE, cancel);

        assertThat(r.outcome()).isEqualTo(StageOutcome.CANCELLED);
        assertThat(HeavyFixture.listing(fx.layout.monthlyDir())).isEmpty();
    }
}
