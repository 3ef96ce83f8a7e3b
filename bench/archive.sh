#!/usr/bin/env bash
# Archive benchmark: on one generated home-like snapshot, times in one run
#   tar | gzip -6         Backup Manager's archive (its TAR_COMPRESSION_LEVEL default)
#   tar | pigz -6         the same format on every core, for reference
#   tar | zstd -3 -T0     the bare pipeline pullback's default corresponds to
#   tar | zstd -1 -T0     the fastest zstd level, for reference
#   tar (pullback's flags) | zstd -3 -T0   the same, with exactly the tar options pullback uses
#   tar | zstd -3 -T0, then fsync   the bare pipeline made as durable as pullback's archive
#   pullback archive      pullback's own tar stage (HeavyPipeline.tar), in-process
# and prints MB/s (input bytes / wall seconds), archive size ratios, and the ratios
# zstd vs gzip -6 (target >= 10x throughput, no larger) and pullback vs bare tar | zstd
# (target <= 1.10). See bench/README.md.
set -euo pipefail

usage() {
  cat <<'EOF2'
usage: bench/archive.sh [options]
  -w, --work DIR    work directory (env BENCH_WORK, default bench/work/archive)
  -n, --files N     small files, 1-8 KiB (env BENCH_FILES, default 100000)
  -l, --large N     large files, 20-50 MiB (env BENCH_LARGE, default 40)
  -r, --runs N      timed runs per method (env BENCH_RUNS, default 3)
  -m, --methods L   comma-separated subset of: gzip6,pigz6,zstd3,zstd1,zstd3flags,zstd3sync,pullback
                    (env BENCH_METHODS, default all); ratios need the methods they compare
      --keep        keep the generated snapshot at the end (env BENCH_KEEP=1)
  -h, --help
Results: printed, and written to WORK/results.txt.
EOF2
}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
WORK=${BENCH_WORK:-$bench_dir/work/archive}
FILES=${BENCH_FILES:-100000}
LARGE=${BENCH_LARGE:-40}
RUNS=${BENCH_RUNS:-3}
KEEP=${BENCH_KEEP:-0}
ONLY=${BENCH_METHODS:-}
while [ $# -gt 0 ]; do
  case "$1" in
    -w|--work) WORK=$2; shift 2 ;;
    -n|--files) FILES=$2; shift 2 ;;
    -l|--large) LARGE=$2; shift 2 ;;
    -r|--runs) RUNS=$2; shift 2 ;;
    -m|--methods) ONLY=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "archive bench: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
for v in FILES LARGE RUNS; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "archive bench: $v must be a number" >&2; exit 2; }
done
[ "$RUNS" -ge 1 ] || { echo "archive bench: need --runs >= 1" >&2; exit 2; }

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
now_ns() { date +%s%N; }
for prog in tar gzip pigz zstd; do command -v "$prog" >/dev/null || die "$prog is not installed"; done

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
ROOT=$WORK/root
HOST=bench
SNAP_NAME=2024-01-01_0000
SNAP=$ROOT/$HOST/hourly/$SNAP_NAME
OUT=$WORK/out
RESULTS=$WORK/results.txt
cleanup() {
  local rc=$?
  rm -rf "$OUT" "$ROOT/$HOST/archives"
  [ "$KEEP" = 1 ] || rm -rf "$ROOT"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- java and pullback's classes
pick_jdk() {
  local best="" best_v=0 d v
  for d in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null)
    [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ] && { best=$d; best_v=$v; }
  done
  [ -n "$best" ] || die "no JDK >= 21 found"
  echo "$best"
}
export JAVA_HOME=$(pick_jdk)
JAVA=$JAVA_HOME/bin/java
log "compiling pullback (mvn -q -DskipTests compile) ..."
(cd "$repo" && mvn -q -DskipTests compile) || die "mvn compile failed"
# a frozen copy: an edit made to src/ while the bench runs cannot change what is measured
rm -rf "$WORK/classes"
cp -r "$repo/target/classes" "$WORK/classes"

# ---------------------------------------------------------------- the snapshot
# Laid out as pullback's engine leaves it: hourly/<name>/ with a marker, and latest -> it. The
# tar stage reads only that directory, the marker's presence and the latest link.
if [ -f "$SNAP/.snapshot_complete" ] && [ "$(cat "$WORK/tree.params" 2>/dev/null)" = "$FILES $LARGE" ]; then
  log "reusing the snapshot in $SNAP"
