#!/usr/bin/env bash
# AppCDS training run: starts the jar with -XX:ArchiveClassesAtExit, waits until it is ready (readiness turns UP only
# after the start-up warm-up has run the call path: HTTP, JSON, HMAC, catalog), drives a few requests, stops it with
# SIGTERM, and checks that the archive was written. Usage: cds-train.sh JAR ARCHIVE
# The database is whatever the environment names (DATASOURCES_DEFAULT_URL and the keys, as bench/startup.sh sets);
# with none, the embedded Postgres in a throw-away data directory, as in the image build (docker/Dockerfile).
# The archive only works with the JVM that wrote it: run this with the java of the runtime image.
set -euo pipefail
JAR=$1 ARCHIVE=$2
PORT=${MICRONAUT_SERVER_PORT:-8080}
JAVA_FLAGS=${JAVA_FLAGS:-}
DATA=$(mktemp -d)
LOG=$DATA/train.log
rm -f "$ARCHIVE"

# No JAVA_TOOL_OPTIONS: the image's runtime flags include -XX:SharedArchiveFile, which must not be read while dumping.
env -u JAVA_TOOL_OPTIONS GATEHOUSE_DATA_DIR="$DATA/data" MICRONAUT_SERVER_PORT="$PORT" \
  java $JAVA_FLAGS -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$JAR" serve > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$PORT/health/readiness" >/dev/null 2>&1 && break
  kill -0 $PID 2>/dev/null || { cat "$LOG" >&2; echo "cds-train: the server died" >&2; exit 1; }
  sleep 0.1
done
curl -fs "http://127.0.0.1:$PORT/health/readiness" >/dev/null || { cat "$LOG" >&2; echo "cds-train: not ready after 60 s" >&2; exit 1; }

# What outsiders and probes send: the liveness probe, the manifest and a call of an installation that does not exist
# (refused), a call without a token. The verified call itself was run in-process by the warm-up.
ID=00000000-0000-4000-8000-000000000000
for _ in 1 2 3; do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/health/liveness"
  curl -s -o /dev/null "http://127.0.0.1:$PORT/i/$ID/manifest.json"
  curl -s -o /dev/null -X POST -H 'Content-Type: application/json' --data '{"path":"/ping"}' "http://127.0.0.1:$PORT/i/$ID/ping"
  curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -H 'Mattermost-App-Authorization: Bearer x.y.z' \
       --data '{"path":"/bindings"}' "http://127.0.0.1:$PORT/i/$ID/bindings"
done

kill -TERM $PID
wait $PID || true   # the JVM writes the archive on its way out
[ -s "$ARCHIVE" ] || { cat "$LOG" >&2; echo "cds-train: no archive written" >&2; exit 1; }
echo "cds-train: wrote $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
