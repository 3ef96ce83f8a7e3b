#!/usr/bin/env bash
# Discovery benchmark (see bench/README.md, "Discovery"): the preflight and import plan over
# 1k..10k snapshot directories of one host (markers only; target < 5 s at 10k), and at 10k once
# more with files in every snapshot: the time must follow the snapshots, not the files.
set -euo pipefail
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
WORK=${BENCH_WORK:-$bench_dir/work}
FILES=${BENCH_FILES:-20}
java_ok() { "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); exit !(v[1] >= 21) }'; }
JAVA=
for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} $(command -v java 2>/dev/null) /usr/lib/jvm/*/bin/java; do
  [ -x "$c" ] && java_ok "$c" && { JAVA=$c; break; }
done
[ -n "$JAVA" ] || { echo "discovery bench: no JDK >= 21 found (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME=$(dirname "$(dirname "$JAVA")")
D=$WORK/discovery
mkdir -p "$D"
(cd "$repo" && mvn -q -o compile dependency:build-classpath -Dmdep.outputFile="$D/classpath.txt" >"$D/mvn.log" 2>&1) \
  || (cd "$repo" && mvn -q compile dependency:build-classpath -Dmdep.outputFile="$D/classpath.txt" >"$D/mvn.log" 2>&1) \
  || { cat "$D/mvn.log" >&2; exit 1; }
{
  echo "discovery bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, file system $(df -T "$D" | awk 'NR==2 {print $2}')"
  "$JAVA" -cp "$repo/target/classes:$(cat "$D/classpath.txt")" "$bench_dir/DiscoveryBench.java" "$D/trees" "$@" --files "$FILES"
} | tee "$D/results.txt"
[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$D/trees"
