package dev.pullback.schedule;

import static dev.pullback.schedule.ScheduleTasks.HEAVY;
import static dev.pullback.schedule.ScheduleTasks.HOST;
import static dev.pullback.schedule.ScheduleTasks.INTERVAL;
import static dev.pullback.schedule.ScheduleTasks.RECURRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.pullback.job.JobAlreadyRunningException;
import dev.pullback.job.JobRequest;
import dev.pullback.job.JobType;
import dev.pullback.job.Trigger;
import dev.pullback.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The real db-scheduler over a real SQLite file, its clock the test's: slots fire at the right
 * instants, once, and missed ones once. Nothing sleeps: the clock is set to a slot and the
 * scheduler is asked to poll.
 */
@ExtendWith(OutputCaptureExtension.class)
class SchedulerTest {
    static final String BERLIN = "pullback.timezone=Europe/Berlin";

    @TempDir
    Path tmp;
    MutableClock clock = MutableClock.at("2026-03-06T08:20:00Z");
    RecordingLauncher launcher = new RecordingLauncher(clock);

    SchedulerFixture running(String... properties) {
        return SchedulerFixture.running(tmp.resolve("var"), clock, launcher, properties);
    }

    void at(String instant, SchedulerFixture f) {
        clock.set(Instant.parse(instant));
        SchedulerFixture.settle(clock, f);
    }

    static JobRequest snapshot(List<String> hosts, boolean prune) {
        return new JobRequest(JobType.SNAPSHOT, Trigger.SCHEDULE, hosts, false, prune);
    }

    @Test
    void theSchedulerStartsWithAServeContextAndStopsWithIt() {
        Scheduler scheduler;
        try (SchedulerFixture f = running()) {
            assertThat(f.runner.isRunning()).isTrue();
            scheduler = f.runner.scheduler().orElseThrow();
            assertThat(scheduler.getSchedulerState().isStarted()).isTrue();
        }
        assertThat(scheduler.getSchedulerState().isShuttingDown()).isTrue();
    }

    @Test
    void intervalAndHeavyJobsFireAtAlignedSlotsOncePerSlot() {
        try (SchedulerFixture f = running(BERLIN).hosts("alpha", "beta")) {
            // created at start-up: the next slots on the Berlin wall clock, not "now + interval"
            assertThat(f.next(INTERVAL, RECURRING)).contains(Instant.parse("2026-03-06T09:00:00Z"));
            assertThat(f.next(HEAVY, RECURRING)).contains(Instant.parse("2026-03-06T11:00:00Z")); // 12:00 CET

            at("2026-03-06T08:59:59Z", f);
            assertThat(launcher.calls()).isEmpty();

            at("2026-03-06T09:00:00Z", f);
            assertThat(launcher.calls()).extracting(RecordingLauncher.Call::request)
                    .containsExactly(snapshot(List.of("alpha", "beta"), false));
            assertThat(f.next(INTERVAL, RECURRING)).contains(Instant.parse("2026-03-06T10:00:00Z"));

            at("2026-03-06T09:30:00Z", f);
            assertThat(launcher.calls()).hasSize(1);

            at("2026-03-06T10:00:00Z", f);
            at("2026-03-06T11:00:00Z", f);
            assertThat(launcher.calls()).extracting(c -> c.request().type() + "@" + c.at()).containsExactlyInAnyOrder(
                    "SNAPSHOT@2026-03-06T09:00:00Z", "SNAPSHOT@2026-03-06T10:00:00Z", "SNAPSHOT@2026-03-06T11:00:00Z",
                    "HEAVY@2026-03-06T11:00:00Z");
            assertThat(launcher.calls()).extracting(RecordingLauncher.Call::request)
                    .contains(JobRequest.allHosts(JobType.HEAVY, Trigger.SCHEDULE));
            assertThat(f.next(HEAVY, RECURRING)).contains(Instant.parse("2026-03-06T15:00:00Z"));
        }
    }

