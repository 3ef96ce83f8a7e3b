package dev.pullback.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullback.InvalidInputException;
import dev.pullback.NotFoundException;
import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.testing.Databases;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Setting, reading and removing schedules, with no scheduler running in this process. */
class ScheduleServiceTest {
    @TempDir
    Path tmp;
    MutableClock clock = MutableClock.at("2026-03-06T08:20:00Z");
    RecordingLauncher launcher = new RecordingLauncher(clock);

    @ParameterizedTest
    @EnumSource(Databases.class)
    void schedulesRoundTripAndKeepTheirExecutionInStep(Databases db) {
        try (Databases.Isolated database = db.create(tmp);
             SchedulerFixture f = SchedulerFixture.idle(tmp.resolve("var"), clock, launcher,
                     "pullback.database-url=" + database.url(), "pullback.timezone=Europe/Berlin")) {
            f.hosts("alpha", "beta");
            HostScheduleView set = f.service.set("alpha", " 15  2 * * * ", true);
            assertThat(set.schedule()).isEqualTo(new HostSchedule("alpha", "15 2 * * *", true, true, clock.instant(), clock.instant()));
            assertThat(set.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(set.nextRuns()).hasSize(5).first().isEqualTo(Instant.parse("2026-03-07T01:15:00Z"));
            assertThat(f.next(ScheduleTasks.HOST, "alpha")).contains(Instant.parse("2026-03-07T01:15:00Z"));

            clock.advance(Duration.ofMinutes(5));
            HostScheduleView changed = f.service.set("alpha", "@daily", false);
            assertThat(changed.schedule().createdAt()).isEqualTo(Instant.parse("2026-03-06T08:20:00Z"));
            assertThat(changed.schedule().updatedAt()).isEqualTo(Instant.parse("2026-03-06T08:25:00Z"));
            assertThat(f.service.get("alpha")).isEqualTo(changed);
            assertThat(f.next(ScheduleTasks.HOST, "alpha")).contains(Instant.parse("2026-03-06T23:00:00Z"));
            assertThat(f.service.list()).extracting(v -> v.schedule().host()).containsExactly("alpha");

            f.service.remove("alpha");
            assertThat(f.service.list()).isEmpty();
            assertThat(f.next(ScheduleTasks.HOST, "alpha")).isEmpty();
            assertThatThrownBy(() -> f.service.get("alpha")).isInstanceOf(NotFoundException.class)
                    .hasMessage("host: 'alpha' has no schedule of its own (it runs with the interval snapshot job, every hour at :00)");
        }
    }

    @Resilience(item = ResilienceItem.INVALID_CRON, what = "through the service", behaviour = "refused; nothing stored")
    @Test
    void unknownHostsAndBadCronAreRefusedAndNothingIsStored() {
        try (SchedulerFixture f = SchedulerFixture.idle(tmp.resolve("var"), clock, launcher)) {
            f.hosts("alpha");
            assertThatThrownBy(() -> f.service.set("nosuch", "15 2 * * *", false)).isInstanceOf(NotFoundException.class)
                    .hasMessage("host: 'nosuch' is not configured; add it with: pullback configure-host nosuch");
            assertThatThrownBy(() -> f.service.set("-rf", "15 2 * * *", false))
                    .isInstanceOf(InvalidInputException.class).isNotInstanceOf(NotFoundException.class)
                    .hasMessageStartingWith("host: '-rf' is not a valid host name");
            assertThatThrownBy(() -> f.service.set("alpha", "0 0 30 2 *", false))
                    .hasMessageStartingWith("cron: \"0 0 30 2 *\" never fires");
            assertThatThrownBy(() -> f.service.remove("alpha")).isInstanceOf(NotFoundException.class)
                    .hasMessageStartingWith("host: 'alpha' has no schedule of its own");
            assertThat(f.service.list()).isEmpty();
            assertThat(f.jdbc().sql("SELECT COUNT(*) FROM scheduled_tasks").query(Integer.class).single()).isZero();
        }
    }

    @Test
    void theOverviewListsTheIntervalJobWithoutHostsThatHaveTheirOwnSchedule() {
        try (SchedulerFixture f = SchedulerFixture.idle(tmp.resolve("var"), clock, launcher, "pullback.timezone=Europe/Berlin")) {
            f.hosts("alpha", "beta", "gamma");
            f.context.getBean(HostService.class).configure("gamma", new HostChanges(null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, false));
            f.service.set("alpha", "15 2 * * *", true);
            f.service.set("beta", "45 3 * * *", false, false);   // disabled: beta goes back to the interval job

            ScheduleOverview o = f.service.overview();
            assertThat(o.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(o.jobs()).extracting(ScheduledJob::id, ScheduledJob::trigger, ScheduledJob::hosts, ScheduledJob::nextRun)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("snapshot-interval", "interval[1:00:00]", List.of("beta"),
                                    Instant.parse("2026-03-06T09:00:00Z")),
                            org.assertj.core.groups.Tuple.tuple("heavy", "interval[4:00:00]", List.of("alpha", "beta"),
                                    Instant.parse("2026-03-06T11:00:00Z")),
                            org.assertj.core.groups.Tuple.tuple("host-snapshot:alpha", "cron[15 2 * * *]", List.of("alpha"),
                                    Instant.parse("2026-03-07T01:15:00Z")),
                            org.assertj.core.groups.Tuple.tuple("host-snapshot:beta", "cron[45 3 * * *]", List.of("beta"), null));
            assertThat(f.next(ScheduleTasks.HOST, "beta")).isEmpty();
            assertThat(f.context.getBean(ScheduledJobs.class).intervalHosts()).containsExactly("beta");
        }
    }

    @Test
    void anOrdinaryContextStartsNoScheduler() {
        try (SchedulerFixture f = SchedulerFixture.idle(tmp.resolve("var"), clock, launcher)) {
            f.hosts("alpha");
            f.service.overview();
            assertThat(f.runner.isRunning()).isFalse();
            assertThat(f.runner.scheduler()).isEmpty();
            // no start-up tasks ran: the recurring executions do not exist yet
            assertThat(f.jdbc().sql("SELECT COUNT(*) FROM scheduled_tasks").query(Integer.class).single()).isZero();
        }
    }

    @Test
    void aStartingSchedulerRemovesOrphanExecutionsAndCreatesMissingOnes() {
        try (SchedulerFixture f = SchedulerFixture.idle(tmp.resolve("var"), clock, launcher)) {
            f.hosts("alpha", "beta");
            f.service.set("alpha", "15 2 * * *", false);
            f.service.set("beta", "15 3 * * *", false);
            // as if the schedules table and scheduled_tasks had drifted apart (a crash between the two writes)
            f.jdbc().sql("DELETE FROM scheduled_tasks WHERE task_instance = 'alpha'").update();
            f.jdbc().sql("DELETE FROM schedules WHERE host = 'beta'").update();
            f.service.resync();
            assertThat(f.next(ScheduleTasks.HOST, "alpha")).contains(Instant.parse("2026-03-07T02:15:00Z"));
            assertThat(f.next(ScheduleTasks.HOST, "beta")).isEmpty();
        }
    }
}
