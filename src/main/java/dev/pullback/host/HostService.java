package dev.pullback.host;

import dev.pullback.ConflictException;
import dev.pullback.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/** Creating, changing and reading host configuration; the one entry point for every front end. */
public class HostService {
    private final HostRepository repo;
    private final Clock clock;

    public HostService(HostRepository repo, Clock clock) {
        this.repo = repo;
        this.clock = clock;
    }

    /** Creates the host with defaults, or updates it; fields not given keep their value. */
    public Host configure(String name, HostChanges changes) {
        HostRules.name(name);
        Host current = repo.find(name).orElseGet(() -> Host.defaults(name, clock.instant()));
        Host next = changes.applyTo(current, clock.instant());
        repo.save(next);
        return next;
    }

    /** Creates a new host; an existing name is a conflict (use {@link #update}). */
    public Host create(String name, HostChanges changes) {
        HostRules.name(name);
        if (repo.find(name).isPresent()) {
            throw new ConflictException("host", "'" + name + "' exists already; change it with an update");
        }
        return configure(name, changes);
    }

    /** Changes an existing host; the name (its identity, the directory of its backups) never changes. */
    public Host update(String name, HostChanges changes) {
        get(name);
        return configure(name, changes);
    }

    /**
     * Forgets a host's configuration. Its backups on disk and their index stay: removing a host
     * must never delete data; discovery can adopt them again.
     */
    public void remove(String name) {
        get(name);
        repo.delete(name);
    }

    /**
     * First start only: Backup Manager's HOSTS list (ssh aliases) becomes hosts with the defaults.
     * Once any host exists the database is the truth and the variable is ignored.
     */
    public List<Host> seed(List<String> names) {
        if (names.isEmpty() || !repo.findAll().isEmpty()) {
            return List.of();
        }
        return names.stream().map(n -> configure(n, HostChanges.none())).toList();
    }

    public List<Host> list() {
        return repo.findAll();
    }

    /** The host, or a clear error listing the configured ones. */
    public Host get(String name) {
        HostRules.name(name);
        return repo.find(name).orElseThrow(() -> new NotFoundException("host", "'" + name
                + "' is not configured (configured: " + names() + "); add it with: pullback configure-host " + name));
    }

    private String names() {
        String all = repo.findAll().stream().map(Host::name).collect(Collectors.joining(", "));
        return all.isEmpty() ? "none" : all;
    }
}
