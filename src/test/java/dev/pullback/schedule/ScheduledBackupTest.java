package dev.pullback.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.host.Transport;
import dev.pullback.job.JobLauncher;
import dev.pullback.job.JobService;
import dev.pullback.settings.SettingsService;
import dev.pullback.snapshot.BackupLayout;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.SourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** End to end: the running scheduler fires slots into the real job service, which takes real snapshots and archives. */
class ScheduledBackupTest {
    @TempDir
    Path tmp;
    MutableClock clock = MutableClock.at("2026-03-06T08:20:00Z");

    @Test
    void slotsTakeSnapshotsHourlyAndArchiveEveryFourHours() throws Exception {
        AtomicReference<JobService> jobs = new AtomicReference<>();
        JobLauncher real = request -> jobs.get().run(request);
        Files.createDirectories(tmp.resolve("backups"));
        try (SchedulerFixture f = SchedulerFixture.running(tmp.resolve("var"), clock, real)) {
            jobs.set(f.context.getBean(JobService.class));
            f.context.getBean(SettingsService.class).configure(tmp.resolve("backups").toString(), null);
            Path src = SourceTree.in(tmp.resolve("src")).file("a.txt", "a").build();
            f.context.getBean(HostService.class).configure("web", new HostChanges(Transport.LOCAL, null, null, null, null,
                    List.of(src.toString()), null, false, null, null, null, null, null, null, null, null));
            BackupLayout layout = new BackupLayout(tmp.resolve("backups"), "web");

            at("2026-03-06T09:00:00Z", f);
            at("2026-03-06T10:00:00Z", f);
            at("2026-03-06T12:00:00Z", f);

            assertThat(layout.completeSnapshots()).extracting(BackupLayout.CompleteSnapshot::name)
                    .containsExactly("2026-03-06_0900", "2026-03-06_1000", "2026-03-06_1200");
            // the heavy slot fires with the 12:00 snapshot slot and archives whatever `latest` is when it starts
            try (var archives = Files.list(tmp.resolve("backups/web/archives"))) {
                assertThat(archives.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                        .matches("backup_web_2026-03-06_(1000|1200)\\.tar\\.zst");
            }
            assertThat(Files.isDirectory(tmp.resolve("backups/web/monthly/2026-03"))).isTrue();
            JdbcClient jdbc = f.context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT job_type || ':' || trigger_type || ':' || status FROM jobs ORDER BY id")
                    .query(String.class).list()).containsExactlyInAnyOrder("snapshot:schedule:ok", "snapshot:schedule:ok",
                    "snapshot:schedule:ok", "heavy:schedule:ok");
        }
    }

    private void at(String instant, SchedulerFixture f) {
        clock.set(Instant.parse(instant));
        SchedulerFixture.settle(clock, f);
    }
}
