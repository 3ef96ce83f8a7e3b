package dev.pullback.job;

import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.store.SnapshotRow;
import dev.pullback.store.SqlSnapshotCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every host is doing: the live state while this process runs it, otherwise what the
 * database remembers (after a restart, or for runs another process made).
 */
public class StatusService {
    private final HostService hosts;
    private final LiveStatus live;
    private final JobRepository jobs;
    private final SqlSnapshotCatalog snapshots;
    private final JobService jobService;
    /** How long the newest runs and snapshots are reused when this process wrote nothing: 2 s. */
    static final long NEWEST_TTL_NANOS = 2_000_000_000L;
    private volatile Newest newest;

    public StatusService(HostService hosts, LiveStatus live, JobRepository jobs, SqlSnapshotCatalog snapshots,
                         JobService jobService) {
        this.hosts = hosts;
        this.live = live;
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.jobService = jobService;
    }

    public boolean jobRunning() {
        return jobService.anyRunning();
    }

    /**
     * Every configured host by name; empty state for a host that never ran. A constant number of
     * queries whatever the number of hosts (their newest runs and snapshots in one query each).
     */
    public Map<String, Optional<HostState>> hosts() {
        return hosts(hosts.list());
    }

    /** {@link #hosts()} for hosts the caller has already read. */
    public Map<String, Optional<HostState>> hosts(java.util.List<Host> list) {
        Newest newest = newest();
        Map<String, HostRunRow> runs = newest.runs();
        Map<String, SnapshotRow> latest = newest.snapshots();
        Map<String, Optional<HostState>> out = new LinkedHashMap<>();
        for (Host h : list) {
            String name = h.name();
            out.put(name, state(name, () -> runs == null ? null : Optional.ofNullable(runs.get(name)),
                    () -> latest == null ? null : Optional.ofNullable(latest.get(name))));
        }
        return out;
    }

    /** Every configured host's newest snapshot still on disk (absent: none, or the database is unreadable). */
    public Map<String, SnapshotRow> latestSnapshots() {
        Map<String, SnapshotRow> latest = newest().snapshots();
        return latest == null ? Map.of() : latest;
    }

    /**
     * The newest run and snapshot of every host, read again whenever this process has written
     * runs or snapshots since (so a finished backup shows at once), and at least every
     * {@link #NEWEST_TTL_NANOS} for what other processes (a CLI backup) wrote. A page with 100
     * hosts asks for these on every load; the database's answer rarely changes between loads.
     */
    private Newest newest() {
        long jobWrites = jobs.writes();
        long snapshotWrites = snapshots.writes();
        long now = System.nanoTime();
        Newest c = newest;
        if (c != null && c.jobWrites() == jobWrites && c.snapshotWrites() == snapshotWrites
                && now - c.readAt() < NEWEST_TTL_NANOS && c.runs() != null && c.snapshots() != null) {
            return c;
        }
        Map<String, HostRunRow> runs = BackupService.bookkeeping("read the last runs", jobs::lastHostRuns);
        Map<String, SnapshotRow> latest = BackupService.bookkeeping("read the latest snapshots", snapshots::latestAll);
        Newest fresh = new Newest(jobWrites, snapshotWrites, now, runs, latest);
        newest = fresh;
        return fresh;
    }

    /** Null maps: the database could not be read. */
    private record Newest(long jobWrites, long snapshotWrites, long readAt, Map<String, HostRunRow> runs,
                          Map<String, SnapshotRow> snapshots) {
    }

    public Optional<HostState> state(String host) {
        return state(host, () -> BackupService.bookkeeping("read the last run", () -> jobs.lastHostRun(host)),
                () -> BackupService.bookkeeping("read the latest snapshot", () -> snapshots.latest(host)));
    }

    /** A null from either supplier means the database could not be read. */
    private Optional<HostState> state(String host, Supplier<Optional<HostRunRow>> lastRun,
                                      Supplier<Optional<SnapshotRow>> latestSnapshot) {
        Optional<HostState> now = live.get(host);
        if (now.isPresent()) {
            HostState s = now.get();
            return Optional.of(s.hourly() != null ? s : s.withSnapshot(null, figures(latestSnapshot.get())));
        }
        Optional<HostRunRow> last = lastRun.get();
        if (last == null || last.isEmpty()) {
            return Optional.empty();
        }
        HostRunRow r = last.get();
        Object hourly = figures(latestSnapshot.get());
        Object tar = r.metrics() instanceof Map<?, ?> m ? m.get("tar") : null;
        int removed = r.metrics() instanceof Map<?, ?> m && m.get("cleanup") instanceof Map<?, ?> c
                && c.get("archives_removed") instanceof Number n ? n.intValue() : 0;
        Stage stage = r.status() == RunStatus.RUNNING ? Stage.valueOf(r.stage().toUpperCase(java.util.Locale.ROOT)) : Stage.DONE;
        return Optional.of(new HostState(host, r.jobId(), null, false, r.status(), stage, r.started(), r.finished(),
                r.filesCreated() == null ? 0 : r.filesCreated(), r.bytesTransferred() == null ? 0 : r.bytesTransferred(),
                null, r.snapshot() != null ? r.snapshot() : hourly instanceof HourlyFigures f ? f.name() : null,
                hourly, tar, removed, r.error()));
    }

    private static Object figures(Optional<SnapshotRow> latest) {
        if (latest == null || latest.isEmpty()) {
            return null;
        }
        SnapshotRow s = latest.get();
        return new HourlyFigures(s.name(), s.status(), s.started(), s.finished(), s.base(), s.files(), s.bytes(),
                s.transferred(), s.created(), s.updated(), s.deleted(), s.newBytes(), s.warnings().size());
    }
}
