#!/usr/bin/env bash
# Start and first call (issue 10): over RESTARTS restarts on an external database (Postgres on 127.0.0.1, its own
# database gatehouse_startup), the time until /health/readiness answers UP, without and with an AppCDS archive (made by
# docker/cds-train.sh, the image's own training run), and after each restart the latency of the first verified call
# and the second-slowest of the first 100 (bench/first_calls.py). Appends its lines to bench/results/summary.txt.
# Timing runs hold /tmp/bench.lock so they never overlap another benchmark. Standalone or from bench/run.sh:
#   bash bench/startup.sh                                  # RESTARTS=5 by default
#   BEFORE_JAR=/tmp/old.jar bash bench/startup.sh          # the same rounds for an older jar, interleaved
set -euo pipefail
cd "$(dirname "$0")/.."

RESTARTS=${RESTARTS:-5}
PORT=${PORT:-18080}
DB=${STARTUP_DB:-gatehouse_startup}
OUT=${OUT:-bench/results}
JAR=${JAR:-bootstrap/target/gatehouse.jar}
ARCHIVE=$OUT/startup.jsa
SITE=https://bench-0.example.com
mkdir -p "$OUT"
[ -f "$JAR" ] || mvn -B -ntp clean package -DskipTests

pg_isready -q -h 127.0.0.1 || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
export PGPASSWORD=${PGPASSWORD:-postgres}
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" >/dev/null

export DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:5432/$DB" DATASOURCES_DEFAULT_USERNAME=postgres DATASOURCES_DEFAULT_PASSWORD=$PGPASSWORD
export GATEHOUSE_MASTER_KEY=$(head -c 32 /dev/urandom | base64)
export GATEHOUSE_ADMIN_JWT_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '=+/')
export MICRONAUT_SERVER_PORT=$PORT GATEHOUSE_PUBLIC_URL="http://127.0.0.1:$PORT"
# The image's flags (docker/Dockerfile), so the bench measures what production runs.
JAVA_FLAGS=${JAVA_OPTS:--Xmx160m -Xss512k -XX:MaxDirectMemorySize=64m -XX:ReservedCodeCacheSize=64m -XX:+UseSerialGC}

start_server() {  # $1: extra JVM flags; prints ms until readiness is UP; leaves the pid in $OUT/pid
  local start; start=$(date +%s%N)
  java $JAVA_FLAGS $1 -jar "$JAR" > "$OUT/startup-server.log" 2>&1 &
  echo $! > "$OUT/pid"
  until curl -fs "http://127.0.0.1:$PORT/health/readiness" >/dev/null 2>&1; do
    kill -0 "$(cat "$OUT/pid")" 2>/dev/null || { echo "the server died:" >&2; tail -20 "$OUT/startup-server.log" >&2; exit 1; }
    sleep 0.02
  done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
}
stop_server() {
  local pid; pid=$(cat "$OUT/pid" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  rm -f "$OUT/pid"
}
trap stop_server EXIT

# First start: migrations on the empty database, one installation registered for the calls.
FIRST=$(start_server "")
python3 bench/gatehouse_bench.py register "$PORT" "$GATEHOUSE_ADMIN_JWT_SECRET" "${STARTUP_INSTALLATIONS:-1}" "$SITE" "$OUT"
stop_server
# The archive, made exactly as the image makes it (docker/cds-train.sh), here against the bench database.
JAVA_FLAGS="$JAVA_FLAGS" bash docker/cds-train.sh "$JAR" "$ARCHIVE" > "$OUT/cds-train.log" 2>&1
# BEFORE_JAR=path: the same rounds for an older jar too, interleaved with this one (its archive made the same way).
MODES="plain cds"
if [ -n "${BEFORE_JAR:-}" ]; then
  JAVA_FLAGS="$JAVA_FLAGS" bash docker/cds-train.sh "$BEFORE_JAR" "$OUT/startup-before.jsa" >> "$OUT/cds-train.log" 2>&1
  MODES="before-plain plain before-cds cds"
fi

# Interleaved: a plain restart, then one with the archive, RESTARTS times; each followed by the first 100 calls.
# No other benchmark runs while these are timed. A caller that holds /tmp/bench.lock already (e.g.
# `flock /tmp/bench.lock env BENCH_LOCK_HELD=1 bash bench/run.sh`) says so, or this would wait for itself.
if [ -z "${BENCH_LOCK_HELD:-}" ]; then exec 9>/tmp/bench.lock; flock 9; fi
: > "$OUT/startup-rounds.txt"
for r in $(seq 1 "$RESTARTS"); do
  for mode in $MODES; do
    jar=$JAR archive=$ARCHIVE
    case $mode in before-*) jar=$BEFORE_JAR archive=$OUT/startup-before.jsa ;; esac
    flags=""; case $mode in *cds) flags="-XX:SharedArchiveFile=$archive" ;; esac
    load=$(cut -d' ' -f1 /proc/loadavg)
    ms=$(JAR=$jar start_server "$flags")
    pid=$(cat "$OUT/pid")
    cpu=$(awk -v t="$(getconf CLK_TCK)" '{printf "%d", ($14+$15)*1000/t}' "/proc/$pid/stat")  # JVM CPU ms until ready
    calls=$(python3 bench/first_calls.py "$PORT" "$OUT" 100)
    rss=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$pid/status")
    stop_server
    echo "$mode $ms $calls $rss $cpu $load" | tee -a "$OUT/startup-rounds.txt"
  done
done
[ -n "${BENCH_LOCK_HELD:-}" ] || flock -u 9
# Columns: mode ready_ms first_call_ms second_slowest_ms slowest_ms rss_mb cpu_ms_until_ready load_average
summary() {  # $1 mode: "median (min–max)" of ready, first call, second-slowest, and the median RSS
  awk -v m="$1" '$1==m' "$OUT/startup-rounds.txt" | python3 -c '
import sys, statistics as s
rows = [l.split() for l in sys.stdin]
ms = "ms"
col = lambda i: [float(r[i]) for r in rows]
f = lambda i, u: f"{s.median(col(i)):.0f} {u} ({min(col(i)):.0f}–{max(col(i)):.0f})"
f1 = lambda i: f"{s.median(col(i)):.1f} ms ({min(col(i)):.1f}–{max(col(i)):.1f})"
print(f"ready {f(1, ms)} (JVM CPU until ready {f(6, ms)}); first verified call {f1(2)}; second-slowest of the first 100 {f1(3)}; RSS after the calls {s.median(col(5)):.0f} MB; load average {s.median(col(7)):.1f}")'
}
{
  echo "startup (external database, $RESTARTS interleaved restarts, median (min–max)); first start with migrations ${FIRST} ms; JVM flags: $JAVA_FLAGS"
  for mode in $MODES; do
    case $mode in
      plain) label="startup without AppCDS:" ;; cds) label="startup with AppCDS:   " ;;
      before-plain) label="before ($(basename "$BEFORE_JAR")), without AppCDS:" ;; before-cds) label="before ($(basename "$BEFORE_JAR")), with AppCDS:   " ;;
    esac
    echo "$label $(summary "$mode")"
  done
} | tee -a "$OUT/summary.txt"
