package dev.pullback.config;

import dev.pullback.check.Check;
import dev.pullback.check.CheckService;
import dev.pullback.configfile.ConfigFileService;
import dev.pullback.transport.RsyncCommand;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import dev.pullback.discovery.AdoptService;
import dev.pullback.schedule.ScheduleService;
import dev.pullback.discovery.DiscoveryService;
import dev.pullback.job.RetentionService;
import dev.pullback.host.HostService;
import dev.pullback.job.JobRepository;
import dev.pullback.settings.SettingsService;
import dev.pullback.store.DiscoveryStatusRepository;
import dev.pullback.store.SqlSnapshotCatalog;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Discovery and migration (the preflight, the import of snapshots already on disk). */
@Configuration(proxyBeanMethods = false)
public class DiscoveryWiring {
    @Bean
    DiscoveryService discoveryService(SettingsService settings, HostService hosts, SqlSnapshotCatalog catalog,
                                      JobRepository jobs, DiscoveryStatusRepository statuses, Clock clock) {
        return new DiscoveryService(settings, hosts, catalog, jobs, statuses, clock);
    }

    @Bean
    AdoptService adoptService(HostService hosts, RetentionService retention, SettingsService settings) {
        return new AdoptService(hosts, retention, settings);
    }

    @Bean
    ConfigFileService configFileService(SettingsService settings, HostService hosts, ScheduleService schedules,
                                        RetentionService retention, Clock clock) {
        return new ConfigFileService(settings, hosts, schedules, retention, clock);
    }

    @Bean
    CheckService checkService(HostService hosts, SettingsService settings, PullbackProperties props, JdbcClient jdbc,
                              ObjectProvider<Flyway> flyway, Clock clock, dev.pullback.trust.HostTrustService trust) {
        RsyncCommand rsync = new RsyncCommand(props.rsync(), props.knownHosts(), props.sshConnectTimeout());
        return new CheckService(hosts, settings, rsync, props.rsync(), () -> {
            jdbc.sql("SELECT COUNT(*) FROM hosts").query(Long.class).single();
            Flyway f = flyway.getIfAvailable();
            if (f == null) {
                return Check.ok("database", "reachable");
            }
            var info = f.info();
            int pending = info.pending().length;
            String version = info.current() == null ? "none" : info.current().getVersion().getVersion();
            return pending == 0 ? Check.ok("database", "reachable, schema version " + version)
                    : Check.fail("database", pending + " migration(s) pending (schema version " + version + ")",
                    "start pullback once (it migrates on start) or check the database user's rights");
        }, clock, trust::reached);
    }
}
