#!/usr/bin/env bash
# Warm-up under load (issue 10): verified Apps calls (POST /i/{id}/bindings, wrk -c32) start the moment readiness
# answers UP; throughput per 5 s for the first 60 s, against the steady state (median of three 5 s runs after another
# 30 s of load). The JIT ramp's cost = 1 - (calls in the first 60 s) / (steady rate × 60 s). Done for each JVM variant
# in VARIANTS, ROUNDS times interleaved. Appends to bench/results/summary.txt.
set -euo pipefail
OUT=bench/results/warmup
DB=${DB:-gh_ops_bench}
source "$(dirname "$0")/ops-lib.sh"
PORT=${PORT:-18310}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-32}
SITE=https://bench-0.example.com
VARIANTS=${VARIANTS:-default appcds c1}
trap 'stop_replica w' EXIT

flags() {
  case $1 in
    default) echo "" ;;
    appcds) echo "-XX:SharedArchiveFile=$OUT/gatehouse.jsa" ;;       # classes of a training run, mapped at start
    c1) echo "-XX:TieredStopAtLevel=1" ;;                            # C1 only: compiles sooner, peaks lower
    early) echo "-XX:CompileThresholdScaling=0.25" ;;                # every tier compiles after a quarter of the calls
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

fresh_database
# One start registers the installation and, with load, trains the AppCDS archive (dumped at exit).
start_replica w "$PORT" "-XX:ArchiveClassesAtExit=$OUT/gatehouse.jsa"; wait_ready "$PORT"
python3 bench/gatehouse_bench.py register "$PORT" "$GATEHOUSE_ADMIN_JWT_SECRET" 1 "$SITE" "$OUT" >/dev/null
URL="http://127.0.0.1:$PORT/i/$(cat "$OUT/id")/bindings"
wrk -t2 -c"$CONNECTIONS" -d10s -s "$OUT/bindings.lua" "$URL" > /dev/null
stop_replica w

rate() { awk '/Requests\/sec/ {printf "%d", $2}' "$1"; }
for r in $(seq 1 "$ROUNDS"); do
  for v in $VARIANTS; do
    t0=$(now_ms); start_replica w "$PORT" "$(flags "$v")"; wait_ready "$PORT"; ready=$(( $(now_ms) - t0 ))
    series=""
    total=0
    for i in $(seq 1 12); do
      wrk -t2 -c"$CONNECTIONS" -d5s -s "$OUT/bindings.lua" "$URL" > "$OUT/wrk-$v-$r-$i.txt"
      n=$(awk '/requests in/ {print $1}' "$OUT/wrk-$v-$r-$i.txt"); total=$((total + n))
      series="$series $(rate "$OUT/wrk-$v-$r-$i.txt")"
    done
    wrk -t2 -c"$CONNECTIONS" -d30s -s "$OUT/bindings.lua" "$URL" > /dev/null
    steady=$(for i in 1 2 3; do wrk -t2 -c"$CONNECTIONS" -d5s -s "$OUT/bindings.lua" "$URL" > "$OUT/wrk-$v-$r-steady.txt"; rate "$OUT/wrk-$v-$r-steady.txt"; echo; done | sort -n | sed -n 2p)
    cost=$(python3 -c "print(f'{100 * (1 - $total / ($steady * 60)):.0f}')")
    echo "warm-up under load ($v, round $r; ready in $ready ms, RSS $(rss_mb w) MB): req/s per 5 s for the first 60 s:$series; steady $steady req/s; JIT ramp cost ${cost}% of the first minute's capacity (target ≤ 20 %)" | tee -a "$SUMMARY"
    stop_replica w
  done
done
