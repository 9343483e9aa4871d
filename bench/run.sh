#!/usr/bin/env bash
# Load benchmark: JWT-verified POST /i/{id}/bindings vs unauthenticated GET /i/{id}/manifest.json, side by side in one
# run, with 1 and with 10,000 registered installations. Loopback only. Results go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18080}
DB=gatehouse_bench
OUT=bench/results
SITE=https://bench-0.example.com
mkdir -p "$OUT"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v hey >/dev/null || { apt-get update -qq && apt-get install -y -qq hey; }
[ -f bootstrap/target/gatehouse.jar ] || mvn -B -ntp -q clean package -DskipTests

pg_isready -q -h 127.0.0.1 || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
export PGPASSWORD=${PGPASSWORD:-postgres}
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" >/dev/null

export DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:5432/$DB" DATASOURCES_DEFAULT_USERNAME=postgres DATASOURCES_DEFAULT_PASSWORD=$PGPASSWORD
export GATEHOUSE_MASTER_KEY=$(head -c 32 /dev/urandom | base64)
export GATEHOUSE_ADMIN_JWT_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '=+/')
export MICRONAUT_SERVER_PORT=$PORT GATEHOUSE_PUBLIC_URL="http://127.0.0.1:$PORT"

START=$(date +%s%N)
java ${JAVA_OPTS:--Xmx192m} -jar bootstrap/target/gatehouse.jar > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; do sleep 0.05; done
READY_MS=$(( ($(date +%s%N) - START) / 1000000 ))
rss() { awk '/VmRSS/ {printf "%d", $2/1024}' /proc/$PID/status; }
echo "ready in ${READY_MS} ms (external database), RSS after start $(rss) MB" | tee "$OUT/summary.txt"

req_per_sec() { awk '/Requests\/sec/ {print $2}' "$1"; }
pct() { awk -v p="$2" '$1==p"%" {print $2}' "$1"; }

for N in ${SIZES:-1 10000}; do
  echo "== $N installation(s)" | tee -a "$OUT/summary.txt"
  python3 bench/gatehouse_bench.py register "$PORT" "$GATEHOUSE_ADMIN_JWT_SECRET" "$N" "$SITE" "$OUT"
  ID=$(cat "$OUT/id")
  MANIFEST="http://127.0.0.1:$PORT/i/$ID/manifest.json"
  BINDINGS="http://127.0.0.1:$PORT/i/$ID/bindings"
  # Sanity: both answer 200 before measuring.
  curl -fs "$MANIFEST" >/dev/null
  curl -fs -X POST -H "Content-Type: application/json" -H "Mattermost-App-Authorization: Bearer $(cat "$OUT/token")" \
       --data @"$OUT/bindings.json" "$BINDINGS" | grep -q '"type":"ok"'
  # Warm-up (JIT), then saturation, interleaved so both see the same machine state.
  wrk -t2 -c"$CONNECTIONS" -d5s "$MANIFEST" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d5s -s "$OUT/bindings.lua" "$BINDINGS" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$MANIFEST" > "$OUT/wrk-manifest-$N.txt"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$OUT/bindings.lua" "$BINDINGS" > "$OUT/wrk-bindings-$N.txt"
  M=$(req_per_sec "$OUT/wrk-manifest-$N.txt"); B=$(req_per_sec "$OUT/wrk-bindings-$N.txt")
  RATIO=$(python3 -c "print(f'{100*$B/$M:.0f}')")
  echo "saturation: manifest $M req/s (p50 $(pct "$OUT/wrk-manifest-$N.txt" 50), p99 $(pct "$OUT/wrk-manifest-$N.txt" 99)); bindings $B req/s (p50 $(pct "$OUT/wrk-bindings-$N.txt" 50), p99 $(pct "$OUT/wrk-bindings-$N.txt" 99)); bindings/manifest ${RATIO}%" | tee -a "$OUT/summary.txt"
  [ -n "${SKIP_HALF:-}" ] && continue
  # Half of the bindings saturation rate, paced by hey (-q is per worker): p50/p99 at that load.
  WORKERS=8
  QPS=$(python3 -c "print(max(1, int($B/2/$WORKERS)))")
  hey -z 15s -c $WORKERS -q "$QPS" -m POST -T application/json -H "Mattermost-App-Authorization: Bearer $(cat "$OUT/token")" \
      -D "$OUT/bindings.json" "$BINDINGS" > "$OUT/hey-bindings-half-$N.txt"
  hey -z 15s -c $WORKERS -q "$QPS" "$MANIFEST" > "$OUT/hey-manifest-half-$N.txt"
  for kind in bindings manifest; do
    f="$OUT/hey-$kind-half-$N.txt"
    echo "half load ($((QPS*WORKERS)) req/s) $kind: $(awk '/Requests\/sec/ {print $2}' "$f") req/s, p50 $(awk '/  50% in/ {print $3*1000 " ms"}' "$f"), p99 $(awk '/  99% in/ {print $3*1000 " ms"}' "$f"), status $(grep -A3 'Status code distribution' "$f" | tail -n +2 | xargs)" | tee -a "$OUT/summary.txt"
  done
  echo "RSS after load: $(rss) MB" | tee -a "$OUT/summary.txt"
done
