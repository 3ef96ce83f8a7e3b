# Sourced by bench/bench.sh --breakdown (not run on its own), in the no-op state: the tree equals
# the base snapshots. Measures where `pullback backup` spends the time raw rsync does not:
#   - launcher + JVM start alone, JVM + picocli (--version), JVM + Spring + SQLite (hosts);
#   - the phases of a real `pullback backup` run, timed from the outside by wrapping the two
#     programs pullback starts (rsync, sync) in scripts that log their start and end;
#   - raw rsync with and without its output options, and the cost of `sync -f` after it.
# Every number is the median of RUNS runs after one untimed warm-up; every run starts after an
# untimed `sync`.

bd_out=$LOGS/breakdown.txt
: >"$bd_out"
bd() { printf '%s\n' "$*" >>"$bd_out"; log "breakdown: $*"; }
bd_row() { printf '  %-58s %8s s\n' "$1" "$(fmt "$2")" >>"$bd_out"; log "breakdown: $1: $(fmt "$2") s"; }

# median of RUNS runs (plus one warm-up) of a shell command string; $2 runs untimed after each run
bd_time() {
  local cmd=$1 after=${2:-:} i t0 t1 all=""
  for i in $(seq 0 "$RUNS"); do
    sync
    t0=$(now_ns)
    eval "$cmd" >/dev/null 2>&1 || die "breakdown: failed: $cmd"
    t1=$(now_ns)
    eval "$after"
    [ "$i" = 0 ] || all+="$((t1 - t0)) "
  done
  median $all
}

# ---- start-up costs
bd "breakdown (median of $RUNS, no-op state, $tree_files files)"
bd "start-up:"
bd_jvm=$(PULLBACK_JAVA_OPTS=-XshowSettings:properties "$PULLBACK" --version 2>&1 | sed -n 's/^ *java.home = //p')
bd_row "bare JVM, no launcher (java -XX:TieredStopAtLevel=1 -version)" \
  "$(bd_time '"$bd_jvm/bin/java" -XX:TieredStopAtLevel=1 -version')"
bd_row "launcher + bare JVM (PULLBACK_JAVA_OPTS=-version)" \
  "$(bd_time 'PULLBACK_JAVA_OPTS=-version "$PULLBACK" --version')"
bd_row "launcher + JVM + picocli (pullback --version)" "$(bd_time '"$PULLBACK" --version')"
bd_row "launcher + JVM + Spring + SQLite (pullback hosts)" "$(bd_time '"$PULLBACK" hosts')"
bd_row "same with the JVM class cache off (-XX:AOTMode=off)" \
  "$(bd_time 'PULLBACK_JAVA_OPTS=-XX:AOTMode=off "$PULLBACK" hosts')"

bd "what-if (JVM/Spring options only, pullback unchanged; pullback hosts):"
bd_row "Flyway off (-Dspring.flyway.enabled=false)" \
  "$(bd_time 'PULLBACK_JAVA_OPTS=-Dspring.flyway.enabled=false "$PULLBACK" hosts')"
bd_row "lazy beans (-Dspring.main.lazy-initialization=true)" \
  "$(bd_time 'PULLBACK_JAVA_OPTS=-Dspring.main.lazy-initialization=true "$PULLBACK" hosts')"
bd_row "both" \
  "$(bd_time 'PULLBACK_JAVA_OPTS="-Dspring.flyway.enabled=false -Dspring.main.lazy-initialization=true" "$PULLBACK" hosts')"

# ---- phases of pullback backup, seen from wrappers around rsync and sync
wrap=$WORK/wrap
mkdir -p "$wrap"
for prog in rsync sync; do
  real=$(command -v "$prog")
  cat >"$wrap/$prog" <<EOF
#!/bin/bash
s=\$(date +%s%N)
"$real" "\$@"
rc=\$?
echo "$prog \${1:-none} \$s \$(date +%s%N)" >>"\$BENCH_WRAP_LOG"
exit \$rc
EOF
  chmod +x "$wrap/$prog"