else
  rm -rf "$ROOT"
  log "generating a home-like tree: $FILES small + $LARGE large files ..."
  "$JAVA" "$bench_dir/TreeGen.java" home "$SNAP/home" "$FILES" "$LARGE" >&2
  printf '{"version":1,"host":"%s","name":"%s","status":"complete"}\n' "$HOST" "$SNAP_NAME" >"$SNAP/.snapshot_complete"
  ln -sfn "hourly/$SNAP_NAME" "$ROOT/$HOST/latest"
  echo "$FILES $LARGE" >"$WORK/tree.params"
fi
input_bytes=$(find "$SNAP" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
input_files=$(find "$SNAP" -type f | wc -l)
log "snapshot: $input_files files, $((input_bytes / 1048576)) MiB"

# ---------------------------------------------------------------- methods
PB_TAR_FLAGS=(--format=posix --sparse --numeric-owner --acls --xattrs)
mkdir -p "$OUT"
# each prints "<nanoseconds> <archive bytes>" and leaves nothing behind
run_shell() { # $1 output file, $2... the pipeline as a shell string
  local file=$1 t0 t1 size
  shift
  sync
  t0=$(now_ns)
  bash -o pipefail -c "$*" || die "failed: $*"
  t1=$(now_ns)
  size=$(stat -c %s "$file")
  [ "$first_run" = 1 ] && check "$file"
  rm -f "$file"
  echo "$((t1 - t0)) $size"
}
check() { # untimed: the archive must decompress and list
  case "$1" in
    *.zst) zstd -dc "$1" | tar -tf - >/dev/null || die "$1 does not list" ;;
    *.gz) gzip -dc "$1" | tar -tf - >/dev/null || die "$1 does not list" ;;
  esac
}
q() { printf '%q' "$1"; }
m_gzip6() { run_shell "$OUT/a.tar.gz" "tar -cf - -C $(q "$SNAP") . | gzip -6 > $(q "$OUT/a.tar.gz")"; }
m_pigz6() { run_shell "$OUT/a.tar.gz" "tar -cf - -C $(q "$SNAP") . | pigz -6 > $(q "$OUT/a.tar.gz")"; }
m_zstd3() { run_shell "$OUT/a.tar.zst" "tar -cf - -C $(q "$SNAP") . | zstd -3 -T0 -q > $(q "$OUT/a.tar.zst")"; }
m_zstd1() { run_shell "$OUT/a.tar.zst" "tar -cf - -C $(q "$SNAP") . | zstd -1 -T0 -q > $(q "$OUT/a.tar.zst")"; }
m_zstd3sync() {
  run_shell "$OUT/a.tar.zst" "tar -cf - -C $(q "$SNAP") . | zstd -3 -T0 -q > $(q "$OUT/a.tar.zst") && sync $(q "$OUT/a.tar.zst")"
}
m_zstd3flags() {
  run_shell "$OUT/a.tar.zst" "tar -cf - ${PB_TAR_FLAGS[*]} -C $(q "$SNAP") . | zstd -3 -T0 -q > $(q "$OUT/a.tar.zst")"
}
m_pullback() {
  local line ns size file
  rm -rf "$ROOT/$HOST/archives"
  sync
  line=$("$JAVA" -cp "$WORK/classes" "$bench_dir/ArchiveBench.java" "$ROOT" "$HOST" zstd 3) || die "pullback archive step failed"
  read -r ns size tar_stream_bytes file <<<"$line"
  echo "$tar_stream_bytes" >"$WORK/tar-stream-bytes"
  [ "$first_run" = 1 ] && check "$file"
  rm -rf "$ROOT/$HOST/archives"
  echo "$ns $size"
}
METHODS=(gzip6 pigz6 zstd3 zstd1 zstd3flags zstd3sync pullback)
if [ -n "$ONLY" ]; then
  IFS=, read -r -a METHODS <<<"$ONLY"
  for m in "${METHODS[@]}"; do declare -F "m_$m" >/dev/null || die "unknown method $m"; done
fi
declare -A LABEL=(
  [gzip6]="tar | gzip -6 (Backup Manager)"
  [pigz6]="tar | pigz -6"
  [zstd3]="tar | zstd -3 -T0"
  [zstd1]="tar | zstd -1 -T0"
  [zstd3flags]="tar + pullback's flags | zstd -3 -T0"
  [zstd3sync]="tar | zstd -3 -T0, then fsync the file"
  [pullback]="pullback archive step (zstd -3)"
)
declare -A TIMES SIZE

log "warm-up: reading the snapshot into the page cache (untimed) ..."
tar -cf - -C "$SNAP" . | cat >/dev/null

