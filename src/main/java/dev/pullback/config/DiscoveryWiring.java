package dev.pullback.config;

import dev.pullback.configfile.ConfigFileService;
import dev.pullback.discovery.AdoptService;
import dev.pullback.schedule.ScheduleService;
import dev.pullback.discovery.DiscoveryService;
import dev.pullback.job.RetentionService;
import dev.pullback.host.HostService;
import dev.pullback.job.JobRepository;
import dev.pullback.settings.SettingsService;
import dev.pullback.store.SqlSnapshotCatalog;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Discovery and migration (the preflight, the import of snapshots already on disk). */
@Configuration(proxyBeanMethods = false)
public class DiscoveryWiring {
    @Bean
    DiscoveryService discoveryService(SettingsService settings, HostService hosts, SqlSnapshotCatalog catalog,
                                      JobRepository jobs, Clock clock) {
        return new DiscoveryService(settings, hosts, catalog, jobs, clock);
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
}
