package dev.pullback.config;

import dev.pullback.host.HostRepository;
import dev.pullback.host.HostService;
import dev.pullback.job.BackupService;
import dev.pullback.job.Bookkeeping;
import dev.pullback.job.HeavyService;
import dev.pullback.archive.Compression;
import dev.pullback.archive.HeavyPipeline;
import dev.pullback.archive.HeavySettings;
import java.time.Duration;
import dev.pullback.job.JobService;
import dev.pullback.job.LiveStatus;
import dev.pullback.job.RetentionService;
import dev.pullback.retention.RetentionPolicy;
import dev.pullback.schedule.ScheduleRepository;
import dev.pullback.store.RetentionPolicyRepository;
import dev.pullback.job.StatusService;
import dev.pullback.store.SqlSnapshotCatalog;
import dev.pullback.job.JobRepository;
import dev.pullback.settings.SettingsRepository;
import dev.pullback.settings.SettingsService;
import dev.pullback.snapshot.SnapshotCatalog;
import dev.pullback.snapshot.SnapshotEngine;
import dev.pullback.transport.RsyncCommand;
import dev.pullback.transport.RsyncRunner;
import dev.pullback.transport.RsyncVersion;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine and the services are plain classes; this is the only place that builds them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PullbackProperties.class)
public class Wiring {
    private static final Logger log = LoggerFactory.getLogger(Wiring.class);

    /** Tests put their own clock in the context before it starts. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SettingsService settingsService(SettingsRepository repo, Clock clock, PullbackProperties props) {
        return new SettingsService(repo, clock, props.backupRoot(), props.timezone());
    }

    @Bean
    HostService hostService(HostRepository repo, Clock clock) {
        return new HostService(repo, clock);
    }

    /**
     * Backup Manager's HOSTS=a,b,c seeds the host list on the very first start: after the
     * migrations, before the web server or the scheduler take their first request.
     */
    @Bean
    SmartInitializingSingleton seedHosts(HostService hosts, PullbackProperties props) {
        return () -> hosts.seed(props.hosts() == null ? List.of()
                : Arrays.stream(props.hosts().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    /**
     * rsync before 3.4.0 has client-side CVEs that a malicious source host can trigger: said at
     * the start of every context, so at the start of {@code serve} and of every CLI backup.
     */
    @Bean
    ApplicationRunner checkRsync(PullbackProperties props) {
        return args -> RsyncVersion.warning(props.rsync(), RsyncVersion.detect(props.rsync()))
                .ifPresent(w -> log.warn("*** {} ***", w));
    }

    @Bean
    SnapshotEngine snapshotEngine(Clock clock, PullbackProperties props, SqlSnapshotCatalog catalog, Bookkeeping bookkeeping) {
        RsyncCommand command = new RsyncCommand(props.rsync(), props.knownHosts(), props.sshConnectTimeout());
        // indexing a new snapshot waits for the database like the job rows do; the next run indexes it from its marker anyway
        SnapshotCatalog index = (host, dir, marker) -> bookkeeping.write("index snapshot " + host + "/" + marker.name(),
                () -> catalog.recordSnapshot(host, dir, marker));
        return new SnapshotEngine(clock, command, new RsyncRunner(props.watchdogTimeout()), index);
    }

    @Bean
    LiveStatus liveStatus() {
        return new LiveStatus();
    }

    @Bean
    HeavyPipeline heavyPipeline(Clock clock, PullbackProperties props) {
        int day = props.snapshotDayOfMonth();
        if (day > 28 && day <= 31) {
            // Backup Manager accepted 29-31; months without that day would get no copy
            log.warn("SNAPSHOT_DAY_OF_MONTH={} is read as 28 so that every month gets its monthly copy", day);
            day = 28;
        }
        return new HeavyPipeline(clock, new HeavySettings(Compression.parse(props.tarCompression()), props.tarCompressionLevel(),
                props.zstdLevel(), Duration.ofHours(props.tarIntervalHours()), props.tarRetentionDays(),
                props.keepMonthlySnapshots(), day, props.retentionMonths()));
    }

    @Bean
    HeavyService heavyService(SettingsService settings, HeavyPipeline pipeline, JobRepository jobs, Bookkeeping bookkeeping,
                              Clock clock) {
        return new HeavyService(settings, pipeline, jobs, bookkeeping, clock);
    }

    /** The global policy from the environment (Backup Manager's tiers); hosts override it in SQL. */
    @Bean(destroyMethod = "close")
    RetentionService retentionService(HostService hosts, SettingsService settings, SqlSnapshotCatalog snapshots,
                                      RetentionPolicyRepository policies, ScheduleRepository schedules, JobRepository jobs,
                                      Bookkeeping bookkeeping, PullbackProperties props, Clock clock) {
        RetentionPolicy global = new RetentionPolicy(props.keepLast(), props.hourlyRetentionHours(), props.dailyRetentionDays(),
                props.weeklyWeeks(), props.retentionMonths(), props.yearlyYears(), props.minKeep());
        return new RetentionService(hosts, settings, snapshots, policies, schedules, jobs, bookkeeping, global,
                Duration.ofHours(props.snapshotIntervalHours()), clock);
    }

    @Bean(destroyMethod = "close")
    JobService jobService(HostService hosts, SettingsService settings, BackupService backups, HeavyService heavy,
                          RetentionService retention, JobRepository jobs, LiveStatus live,
                          Clock clock, PullbackProperties props) {
        return new JobService(hosts, settings, backups, heavy, retention, jobs, live, clock, props.maxParallel());
    }

    @Bean
    StatusService statusService(HostService hosts, LiveStatus live, JobRepository jobs, SqlSnapshotCatalog snapshots,
                                JobService jobService) {
        return new StatusService(hosts, live, jobs, snapshots, jobService);
    }

    /**
     * Runs left "running" by a process of this machine that is gone (a crash) become
     * "interrupted", before the web server or the scheduler start anything new.
     */
    @Bean
    SmartInitializingSingleton interruptOrphans(JobRepository jobs, Clock clock) {
        return () -> {
            try {
                int n = jobs.interruptOrphans(BackupService.node(), BackupService::ownerAlive, clock.instant());
                if (n > 0) {
                    log.warn("{} run(s) left running by a process that ended were marked interrupted", n);
                }
            } catch (RuntimeException e) {
                log.warn("database unavailable, could not check for interrupted runs: {}", e.toString());
            }
        };
    }

    @Bean
    BackupService backupService(HostService hosts, SettingsService settings, SnapshotEngine engine, JobRepository jobs,
                                SqlSnapshotCatalog snapshots, Bookkeeping bookkeeping, Clock clock,
                                dev.pullback.trust.HostTrustService trust) {
        return new BackupService(hosts, settings, engine, jobs, snapshots, bookkeeping, clock, trust);
    }

    /**
     * One queue of database writes kept through an outage, shared by the engine's index, backups,
     * heavy runs, retention and the job tables. It takes the data source only so that Spring closes
     * it first: its last retry at shutdown needs the pool still open.
     */
    @Bean(destroyMethod = "close")
    Bookkeeping bookkeeping(javax.sql.DataSource dataSource) {
        return new Bookkeeping();
    }
}