for r in $(seq 1 "$RUNS"); do
  first_run=$([ "$r" = 1 ] && echo 1 || echo 0)
  # rotate the order each run, so no method always follows the same one
  n=${#METHODS[@]}
  for k in $(seq 0 $((n - 1))); do
    m=${METHODS[$(((k + r - 1) % n))]}
    read -r ns size <<<"$(m_$m)"
    TIMES[$m]+="$ns "
    SIZE[$m]=$size
    log "run $r/$RUNS ${LABEL[$m]}: $(awk -v n="$ns" 'BEGIN {printf "%.2f", n / 1e9}') s, $size bytes"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
minimum() { tr ' ' '\n' | grep -v '^$' | sort -n | head -1; }
declare -A MED MIN
for m in "${METHODS[@]}"; do
  MED[$m]=$(echo "${TIMES[$m]}" | median)
  MIN[$m]=$(echo "${TIMES[$m]}" | minimum)
done
tar_stream_bytes=$(cat "$WORK/tar-stream-bytes")
ratio() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}' || echo "-"; }

{
  echo "archive benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $RUNS runs per method (order rotated each run)"
  echo "machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(df -T "$WORK" | awk 'NR == 2 {print $2}') on $(df "$WORK" | awk 'NR == 2 {print $1}')"
  echo "tools: $(tar --version | head -1), gzip $(gzip --version | head -1 | awk '{print $2}'), $(pigz --version 2>&1), zstd $(zstd --version | sed 's/.* v\([0-9.]*\).*/\1/'), java $("$JAVA" -version 2>&1 | head -1)"
  echo "snapshot: $input_files files, $input_bytes bytes ($(awk -v b="$input_bytes" 'BEGIN {printf "%.2f", b / 1073741824}') GiB), tar stream with pullback's flags $tar_stream_bytes bytes"
  echo
  printf '| %-40s | %9s | %9s | %8s | %12s | %6s |\n' "method" "median s" "best s" "MB/s" "archive MiB" "size %"
  printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "----------:" "----------:" "---------:" "-------------:" "-------:"
  for m in "${METHODS[@]}"; do
    awk -v l="${LABEL[$m]}" -v t="${MED[$m]}" -v b="${MIN[$m]}" -v s="${SIZE[$m]}" -v inb="$input_bytes" \
      'BEGIN {gsub(/ [|] /, " \\| ", l); printf "| %-40s | %9.2f | %9.2f | %8.1f | %12.1f | %6.1f |\n", l, t / 1e9, b / 1e9, inb / 1e6 / (t / 1e9), s / 1048576, 100 * s / inb}'
  done
  echo "(MB/s from the median; size % = archive / input bytes)"
  echo
  echo "ratio                                                   median   best   target"
  printf '%-55s %6s %6s   %s\n' "zstd -3 -T0 vs gzip -6, throughput" "$(ratio "${MED[gzip6]:-}" "${MED[zstd3]:-}")" "$(ratio "${MIN[gzip6]:-}" "${MIN[zstd3]:-}")" ">= 10"
  printf '%-55s %6s %6s   %s\n' "zstd -1 -T0 vs gzip -6, throughput" "$(ratio "${MED[gzip6]:-}" "${MED[zstd1]:-}")" "$(ratio "${MIN[gzip6]:-}" "${MIN[zstd1]:-}")" ""
  printf '%-55s %6s %6s   %s\n' "zstd -3 archive size / gzip -6 archive size" "$(ratio "${SIZE[zstd3]:-}" "${SIZE[gzip6]:-}")" "" "<= 1"
  printf '%-55s %6s %6s   %s\n' "pullback archive time / bare tar | zstd -3" "$(ratio "${MED[pullback]:-}" "${MED[zstd3]:-}")" "$(ratio "${MIN[pullback]:-}" "${MIN[zstd3]:-}")" "<= 1.10"
  printf '%-55s %6s %6s   %s\n' "pullback / bare with pullback's tar flags" "$(ratio "${MED[pullback]:-}" "${MED[zstd3flags]:-}")" "$(ratio "${MIN[pullback]:-}" "${MIN[zstd3flags]:-}")" ""
  printf '%-55s %6s %6s   %s\n' "pullback / bare tar | zstd -3 then fsync" "$(ratio "${MED[pullback]:-}" "${MED[zstd3sync]:-}")" "$(ratio "${MIN[pullback]:-}" "${MIN[zstd3sync]:-}")" ""
} | tee "$RESULTS"
