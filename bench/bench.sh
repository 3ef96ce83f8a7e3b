#!/usr/bin/env bash
# Benchmark: raw `rsync -aH --link-dest` (exactly the command pullback runs) against
# `pullback backup`, alternating in one run, for a no-op snapshot and for a snapshot after
# changing 1 % of the files, over the local transport and over ssh to a private sshd on
# 127.0.0.1. Prints the medians and the ratio pullback / raw rsync (target: <= 1.10 per row).
# See bench/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/bench.sh [options]
  -w, --work DIR      work directory (env BENCH_WORK, default bench/work); everything the
                      bench makes lives there: tree/, root/, data/, raw/, ssh/, cli/, logs/
  -n, --files N       number of small files (env BENCH_FILES, default 100000)
  -l, --large N       number of large 20-50 MiB files (env BENCH_LARGE, default 5)
  -r, --runs N        timed runs per tool and row (env BENCH_RUNS, default 5)
  -k, --keep-going    a failed or unverifiable run is reported and left out of the median
                      instead of stopping the bench; exit status 1 at the end (env BENCH_KEEP_GOING=1)
  -b, --breakdown     also measure where pullback's time goes (env BENCH_BREAKDOWN=1)
      --live          run the repository's ./pullback directly instead of a frozen copy of
                      launcher + jar taken at start (env BENCH_LIVE=1)
      --keep          keep tree/, root/, raw/ at the end (env BENCH_KEEP=1)
  -h, --help
Results: printed, and written to WORK/results.txt.
EOF
}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)

WORK=${BENCH_WORK:-$bench_dir/work}
FILES=${BENCH_FILES:-100000}
LARGE=${BENCH_LARGE:-5}
RUNS=${BENCH_RUNS:-5}
KEEP_GOING=${BENCH_KEEP_GOING:-0}
BREAKDOWN=${BENCH_BREAKDOWN:-0}
LIVE=${BENCH_LIVE:-0}
KEEP=${BENCH_KEEP:-0}

while [ $# -gt 0 ]; do
  case "$1" in
    -w|--work) WORK=$2; shift 2 ;;
    -n|--files) FILES=$2; shift 2 ;;
    -l|--large) LARGE=$2; shift 2 ;;
    -r|--runs) RUNS=$2; shift 2 ;;
    -k|--keep-going) KEEP_GOING=1; shift ;;
    -b|--breakdown) BREAKDOWN=1; shift ;;
    --live) LIVE=1; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
