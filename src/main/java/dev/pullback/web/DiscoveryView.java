package dev.pullback.web;

import dev.pullback.discovery.DirectoryAlerts;
import dev.pullback.discovery.DiscoveryScanner;
import dev.pullback.discovery.DiscoveryService;
import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.settings.SettingsService;
import dev.pullback.store.DiscoveryStatus;
import dev.pullback.store.SqlSnapshotCatalog;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the pages show of discovery, called from the templates ({@code @discoveryView}) so only a
 * page that renders it pays for it: the dashboard's banner (stat calls only) and a host's last
 * preflight and import as saved by {@link DiscoveryService} (no scan on page load: a preflight of
 * 10k snapshots reads 10k markers, about 0.2 s).
 */
@Component("discoveryView")
public class DiscoveryView {
    private static final Logger log = LoggerFactory.getLogger(DiscoveryView.class);

    private final DiscoveryService discovery;
    private final HostService hosts;
    private final SettingsService settings;
    private final SqlSnapshotCatalog snapshots;

    DiscoveryView(DiscoveryService discovery, HostService hosts, SettingsService settings, SqlSnapshotCatalog snapshots) {
        this.discovery = discovery;
        this.hosts = hosts;
        this.settings = settings;
        this.snapshots = snapshots;
    }

    public DirectoryAlerts alerts() {
        List<String> names = hosts.list().stream().filter(Host::enabled).map(Host::name).toList();
        return DiscoveryScanner.alerts(settings.current().backupRoot(), names, this::hadSnapshots);
    }

    /** The host's last preflight, or null when discovery never looked at it. */
    public DiscoveryStatus status(String host) {
        try {
            return discovery.status(host).orElse(null);
        } catch (RuntimeException e) {
            log.warn("cannot read the discovery status of {}: {}", host, e.toString());
            return null;
        }
    }

    private boolean hadSnapshots(String host) {
        try {
            return snapshots.hasAny(host);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
