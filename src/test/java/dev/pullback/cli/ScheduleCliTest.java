package dev.pullback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pullback.job.JobRequest;
import dev.pullback.job.JobType;
import dev.pullback.job.Trigger;
import dev.pullback.schedule.RecordingLauncher;
import dev.pullback.schedule.ScheduleRunner;
import dev.pullback.schedule.SchedulerFixture;
import dev.pullback.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code pullback schedule} and {@code pullback scheduler}, in-process over a real context and SQLite. */
class ScheduleCliTest {
    @TempDir
    Path tmp;
    MutableClock clock = MutableClock.at("2026-03-06T08:20:00Z");
    RecordingLauncher launcher = new RecordingLauncher(clock);
    ConfigurableApplicationContext context;
    CliRuntime runtime;

    @BeforeEach
    void setUp() {
        context = SchedulerFixture.start(tmp.resolve("var"), clock, launcher, "pullback.timezone=Europe/Berlin");
        runtime = new CliRuntime() {
            @Override
            public <T> T service(Class<T> type) {
                return context.getBean(type);
            }

            @Override
            public void close() {
            }
        };
        assertThat(cli("configure-host", "web").code()).isZero();
        assertThat(cli("configure-host", "db").code()).isZero();
    }

    @AfterEach
    void tearDown() {
        context.close();
    }

    CliResult cli(String... args) {
        return CliResult.run(runtime, args);
    }

