#!/usr/bin/env bash
# Issue 11's token, strict-HTTP and client-abort reproductions against a running jar: each case and the status it got,
# then how many ERROR lines and stack frames the server logged. Usage: bench/edge-cases.sh [JAR] (default: the built one).
# Needs the local Postgres (trust or password postgres); makes and drops its own database.
set -u
cd "$(dirname "$0")/.."
JAR=${1:-bootstrap/target/gatehouse.jar}
PORT=${PORT:-18081}
DB=gatehouse_edge_cases
LOG=$(mktemp)
export PGPASSWORD=${PGPASSWORD:-postgres}
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" >/dev/null
KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')   # 64 characters: long enough for HS384/HS512 too
DATASOURCES_DEFAULT_URL=jdbc:postgresql://127.0.0.1:5432/$DB DATASOURCES_DEFAULT_USERNAME=postgres \
DATASOURCES_DEFAULT_PASSWORD=postgres GATEHOUSE_MASTER_KEY=$(head -c 32 /dev/urandom | base64) \
GATEHOUSE_ADMIN_JWT_SECRET=$KEY MICRONAUT_SERVER_PORT=$PORT java -Xmx256m -jar "$JAR" >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null; rm -f "$LOG"' EXIT
for _ in $(seq 1 60); do curl -sf "localhost:$PORT/health" >/dev/null && break; sleep 1; done
python3 bench/edge_cases.py "$PORT" "$KEY"
echo "server log: $(grep -c ' ERROR ' "$LOG") ERROR lines, $(grep -c '^\s*at ' "$LOG") stack frames"
