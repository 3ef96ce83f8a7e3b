package dev.pullback.config;

import dev.pullback.alert.AlertRepository;
import dev.pullback.host.HostService;
import dev.pullback.transport.KnownHosts;
import dev.pullback.trust.HostKeyRepository;
import dev.pullback.trust.HostTrustService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** SSH trust: pullback's known_hosts, the recorded host keys and the alerts a changed key raises. */
@Configuration(proxyBeanMethods = false)
public class TrustWiring {
    @Bean
    HostTrustService hostTrustService(HostService hosts, HostKeyRepository keys, AlertRepository alerts,
                                      PullbackProperties props, Clock clock) {
        return new HostTrustService(hosts, new KnownHosts(props.knownHosts()), keys, alerts, props.sshConnectTimeout(), clock);
    }
}
