package dev.pullback.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.host.Host;
import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.host.Transport;
import dev.pullback.job.BackupOptions;
import dev.pullback.job.BackupResult;
import dev.pullback.job.BackupService;
import dev.pullback.job.JobRepository;
import dev.pullback.job.RunStatus;
import dev.pullback.job.Trigger;
import dev.pullback.settings.GlobalSettings;
import dev.pullback.settings.SettingsService;
import dev.pullback.testing.Databases;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.SourceTree;
import dev.pullback.testing.TestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/** One contract, run against every supported database (STYLE.md 11). */
class RepositoryContractTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Databases.class)
    void hostsSettingsJobsAndSnapshotsRoundTrip(Databases db) {
        MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
        try (Databases.Isolated database = db.create(tmp);
             ConfigurableApplicationContext ctx = TestContext.start(tmp.resolve("var"), clock,
                     "pullback.database-url=" + database.url())) {
            // settings
            SettingsService settings = ctx.getBean(SettingsService.class);
            GlobalSettings g = settings.configure(tmp.resolve("backups").toString(), "Europe/Berlin");
            assertThat(g.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(settings.configure(null, "UTC").backupRoot()).isEqualTo(tmp.resolve("backups"));

            // hosts: every field survives the round trip, nulls included
            HostService hosts = ctx.getBean(HostService.class);
            Host saved = hosts.configure("db-host", new HostChanges(null, "10.0.0.7", "backup", 2222, "/keys/id",
                    List.of("~/", "/etc"), List.of("*.iso", "cache dir/"), false, List.of("--rsync-path=sudo rsync"),
                    List.of("ProxyJump=bastion"), 1000, true, true, false, false, true));
            assertThat(hosts.get("db-host")).isEqualTo(saved);
            Host updated = hosts.configure("db-host", new HostChanges(null, null, null, null, null, null, null, null,
                    null, null, 0, null, null, null, null, false));
            assertThat(updated.bwlimitKbps()).isNull();
            assertThat(hosts.get("db-host")).isEqualTo(updated);
            assertThat(hosts.list()).extracting(Host::name).containsExactly("db-host");

            // a real backup records the job, the host run and the snapshot in this database
            Path src = SourceTree.in(tmp.resolve("src")).file("a.txt", "a").file("b/c.txt", "c").build();
            hosts.configure("local", new HostChanges(Transport.LOCAL, null, null, null, null, List.of(src.toString()),
                    null, false, null, null, null, null, null, null, null, null));
            BackupService backups = ctx.getBean(BackupService.class);
            BackupResult first = backups.run("local", BackupOptions.of(Trigger.CLI, false));
            assertThat(first.status()).as(first.message()).isEqualTo(RunStatus.OK);
            clock.advance(Duration.ofHours(1));
            SourceTree.in(src).file("d.txt", "dd");
            BackupResult second = backups.run("local", BackupOptions.of(Trigger.API, false));
            assertThat(second.status()).isEqualTo(RunStatus.OK);

            List<SnapshotRow> rows = ctx.getBean(SqlSnapshotCatalog.class).list("local");
            assertThat(rows).extracting(SnapshotRow::name).containsExactly("2026-03-06_0800", "2026-03-06_0900");
            SnapshotRow last = rows.getLast();
            assertThat(last.base()).isEqualTo("2026-03-06_0800");
            assertThat(last.created()).isEqualTo(1);
            assertThat(last.newBytes()).isEqualTo(2);
            assertThat(last.rsyncExitCode()).isZero();
            assertThat(last.duration()).isNotNull();

            JobRepository jobs = ctx.getBean(JobRepository.class);
            List<JobRepository.HostRun> runs = jobs.recentRuns("local", 10);
            assertThat(runs).extracting(JobRepository.HostRun::status).containsExactly(RunStatus.OK, RunStatus.OK);
            assertThat(runs).extracting(JobRepository.HostRun::trigger).containsExactly("api", "cli");
            assertThat(runs.getFirst().snapshot()).isEqualTo("2026-03-06_0900");
            // the dashboard's one-query reads (V9 indexes): every host's newest snapshot and newest run
            hosts.configure("idle", new HostChanges(Transport.LOCAL, null, null, null, null, List.of(src.toString()),
                    null, false, null, null, null, null, null, null, null, null));
            assertThat(ctx.getBean(SqlSnapshotCatalog.class).latestAll()).containsOnlyKeys("local")
                    .extractingByKey("local").extracting(SnapshotRow::name).isEqualTo("2026-03-06_0900");
            assertThat(jobs.lastHostRuns()).containsOnlyKeys("local")
                    .extractingByKey("local").extracting(dev.pullback.job.HostRunRow::snapshot).isEqualTo("2026-03-06_0900");

            // a row left running by a dead process is closed as interrupted; a heavy run beside it is not touched
            long heavy = jobs.startJob(dev.pullback.job.JobType.HEAVY, Trigger.SCHEDULE, false, clock.instant());
            jobs.startHost(heavy, "local", dev.pullback.job.Stage.TAR, clock.instant(), ProcessHandle.current().pid(), "here");
            long job = jobs.startJob(dev.pullback.job.JobType.SNAPSHOT, Trigger.SCHEDULE, false, clock.instant());
            jobs.startHost(job, "local", dev.pullback.job.Stage.RSYNC, clock.instant(), 1, "elsewhere");
            assertThat(jobs.interruptStale("local", dev.pullback.job.JobType.SNAPSHOT, clock.instant())).isEqualTo(1);
            assertThat(jobs.recentRuns("local", 2)).extracting(JobRepository.HostRun::status)
                    .containsExactly(RunStatus.INTERRUPTED, RunStatus.RUNNING);
            assertThat(jobs.job(job).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(jobs.job(heavy).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

            // discovery status: a preflight saved, its import recorded, a later preflight keeps the import
            DiscoveryStatusRepository statuses = ctx.getBean(DiscoveryStatusRepository.class);
            assertThat(statuses.find("local")).isEmpty();
            statuses.savePreflight(new DiscoveryStatus("local", clock.instant(), "present", "pullback", 2, 1, 0,
                    List.of("one warning"), null, null));
            statuses.saveImport("local", clock.instant(), "2 new");
            clock.advance(Duration.ofMinutes(5));
            statuses.savePreflight(new DiscoveryStatus("local", clock.instant(), "present", "pullback + adopted rsnapshot history",
                    5, 0, 0, List.of(), null, null));
            DiscoveryStatus found = statuses.find("local").orElseThrow();
            assertThat(found.checkedAt()).isEqualTo(clock.instant());
            assertThat(found.layout()).isEqualTo("pullback + adopted rsnapshot history");
            assertThat(found.complete()).isEqualTo(5);
            assertThat(found.warnings()).isEmpty();
            assertThat(found.importedAt()).isEqualTo(clock.instant().minus(Duration.ofMinutes(5)));
            assertThat(found.importSummary()).isEqualTo("2 new");
        }
    }
}
