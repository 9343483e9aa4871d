# Shared by bench/restart.sh, warmup.sh and scale.sh: a Postgres database, replicas of the built jar, readiness waits.
# Source it after setting OUT (results directory) and DB (database name). Timing runs are serialized with every other
# benchmark on the machine: a script not already under /tmp/bench.lock (BENCH_LOCKED unset) re-runs itself under it.
[ -n "${BENCH_LOCKED:-}" ] || exec env BENCH_LOCKED=1 flock /tmp/bench.lock bash "$0" "$@"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p "$OUT"
SUMMARY=${SUMMARY:-bench/results/summary.txt}
mkdir -p "$(dirname "$SUMMARY")"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -f bootstrap/target/gatehouse.jar ] || mvn -B -ntp clean package -DskipTests

pg_isready -q -h 127.0.0.1 || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
export PGPASSWORD=${PGPASSWORD:-postgres}
fresh_database() {
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" >/dev/null
}
export DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:5432/$DB" DATASOURCES_DEFAULT_USERNAME=postgres DATASOURCES_DEFAULT_PASSWORD=$PGPASSWORD
export GATEHOUSE_MASTER_KEY=${GATEHOUSE_MASTER_KEY:-$(head -c 32 /dev/urandom | base64)}
export GATEHOUSE_ADMIN_JWT_SECRET=${GATEHOUSE_ADMIN_JWT_SECRET:-$(head -c 32 /dev/urandom | base64 | tr -d '=+/')}
export GATEHOUSE_SHUTDOWN_DRAIN_DELAY=${GATEHOUSE_SHUTDOWN_DRAIN_DELAY:-0s}   # no load balancer to drain from
export GATEHOUSE_PUBLIC_URL=${GATEHOUSE_PUBLIC_URL:-https://gatehouse.example.com}
JAVA_FLAGS=${JAVA_OPTS:--Xmx160m -Xss512k -XX:MaxDirectMemorySize=64m -XX:ReservedCodeCacheSize=64m -XX:+UseSerialGC}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# start_replica NAME PORT [extra JVM flags]: starts the jar in the background, its pid in $OUT/NAME.pid
start_replica() {
  MICRONAUT_SERVER_PORT=$2 java $JAVA_FLAGS ${3:-} -jar bootstrap/target/gatehouse.jar >> "$OUT/$1.log" 2>&1 &
  echo $! > "$OUT/$1.pid"
}
# wait_ready PORT: blocks until /health/readiness answers 200
wait_ready() { until curl -fs -o /dev/null "http://127.0.0.1:$1/health/readiness"; do sleep 0.02; done; }
# stop_replica NAME: SIGTERM, then waits until the process is gone
stop_replica() {
  local pid; pid=$(cat "$OUT/$1.pid" 2>/dev/null) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  rm -f "$OUT/$1.pid"
}
rss_mb() { awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$(cat "$OUT/$1.pid")/status"; }
# wrk_errors FILE: "non-2xx N, connect N, read N, write N, timeout N" from a wrk report
wrk_errors() {
  awk '/Non-2xx/ {n=$NF} /Socket errors/ {gsub(",", ""); c=$4; r=$6; w=$8; t=$10}
       END {printf "non-2xx %d, connect %d, read %d, write %d, timeout %d", n, c, r, w, t}' "$1"
}
