package dev.pullback.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.host.Transport;
import dev.pullback.settings.SettingsService;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.SourceTree;
import dev.pullback.testing.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The heavy job over real snapshots: stages recorded, cancel mid-tar for one host while another finishes. */
class HeavyJobTest {
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

    @Test
    void cancelMidTarLeavesNoPartialArchiveAndOtherHostsFinish() throws Exception {
        // zstd -19 on incompressible data is slow enough to cancel in the middle
        Files.createDirectories(tmp.resolve("backups"));
        ctx = TestContext.start(tmp.resolve("var"), clock, "pullback.zstd-level=19");
        ctx.getBean(SettingsService.class).configure(tmp.resolve("backups").toString(), null);
        host("slow", 20_000_000);
        host("fast", 10_000);
        JobService jobs = ctx.getBean(JobService.class);
        assertThat(jobs.run(JobRequest.allHosts(JobType.SNAPSHOT, Trigger.CLI)).status()).isEqualTo(RunStatus.OK);
        Path slowArchives = tmp.resolve("backups/slow/archives");
        Path fastArchives = tmp.resolve("backups/fast/archives");

        Long jobId = jobs.start(JobRequest.allHosts(JobType.HEAVY, Trigger.API));
        await().atMost(Duration.ofSeconds(30)).until(() -> files(slowArchives).stream().anyMatch(f -> f.endsWith(".partial")));
        assertThat(ctx.getBean(LiveStatus.class).get("slow").orElseThrow().stage()).isEqualTo(Stage.TAR);
        assertThat(jobs.cancel("slow")).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> !jobs.isRunning(JobType.HEAVY));

        assertThat(files(slowArchives)).as("no partial, no archive").isEmpty();
        assertThat(Files.exists(tmp.resolve("backups/slow/monthly"))).as("stages after a cancel do not start")
                .isFalse();
        assertThat(files(fastArchives)).singleElement().asString().matches("backup_fast_2026-03-06_0800\\.tar\\.zst");
        assertThat(Files.isDirectory(tmp.resolve("backups/fast/monthly/2026-03"))).isTrue();
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        List<Map<String, Object>> rows = jdbc.sql("SELECT host, status, stage, stage_num, metrics FROM job_hosts WHERE job_id = ? ORDER BY host")
                .param(jobId).query().listOfRows();
        assertThat(rows).extracting(r -> r.get("host") + ":" + r.get("status") + ":" + r.get("stage") + ":" + r.get("stage_num"))
                .containsExactly("fast:ok:done:5", "slow:cancelled:done:5");
        assertThat((String) rows.get(0).get("metrics")).contains("\"tar\"", "\"archive_bytes\"", "\"monthly\"", "\"cleanup\"");
        assertThat(jdbc.sql("SELECT status FROM jobs WHERE id = ?").param(jobId).query(String.class).single()).isEqualTo("cancelled");
        HostState fast = ctx.getBean(LiveStatus.class).get("fast").orElseThrow();
        assertThat(fast.tar()).isInstanceOf(HeavyService.TarInfo.class);
        assertThat(((HeavyService.TarInfo) fast.tar()).archiveBytes()).isPositive();

        // the next heavy run (after a restart at zstd's default level) archives the slow host after all
        ctx.close();
        ctx = TestContext.start(tmp.resolve("var"), clock);
        JobReport again = ctx.getBean(JobService.class).run(new JobRequest(JobType.HEAVY, Trigger.CLI, List.of("slow"), false, false));
        assertThat(again.status()).as(again.toString()).isEqualTo(RunStatus.OK);
        Path archive = slowArchives.resolve("backup_slow_2026-03-06_0800.tar.zst");
        assertThat(new ProcessBuilder("zstd", "-t", "-q", archive.toString()).start().waitFor()).isZero();
    }

    private void host(String name, long bytes) {
        Path src = SourceTree.in(tmp.resolve("src-" + name)).file("a.txt", name).randomFile("big.bin", bytes, 3).build();
        ctx.getBean(HostService.class).configure(name, new HostChanges(Transport.LOCAL, null, null, null, null,
                List.of(src.toString()), null, false, null, null, null, null, null, null, null, null));
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
