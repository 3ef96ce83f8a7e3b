#!/usr/bin/env bash
# Dashboard and /api/status under load: 100 hosts x 10 000 snapshots in SQLite (generated with
# sqlite3), a running `pullback serve`, wrk from Debian. Prints p50/p95/p99 per URL.
# Usage: bench/dashboard.sh [HOSTS] [SNAPSHOTS_PER_HOST] [DURATION]   (defaults 100 10000 15s)
# Env: BENCH_REUSE=1 keeps an existing generated database; BENCH_JAVA_OPTS adds JVM options
# (e.g. a JFR recording); BENCH_ROUNDS=N measures both URLs N times (default 1); BENCH_NICE=N runs
# the server and wrk at that nice level (e.g. -15 as root, to measure beside other builds: say so);
# BENCH_WARMUP (default 15s) is the untimed load per URL before the measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
hosts=${1:-100}; per=${2:-10000}; dur=${3:-15s}
for t in sqlite3 wrk; do command -v $t >/dev/null || { echo "need $t (apt-get install $t)" >&2; exit 1; }; done
[ -f target/pullback.jar ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=${BENCH_WORK:-bench/work/dashboard}
db="$work/var/pullback.db"
reuse=${BENCH_REUSE:-0}
[ "$reuse" = 1 ] && [ -f "$db" ] || { reuse=0; rm -rf "$work"; mkdir -p "$work/var" "$work/backups"; }
export PULLBACK_DATA_DIR="$PWD/$work/var" PULLBACK_BACKUP_ROOT="$PWD/$work/backups" PULLBACK_PORT=${PORT:-18085} PULLBACK_HOSTS=
url="http://127.0.0.1:$PULLBACK_PORT"

start() {
  # shellcheck disable=SC2086
  nice -n "${BENCH_NICE:-0}" "$java" ${BENCH_JAVA_OPTS:-} -jar target/pullback.jar serve > "$work/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -fs "$url/api/health" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "server did not start; see $work/serve.log" >&2; kill "$pid"; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }

if [ "$reuse" = 0 ]; then
start; stop   # creates the schema
echo "generating $hosts hosts x $per snapshots in $db"
t0=$(date +%s)
sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL;
WITH RECURSIVE h(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM h WHERE i < $hosts)
INSERT INTO hosts (name, transport, address, sources, excludes, default_excludes, rsync_options, ssh_options,
                   fake_super, acls, xattrs, accept_partial, enabled, created_at, updated_at)
SELECT printf('host%03d', i), 'ssh', printf('host%03d.example', i), '["~/"]', '[]', 1, '[]', '[]', 0, 0, 0, 1, 0,
       '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM h;
WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < $per - 1)
INSERT INTO snapshots (host, name, path, started_at, finished_at, status, rsync_exit_code, files_total, files_created,
                       files_updated, files_deleted, bytes_total, bytes_transferred, new_bytes, warnings, pinned, recorded_at)
SELECT h.name, strftime('%Y-%m-%d_%H%M', t), '/x/' || h.name || '/hourly/' || strftime('%Y-%m-%d_%H%M', t),
       strftime('%Y-%m-%dT%H:%M:%S.000Z', t), strftime('%Y-%m-%dT%H:%M:%S.000Z', t, '+2 minutes'), 'complete', 0,
       100000, 10, 20, 1, 5000000000, 1000000, 1000000, '[]', 0, strftime('%Y-%m-%dT%H:%M:%S.000Z', t)
FROM hosts h, (SELECT n, datetime('now', printf('-%d hours', $per - n)) AS t FROM s);
-- the run history behind those snapshots: one scheduled job an hour, one row per host in it
WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < $per - 1)
INSERT INTO jobs (job_type, trigger_type, dry_run, status, started_at, finished_at)
SELECT 'snapshot', 'schedule', 0, 'ok', strftime('%Y-%m-%dT%H:%M:%S.000Z', t),
       strftime('%Y-%m-%dT%H:%M:%S.000Z', t, '+3 minutes')
FROM (SELECT n, datetime('now', printf('-%d hours', $per - n)) AS t FROM s);
INSERT INTO job_hosts (job_id, host, status, stage, stage_num, started_at, finished_at, snapshot_name, rsync_exit_code,
                       files_total, files_created, files_updated, files_deleted, bytes_transferred, new_bytes)
SELECT j.id, h.name, 'ok', 'done', 5, j.started_at, j.finished_at,
       strftime('%Y-%m-%d_%H%M', substr(j.started_at, 1, 19)), 0, 100000, 10, 20, 1, 1000000, 1000000
FROM jobs j, hosts h ORDER BY j.id, h.id;
SQL
echo "generated in $(( $(date +%s) - t0 )) s: $(sqlite3 "$db" 'SELECT count(*) FROM snapshots') snapshots," \
     "$(sqlite3 "$db" 'SELECT count(*) FROM job_hosts') job rows"
fi
# the hosts are disabled: the scheduler in `pullback serve` would otherwise try to back up 100
# unreachable hosts at the top of every hour, in the middle of a measurement
sqlite3 "$db" "UPDATE hosts SET enabled = 0"
# every route but /api/health needs a login: measure as an admin with an API token, as a script would
sqlite3 "$db" "DELETE FROM api_tokens WHERE name = 'bench'"
token=$("$java" -jar target/pullback.jar token create bench --role admin 2>/dev/null | tail -1)
auth="Authorization: Bearer $token"
start
trap stop EXIT
cat > "$work/p.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("requests %d (not 2xx: %d), p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n", summary.requests,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
LUA
for path in /api/status /; do
  curl -fs -o /dev/null -H "$auth" "$url$path" || { echo "GET $path as admin failed" >&2; exit 1; }   # warm-up
  nice -n "${BENCH_NICE:-0}" wrk -t2 -c4 -d"${BENCH_WARMUP:-15s}" -H "$auth" "$url$path" >/dev/null   # JIT and SpEL compiler warm-up
done
for round in $(seq 1 "${BENCH_ROUNDS:-1}"); do
  for path in /api/status /; do
    printf '%-12s ' "$path"; nice -n "${BENCH_NICE:-0}" wrk -t2 -c4 -d"$dur" -H "$auth" -s "$work/p.lua" "$url$path" | tail -1
  done
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
