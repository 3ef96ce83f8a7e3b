package dev.pullback.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.host.Transport;
import dev.pullback.settings.SettingsService;
import dev.pullback.snapshot.BackupLayout;
import dev.pullback.testing.BackupAssertions;
import dev.pullback.testing.ChildJvm;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import dev.pullback.testing.SourceTree;
import dev.pullback.testing.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Jobs over several hosts with real rsync: the bounded pool, the guard, cancel, and a crash of the whole process. */
class JobServiceTest {
    @TempDir
    Path tmp;
    MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
    ConfigurableApplicationContext ctx;

    @AfterEach
    void close() {
        if (ctx != null) {
            ctx.close();
        }
    }

    private void start(String... props) throws IOException {
        Files.createDirectories(tmp.resolve("backups"));
        ctx = TestContext.start(tmp.resolve("var"), clock, props);
        ctx.getBean(SettingsService.class).configure(tmp.resolve("backups").toString(), null);
    }

    private Path host(String name, int bwlimit, long bigBytes) {
        Path src = SourceTree.in(tmp.resolve("src-" + name)).file("a.txt", name).randomFile("big.bin", bigBytes, 7).build();
        configure(name, src, bwlimit);
        return src;
    }

    /** {@code bwlimit} 0 means none. */
    private void configure(String name, Path src, int bwlimit) {
        ctx.getBean(HostService.class).configure(name, new HostChanges(Transport.LOCAL, null, null, null, null,
                List.of(src.toString()), null, false, null, null, bwlimit, null, null, null, null, null));
    }

    @Test
    void hostsRunInParallelButNeverMoreThanMaxParallel() throws Exception {
        start("pullback.max-parallel=2");
        for (String h : List.of("h1", "h2", "h3", "h4")) {
            host(h, 2000, 2_500_000);
        }
        AtomicInteger most = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (!done.get()) {
                // one top-level rsync per running host (its sender/receiver are its own children)
                long n = ProcessHandle.current().children()
                        .filter(p -> p.info().command().map(c -> c.endsWith("rsync")).orElse(false)).count();
                most.accumulateAndGet((int) n, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        JobReport report = ctx.getBean(JobService.class).run(JobRequest.allHosts(JobType.SNAPSHOT, Trigger.CLI));

        done.set(true);
        sampler.join();
        assertThat(report.status()).isEqualTo(RunStatus.OK);
        assertThat(report.hosts()).extracting(JobReport.HostReport::host).containsExactly("h1", "h2", "h3", "h4");
        assertThat(most.get()).as("hosts at once").isEqualTo(2);
    }

    @Test
    void theGuardDropsADuplicateOfTheSameTypeOnly() throws Exception {
        start();
        host("slow", 1000, 3_000_000);
        host("other", 0, 1000);
        JobService jobs = ctx.getBean(JobService.class);
        Long first = jobs.start(new JobRequest(JobType.SNAPSHOT, Trigger.API, List.of("slow"), false, false));
        await().until(() -> jobs.isRunning(JobType.SNAPSHOT));

        assertThatThrownBy(() -> jobs.run(JobRequest.allHosts(JobType.SNAPSHOT, Trigger.SCHEDULE)))
                .isInstanceOf(JobAlreadyRunningException.class)
                .hasMessageContaining("job " + first);
        JobReport other = jobs.run(new JobRequest(JobType.SNAPSHOT, Trigger.SCHEDULE, List.of("other"), false, false));
        assertThat(other.status()).as("a different host runs beside it").isEqualTo(RunStatus.OK);

        jobs.cancel("slow");
        await().until(() -> !jobs.isRunning(JobType.SNAPSHOT));
        assertThat(ctx.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM jobs").query(Long.class).single())
                .as("the dropped trigger left no job row").isEqualTo(2);
    }

    @Resilience(item = ResilienceItem.KILL_SERVER_MID_RSYNC, what = "a `pullback backup` process and all its children killed", behaviour = "latest and the older snapshot unchanged; at restart the job and host rows become interrupted; the next run succeeds and leaves no partial")
    @Test
    void aCrashOfTheWholeProcessMidRsyncIsInterruptedAtRestartAndTheNextRunIsClean() throws Exception {
        start();
        Path src = host("web", 0, 6_000_000);
        assertThat(ctx.getBean(JobService.class).run(JobRequest.allHosts(JobType.SNAPSHOT, Trigger.CLI)).status())
                .isEqualTo(RunStatus.OK);
        configure("web", src, 500);
        SourceTree.modify(src.resolve("a.txt"), "changed");
        Files.delete(src.resolve("big.bin"));
        SourceTree.in(src).randomFile("big.bin", 6_000_001, 99).build();
        ctx.close();
        ctx = null;
        BackupLayout layout = new BackupLayout(tmp.resolve("backups"), "web");
        Path first = layout.latestLink().toRealPath();
        Map<String, String> before = BackupAssertions.identity(first);

        // a second pullback process backs the host up; the whole process tree dies mid-transfer
        Process child = ChildJvm.pullback(tmp.resolve("child.log"),
                Map.of("PULLBACK_DATA_DIR", tmp.resolve("var").toString(), "PULLBACK_TIMEZONE", "UTC"), "backup", "web");
        await().atMost(Duration.ofSeconds(60)).until(() -> partialBytes(layout) > 100_000);
        List<ProcessHandle> tree = new ArrayList<>(child.descendants().toList());
        child.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofHours(1));
        ctx = TestContext.start(tmp.resolve("var"), clock);
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        assertThat(jdbc.sql("SELECT status FROM job_hosts ORDER BY id").query(String.class).list())
                .containsExactly("ok", "interrupted");
        assertThat(jdbc.sql("SELECT status FROM jobs ORDER BY id").query(String.class).list())
                .containsExactly("ok", "interrupted");
        assertThat(layout.latestLink().toRealPath()).as("latest untouched").isEqualTo(first);
        assertThat(BackupAssertions.identity(first)).as("the older snapshot is unmodified").isEqualTo(before);

        configure("web", src, 0);
        JobReport next = ctx.getBean(JobService.class).run(JobRequest.allHosts(JobType.SNAPSHOT, Trigger.CLI));

        assertThat(next.status()).as(next.toString()).isEqualTo(RunStatus.OK);
        assertThat(layout.partials()).isEmpty();
        assertThat(layout.completeSnapshots()).hasSize(2);
        assertThat(Files.readString(layout.latestLink().resolve(dev.pullback.host.SourceFolders.folderOf(src.toString()))
                .resolve("a.txt"))).isEqualTo("changed");
    }

    private static long partialBytes(BackupLayout layout) throws IOException {
        long total = 0;
        for (Path p : layout.partials()) {
            try (var s = Files.walk(p)) {
                total += s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
        }
        return total;
    }
}
