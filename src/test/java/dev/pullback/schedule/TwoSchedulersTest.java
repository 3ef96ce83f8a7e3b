package dev.pullback.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.Databases;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two scheduler processes (two contexts, two connection pools) on one database: every slot runs
 * exactly once. On SQLite, PostgreSQL and MariaDB (the servers are skipped where none answers).
 */
class TwoSchedulersTest {
    @TempDir
    Path tmp;

    @Resilience(item = ResilienceItem.TWO_SERVERS_ONE_SLOT, what = "SQLite, PostgreSQL, MariaDB", behaviour = "each slot runs exactly once across both schedulers")
    @ParameterizedTest
    @EnumSource(Databases.class)
    void eachSlotRunsOnceWithTwoSchedulersOnOneDatabase(Databases db) {
        MutableClock clock = MutableClock.at("2026-03-06T08:20:00Z");
        // slow enough that the other scheduler polls while a job runs
        RecordingLauncher launcher = new RecordingLauncher(clock).then(r -> sleep(Duration.ofMillis(150)));
        try (Databases.Isolated database = db.create(tmp);
             SchedulerFixture a = SchedulerFixture.running(tmp.resolve("a"), clock, launcher,
                     "pullback.database-url=" + database.url(), "pullback.timezone=Europe/Berlin");
             SchedulerFixture b = SchedulerFixture.running(tmp.resolve("b"), clock, launcher,
                     "pullback.database-url=" + database.url(), "pullback.timezone=Europe/Berlin")) {
            a.hosts("alpha", "beta");
            b.service.set("alpha", "*/30 * * * *", true);   // set through the other process

            List<String> expected = new ArrayList<>();
            for (Instant t = Instant.parse("2026-03-06T08:30:00Z"); !t.isAfter(Instant.parse("2026-03-06T12:00:00Z"));
                 t = t.plus(Duration.ofMinutes(30))) {
                clock.set(t);
                SchedulerFixture.settle(clock, a, b);
                expected.add("SNAPSHOT [alpha] " + t);
                if (t.atZone(java.time.ZoneOffset.UTC).getMinute() == 0) {
                    expected.add("SNAPSHOT [beta] " + t);
                }
            }
            expected.add("HEAVY [] 2026-03-06T11:00:00Z");
            assertThat(launcher.calls()).extracting(c -> c.request().type() + " " + c.request().hosts() + " " + c.at())
                    .containsExactlyInAnyOrderElementsOf(expected);

            // which scheduler picks a slot is a race (on a loaded machine one may win them all); together
            // they ran each exactly once
            assertThat(a.runner.completed() + b.runner.completed()).isEqualTo(expected.size());
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
