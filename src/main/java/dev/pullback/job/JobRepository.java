package dev.pullback.job;

import dev.pullback.snapshot.Marker;
import dev.pullback.snapshot.SnapshotResult;
import dev.pullback.store.Sql;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code jobs} and {@code job_hosts} tables. */
@Repository
public class JobRepository {
    private static final int LOG_EXCERPT_CHARS = 8000;

    private final JdbcClient jdbc;
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    public JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A number that changes before and after each write this process makes to the run tables, so
     * a reader that sees the same number before and after its read saw no write half done. Writes
     * by other processes (a CLI backup) do not change it.
     */
    public long writes() {
        return writes.get();
    }

    private <T> T write(java.util.function.Supplier<T> step) {
        writes.incrementAndGet();
        try {
            return step.get();
        } finally {
            writes.incrementAndGet();
        }
    }

    public long startJob(JobType type, Trigger trigger, boolean dryRun, Instant now) {
        return write(() -> {
            return jdbc.sql("INSERT INTO jobs (job_type, trigger_type, dry_run, status, started_at, owner_pid, owner_node) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
                    .params(type.id(), trigger.id(), dryRun, RunStatus.RUNNING.id(), Sql.instant(now),
                            ProcessHandle.current().pid(), BackupService.node())
                    .query(Long.class).single();
        });
    }

    public long startHost(long jobId, String host, Stage stage, Instant now, long pid, String node) {
        return write(() -> {
            return jdbc.sql("INSERT INTO job_hosts (job_id, host, status, stage, stage_num, started_at, owner_pid, owner_node) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                    .params(jobId, host, RunStatus.RUNNING.id(), stage.id(), stage.num(), Sql.instant(now), pid, node)
                    .query(Long.class).single();
        });
    }

    public void stage(long id, Stage stage) {
        write(() -> {
            jdbc.sql("UPDATE job_hosts SET stage = ?, stage_num = ? WHERE id = ? AND status = 'running'")
                    .params(stage.id(), stage.num(), id).update();
            return null;
        });
    }

    /**
     * At start-up: rows left {@code running} by a process of this node that no longer exists
     * (a crash, kill -9, power loss) become {@code interrupted}, with their jobs.
     */
    public int interruptOrphans(String node, java.util.function.BiPredicate<Long, Instant> alive, Instant now) {
        return write(() -> {
            List<Long> dead = jdbc.sql("SELECT id, owner_pid, started_at FROM job_hosts WHERE status = 'running' AND owner_node = ?")
                    .param(node)
                    .query((rs, i) -> alive.test(rs.getLong("owner_pid"), Sql.instant(rs.getString("started_at"))) ? null : rs.getLong("id"))
                    .list().stream().filter(java.util.Objects::nonNull).toList();
            for (Long id : dead) {
                jdbc.sql("UPDATE job_hosts SET status = 'interrupted', finished_at = ?, "
                                + "error = 'the process running it ended before it finished (found at start-up)' "
                                + "WHERE id = ? AND status = 'running'")
                        .params(Sql.instant(now), id).update();
            }
            List<Long> deadJobs = jdbc.sql("SELECT id, owner_pid, started_at FROM jobs WHERE status = 'running' AND owner_node = ?")
                    .param(node)
                    .query((rs, i) -> alive.test(rs.getLong("owner_pid"), Sql.instant(rs.getString("started_at"))) ? null : rs.getLong("id"))
                    .list().stream().filter(java.util.Objects::nonNull).toList();
            for (Long id : deadJobs) {
                jdbc.sql("UPDATE jobs SET status = 'interrupted', finished_at = ?, "
                                + "error = 'the process running it ended before it finished (found at start-up)' "
                                + "WHERE id = ? AND status = 'running'")
                        .params(Sql.instant(now), id).update();
            }
            return dead.size() + deadJobs.size();
        });
    }

    /**
     * Rows of a job type left {@code running} for a host whose lock for that type we now hold
     * belong to a process that died: they become {@code interrupted}, and so do their jobs when
     * nothing else in them runs. Rows of the other type run beside us under their own lock.
     */
    public int interruptStale(String host, JobType type, Instant now) {
        return write(() -> {
            String ofType = "host = ? AND status = 'running' AND job_id IN (SELECT id FROM jobs WHERE job_type = ?)";
            List<Long> jobs = jdbc.sql("SELECT DISTINCT job_id FROM job_hosts WHERE " + ofType)
                    .params(host, type.id()).query(Long.class).list();
            int n = jdbc.sql("UPDATE job_hosts SET status = 'interrupted', finished_at = ?, "
                            + "error = 'the process running it ended before it finished (found by the next run)' WHERE " + ofType)
                    .params(Sql.instant(now), host, type.id()).update();
            for (Long job : jobs) {
                jdbc.sql("UPDATE jobs SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running' "
                                + "AND NOT EXISTS (SELECT 1 FROM job_hosts WHERE job_id = ? AND status = 'running')")
                        .params(Sql.instant(now), job, job).update();
            }
            return n;
        });
    }

    public void finishHost(long id, RunStatus status, Instant now, SnapshotResult r) {
        write(() -> {
            if (!RunStatus.RUNNING.canBecome(status)) {
                throw new IllegalArgumentException("a running host run cannot become " + status.id());
            }
            Marker m = r == null ? null : r.marker();
            String log = r == null ? null : excerpt(r);
            int n = jdbc.sql("UPDATE job_hosts SET status = ?, stage = 'done', stage_num = 5, finished_at = ?, snapshot_name = ?, "
                            + "rsync_exit_code = ?, files_total = ?, files_created = ?, files_updated = ?, files_deleted = ?, "
                            + "bytes_transferred = ?, new_bytes = ?, error = ?, log_excerpt = ? WHERE id = ? AND status = 'running'")
                    .params(status.id(), Sql.instant(now), r == null ? null : r.name(),
                            m == null ? exitCode(r) : (Integer) m.rsyncExitCode(),
                            m == null ? null : m.files(), m == null ? null : m.created(), m == null ? null : m.updated(),
                            m == null ? null : m.deleted(), m == null ? null : m.transferred(), m == null ? null : m.newBytes(),
                            status == RunStatus.OK || status == RunStatus.SKIPPED ? null : (r == null ? null : r.message()),
                            log, id)
                    .update();
            if (n == 0) {
                throw new IllegalStateException("job_hosts row " + id + " is no longer running; not changed to " + status.id());
            }
            return null;
        });
    }

    /** Ends a heavy or retention run: its results go to {@code metrics} as JSON. */
    public void finishWithMetrics(long id, RunStatus status, Instant now, Object metrics, String error) {
        write(() -> {
            if (!RunStatus.RUNNING.canBecome(status)) {
                throw new IllegalArgumentException("a running host run cannot become " + status.id());
            }
            jdbc.sql("UPDATE job_hosts SET status = ?, stage = 'done', stage_num = 5, finished_at = ?, metrics = ?, error = ? "
                            + "WHERE id = ? AND status = 'running'")
                    .params(status.id(), Sql.instant(now), Sql.json(metrics), error, id).update();
            return null;
        });
    }

    public void finishJob(long jobId, RunStatus status, Instant now, String error) {
        write(() -> {
            jdbc.sql("UPDATE jobs SET status = ?, finished_at = ?, error = ? WHERE id = ? AND status = 'running'")
                    .params(status.id(), Sql.instant(now), error, jobId).update();
            return null;
        });
    }

    /** The latest per-host rows, newest first, for listings. */
    public List<HostRun> recentRuns(String host, int limit) {
        return jdbc.sql("SELECT h.id, h.job_id, h.host, h.status, h.started_at, h.finished_at, h.snapshot_name, h.error, "
                        + "j.trigger_type, j.dry_run FROM job_hosts h JOIN jobs j ON j.id = h.job_id WHERE h.host = ? "
                        + "ORDER BY h.id DESC LIMIT ?")
                .params(host, limit)
                .query((rs, i) -> new HostRun(rs.getLong("id"), rs.getLong("job_id"), rs.getString("host"),
                        RunStatus.parse(rs.getString("status")), Sql.instant(rs.getString("started_at")),
                        Sql.instant(rs.getString("finished_at")), rs.getString("snapshot_name"), rs.getString("error"),
                        rs.getString("trigger_type"), rs.getBoolean("dry_run")))
                .list();
    }

    /** A page of the job history, newest first, with the hosts of each job. */
    public List<JobRow> jobs(RunFilter f) {
        Where w = where(f);
        return jdbc.sql("SELECT j.id, j.job_type, j.trigger_type, j.dry_run, j.status, j.started_at, j.finished_at, j.error "
                        + "FROM jobs j" + w.sql + " ORDER BY j.id DESC LIMIT ? OFFSET ?")
                .params(w.params(f.size(), (long) f.page() * f.size()))
                .query((rs, i) -> new JobRow(rs.getLong("id"), rs.getString("job_type"), rs.getString("trigger_type"),
                        rs.getBoolean("dry_run"), RunStatus.parse(rs.getString("status")), Sql.instant(rs.getString("started_at")),
                        Sql.instant(rs.getString("finished_at")), rs.getString("error"), null))
                .list().stream()
                .map(j -> new JobRow(j.id(), j.type(), j.trigger(), j.dryRun(), j.status(), j.started(), j.finished(), j.error(),
                        hostsOf(j.id())))
                .toList();
    }

    public long countJobs(RunFilter f) {
        Where w = where(f);
        return jdbc.sql("SELECT COUNT(*) FROM jobs j" + w.sql).params(w.params()).query(Long.class).single();
    }

    public java.util.Optional<JobRow> job(long id) {
        return jdbc.sql("SELECT id, job_type, trigger_type, dry_run, status, started_at, finished_at, error FROM jobs WHERE id = ?")
                .param(id)
                .query((rs, i) -> new JobRow(rs.getLong("id"), rs.getString("job_type"), rs.getString("trigger_type"),
                        rs.getBoolean("dry_run"), RunStatus.parse(rs.getString("status")),
                        Sql.instant(rs.getString("started_at")), Sql.instant(rs.getString("finished_at")),
                        rs.getString("error"), null))
                .optional()
                .map(j -> new JobRow(j.id(), j.type(), j.trigger(), j.dryRun(), j.status(), j.started(), j.finished(),
                        j.error(), hostsOf(j.id())));
    }

    private String hostsOf(long jobId) {
        return String.join(",", jdbc.sql("SELECT host FROM job_hosts WHERE job_id = ? ORDER BY host")
                .param(jobId).query(String.class).list());
    }

    /** Each host's rows of a job. */
    public List<HostRunRow> hostRuns(long jobId) {
        return jdbc.sql("SELECT * FROM job_hosts WHERE job_id = ? ORDER BY host, id").param(jobId)
                .query((rs, i) -> hostRun(rs)).list();
    }

    /** Whether the host's newest real (not dry-run) snapshot run failed: retention holds such a host. */
    public boolean lastSnapshotRunFailed(String host) {
        return jdbc.sql("SELECT h.status FROM job_hosts h JOIN jobs j ON j.id = h.job_id WHERE h.host = ? "
                        + "AND j.job_type = 'snapshot' AND j.dry_run = ? AND h.status <> 'running' ORDER BY h.id DESC LIMIT 1")
                .params(host, false).query(String.class).optional().map("failed"::equals).orElse(false);
    }

    /** The host's newest row, for a status after a restart. */
    public java.util.Optional<HostRunRow> lastHostRun(String host) {
        return jdbc.sql("SELECT * FROM job_hosts WHERE host = ? ORDER BY id DESC LIMIT 1").param(host)
                .query((rs, i) -> hostRun(rs)).optional();
    }

    /** Every configured host's newest run, by one query (an index seek per host on {@code (host, id)}). */
    public java.util.Map<String, HostRunRow> lastHostRuns() {
        java.util.Map<String, HostRunRow> out = new java.util.HashMap<>();
        jdbc.sql("SELECT r.* FROM hosts h JOIN job_hosts r ON r.id = (SELECT max(x.id) FROM job_hosts x WHERE x.host = h.name)")
                .query((rs, i) -> hostRun(rs)).list().forEach(r -> out.put(r.host(), r));
        return out;
    }

    private static HostRunRow hostRun(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new HostRunRow(rs.getLong("id"), rs.getLong("job_id"), rs.getString("host"), RunStatus.parse(rs.getString("status")),
                rs.getString("stage"), rs.getInt("stage_num"), Sql.instant(rs.getString("started_at")),
                Sql.instant(rs.getString("finished_at")), rs.getString("snapshot_name"), Sql.integer(rs, "rsync_exit_code"),
                longOrNull(rs, "files_total"), longOrNull(rs, "files_created"), longOrNull(rs, "files_updated"),
                longOrNull(rs, "files_deleted"), longOrNull(rs, "bytes_transferred"), longOrNull(rs, "new_bytes"),
                rs.getString("error"), rs.getString("log_excerpt"), Sql.json(rs.getString("metrics")));
    }

    private static Long longOrNull(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Where where(RunFilter f) {
        List<String> clauses = new java.util.ArrayList<>();
        List<Object> params = new java.util.ArrayList<>();
        if (f.host() != null) {
            clauses.add("EXISTS (SELECT 1 FROM job_hosts h WHERE h.job_id = j.id AND h.host = ?)");
            params.add(f.host());
        }
        if (f.status() != null) {
            clauses.add("j.status = ?");
            params.add(f.status().id());
        }
        if (f.type() != null) {
            clauses.add("j.job_type = ?");
            params.add(f.type().id());
        }
        return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }

    private record Where(String sql, List<Object> base) {
        Object[] params(Object... more) {
            List<Object> all = new java.util.ArrayList<>(base);
            all.addAll(List.of(more));
            return all.toArray();
        }
    }

    private static Integer exitCode(SnapshotResult r) {
        return r == null || r.runs().isEmpty() ? null : r.runs().getLast().exitCode();
    }

    private static String excerpt(SnapshotResult r) {
        StringBuilder b = new StringBuilder();
        r.runs().forEach(run -> {
            b.append("$ ").append(run.plan().display()).append('\n');
            run.errors().forEach(l -> b.append(l).append('\n'));
            b.append("exit ").append(run.exitCode()).append('\n');
        });
        return b.length() > LOG_EXCERPT_CHARS ? b.substring(0, LOG_EXCERPT_CHARS) + "\n..." : b.toString();
    }

    /** One host's run as listings show it. */
    public record HostRun(long id, long jobId, String host, RunStatus status, Instant started, Instant finished,
                          String snapshot, String error, String trigger, boolean dryRun) {
    }
}