done
export BENCH_WRAP_LOG=$LOGS/wrap.log
for h in "$LOCAL_HOST" "$SSH_HOST"; do
  declare -a ph_a=() ph_b=() ph_c=() ph_d=() ph_e=() ph_t=()
  for i in $(seq 0 "$RUNS"); do
    : >"$BENCH_WRAP_LOG"
    PATH="$wrap:$PATH" run_pullback "$h" noop "breakdown-$i" || continue
    # rsync --version (pullback checks the installed rsync at start-up) and the untimed plain
    # `sync` before the run are left out: the transfer is the rsync call with other arguments,
    # the flush is `sync -f`.
    rs=$(awk '$1 == "rsync" && $2 != "--version" {print $3; exit}' "$BENCH_WRAP_LOG")
    re=$(awk '$1 == "rsync" && $2 != "--version" {print $4; exit}' "$BENCH_WRAP_LOG")
    ss_=$(awk '$1 == "sync" && $2 == "-f" {print $3; exit}' "$BENCH_WRAP_LOG")
    se=$(awk '$1 == "sync" && $2 == "-f" {print $4; exit}' "$BENCH_WRAP_LOG")
    [ -n "$rs" ] && [ -n "$ss_" ] || die "breakdown: the wrappers saw no rsync/sync call: $(cat "$BENCH_WRAP_LOG")"
    [ "$i" = 0 ] && continue
    ph_a+=($((rs - LAST_T0))); ph_b+=($((re - rs))); ph_c+=($((ss_ - re)))
    ph_d+=($((se - ss_))); ph_e+=($((LAST_T1 - se))); ph_t+=($((LAST_T1 - LAST_T0)))
  done
  bd "pullback backup $h, phases (wrapper scripts add ~2 ms each to rsync and sync):"
  bd_row "total" "$(median "${ph_t[@]}")"
  bd_row "start -> rsync starts (launcher, JVM, Spring, lock, base scan)" "$(median "${ph_a[@]}")"
  bd_row "rsync" "$(median "${ph_b[@]}")"
  bd_row "rsync ends -> sync -f starts" "$(median "${ph_c[@]}")"
  bd_row "sync -f (syncfs of the backup file system)" "$(median "${ph_d[@]}")"
  bd_row "sync -f ends -> exit (marker, fsyncs, rename, links, SQLite)" "$(median "${ph_e[@]}")"
done
unset BENCH_WRAP_LOG

# ---- raw rsync: output options, and the flush pullback adds
for h in "$LOCAL_HOST" "$SSH_HOST"; do
  eval "full=(${RAWCMD[$h]})"
  variant() { # prints the raw command without the options given as arguments, shell-quoted
    local a x skip out=()
    for a in "${full[@]}"; do
      skip=0
      for x in "$@"; do case "$a" in "$x"*) skip=1 ;; esac; done
      [ "$skip" = 1 ] || out+=("$a")
    done
    printf '%q ' "${out[@]}"
  }
  clean="rm -rf $(printf %q "$RAW/$h")"
  mk="mkdir -p $(printf %q "$RAW/$h/$FOLDER") &&"
  bd "raw rsync $h:"
  bd_row "as pullback runs it (output to a file)" "$(bd_time "$mk LC_ALL=C ${RAWCMD[$h]} >$(printf %q "$LOGS/bd-raw.txt")" "$clean")"
  bd_row "same, output read through a pipe (| cat)" "$(bd_time "$mk LC_ALL=C ${RAWCMD[$h]} | cat >/dev/null" "$clean")"
  bd_row "without --info=progress2" "$(bd_time "$mk LC_ALL=C $(variant --info=progress2) >/dev/null" "$clean")"
  bd_row "without --out-format" "$(bd_time "$mk LC_ALL=C $(variant --out-format) >/dev/null" "$clean")"
  bd_row "without --info=progress2, --out-format, --stats" \
    "$(bd_time "$mk LC_ALL=C $(variant --info=progress2 --out-format --stats) >/dev/null" "$clean")"
  bd_row "as pullback runs it, then sync -f (timed together)" \
    "$(bd_time "$mk LC_ALL=C ${RAWCMD[$h]} >/dev/null && sync -f $(printf %q "$RAW/$h")" "$clean")"
  # sync -f alone, right after an untimed raw run
  all=""
  for i in $(seq 0 "$RUNS"); do
    rm -rf "${RAW:?}/$h"; sync
    mkdir -p "$RAW/$h/$FOLDER"; eval "LC_ALL=C ${RAWCMD[$h]}" >/dev/null 2>&1 || die "breakdown: raw rsync failed"
    t0=$(now_ns); sync -f "$RAW/$h"; t1=$(now_ns)
    [ "$i" = 0 ] || all+="$((t1 - t0)) "
  done
  rm -rf "${RAW:?}/$h"
  bd_row "sync -f alone, right after a raw run" "$(median $all)"
done
bd_row "sync -f with nothing dirty" "$(bd_time 'sync -f "$ROOT"')"