for v in FILES LARGE RUNS; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "bench: $v must be a number" >&2; exit 2; }
done
[ "$RUNS" -ge 1 ] && [ "$FILES" -ge 100 ] || { echo "bench: need --runs >= 1 and --files >= 100" >&2; exit 2; }

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
TREE=$WORK/tree
ROOT=$WORK/root
DATA=$WORK/data
RAW=$WORK/raw
SSHD_DIR=$WORK/ssh
LOGS=$WORK/logs
RESULTS=$WORK/results.txt
LOCAL_HOST=bench-local
SSH_HOST=bench-ssh
FOLDER=${TREE#/}          # where pullback puts the source inside a snapshot
MUTATED=small/g000/d00/f00.dat   # a file the 1 % change rewrites
UNCHANGED=small/g000/d00/f01.dat # one it leaves alone

failures=0
sshd_pid=""

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
# A failed check: stop, or with --keep-going count it and let the caller skip the sample.
fail() {
  log "FAILED: $*"
  [ "$KEEP_GOING" = 1 ] || exit 1
  failures=$((failures + 1))
  return 1
}

cleanup() {
  local rc=$?
  if [ -n "$sshd_pid" ] && kill -0 "$sshd_pid" 2>/dev/null; then
    kill "$sshd_pid" 2>/dev/null || true
    wait "$sshd_pid" 2>/dev/null || true
  fi
  if [ "$KEEP" != 1 ]; then
    rm -rf "$TREE" "$ROOT" "$RAW"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ns() { date +%s%N; }

# ---------------------------------------------------------------- tools
find_java() {
  local d
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java"; return; fi
  if command -v java >/dev/null 2>&1; then command -v java; return; fi
  for d in /usr/lib/jvm/*/bin/java; do [ -x "$d" ] && { echo "$d"; return; }; done
  die "no java found to run bench/TreeGen.java"
}
JAVA=$(find_java)

rm -rf "$TREE" "$ROOT" "$DATA" "$RAW" "$SSHD_DIR" "$LOGS" "$WORK/wrap"
mkdir -p "$ROOT" "$DATA" "$RAW" "$SSHD_DIR" "$LOGS"

# The CLI under test. By default a frozen copy of the launcher and the built jar, so that a
# source edit made while the bench runs cannot trigger a Maven build inside a timed run. The
# copy runs the same launcher script (it finds no pom.xml/src next to it, so it never rebuilds)
# and trains its own JVM class cache on first use (an AOT cache is tied to the jar's path).
log "checking the pullback build (builds on first use) ..."
"$repo/pullback" --version >/dev/null || die "$repo/pullback --version failed (build broken?)"
if [ "$LIVE" = 1 ]; then
  PULLBACK=$repo/pullback
else
  rm -rf "$WORK/cli"
  mkdir -p "$WORK/cli/target/app"
  cp -p "$repo/pullback" "$WORK/cli/pullback"
  cp -p "$repo/target/pullback.jar" "$WORK/cli/target/pullback.jar"
  cp -p "$repo/target/app/pullback.jar" "$WORK/cli/target/app/pullback.jar"
  cp -rp "$repo/target/app/lib" "$WORK/cli/target/app/lib"
  PULLBACK=$WORK/cli/pullback
fi
export PULLBACK_DATA_DIR=$DATA
unset PULLBACK_DATABASE_URL PULLBACK_JAVA_OPTS 2>/dev/null || true
"$PULLBACK" --version >/dev/null   # trains the class cache of the copy (untimed)
"$PULLBACK" hosts >/dev/null

# ---------------------------------------------------------------- source tree
log "generating $FILES small + $LARGE large files in $TREE ..."
t0=$(now_ns)
"$JAVA" "$bench_dir/TreeGen.java" gen "$TREE" "$FILES" "$LARGE" >"$LOGS/treegen.txt"
t1=$(now_ns)
tree_files=$(find "$TREE" -type f | wc -l)
tree_dirs=$(find "$TREE" -type d | wc -l)
tree_bytes=$(du -sb "$TREE" | cut -f1)
log "tree: $tree_files files, $tree_dirs directories, $((tree_bytes / 1048576)) MiB in $(( (t1 - t0) / 1000000 )) ms"

# ---------------------------------------------------------------- sshd on loopback
free_port() {
  local p used
  used=$(ss -ltnH 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -u)
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    grep -qx "$p" <<<"$used" || { echo "$p"; return; }
  done
  die "no free port found"
}
log "starting a private sshd ..."
ssh-keygen -q -t ed25519 -N '' -C bench-host -f "$SSHD_DIR/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C bench-client -f "$SSHD_DIR/client_ed25519"
cp "$SSHD_DIR/client_ed25519.pub" "$SSHD_DIR/authorized_keys"
PORT=$(free_port)
cat >"$SSHD_DIR/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $PORT
HostKey $SSHD_DIR/host_ed25519
AuthorizedKeysFile $SSHD_DIR/authorized_keys
PidFile $SSHD_DIR/sshd.pid
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
UseDNS no
LogLevel ERROR
EOF
[ -d /run/sshd ] || mkdir -p -m 0755 /run/sshd
/usr/sbin/sshd -t -f "$SSHD_DIR/sshd_config" || die "sshd rejected its config"
/usr/sbin/sshd -D -e -f "$SSHD_DIR/sshd_config" 2>"$LOGS/sshd.log" &
sshd_pid=$!
for _ in $(seq 1 100); do
  ss -ltnH "sport = :$PORT" 2>/dev/null | grep -q . && break
  kill -0 "$sshd_pid" 2>/dev/null || die "sshd exited: $(cat "$LOGS/sshd.log")"
  sleep 0.05
done
ss -ltnH "sport = :$PORT" | grep -q . || die "sshd does not listen on 127.0.0.1:$PORT"
log "sshd pid $sshd_pid on 127.0.0.1:$PORT"

# ---------------------------------------------------------------- pullback hosts and base snapshots
"$PULLBACK" configure-global --backup-root "$ROOT" >"$LOGS/configure.txt"
"$PULLBACK" configure-host "$LOCAL_HOST" --transport local --source "$TREE" --no-default-excludes >>"$LOGS/configure.txt"
"$PULLBACK" configure-host "$SSH_HOST" --address 127.0.0.1 --port "$PORT" --user root \
  --identity "$SSHD_DIR/client_ed25519" --source "$TREE" --no-default-excludes >>"$LOGS/configure.txt"

complete_snapshots() { # names of the snapshots of host $1 that have a marker
  local d
  for d in "$ROOT/$1/hourly"/*/; do
    [ -f "$d.snapshot_complete" ] && basename "$d"
  done
  return 0
}

declare -A BASE
for h in "$LOCAL_HOST" "$SSH_HOST"; do
  log "initial full snapshot of $h (untimed, becomes the base) ..."
  t0=$(now_ns)
  "$PULLBACK" backup "$h" >"$LOGS/base-$h.txt" 2>&1 || die "base snapshot of $h: $(cat "$LOGS/base-$h.txt")"
  t1=$(now_ns)
  BASE[$h]=$(complete_snapshots "$h")
  [ -n "${BASE[$h]}" ] && [ "$(wc -l <<<"${BASE[$h]}")" = 1 ] || die "expected one complete snapshot of $h, found: ${BASE[$h]}"
  log "base $h/${BASE[$h]} in $(( (t1 - t0) / 1000000 )) ms"
done
# Snapshot names have minute resolution and an existing complete name is skipped: the timed
# runs must happen in a later minute than the base snapshots.
m0=$(( $(date +%s) / 60 ))
while [ $(( $(date +%s) / 60 )) -eq "$m0" ]; do sleep 1; done

# ---------------------------------------------------------------- the raw rsync commands
# Taken from `pullback backup HOST --dry-run` (now that a base exists it names the base as
# --link-dest): the same argv without --dry-run, writing into RAW/HOST/<folder>/ instead.
declare -A RAWCMD
for h in "$LOCAL_HOST" "$SSH_HOST"; do
  "$PULLBACK" backup "$h" --dry-run >"$LOGS/dry-run-$h.txt" 2>&1 || die "dry run of $h: $(cat "$LOGS/dry-run-$h.txt")"
  line=$(grep -m1 '^  \$ rsync ' "$LOGS/dry-run-$h.txt") || die "no rsync command line in the dry run of $h"
  eval "argv=(${line#  \$ })"
  out=()
  for a in "${argv[@]}"; do [ "$a" = --dry-run ] || out+=("$a"); done
  unset 'out[${#out[@]}-1]'
  out+=("$RAW/$h/$FOLDER/")
  link="--link-dest=$ROOT/$h/hourly/${BASE[$h]}/$FOLDER"
  printf '%s\n' "${out[@]}" | grep -qxF -- "$link" || die "the dry run of $h does not link against $link: $line"
  RAWCMD[$h]=$(printf '%q ' "${out[@]}")
  printf '%s\n' "${RAWCMD[$h]}" >"$LOGS/raw-command-$h.txt"
  log "raw $h: ${RAWCMD[$h]}"
done

# ---------------------------------------------------------------- one run of each tool
# Every run starts with a clean page cache dirty list (sync, untimed): the previous run's
# hardlinks and the deletion of its output are flushed before the clock starts, so neither tool
# pays for the other's writes.
ino() { stat -c %i "$1" 2>/dev/null || echo none; }

check_tree() { # $1 = top of a new copy of the source tree, $2 = base copy, $3 = row kind; prints why not
  local new=$1 base=$2 kind=$3
  [ -d "$new" ] || { echo "no $new"; return; }
  [ "$(ino "$new/$UNCHANGED")" = "$(ino "$base/$UNCHANGED")" ] || { echo "$UNCHANGED is not hardlinked to the base"; return; }
  if [ "$LARGE" -gt 0 ] && [ "$(ino "$new/large/large-00.bin")" != "$(ino "$base/large/large-00.bin")" ]; then
    echo "large/large-00.bin is not hardlinked to the base"; return
  fi
  if [ "$kind" = pct ]; then
    [ "$(ino "$new/$MUTATED")" != "$(ino "$base/$MUTATED")" ] || { echo "$MUTATED still hardlinked after the change"; return; }
    cmp -s "$new/$MUTATED" "$TREE/$MUTATED" || { echo "$MUTATED differs from the source"; return; }
  fi
}

LAST_NS=0; LAST_T0=0; LAST_T1=0
run_raw() { # host kind label -> LAST_NS, returns 1 on a failure under --keep-going
  local h=$1 kind=$2 label=$3 rc t0 t1 why
  rm -rf "$RAW/$h"; sync
  t0=$(now_ns)
  rc=0
  mkdir -p "$RAW/$h/$FOLDER" && eval "LC_ALL=C ${RAWCMD[$h]}" >"$LOGS/last-raw-$h.txt" 2>&1 || rc=$?
  t1=$(now_ns)
  LAST_NS=$((t1 - t0))
  if [ "$rc" != 0 ]; then
    cp "$LOGS/last-raw-$h.txt" "$LOGS/failed-raw-$h-$label.txt"
    fail "raw rsync $h ($label) exit $rc: $(tail -3 "$LOGS/last-raw-$h.txt")" || return 1
  fi
  why=$(check_tree "$RAW/$h/$FOLDER" "$ROOT/$h/hourly/${BASE[$h]}/$FOLDER" "$kind")
  rm -rf "$RAW/$h"
  [ -z "$why" ] || { fail "raw rsync $h ($label): $why" || return 1; }
  return 0
}

run_pullback() {
  local h=$1 kind=$2 label=$3 rc t0 t1 why="" snaps new
  sync
  t0=$(now_ns)
  rc=0
  "$PULLBACK" backup "$h" >"$LOGS/last-pullback-$h.txt" 2>&1 || rc=$?
  t1=$(now_ns)
  LAST_NS=$((t1 - t0)); LAST_T0=$t0; LAST_T1=$t1
  snaps=$(complete_snapshots "$h" | grep -vxF "${BASE[$h]}" || true)
  new=$(head -1 <<<"$snaps")
  if [ "$rc" != 0 ]; then
    why="exit $rc: $(tail -3 "$LOGS/last-pullback-$h.txt")"
  elif [ -z "$new" ]; then
    why="no new snapshot with a marker (skipped?): $(cat "$LOGS/last-pullback-$h.txt")"
  elif [ "$(wc -l <<<"$snaps")" != 1 ]; then
    why="more than one new snapshot: $snaps"
  else
    why=$(check_tree "$ROOT/$h/hourly/$new/$FOLDER" "$ROOT/$h/hourly/${BASE[$h]}/$FOLDER" "$kind")
  fi
  # Back to the base alone (untimed), so the next run links against the same base again.
  local d
  for d in "$ROOT/$h/hourly"/* "$ROOT/$h/hourly"/.[!.]*; do
    [ -e "$d" ] || continue
    [ "$(basename "$d")" = "${BASE[$h]}" ] || rm -rf "$d"
  done
  if [ -n "$why" ]; then
    cp "$LOGS/last-pullback-$h.txt" "$LOGS/failed-pullback-$h-$label.txt"
    fail "pullback backup $h ($label): $why" || return 1
  fi
  return 0
}

# ---------------------------------------------------------------- rows
declare -A RAW_T PB_T
run_row() { # row-name host kind
  local row=$1 h=$2 kind=$3 i
  log "row $row: warm-up (untimed) ..."
  run_raw "$h" "$kind" warmup || true
  run_pullback "$h" "$kind" warmup || true
  RAW_T[$row]=""; PB_T[$row]=""
  for i in $(seq 1 "$RUNS"); do
    if run_raw "$h" "$kind" "$i"; then RAW_T[$row]+="$LAST_NS "; fi
    local r=$LAST_NS
    if run_pullback "$h" "$kind" "$i"; then PB_T[$row]+="$LAST_NS "; fi
    log "row $row run $i/$RUNS: raw $(fmt "$r") s, pullback $(fmt "$LAST_NS") s"
  done
}

fmt() { awk -v n="$1" 'BEGIN { printf "%.3f", n / 1e9 }'; }
median() { # nanosecond values -> median in ns (mean of the middle two for an even count)
  tr ' ' '\n' <<<"$*" | grep . | sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print ""; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

run_row "local no-op" "$LOCAL_HOST" noop
run_row "ssh no-op" "$SSH_HOST" noop

# ---------------------------------------------------------------- optional breakdown (no-op state)
if [ "$BREAKDOWN" = 1 ]; then
  # shellcheck source=breakdown.inc.sh
  . "$bench_dir/breakdown.inc.sh"
fi

log "changing 1 % of the files (content and mtime) ..."
"$JAVA" "$bench_dir/TreeGen.java" mutate "$TREE" "$FILES" 1 >"$LOGS/mutate.txt"
log "changed: $(cat "$LOGS/mutate.txt")"

run_row "local 1%" "$LOCAL_HOST" pct
run_row "ssh 1%" "$SSH_HOST" pct

# ---------------------------------------------------------------- report
{
  echo "pullback bench, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo), $(uname -sr), $(df -PT "$WORK" | awk 'NR==2 {print $2}') on $(df -P "$WORK" | awk 'NR==2 {print $1}')"
  echo "tools: $(rsync --version | head -1 | sed 's/  */ /g'); $(ssh -V 2>&1); pullback $("$PULLBACK" --version 2>&1 | head -1)"
  echo "tree: $tree_files files ($FILES of 1-8 KiB, 50 per directory, and $LARGE of 20-50 MiB) in $tree_dirs directories, $((tree_bytes / 1048576)) MiB; 1% row: $(cut -d, -f1 "$LOGS/mutate.txt") rewritten"
  echo "runs: $RUNS timed per tool and row, alternating raw/pullback, after one untimed warm-up of each; $(if [ "$LIVE" = 1 ]; then echo "live launcher"; else echo "frozen copy of launcher+jar"; fi)"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  printf '%-12s %14s %19s %7s %11s\n' row "raw median s" "pullback median s" ratio "overhead s"
  for row in "local no-op" "local 1%" "ssh no-op" "ssh 1%"; do
    r=$(median ${RAW_T[$row]}); p=$(median ${PB_T[$row]})
    if [ -z "$r" ] || [ -z "$p" ]; then
      printf '%-12s %14s %19s %7s %11s\n' "$row" "${r:+$(fmt "$r")}" "${p:+$(fmt "$p")}" n/a n/a
    else
      printf '%-12s %14s %19s %7s %11s\n' "$row" "$(fmt "$r")" "$(fmt "$p")" \
        "$(awk -v a="$p" -v b="$r" 'BEGIN { printf "%.2f", a / b }')" "$(fmt $((p - r)))"
    fi
  done
  echo
  echo "all runs (s):"
  for row in "local no-op" "local 1%" "ssh no-op" "ssh 1%"; do
    printf '  %-12s raw     ' "$row"; for v in ${RAW_T[$row]}; do printf ' %s' "$(fmt "$v")"; done; echo
    printf '  %-12s pullback' "$row"; for v in ${PB_T[$row]}; do printf ' %s' "$(fmt "$v")"; done; echo
  done
  if [ "$BREAKDOWN" = 1 ] && [ -s "$LOGS/breakdown.txt" ]; then
    echo
    cat "$LOGS/breakdown.txt"
  fi
  [ "$failures" = 0 ] || echo "FAILURES: $failures (see $LOGS/failed-*)"
} >"$RESULTS"
cat "$RESULTS"
[ "$failures" = 0 ]
