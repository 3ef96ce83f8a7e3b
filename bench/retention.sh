#!/usr/bin/env bash
# Retention benchmark (see bench/README.md, "Retention"):
#  (a) planning over N snapshots, in-process (target: well under a second);
#  (b) removing one hardlinked snapshot of a FILES-file tree with retention apply versus
#      `rm -rf` of an identical hardlinked tree, alternating in one run (target: <= 1.10),
#      plus listings and the host lock while a background deletion runs.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/retention.sh [options]
  -w, --work DIR      work directory (env BENCH_WORK, default bench/work); uses WORK/retention/
  -n, --files N       small files in the tree (env BENCH_FILES, default 100000)
  -r, --runs N        timed runs of apply and of rm -rf (env BENCH_RUNS, default 9)
  -s, --snapshots N   snapshots to plan over (env BENCH_SNAPSHOTS, default 100000)
      --keep          keep the generated tree (env BENCH_KEEP=1)
  -h, --help
Results: printed, and written to WORK/retention/results.txt.
USAGE
}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
WORK=${BENCH_WORK:-$bench_dir/work}
FILES=${BENCH_FILES:-100000}
RUNS=${BENCH_RUNS:-9}
SNAPSHOTS=${BENCH_SNAPSHOTS:-100000}
KEEP=${BENCH_KEEP:-0}
while [ $# -gt 0 ]; do
  case "$1" in
    -w|--work) WORK=$2; shift 2 ;;
    -n|--files) FILES=$2; shift 2 ;;
    -r|--runs) RUNS=$2; shift 2 ;;
    -s|--snapshots) SNAPSHOTS=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "retention bench: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
for v in FILES RUNS SNAPSHOTS; do
  [[ ${!v} =~ ^[0-9]+$ ]] && [ "${!v}" -ge 1 ] || { echo "retention bench: $v must be a number >= 1" >&2; exit 2; }
done

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# a JDK >= 21: the compiled classes target release 21
java_ok() { "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); exit !(v[1] >= 21) }'; }
find_java() {
  local c
  for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} $(command -v java 2>/dev/null) /usr/lib/jvm/*/bin/java; do
    [ -x "$c" ] && java_ok "$c" && { echo "$c"; return; }
  done
  echo "retention bench: no JDK >= 21 found (set JAVA_HOME)" >&2; exit 1
}
JAVA=$(find_java)
export JAVA_HOME=$(dirname "$(dirname "$JAVA")")

D=$WORK/retention
mkdir -p "$D"
D=$(cd "$D" && pwd)
RESULTS=$D/results.txt

log "compiling (mvn compile) and resolving the class path"
(cd "$repo" && mvn -q -o compile dependency:build-classpath -Dmdep.outputFile="$D/classpath.txt" >"$D/mvn.log" 2>&1) \
  || (cd "$repo" && mvn -q compile dependency:build-classpath -Dmdep.outputFile="$D/classpath.txt" >"$D/mvn.log" 2>&1) \
  || { cat "$D/mvn.log" >&2; exit 1; }
CP=$repo/target/classes:$(cat "$D/classpath.txt")

{
  echo "retention bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "rm: $(rm --version | head -1); file system of the work dir: $(df -T "$D" | awk 'NR==2 {print $2}')"
  echo
  echo "== (a) planning"
} | tee "$RESULTS"
"$JAVA" -cp "$CP" "$bench_dir/RetentionPlanBench.java" "$SNAPSHOTS" 15 | tee -a "$RESULTS"

TREE=$D/tree
if [ ! -f "$D/tree.files-$FILES" ]; then
  log "generating a tree of $FILES files"
  rm -rf "$TREE" "$D"/tree.files-*
  "$JAVA" "$bench_dir/TreeGen.java" gen "$TREE" "$FILES" 0 >"$D/treegen.txt"
  touch "$D/tree.files-$FILES"
fi
{ echo; echo "== (b) removing one hardlinked snapshot: apply vs rm -rf"; } | tee -a "$RESULTS"
"$JAVA" -cp "$CP" "$bench_dir/RetentionApplyBench.java" "$D/run" "$TREE" "$RUNS" | tee -a "$RESULTS"
rm -rf "$D/run"
[ "$KEEP" = 1 ] || rm -rf "$TREE" "$D"/tree.files-*
log "results in $RESULTS"
