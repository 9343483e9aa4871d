#!/usr/bin/env bash
# Resident memory per JVM flag set (issue 10: the image's flags keep RSS under 300 MB): for each variant a fresh start,
# 1 installation, 30 s of verified calls at saturation, then RSS split into anonymous memory (heap, metaspace, code,
# threads) and file-backed pages (the jar, the AppCDS archive: shared and reclaimable). Appends to summary.txt.
set -euo pipefail
OUT=bench/results/memory
DB=${DB:-gh_memory_bench}
source "$(dirname "$0")/ops-lib.sh"
PORT=${PORT:-18330}
SITE=https://bench-0.example.com
BASE="-Xmx160m -Xss512k -XX:MaxDirectMemorySize=64m -XX:ReservedCodeCacheSize=64m"
VARIANTS=${VARIANTS:-g1-cds serial-cds g1-128-cds g1-cds-arenas2}
ROUNDS=${ROUNDS:-2}
trap 'stop_replica m' EXIT

flags() {
  case $1 in
    g1) echo "$BASE" ;;
    g1-cds) echo "$BASE -XX:SharedArchiveFile=$OUT/gatehouse.jsa" ;;
    serial-cds) echo "$BASE -XX:+UseSerialGC -XX:SharedArchiveFile=$OUT/gatehouse.jsa" ;;
    g1-cds-arenas2) echo "$BASE -XX:SharedArchiveFile=$OUT/gatehouse.jsa" ;;   # and MALLOC_ARENA_MAX=2, below
    g1-128-cds) echo "${BASE/-Xmx160m/-Xmx128m} -XX:SharedArchiveFile=$OUT/gatehouse.jsa" ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}
rss_split() {  # "RSS N MB (anonymous N, file N)"
  awk '/^VmRSS/ {t=$2} /^RssAnon/ {a=$2} /^RssFile/ {f=$2} /^RssShmem/ {s=$2}
       END {printf "RSS %d MB (anonymous %d, file-backed %d)", t/1024, a/1024, (f+s)/1024}' "/proc/$(cat "$OUT/m.pid")/status"
}

fresh_database
JAVA_FLAGS="$BASE -XX:ArchiveClassesAtExit=$OUT/gatehouse.jsa" start_replica m "$PORT"; wait_ready "$PORT"
python3 bench/gatehouse_bench.py register "$PORT" "$GATEHOUSE_ADMIN_JWT_SECRET" 1 "$SITE" "$OUT" >/dev/null
URL="http://127.0.0.1:$PORT/i/$(cat "$OUT/id")/bindings"
wrk -t2 -c32 -d10s -s "$OUT/bindings.lua" "$URL" > /dev/null
stop_replica m
for r in $(seq 1 "$ROUNDS"); do for v in $VARIANTS; do
  arenas=; [ "$v" = g1-cds-arenas2 ] && arenas=2   # glibc's malloc arenas: 8 per core by default (C2, Netty threads)
  MALLOC_ARENA_MAX=${arenas:-${MALLOC_ARENA_MAX:-}} JAVA_FLAGS="$(flags "$v")" start_replica m "$PORT"; wait_ready "$PORT"
  after_start=$(rss_split)
  wrk -t2 -c32 -d30s --latency -s "$OUT/bindings.lua" "$URL" > "$OUT/wrk-$v.txt"
  echo "memory, $v (round $r): after start $after_start; after 30 s at saturation ($(awk '/Requests\/sec/ {printf "%d", $2}' "$OUT/wrk-$v.txt") req/s, p99 $(awk '$1=="99%" {print $2}' "$OUT/wrk-$v.txt")) $(rss_split)" | tee -a "$SUMMARY"
  stop_replica m
done; done
