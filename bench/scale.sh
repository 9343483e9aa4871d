#!/usr/bin/env bash
# Scale (issue 10): one replica with INSTALLATIONS (100,000) registered. Seeds them through the admin API, THREADS
# parallel keep-alive connections (each registration is sealed, stored, audited and notified exactly as in
# production; the seed is kept in bench/results/scale/ and reused while the database still holds it). Then: start time
# and RSS; the first verified call of 1,000 installations the replica has not cached (p99 target < 20 ms) and their
# second call; heap after a full GC before and after 10,000 installations are cached (cache memory per installation);
# readiness and admin list latency at that size. Appends to bench/results/summary.txt.
set -euo pipefail
OUT=bench/results/scale
DB=${DB:-gh_ops_scale}
# The database's sealed values need the same master key on every run that reuses the seed.
if [ -f "bench/results/scale/keys" ]; then source bench/results/scale/keys; fi
source "$(dirname "$0")/ops-lib.sh"
PORT=${PORT:-18320}
N=${INSTALLATIONS:-100000}
THREADS=${THREADS:-8}
export GATEHOUSE_RATE_LIMIT_ENABLED=false   # the warm-up drives one installation far beyond the default limit
trap 'stop_replica s' EXIT

count() { psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "SELECT count(*) FROM installation" 2>/dev/null || echo 0; }
if [ "$(count)" != "$N" ] || [ "$(wc -l < "$OUT/ids.txt" 2>/dev/null || echo 0)" != "$N" ]; then
  fresh_database
  printf 'export GATEHOUSE_MASTER_KEY=%q GATEHOUSE_ADMIN_JWT_SECRET=%q\n' "$GATEHOUSE_MASTER_KEY" "$GATEHOUSE_ADMIN_JWT_SECRET" > "$OUT/keys"
  start_replica s "$PORT"; wait_ready "$PORT"
  SEED=$(python3 bench/scale_bench.py register "$PORT" "$GATEHOUSE_ADMIN_JWT_SECRET" "$N" "$THREADS" "$OUT/ids.txt")
  echo "scale: seeded $SEED through the admin API ($THREADS parallel connections)" | tee -a "$SUMMARY"
  stop_replica s
fi
psql -h 127.0.0.1 -U postgres -d "$DB" -qc "VACUUM ANALYZE" >/dev/null

# Start time against this database and, interleaved, against an empty one (same schema): what the 100k cost.
EMPTY=${DB}_empty
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $EMPTY WITH (FORCE)" -qc "CREATE DATABASE $EMPTY" >/dev/null
ready_on() { t0=$(now_ms); DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:5432/$1" start_replica s "$PORT"; wait_ready "$PORT"; echo $(( $(now_ms) - t0 )); }
ready_on "$EMPTY" > /dev/null; stop_replica s   # migrates the empty database
FULL=""; NONE=""
for i in 1 2 3; do
  NONE="$NONE $(ready_on "$EMPTY")"; stop_replica s
  FULL="$FULL $(ready_on "$DB")"; stop_replica s
done
median() { echo "$@" | tr ' ' '\n' | sort -n | sed -n 2p; }
start_replica s "$PORT"; wait_ready "$PORT"
PID=$(cat "$OUT/s.pid")
echo "scale ($N installations): ready in $(median $FULL) ms (median; rounds:$FULL), with no installation $(median $NONE) ms (interleaved; rounds:$NONE); RSS after start $(rss_mb s) MB" | tee -a "$SUMMARY"

# JIT warm-up on installation 1, which is then cached: none of those measured below is.
read -r ID SECRET SITE < "$OUT/ids.txt"
python3 -c "import sys; sys.path.insert(0, 'bench'); from gatehouse_bench import write_inputs; write_inputs($PORT, {'id': '$ID', 'secret': '$SECRET'}, '$SITE', '$OUT')"
wrk -t2 -c16 -d15s -s "$OUT/bindings.lua" "http://127.0.0.1:$PORT/i/$ID/bindings" > /dev/null

heap_kb() { jcmd "$PID" GC.class_histogram > "$OUT/histo-$1.txt"; awk '/^Total/ {printf "%d", $3/1024}' "$OUT/histo-$1.txt"; }
H0=$(heap_kb before)
echo "scale: $(python3 bench/scale_bench.py first-calls "$PORT" "$OUT/ids.txt" 1 1000)" | tee -a "$SUMMARY"
echo "scale: $(python3 bench/scale_bench.py first-calls "$PORT" "$OUT/ids.txt" 1001 9000 | sed 's/of 9000/of 9,000 more/')" | tee -a "$SUMMARY"
H1=$(heap_kb after)
PER=$(python3 -c "print(round(($H1 - $H0) * 1024 / 10000))")
echo "scale: live heap after a full GC $H0 KB with 1 installation cached, $H1 KB with 10,001: $PER bytes per cached installation (the set of the $N known ids is in both)" | tee -a "$SUMMARY"

# Readiness (probed by every load balancer) and the admin list, first and last page, at this size.
ADMIN=$(python3 -c "import sys, time; sys.path.insert(0, 'bench'); from gatehouse_bench import jwt; print(jwt('$GATEHOUSE_ADMIN_JWT_SECRET', {'sub': 'scale', 'roles': ['ADMIN'], 'exp': int(time.time()) + 600}))")
median_ms() { for i in $(seq 1 11); do curl -s -o /dev/null -w '%{time_total}\n' "$@"; done | sort -n | sed -n 6p | awk '{printf "%.1f", $1 * 1000}'; }
LAST=$(( (N + 99) / 100 - 1 ))
echo "scale: /health/readiness $(median_ms "http://127.0.0.1:$PORT/health/readiness") ms; GET /admin/installations?size=100 page 0 $(median_ms -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:$PORT/admin/installations?page=0&size=100") ms, page $LAST $(median_ms -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:$PORT/admin/installations?page=$LAST&size=100") ms (median of 11); RSS now $(rss_mb s) MB" | tee -a "$SUMMARY"