    @Test
    void hostCronFiresAtItsTimesAndTakesTheHostOutOfTheIntervalJobUntilRemoved() {
        try (SchedulerFixture f = running(BERLIN).hosts("alpha", "beta")) {
            f.service.set("alpha", "15 2 * * *", true);
            assertThat(f.next(HOST, "alpha")).contains(Instant.parse("2026-03-07T01:15:00Z"));

            at("2026-03-06T09:00:00Z", f);
            assertThat(launcher.calls()).extracting(RecordingLauncher.Call::request)
                    .containsExactly(snapshot(List.of("beta"), false));
            launcher.clear();

            clock.set(Instant.parse("2026-03-07T01:00:00Z"));
            SchedulerFixture.settle(clock, f); // the overdue interval slot runs once
            launcher.clear();
            at("2026-03-07T01:14:59Z", f);
            assertThat(launcher.calls()).isEmpty();
            at("2026-03-07T01:15:00Z", f);
            assertThat(launcher.calls()).extracting(RecordingLauncher.Call::request)
                    .containsExactly(snapshot(List.of("alpha"), true));
            assertThat(f.next(HOST, "alpha")).contains(Instant.parse("2026-03-08T01:15:00Z"));

            // a changed cron moves the stored execution at once
            f.service.set("alpha", "45 3 * * *", false);
            assertThat(f.next(HOST, "alpha")).contains(Instant.parse("2026-03-07T02:45:00Z"));

            f.service.remove("alpha");
            assertThat(f.next(HOST, "alpha")).isEmpty();
            launcher.clear();
            at("2026-03-07T02:00:00Z", f);
            at("2026-03-07T02:45:00Z", f);
            assertThat(launcher.calls()).extracting(RecordingLauncher.Call::request)
                    .containsExactly(snapshot(List.of("alpha", "beta"), false));
        }
    }

    @Test
    void missedSlotsRunOnceNotOncePerSlot() {
        try (SchedulerFixture f = running(BERLIN).hosts("alpha", "beta")) {
            f.service.set("beta", "*/20 * * * *", false);
            // the machine was suspended: five hours of slots pass at once
            at("2026-03-06T13:25:00Z", f);
            assertThat(launcher.calls()).extracting(c -> c.request().type() + " " + c.request().hosts())
                    .containsExactlyInAnyOrder("SNAPSHOT [alpha]", "SNAPSHOT [beta]", "HEAVY []");
            assertThat(f.next(INTERVAL, RECURRING)).contains(Instant.parse("2026-03-06T14:00:00Z"));
            assertThat(f.next(HEAVY, RECURRING)).contains(Instant.parse("2026-03-06T15:00:00Z"));
            assertThat(f.next(HOST, "beta")).contains(Instant.parse("2026-03-06T13:40:00Z"));
        }
        launcher.clear();
        // the server is down for five hours, then starts: one run each at start-up
        clock.set(Instant.parse("2026-03-06T18:30:00Z"));
        try (SchedulerFixture f = running(BERLIN)) {
            SchedulerFixture.settle(clock, f);
            assertThat(launcher.calls()).extracting(c -> c.request().type() + " " + c.request().hosts() + " " + c.at())
                    .containsExactlyInAnyOrder("SNAPSHOT [alpha] 2026-03-06T18:30:00Z", "SNAPSHOT [beta] 2026-03-06T18:30:00Z",
                            "HEAVY [] 2026-03-06T18:30:00Z");
            assertThat(f.next(INTERVAL, RECURRING)).contains(Instant.parse("2026-03-06T19:00:00Z"));
            assertThat(f.next(HEAVY, RECURRING)).contains(Instant.parse("2026-03-06T19:00:00Z")); // 20:00 CET
            assertThat(f.next(HOST, "beta")).contains(Instant.parse("2026-03-06T18:40:00Z"));
            at("2026-03-06T18:39:59Z", f);
            assertThat(launcher.calls()).hasSize(3);
        }
    }

