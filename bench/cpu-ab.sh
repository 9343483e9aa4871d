#!/usr/bin/env bash
# A/B of two builds by the server's own CPU time per request at a fixed paced rate (the steadiest figure on a shared
# 2-core VM), and optionally a JFR profile per endpoint at saturation. One installation.
#   bash bench/cpu-ab.sh A.jar B.jar            # ROUNDS (default 3) interleaved rounds: A, B, A, B, ...
#   PROFILE=1 bash bench/cpu-ab.sh A.jar        # also a JFR recording per endpoint at saturation, in $OUT/*.jfr
# RATE (default 3000 req/s) is paced by wrk (each connection waits 2 ms between requests). Wrap in flock /tmp/bench.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
RATE=${RATE:-3000}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
WARMUP=${WARMUP:-15s}
PORT=${PORT:-18100}
DB=${BENCH_DB:-gatehouse_bench}
OUT=${OUT:-bench/results/ab}
SITE=https://bench-0.example.com
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
export PGPASSWORD=${PGPASSWORD:-postgres}
export DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:5432/$DB" DATASOURCES_DEFAULT_USERNAME=postgres DATASOURCES_DEFAULT_PASSWORD=$PGPASSWORD
export GATEHOUSE_MASTER_KEY=$(head -c 32 /dev/urandom | base64)
export GATEHOUSE_ADMIN_JWT_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '=+/')
export MICRONAUT_SERVER_PORT=$PORT GATEHOUSE_PUBLIC_URL="http://127.0.0.1:$PORT"
JAVA_FLAGS=${JAVA_OPTS:--Xmx160m -Xss512k -XX:MaxDirectMemorySize=64m -XX:ReservedCodeCacheSize=64m -XX:+UseSerialGC}
CONN=$(( (RATE + 499) / 500 ))
printf 'function delay() return 2 end\n' > "$OUT/paced.lua"
PID=
stop() { [ -n "$PID" ] && kill "$PID" 2>/dev/null && while kill -0 "$PID" 2>/dev/null; do sleep 0.05; done; PID=; }
trap stop EXIT

measure() {  # $1 jar, $2 label
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" >/dev/null
  java $JAVA_FLAGS -jar "$1" > "$OUT/server-$2.log" 2>&1 & PID=$!
  until curl -fs "http://127.0.0.1:$PORT/health/readiness" >/dev/null 2>&1; do sleep 0.05; done
  python3 bench/gatehouse_bench.py register "$PORT" "$GATEHOUSE_ADMIN_JWT_SECRET" 1 "$SITE" "$OUT"
  local id; id=$(cat "$OUT/id")
  cat "$OUT/bindings.lua" "$OUT/paced.lua" > "$OUT/bindings-paced.lua"
  cat "$OUT/command.lua" "$OUT/paced.lua" > "$OUT/command-paced.lua"
  local base="http://127.0.0.1:$PORT/i/$id"
  for kind in manifest bindings command; do
    local url="$base/manifest.json" script=() paced=(-s "$OUT/paced.lua")
    [ "$kind" = bindings ] && url="$base/bindings" script=(-s "$OUT/bindings.lua") paced=(-s "$OUT/bindings-paced.lua")
    [ "$kind" = command ] && url="$base/command" script=(-s "$OUT/command.lua") paced=(-s "$OUT/command-paced.lua")
    wrk -t2 -c32 -d"$WARMUP" "${script[@]}" "$url" >/dev/null
    if [ -n "${PROFILE:-}" ]; then
      jcmd "$PID" JFR.start name=p settings=profile >/dev/null
      wrk -t2 -c32 -d10s "${script[@]}" "$url" > "$OUT/wrk-sat-$kind-$2.txt"
      jcmd "$PID" JFR.stop name=p filename="$(realpath "$OUT")/$kind-$2.jfr" >/dev/null
    fi
    local c0 c1 n
    c0=$(awk '{print $14+$15}' /proc/$PID/stat)
    wrk -t2 -c"$CONN" -d"${SECONDS_PER_RUN}s" "${paced[@]}" "$url" > "$OUT/wrk-paced-$kind-$2.txt"
    c1=$(awk '{print $14+$15}' /proc/$PID/stat)
    n=$(awk '/requests in/ {print $1}' "$OUT/wrk-paced-$kind-$2.txt")
    echo "$2 $kind $(python3 -c "print(round(($c1-$c0)*1e6/$(getconf CLK_TCK)/$n))") us/request ($n requests, non-2xx $(grep -h Non-2xx "$OUT/wrk-paced-$kind-$2.txt" | awk '{print $NF}'))"
  done
  stop
}

{
  trap stop EXIT  # the pipeline runs this group in a subshell: the server it starts must stop with it
  for r in $(seq 1 "$ROUNDS"); do
    i=0
    for jar in "$@"; do i=$((i+1)); measure "$jar" "$i-r$r"; done
  done
} | tee "$OUT/cpu.txt"
