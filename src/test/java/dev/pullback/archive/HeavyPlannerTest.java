package dev.pullback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decisions as tables over one fixed "now": 2026-03-06T08:00Z. */
class HeavyPlannerTest {
    static final Instant NOW = Instant.parse("2026-03-06T08:00:00Z");
    static final HeavySettings S = HeavySettings.defaults(); // interval 4 h, day 1

    static ArchiveFile archive(String snapshot, Duration age) {
        return new ArchiveFile(Path.of("backup_web_" + snapshot + ".tar.zst"), snapshot, Compression.ZSTD, NOW.minus(age), 1);
    }

    @ParameterizedTest(name = "newest archive {0} min old, latest {1} -> due {2}")
    @CsvSource({
            // newest archive age (minutes; empty = none), latest snapshot, due
            ",     2026-03-06_0800, true",
            "239,  2026-03-06_0800, false",
            "240,  2026-03-06_0800, true",
            "600,  2026-03-06_0800, true",
            "600,  2026-03-05_2200, false", // the newest archive is of the latest snapshot
            "-60,  2026-03-06_0800, true", // dated in the future: not waited for
    })
    void tarIsDueAfterTheIntervalForANewSnapshot(Integer ageMinutes, String latest, boolean due) {
        List<ArchiveFile> archives = ageMinutes == null ? List.of()
                : List.of(archive("2026-03-05_2000", Duration.ofDays(2)), archive("2026-03-05_2200", Duration.ofMinutes(ageMinutes)));

        HeavyPlanner.Decision d = HeavyPlanner.tar(archives, latest, NOW, S);

        assertThat(d.due()).as(d.reason()).isEqualTo(due);
    }

    @ParameterizedTest(name = "{0} in {1}, day {2}, copies [{3}] -> due {4}")
    @CsvSource(delimiter = '|', value = {
            // now | zone | snapshot-day-of-month | existing copies | due | reason
            "2026-03-06T08:00:00Z | UTC           | 1  |                 | true  | the host has no monthly copy yet",
            "2026-03-06T08:00:00Z | UTC           | 15 |                 | true  | the host has no monthly copy yet",
            "2026-03-06T08:00:00Z | UTC           | 15 | 2026-02         | false | waiting for day 15 of the month (today is day 6)",
            "2026-03-15T00:00:00Z | UTC           | 15 | 2026-02         | true  | day 15 is on or after snapshot-day-of-month 15",
            "2026-03-20T00:00:00Z | UTC           | 15 | 2026-02         | true  | day 20 is on or after snapshot-day-of-month 15",
            "2026-03-20T00:00:00Z | UTC           | 15 | 2026-02 2026-03 | false | monthly copy 2026-03 already exists",
            "2026-03-31T23:30:00Z | UTC           | 1  | 2026-03         | false | monthly copy 2026-03 already exists",
            "2026-03-31T23:30:00Z | Europe/Berlin | 1  | 2026-03         | true  | day 1 is on or after snapshot-day-of-month 1",
    })
    void monthlyCopyOnTheDayOrLaterOrAtOnceWhenThereIsNone(String now, String zone, int day, String copies, boolean due,
                                                          String reason) {
        HeavySettings s = new HeavySettings(Compression.ZSTD, 6, 3, Duration.ofHours(4), 5, true, day, 24);
        List<YearMonth> existing = copies == null ? List.of() : Arrays.stream(copies.split(" ")).map(YearMonth::parse).toList();

        HeavyPlanner.Decision d = HeavyPlanner.monthly(existing, ZonedDateTime.ofInstant(Instant.parse(now), ZoneId.of(zone)), s);

        assertThat(d.due()).as(d.reason()).isEqualTo(due);
        assertThat(d.reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "archives {0} days old, keep {1} days -> remove {2}")
    @CsvSource(delimiter = '|', value = {
            // ages in days, oldest first | tar-retention-days | removed indexes
            "10 6 5 1 | 5 | 0 1",
            "5        | 5 | ",
            "50 40    | 5 | 0",
            "9 8 7    | 7 | 0 1",
            "3 2 1    | 1 | 0 1",
    })
    void archiveRetentionKeepsTheBoundaryAndTheNewest(String ages, int days, String removed) {
        HeavySettings s = new HeavySettings(Compression.ZSTD, 6, 3, Duration.ofHours(4), days, true, 1, 24);
        String[] a = ages.split(" ");
        List<ArchiveFile> archives = Arrays.stream(a)
                .map(x -> archive("2026-01-" + String.format("%02d", 31 - Integer.parseInt(x)) + "_0800", Duration.ofDays(Integer.parseInt(x))))
                .toList();
        List<String> expected = removed == null ? List.of()
                : Arrays.stream(removed.split(" ")).map(i -> archives.get(Integer.parseInt(i)).fileName()).toList();

        CleanupPlan plan = HeavyPlanner.cleanup(archives, List.of(), NOW, ZoneId.of("UTC"), s);

        assertThat(plan.removals()).extracting(CleanupPlan.Item::name).containsExactlyElementsOf(expected);
        assertThat(plan.items()).hasSize(archives.size()).last().extracting(CleanupPlan.Item::remove).isEqualTo(false);
    }

    @ParameterizedTest(name = "copies {0}, keep {1} months -> remove {2}")
    @CsvSource(delimiter = '|', value = {
            "2024-02 2024-03 2026-03 | 24 | 2024-02",
            "2026-01 2026-02 2026-03 | 1  | 2026-01",
            "2020-01 2021-01         | 24 | 2020-01",
            "2026-02                 | 1  | ",
    })
    void monthlyRetentionByMonthNameAgainstTheCutoff(String copies, int months, String removed) {
        HeavySettings s = new HeavySettings(Compression.ZSTD, 6, 3, Duration.ofHours(4), 5, true, 1, months);
        List<YearMonth> existing = Arrays.stream(copies.split(" ")).map(YearMonth::parse).toList();

        CleanupPlan plan = HeavyPlanner.cleanup(List.of(), existing, NOW, ZoneId.of("UTC"), s);

        assertThat(plan.removals()).extracting(CleanupPlan.Item::name)
                .containsExactlyElementsOf(removed == null ? List.of() : List.of(removed.split(" ")));
    }
}