    @Test
    void aJobStillRunningIsLoggedAndTheSlotCompletesAndFiresAgainNextSlot(CapturedOutput output) {
        try (SchedulerFixture f = running(BERLIN).hosts("alpha")) {
            launcher.then(r -> {
                throw new JobAlreadyRunningException(r.type(), 7L);
            });
            at("2026-03-06T09:00:00Z", f);
            assertThat(launcher.calls()).hasSize(1);
            assertThat(output).contains("WARN").contains(
                    "interval snapshot job: a snapshot job is already running (job 7); the duplicate trigger was dropped");
            ScheduledExecution<Object> e = execution(f, INTERVAL).orElseThrow();
            assertThat(e.getExecutionTime()).isEqualTo(Instant.parse("2026-03-06T10:00:00Z"));
            assertThat(e.getConsecutiveFailures()).isZero();
            assertThat(e.getLastSuccess()).isEqualTo(Instant.parse("2026-03-06T09:00:00Z"));

            launcher.then(r -> { });
            at("2026-03-06T10:00:00Z", f);
            assertThat(launcher.times()).containsExactly(Instant.parse("2026-03-06T09:00:00Z"), Instant.parse("2026-03-06T10:00:00Z"));
        }
    }

    @Test
    void theOverviewShowsARunningJob() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SchedulerFixture f = running(BERLIN).hosts("alpha")) {
            launcher.then(r -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            clock.set(Instant.parse("2026-03-06T09:00:00Z"));
            f.runner.checkNow();
            await().atMost(Duration.ofSeconds(10)).until(() -> launcher.calls().size() == 1);
            ScheduledJob interval = f.service.overview().jobs().getFirst();
            assertThat(interval.running()).isTrue();
            assertThat(interval.nextRun()).isEqualTo(Instant.parse("2026-03-06T09:00:00Z"));
            release.countDown();
            SchedulerFixture.settle(clock, f);
            interval = f.service.overview().jobs().getFirst();
            assertThat(interval.running()).isFalse();
            assertThat(interval.nextRun()).isEqualTo(Instant.parse("2026-03-06T10:00:00Z"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aLauncherThatFailsWaitsForTheNextSlotInsteadOfRetrying() {
        try (SchedulerFixture f = running(BERLIN).hosts("alpha")) {
            f.service.set("alpha", "0 */2 * * *", false);
            launcher.then(r -> {
                throw new IllegalStateException("database is down");
            });
            at("2026-03-06T09:00:00Z", f);
            at("2026-03-06T09:30:00Z", f);
            assertThat(execution(f, HOST).orElseThrow().getExecutionTime()).isEqualTo(Instant.parse("2026-03-06T11:00:00Z"));
            assertThat(execution(f, HOST).orElseThrow().getConsecutiveFailures()).isEqualTo(1);
            assertThat(launcher.calls()).hasSize(1);
            launcher.then(r -> { });
            at("2026-03-06T11:00:00Z", f);
            assertThat(launcher.calls()).extracting(c -> c.request().type() + " " + c.request().hosts())
                    .containsExactlyInAnyOrder("SNAPSHOT [alpha]", "SNAPSHOT [alpha]", "HEAVY []");
            assertThat(execution(f, HOST).orElseThrow().getConsecutiveFailures()).isZero();
        }
    }

    @Test
    void dailyCronAcrossBothDaylightSavingChangesRunsOncePerDay() {
        clock.set(Instant.parse("2026-03-27T12:00:00Z"));
        List<Instant> spring = runsOfAlpha("30 2 * * *", Instant.parse("2026-03-31T12:00:00Z"));
        assertThat(spring).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"),   // 02:30 CET
                Instant.parse("2026-03-29T01:30:00Z"),   // no 02:30 that night: 03:30 CEST
                Instant.parse("2026-03-30T00:30:00Z"),   // 02:30 CEST
                Instant.parse("2026-03-31T00:30:00Z"));
    }

    @Test
    void dailyCronAcrossFallBackRunsOnce() {
        clock.set(Instant.parse("2026-10-23T12:00:00Z"));
        List<Instant> fall = runsOfAlpha("30 2 * * *", Instant.parse("2026-10-27T12:00:00Z"));
        assertThat(fall).containsExactly(
                Instant.parse("2026-10-24T00:30:00Z"),   // 02:30 CEST
                Instant.parse("2026-10-25T00:30:00Z"),   // the first 02:30 (CEST); not again at 02:30 CET
                Instant.parse("2026-10-26T01:30:00Z"),   // 02:30 CET
                Instant.parse("2026-10-27T01:30:00Z"));
    }

    @Test
    void hourlyIntervalAcrossDaylightSavingChanges() {
        clock.set(Instant.parse("2026-03-28T22:30:00Z"));
        try (SchedulerFixture f = running(BERLIN, "pullback.tar-interval-hours=24").hosts("alpha")) {
            List<Instant> spring = stepThroughSlots(f, Instant.parse("2026-03-29T03:00:00Z"));
            assertThat(spring).containsExactly(
                    Instant.parse("2026-03-28T23:00:00Z"),  // 00:00 CET (and the daily heavy job)
                    Instant.parse("2026-03-28T23:00:00Z"),
                    Instant.parse("2026-03-29T00:00:00Z"),  // 01:00 CET
                    Instant.parse("2026-03-29T01:00:00Z"),  // 03:00 CEST: 02:00 does not exist
                    Instant.parse("2026-03-29T02:00:00Z"),  // 04:00 CEST
                    Instant.parse("2026-03-29T03:00:00Z"));
            launcher.clear();
            clock.set(Instant.parse("2026-10-24T23:30:00Z"));
            SchedulerFixture.settle(clock, f);
            launcher.clear();
            List<Instant> fall = stepThroughSlots(f, Instant.parse("2026-10-25T03:00:00Z"));
            assertThat(fall).containsExactly(
                    Instant.parse("2026-10-25T00:00:00Z"),  // 02:00 CEST
                    Instant.parse("2026-10-25T02:00:00Z"),  // 03:00 CET: the repeated 02:00 is the same slot
                    Instant.parse("2026-10-25T03:00:00Z"));
        }
    }

    /** Sets the clock to each stored next execution in turn until {@code end}; returns the launcher's call times. */
    List<Instant> stepThroughSlots(SchedulerFixture f, Instant end) {
        for (int i = 0; i < 500; i++) {
            Instant next = f.context.getBean(SchedulerStore.class).client().getScheduledExecutions().stream()
                    .map(ScheduledExecution::getExecutionTime).min(Instant::compareTo).orElseThrow();
            if (next.isAfter(end)) {
                break;
            }
            clock.set(next);
            SchedulerFixture.settle(clock, f);
        }
        return launcher.times();
    }

    List<Instant> runsOfAlpha(String cron, Instant end) {
        // daily interval and heavy jobs at 00:00 keep the walk short
        try (SchedulerFixture f = running(BERLIN, "pullback.snapshot-interval-hours=24", "pullback.tar-interval-hours=24")
                .hosts("alpha")) {
            f.service.set("alpha", cron, false);
            stepThroughSlots(f, end);
            return launcher.calls().stream().filter(c -> c.request().hosts().equals(List.of("alpha")))
                    .map(RecordingLauncher.Call::at).toList();
        }
    }

    static Optional<ScheduledExecution<Object>> execution(SchedulerFixture f, String task) {
        return f.context.getBean(SchedulerStore.class).client()
                .getScheduledExecution(TaskInstanceId.of(task, task.equals(HOST) ? "alpha" : RECURRING));
    }

}
