package dev.pullback.trust;

import dev.pullback.ConflictException;
import dev.pullback.InvalidInputException;
import dev.pullback.alert.Alert;
import dev.pullback.alert.AlertRepository;
import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.host.Transport;
import dev.pullback.job.HostRunListener;
import dev.pullback.snapshot.SnapshotResult;
import dev.pullback.transport.HostKey;
import dev.pullback.transport.KnownHosts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SSH trust on first use: ssh records a host's key at the first contact ({@code accept-new} into
 * pullback's known_hosts); this records it in the database for people to see, raises an alert
 * when ssh refuses a changed key, and replaces the key only when a person says so
 * ({@code pullback host trust HOST}, its API twin and the host page's button).
 */
public class HostTrustService implements HostRunListener {
    private static final Logger log = LoggerFactory.getLogger(HostTrustService.class);

    private final HostService hosts;
    private final KnownHosts knownHosts;
    private final HostKeyRepository keys;
    private final AlertRepository alerts;
    private final Duration scanTimeout;
    private final Clock clock;

    public HostTrustService(HostService hosts, KnownHosts knownHosts, HostKeyRepository keys, AlertRepository alerts,
                            Duration scanTimeout, Clock clock) {
        this.hosts = hosts;
        this.knownHosts = knownHosts;
        this.keys = keys;
        this.alerts = alerts;
        this.scanTimeout = scanTimeout;
        this.clock = clock;
    }

    public Optional<HostKeyRecord> key(String host) {
        return keys.find(host);
    }

    public Map<String, HostKeyRecord> keys() {
        return keys.findAll().stream().collect(Collectors.toMap(HostKeyRecord::host, Function.identity()));
    }

    public List<Alert> openAlerts(String host) {
        return alerts.open(host);
    }

    /** After every run: a refused key raises the alert; otherwise a first contact is recorded. */
    @Override
    public void finished(Host host, SnapshotResult result) {
        if (host.transport() != Transport.SSH || result == null) {
            return;
        }
        try {
            if (result.hostKeyRejected()) {
                alerts.raise(host.name(), Alert.HOST_KEY_CHANGED, result.message(), clock.instant());
                log.warn("{}", result.message());
                return;
            }
            recordContact(host);
        } catch (RuntimeException | IOException e) {
            log.warn("could not record the host key of {} (the backup is not affected): {}", host.name(), e.toString());
        }
    }

    /** ssh logged in to the host (pullback check): record its key if this was the first contact. */
    public void reached(Host host) {
        try {
            recordContact(host);
        } catch (RuntimeException | IOException e) {
            log.warn("could not record the host key of {}: {}", host.name(), e.toString());
        }
    }

    /**
     * Records the key ssh put in pullback's known_hosts, if the database has none or another one
     * (the file was edited by hand). Nothing when the host was never reached.
     */
    public void recordContact(Host host) throws IOException {
        Optional<HostKey> known = knownHosts.key(KnownHosts.alias(host));
        if (known.isEmpty()) {
            return;
        }
        Optional<HostKeyRecord> recorded = keys.find(host.name());
        if (recorded.isPresent() && recorded.get().fingerprint().equals(known.get().fingerprint())) {
            return;
        }
        Instant now = clock.instant();
        if (recorded.isPresent()) {
            log.warn("the known_hosts entry of {} was changed outside pullback: {} {} is now {}", host.name(),
                    recorded.get().type(), recorded.get().fingerprint(), known.get());
        } else {
            log.info("first contact with {}: host key {} recorded", host.name(), known.get());
        }
        keys.save(new HostKeyRecord(host.name(), known.get().type(), known.get().fingerprint(), now, null));
    }

    /** Reads the host's current keys (no login) beside the trusted one; changes nothing. */
    public TrustPlan plan(String hostName) {
        Host host = hosts.get(hostName);
        if (host.transport() != Transport.SSH) {
            throw new InvalidInputException("host", host.name() + " uses the local transport: there is no ssh host key to trust");
        }
        try {
            Optional<HostKey> previous = knownHosts.key(KnownHosts.alias(host));
            List<HostKey> offered = knownHosts.scan(host, scanTimeout);
            if (offered.isEmpty()) {
                throw new ConflictException("host", "cannot read the host key of " + host.name() + ": " + host.address()
                        + (host.port() == null ? "" : " port " + host.port()) + " did not answer ssh-keyscan; nothing changed");
            }
            return new TrustPlan(host.name(), previous.orElse(null), offered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Trusts the keys of the plan: pullback's known_hosts holds exactly those for the host, the
     * database records the new key and the host's "host key changed" alert is acknowledged.
     */
    public HostKeyRecord trust(TrustPlan plan) {
        Host host = hosts.get(plan.host());
        Instant now = clock.instant();
        try {
            knownHosts.replace(KnownHosts.alias(host), plan.offered());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + knownHosts.file(), e);
        }
        Optional<HostKeyRecord> before = keys.find(host.name());
        Instant firstSeen = before.filter(b -> b.fingerprint().equals(plan.key().fingerprint()))
                .map(HostKeyRecord::firstSeen).orElse(now);
        HostKeyRecord record = new HostKeyRecord(host.name(), plan.key().type(), plan.key().fingerprint(), firstSeen, now);
        keys.save(record);
        int closed = alerts.acknowledge(host.name(), Alert.HOST_KEY_CHANGED, now);
        log.warn("host key of {} trusted: {}{} ({} alert(s) acknowledged)", host.name(), plan.key(),
                plan.previous() == null ? "" : ", was " + plan.previous(), closed);
        return record;
    }

    /**
     * Plan and trust in one step, for the API and the page. With {@code expectedFingerprint} the
     * key is trusted only if the host still offers the one the person confirmed.
     */
    public Trusted trust(String hostName, String expectedFingerprint) {
        TrustPlan plan = plan(hostName);
        if (expectedFingerprint != null && !expectedFingerprint.isBlank()
                && plan.offered().stream().noneMatch(k -> k.fingerprint().equals(expectedFingerprint.strip()))) {
            throw new ConflictException("fingerprint", plan.host() + " now offers " + plan.key() + ", not the "
                    + expectedFingerprint.strip() + " that was confirmed; nothing changed");
        }
        return new Trusted(plan, trust(plan));
    }

    public record Trusted(TrustPlan plan, HostKeyRecord record) {
    }
}
