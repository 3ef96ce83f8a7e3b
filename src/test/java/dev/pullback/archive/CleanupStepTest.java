package dev.pullback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.testing.MutableClock;
import dev.pullback.transport.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cleanup on disk. Archives and monthly copies are made by hand here (cleanup reads only names
 * and mtimes); their contents are covered by the tar and monthly tests.
 */
class CleanupStepTest {
    static final ZoneId ZONE = ZoneOffset.UTC;

    @TempDir
    Path tmp;

    MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
    BackupLayout layout;
    HeavySettings settings = new HeavySettings(Compression.ZSTD, 6, 3, Duration.ofHours(4), 5, true, 1, 24);

    @BeforeEach
    void setUp() throws IOException {
        layout = new BackupLayout(tmp, "web");
        Files.createDirectories(layout.archivesDir());
        Files.createDirectories(layout.monthlyDir());
    }

    CleanupResult cleanup() {
        return new HeavyPipeline(clock, settings).cleanup(layout, ZONE, new Cancellation());
    }

    /** An archive of the snapshot {@code name}, made {@code age} before now. */
    String archive(String name, Duration age, String suffix) throws IOException {
        Path f = layout.archivesDir().resolve("backup_web_" + name + suffix);
        Files.writeString(f, name);
        Files.setLastModifiedTime(f, FileTime.from(clock.instant().minus(age)));
        return f.getFileName().toString();
    }

    void monthly(String month) throws IOException {
        Path d = Files.createDirectories(layout.monthlyDir().resolve(month).resolve("home/ro"));
        Files.writeString(d.resolve("f"), month);
        // read-only directories, as backed-up data often has them
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("r-x------"));
    }

    @Test
    void archivesOlderThanTheRetentionGoTheBoundaryStays() throws IOException {
        String tenDays = archive("2026-02-24_0800", Duration.ofDays(10), ".tar.zst");
        String sixDays = archive("2026-02-28_0800", Duration.ofDays(6), ".tar.gz");
        String exactlyFive = archive("2026-03-01_0800", Duration.ofDays(5), ".tar.zst");
        String oneDay = archive("2026-03-05_0800", Duration.ofDays(1), ".tar.zst");
        Files.writeString(layout.archivesDir().resolve("backup_other_2026-01-01_0800.tar.zst"), "another host's");
        Files.setLastModifiedTime(layout.archivesDir().resolve("backup_other_2026-01-01_0800.tar.zst"),
                FileTime.from(clock.instant().minus(Duration.ofDays(100))));
        Files.writeString(layout.archivesDir().resolve("notes.txt"), "not an archive");

        CleanupResult r = cleanup();

        assertThat(r.outcome()).as(r.message()).isEqualTo(StageOutcome.DONE);
        assertThat(r.archivesRemoved()).isEqualTo(2);
        assertThat(r.removed()).containsExactly("archives/" + tenDays, "archives/" + sixDays);
        assertThat(HeavyFixture.listing(layout.archivesDir()))
                .containsExactly("backup_other_2026-01-01_0800.tar.zst", exactlyFive, oneDay, "notes.txt");
    }

    @Test
    void theNewestArchiveStaysEvenWhenExpired() throws IOException {
        archive("2026-01-01_0800", Duration.ofDays(60), ".tar.zst");
        String newest = archive("2026-01-10_0800", Duration.ofDays(50), ".tar.zst");

        CleanupResult r = cleanup();

        assertThat(r.archivesRemoved()).isEqualTo(1);
        assertThat(HeavyFixture.listing(layout.archivesDir())).containsExactly(newest);
        assertThat(cleanup().archivesRemoved()).as("and again").isZero();
    }

    @Test
    void monthlyCopiesBeforeTheCutoffMonthGoTheNewestStays() throws IOException {
        // now 2026-03, 24 months: 2024-03 is the oldest kept
        for (String m : new String[] {"2023-12", "2024-02", "2024-03", "2025-12"}) {
            monthly(m);
        }
        Files.writeString(layout.monthlyDir().resolve("README"), "mine");

        CleanupResult r = cleanup();

        assertThat(r.outcome()).as(r.message()).isEqualTo(StageOutcome.DONE);
        assertThat(r.monthlyRemoved()).isEqualTo(2);
        assertThat(r.archivesRemoved()).isZero();
        assertThat(r.removed()).containsExactly("monthly/2023-12", "monthly/2024-02");
        assertThat(HeavyFixture.listing(layout.monthlyDir())).containsExactly("2024-03", "2025-12", "README");
    }

    @Test
    void theNewestMonthlyCopyStaysEvenWhenExpired() throws IOException {
        monthly("2020-01");
        monthly("2021-05");

        CleanupResult r = cleanup();

        assertThat(r.removed()).containsExactly("monthly/2020-01");
        assertThat(HeavyFixture.listing(layout.monthlyDir())).containsExactly("2021-05");
    }

    @Test
    void theCutoffMonthFollowsTheZone() throws IOException {
        // 2026-03-31 23:30 UTC is already April in Berlin: with 1 month kept, March stays there, not in UTC
        clock.set(java.time.Instant.parse("2026-03-31T23:30:00Z"));
        settings = new HeavySettings(Compression.ZSTD, 6, 3, Duration.ofHours(4), 5, true, 1, 1);
        monthly("2026-01");
        monthly("2026-02");
        monthly("2026-03");
        HeavyPipeline pipeline = new HeavyPipeline(clock, settings);

        assertThat(pipeline.planCleanup(layout, ZoneId.of("Europe/Berlin")).removals())
                .extracting(CleanupPlan.Item::name).containsExactly("2026-01", "2026-02");
        assertThat(pipeline.planCleanup(layout, ZONE).removals())
                .extracting(CleanupPlan.Item::name).containsExactly("2026-01");
    }

    @Test
    void aDryRunPlanRemovesNothingAndGivesReasons() throws IOException {
        archive("2026-02-01_0800", Duration.ofDays(30), ".tar.zst");
        archive("2026-03-06_0800", Duration.ofHours(1), ".tar.zst");
        monthly("2023-01");
        monthly("2026-03");

        CleanupPlan plan = new HeavyPipeline(clock, settings).planCleanup(layout, ZONE);

        assertThat(plan.items()).extracting(CleanupPlan.Item::name, CleanupPlan.Item::remove, CleanupPlan.Item::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("backup_web_2026-02-01_0800.tar.zst", true,
                                "made 30 d ago, older than tar-retention-days 5"),
                        org.assertj.core.groups.Tuple.tuple("backup_web_2026-03-06_0800.tar.zst", false,
                                "newest archive, always kept"),
                        org.assertj.core.groups.Tuple.tuple("2023-01", true, "before 2024-03 (retention-months 24)"),
                        org.assertj.core.groups.Tuple.tuple("2026-03", false, "newest monthly copy, always kept"));
        assertThat(HeavyFixture.listing(layout.archivesDir())).hasSize(2);
        assertThat(HeavyFixture.listing(layout.monthlyDir())).hasSize(2);
    }

    @Test
    void nothingToDoOnAnEmptyHost() {
        CleanupResult r = new HeavyPipeline(clock, settings).cleanup(new BackupLayout(tmp, "new-host"), ZONE, new Cancellation());

        assertThat(r.outcome()).isEqualTo(StageOutcome.DONE);
        assertThat(r.removed()).isEmpty();
        assertThat(r.message()).isEqualTo("removed 0 archive(s) and 0 monthly copy(ies)");
    }
}