    @Test
    void setShowsTheStoredScheduleAndTheNextFiveRunsInTheZone() {
        CliResult r = cli("schedule", "web", "--cron", "15 2 * * *", "--prune");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                web: cron "15 2 * * *", prune yes, zone Europe/Berlin
                next runs:
                  2026-03-07 02:15:00 CET (+01:00)
                  2026-03-08 02:15:00 CET (+01:00)
                  2026-03-09 02:15:00 CET (+01:00)
                  2026-03-10 02:15:00 CET (+01:00)
                  2026-03-11 02:15:00 CET (+01:00)
                """);
        assertThat(cli("schedule", "web").out()).startsWith("web: cron \"15 2 * * *\", prune yes, zone Europe/Berlin\n");
        CliResult json = cli("schedule", "web", "--json");
        assertThat(json.out()).contains("\"cron\" : \"15 2 * * *\"", "\"prune\" : true", "\"next_runs\" : [ \"2026-03-07T01:15:00Z\"");
    }

    @Test
    void listShowsTheIntervalAndHeavyJobsAndEachHostSchedule() {
        cli("schedule", "web", "--cron", "@daily");
        CliResult r = cli("schedule");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                JOB                TRIGGER            HOSTS   PRUNE  NEXT RUN (Europe/Berlin)
                snapshot-interval  interval[1:00:00]  db      no     2026-03-06 10:00:00
                heavy              interval[4:00:00]  db,web  no     2026-03-06 12:00:00
                host-snapshot:web  cron[@daily]       web     no     2026-03-07 00:00:00
                """);
        assertThat(cli("schedule", "--json").out()).contains("\"id\" : \"snapshot-interval\"", "\"next_run\" : \"2026-03-06T09:00:00Z\"",
                "\"zone\" : \"Europe/Berlin\"");
    }

    @Test
    void removePutsTheHostBackIntoTheIntervalJob() {
        cli("schedule", "web", "--cron", "15 2 * * *");
        CliResult r = cli("schedule", "web", "--remove");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("web: schedule removed; it runs with the interval snapshot job again\n");
        assertThat(cli("schedule").out()).contains("snapshot-interval  interval[1:00:00]  db,web");
        CliResult again = cli("schedule", "web", "--remove");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).isEqualTo("pullback: host: 'web' has no schedule of its own (it runs with the interval "
                + "snapshot job, every hour at :00)\n");
    }

    @Test
    void badInputExitsTwoWithOneLineNamingTheField() {
        assertUsage(cli("schedule", "web", "--cron", "* * * * * *"),
                "pullback: cron: \"* * * * * *\" fires every second: a schedule may fire at most once a minute");
        assertUsage(cli("schedule", "web", "--cron", "0 0 30 2 *"), "pullback: cron: \"0 0 30 2 *\" never fires");
        assertUsage(cli("schedule", "web", "--cron", ""), "pullback: cron: is empty");
        assertUsage(cli("schedule", "web", "--cron", "15 25 * * *"), "pullback: cron: \"15 25 * * *\": the hour field '25' is not valid");
        assertUsage(cli("schedule", "nosuch", "--cron", "15 2 * * *"), "pullback: host: 'nosuch' is not configured");
        assertUsage(cli("schedule", "web", "--cron", "15 2 * * *", "--remove"), "pullback: schedule: give either --cron or --remove");
        assertUsage(cli("schedule", "web", "--prune"), "pullback: prune: --prune goes with --cron");
        assertUsage(cli("schedule", "--cron", "15 2 * * *"), "pullback: host: --cron and --remove need a HOST");
        assertUsage(cli("schedule", "web"), "pullback: host: 'web' has no schedule of its own");
        assertUsage(cli("scheduler", "--interval", "0"), "pullback: interval: 0 is not a number of seconds");
        CliResult picocli = cli("scheduler", "--interval", "soon");
        assertThat(picocli.code()).isEqualTo(2);
        assertThat(picocli.err()).contains("Invalid value for option '--interval'");
        assertThat(cli("schedule").out()).doesNotContain("host-snapshot");
    }

    @Test
    void helpNeverStartsSpring() {
        CliRuntime refusing = new CliRuntime() {
            @Override
            public <T> T service(Class<T> type) {
                throw new AssertionError("Spring must not start for --help");
            }

            @Override
            public void close() {
            }
        };
        assertThat(CliResult.run(refusing, "--help").out()).contains("schedule", "scheduler");
        assertThat(CliResult.run(refusing, "schedule", "--help").out()).contains("--cron", "--prune", "--remove");
        assertThat(CliResult.run(refusing, "scheduler", "--help").out()).contains("--loop", "--interval");
    }

    @Test
    void schedulerWithoutLoopRunsWhatIsDueOnceAndStops() {
        CliResult first = cli("scheduler");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("nothing was due\n");
        assertThat(launcher.calls()).isEmpty();

        clock.set(Instant.parse("2026-03-06T11:00:00Z")); // two interval slots and a heavy slot passed
        CliResult second = cli("scheduler");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo("ran 2 due jobs\n");
        assertThat(launcher.calls()).extracting(RecordingLauncher.Call::request).containsExactlyInAnyOrder(
                new JobRequest(JobType.SNAPSHOT, Trigger.SCHEDULE, List.of("db", "web"), false, false),
                JobRequest.allHosts(JobType.HEAVY, Trigger.SCHEDULE));
        assertThat(context.getBean(ScheduleRunner.class).isRunning()).isFalse();
        assertThat(cli("scheduler").out()).isEqualTo("nothing was due\n");
    }

    @Test
    void schedulerLoopRunsUntilStopped() throws Exception {
        ScheduleRunner runner = context.getBean(ScheduleRunner.class);
        CompletableFuture<CliResult> loop = CompletableFuture.supplyAsync(() -> cli("scheduler", "--loop", "--interval", "1"));
        await().atMost(Duration.ofSeconds(10)).until(runner::isRunning);
        clock.set(Instant.parse("2026-03-06T09:00:00Z"));
        await().atMost(Duration.ofSeconds(10)).until(() -> launcher.calls().size() == 1); // polled within a second
        assertThat(loop).isNotDone();
        runner.stop(); // what the context does on SIGTERM / Ctrl-C
        CliResult r = loop.get(10, TimeUnit.SECONDS);
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEqualTo("scheduler running, polling every 1s; stop with Ctrl-C or SIGTERM\nscheduler stopped\n");
        assertThat(runner.isRunning()).isFalse();
    }

    @Test
    void ordinaryCommandsStartNoScheduler() {
        cli("schedule", "web", "--cron", "15 2 * * *");
        cli("schedule");
        cli("hosts");
        assertThat(context.getBean(ScheduleRunner.class).isRunning()).isFalse();
        // only the host's execution (written by `schedule`), no recurring ones: no scheduler ever started here
        assertThat(context.getBean(JdbcClient.class).sql("SELECT task_name FROM scheduled_tasks").query(String.class).list())
                .containsExactly("host-snapshot");
    }

    static void assertUsage(CliResult r, String errStart) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith(errStart);
        assertThat(r.err().strip()).doesNotContain("\n");
    }
}
