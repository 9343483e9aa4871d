#!/usr/bin/env bash
# Graceful shutdown under load (issue 10). wrk drives verified Apps calls (POST /i/{id}/bindings) through HAProxy, which
# health-checks /health/readiness of two replicas, while each replica in turn gets SIGTERM and is started again (a
# rolling restart); every non-2xx answer and socket error (connect/read/write/timeout) wrk sees is counted. Done once
# per drain delay in DRAINS (0s = no drain: the listener closes at SIGTERM). Then the single-replica view: wrk straight
# at one replica while it restarts; that is downtime, whatever the shutdown does. Appends to bench/results/summary.txt.
set -euo pipefail
OUT=bench/results/restart
DB=${DB:-gh_ops_bench}
source "$(dirname "$0")/ops-lib.sh"

LB=${LB_PORT:-18300}; PA=${PORT_A:-18301}; PB=${PORT_B:-18302}; STATS=${STATS_PORT:-18309}
DRAINS=${DRAINS:-0s 3s}
CONNECTIONS=${CONNECTIONS:-16}
SITE=https://bench-0.example.com
command -v haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy; }

# HAProxy checks readiness every second and takes a replica out after 2 failures (so a drain delay of 3 s covers a
# check interval × (fall count + 1)); it puts it back after 2 successes. retry-on conn-failure: a request whose
# connection could not be opened is sent again (safe for any method, nothing reached the server).
cat > "$OUT/haproxy.cfg" <<CFG
global
  maxconn 2000
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  retries 2
  option redispatch
frontend gatehouse
  bind 127.0.0.1:$LB
  default_backend replicas
backend replicas
  balance roundrobin
  option httpchk GET /health/readiness
  http-check expect status 200
  retry-on conn-failure
  default-server inter 1s fall 2 rise 2
  server a 127.0.0.1:$PA check
  server b 127.0.0.1:$PB check
listen stats
  bind 127.0.0.1:$STATS
  stats enable
  stats uri /stats
CFG
haproxy -c -q -f "$OUT/haproxy.cfg"

cleanup() { stop_replica a; stop_replica b; [ -f "$OUT/haproxy.pid" ] && kill "$(cat "$OUT/haproxy.pid")" 2>/dev/null; rm -f "$OUT/haproxy.pid"; }
trap cleanup EXIT
# lb_up NAME: blocks until HAProxy marks the replica UP
lb_up() { until curl -fs "http://127.0.0.1:$STATS/stats;csv" | awk -F, -v s="$1" '$1=="replicas" && $2==s {print $18}' | grep -qx UP; do sleep 0.1; done; }

fresh_database
start_replica a "$PA"; wait_ready "$PA"
python3 bench/gatehouse_bench.py register "$PA" "$GATEHOUSE_ADMIN_JWT_SECRET" 1 "$SITE" "$OUT" >/dev/null
ID=$(cat "$OUT/id")
start_replica b "$PB"; wait_ready "$PB"
haproxy -f "$OUT/haproxy.cfg" -db >> "$OUT/haproxy.log" 2>&1 &
echo $! > "$OUT/haproxy.pid"
lb_up a; lb_up b
URL="http://127.0.0.1:$LB/i/$ID/bindings"
curl -fs -X POST -H "Content-Type: application/json" -H "Mattermost-App-Authorization: Bearer $(cat "$OUT/token")" \
     --data @"$OUT/bindings.json" "$URL" | grep -q '"type":"ok"'
wrk -t2 -c"$CONNECTIONS" -d20s -s "$OUT/bindings.lua" "$URL" > /dev/null   # JIT warm-up of both replicas

for DRAIN in $DRAINS; do
  export GATEHOUSE_SHUTDOWN_DRAIN_DELAY=$DRAIN
  # the running replicas were started with the previous setting: restart them once, outside any measurement
  for r in a b; do port=$PA; [ $r = b ] && port=$PB; stop_replica $r; start_replica $r $port; wait_ready $port; lb_up $r; done
  wrk -t2 -c"$CONNECTIONS" -d10s -s "$OUT/bindings.lua" "$URL" > /dev/null
  F="$OUT/wrk-rolling-$DRAIN.txt"
  wrk -t2 -c"$CONNECTIONS" -d"${ROLL_SECONDS:-60}s" --timeout 10s --latency -s "$OUT/bindings.lua" "$URL" > "$F" &
  WRK=$!
  sleep 8
  STEPS=""
  for r in a b; do
    port=$PA; [ $r = b ] && port=$PB
    t0=$(now_ms); stop_replica $r; t1=$(now_ms)
    start_replica $r $port; wait_ready $port; t2=$(now_ms); lb_up $r; t3=$(now_ms)
    STEPS="$STEPS $r: stopped in $((t1 - t0)) ms, ready after $((t2 - t1)) ms, back in the LB after $((t3 - t1)) ms;"
    sleep 5
  done
  wait $WRK
  echo "rolling restart of 2 replicas behind HAProxy (readiness checks every 1 s, fall 2), drain delay $DRAIN, wrk -c$CONNECTIONS verified calls for ${ROLL_SECONDS:-60} s: $(awk '/requests in/ {print $1}' "$F") requests, $(awk '/Requests\/sec/ {print $2}' "$F") req/s, p99 $(awk '$1=="99%" {print $2}' "$F"), errors: $(wrk_errors "$F");$STEPS" | tee -a "$SUMMARY"
done

# Single replica: nothing else can answer while it is down. wrk straight at replica a, restarted 5 s into the run.
kill "$(cat "$OUT/haproxy.pid")"; rm -f "$OUT/haproxy.pid"; stop_replica b
F="$OUT/wrk-single.txt"
DIRECT="http://127.0.0.1:$PA/i/$ID/bindings"
wrk -t2 -c"$CONNECTIONS" -d30s --timeout 10s --latency -s "$OUT/bindings.lua" "$DIRECT" > "$F" &
WRK=$!
sleep 5
t0=$(now_ms); stop_replica a; t1=$(now_ms); start_replica a "$PA"; wait_ready "$PA"; t2=$(now_ms)
wait $WRK
echo "single replica restarted under wrk (drain delay ${GATEHOUSE_SHUTDOWN_DRAIN_DELAY}): down $(( t2 - t0 - ${GATEHOUSE_SHUTDOWN_DRAIN_DELAY%s} * 1000 )) ms (listener closed after the drain until ready again; SIGTERM to exit $((t1 - t0)) ms, start to ready $((t2 - t1)) ms); wrk: $(awk '/requests in/ {print $1}' "$F") requests, errors: $(wrk_errors "$F") — downtime, as expected without a second replica" | tee -a "$SUMMARY"
