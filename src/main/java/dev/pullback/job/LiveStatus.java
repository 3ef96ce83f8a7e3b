package dev.pullback.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Each host's current or last state, in memory: progress changes several times a second and is
 * worth nothing after a restart, so it never goes to the database. Listeners (the event stream)
 * hear every change.
 */
public final class LiveStatus {
    private final Map<String, HostState> hosts = new ConcurrentHashMap<>();
    private final List<Consumer<HostState>> listeners = new CopyOnWriteArrayList<>();

    void put(HostState state) {
        hosts.put(state.host(), state);
        notify(state);
    }

    void update(String host, UnaryOperator<HostState> change) {
        HostState next = hosts.computeIfPresent(host, (h, s) -> change.apply(s));
        if (next != null) {
            notify(next);
        }
    }

    public Optional<HostState> get(String host) {
        return Optional.ofNullable(hosts.get(host));
    }

    /** Every host with a state, by name. */
    public Map<String, HostState> all() {
        return new TreeMap<>(hosts);
    }

    public boolean anyRunning() {
        return hosts.values().stream().anyMatch(s -> s.status() == RunStatus.RUNNING);
    }

    /** Forgets a host that was removed from the configuration. */
    public void forget(String host) {
        hosts.remove(host);
    }

    /** Adds a listener; the returned handle removes it. */
    public AutoCloseable listen(Consumer<HostState> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void notify(HostState state) {
        for (Consumer<HostState> l : listeners) {
            try {
                l.accept(state);
            } catch (RuntimeException e) {
                // a listener that failed (a closed event stream) removes itself; the others go on
            }
        }
    }
}
