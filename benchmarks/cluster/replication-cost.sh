#!/usr/bin/env bash
# What a second node costs: the same load against node 1 of a cluster, first with node 1 alone in it, then
# with node 2 joined (every shared cache write now replicated to node 2), alternating ROUNDS times; the CPU
# of each node's JVM per registration and per basic call through the B2BUA (benchmarks/sip/*.sh with
# SERVER_PID(S)). Node 2 only receives what node 1 replicates: its CPU is the price of the copy, and node
# 1's difference between the two rows is the price of sending it. Both nodes share this machine's cores.
#
#   benchmarks/cluster/replication-cost.sh          # after ./mvnw -pl ear -am package -DskipTests
#
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres, no password: the database plus_replication_bench is
# dropped and made afresh) and SIPp. A node that just started first gets the same load for WARMUP s unmeasured
# (its JIT); node 2's CPU while nothing is offered (its own timers, JGroups) is measured too, per second.
# Settings (environment): ROUNDS (2), REG_RATE (200/s), CALL_RATE (50/s: 100/s on PostgreSQL fills the two
# cores), DURATION (30 s per step), WARMUP (15 s), OFFSET (1500: node 1 at HTTP 9580, SIP 6560; node 2 at +100).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
ROUNDS=${ROUNDS:-2}
REG_RATE=${REG_RATE:-200}
CALL_RATE=${CALL_RATE:-50}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-15}
OFFSET=${OFFSET:-1500}
DB=plus_replication_bench
work=$(mktemp -d /tmp/plus-replication-bench.XXXXXX)
command -v sipp >/dev/null || { echo "SIPp missing: apt-get install sip-tester" >&2; exit 1; }

psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
export PLUS_DB_DRIVER=postgresql PLUS_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB PLUS_DB_USER=postgres PLUS_DB_PASSWORD=postgres
export PLUS_CLUSTER_PASSWORD=bench-$RANDOM$RANDOM PLUS_CLUSTER_OFFSET=$OFFSET PLUS_CLUSTER_DIR=$work/cluster
export PLUS_ADMIN_USERNAME=admin PLUS_ADMIN_PASSWORD=bench-admin-$RANDOM$RANDOM
export PLUS_SIP_AUTH_MAX_FAILURES=1000000 PLUS_REST_AUTH_MAX_FAILURES_PER_ACCOUNT=1000000
cluster=$repo/ear/src/main/wildfly/cluster.sh

pids=()
stop_all() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_all EXIT

# start i: node i of 2 in the background; waits until its /api/health answers; sets jvm (the JVM's pid).
start() {
  local i=$1 http=$((8080 + OFFSET + 100 * ($1 - 1)))
  mkdir -p "$work/cluster/node$i"
  "$cluster" node "$i" 2 > "$work/cluster/node$i/console.log" 2>&1 &
  pids[$i]=$!
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$http/api/health" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -sf "http://127.0.0.1:$http/api/health" >/dev/null || { echo "node $i did not start: $work/cluster/node$i/console.log" >&2; exit 1; }
  jvm=$(pgrep -f "jboss.node.name=node$i" | while read -r p; do [ "$(cat /proc/$p/comm)" = java ] && echo "$p"; done | head -1)
}
stop() { kill -TERM "${pids[$1]}" 2>/dev/null || true; wait "${pids[$1]}" 2>/dev/null || true; }

# measure LABEL PIDS [SECONDS]: registrations, then calls, against node 1; prints the figures.
measure() {
  local label=$1 cpu_pids=$2 DURATION=${3:-$DURATION}
  echo "## $label (CPU of: $cpu_pids)"
  SIP=127.0.0.1:$((5060 + OFFSET)) HTTP=http://127.0.0.1:$((8080 + OFFSET)) ADMIN_PASSWORD=$PLUS_ADMIN_PASSWORD \
    SERVER_PID="$cpu_pids" USERS=300 RATE=$REG_RATE DURATION=$DURATION PORT=$((5095 + OFFSET)) \
    "$repo/benchmarks/sip/register-load.sh" 2>&1 | grep -E "^# offered" | sed 's/^/  /'
  SIP=127.0.0.1:$((5060 + OFFSET)) HTTP=http://127.0.0.1:$((8080 + OFFSET)) ADMIN_PASSWORD=$PLUS_ADMIN_PASSWORD \
    SERVER_PIDS="$cpu_pids" USERS=100 RATES=$CALL_RATE DURATION=$DURATION HOLD=2 CEILING=no UAS_PORT=$((5090 + OFFSET)) \
    "$repo/benchmarks/sip/b2bua-call-load.sh" 2>&1 | grep -E "^(plus|# target)" | sed 's/^/  /'
}

echo "# $(date -u +%FT%TZ), $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg), work in $work"
# idle PID SECONDS: the process's CPU per second while nothing is offered.
idle() {
  local before after
  before=$(awk '{print $14+$15}' "/proc/$1/stat"); sleep "$2"; after=$(awk '{print $14+$15}' "/proc/$1/stat")
  python3 -c "print('%.1f' % (($after - $before) * 1000.0 / $(getconf CLK_TCK) / $2))"
}

start 1; node1=$jvm
measure warm-up "$node1" "$WARMUP" >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  measure "round $round: node 1 alone" "$node1"
  start 2; node2=$jvm
  measure warm-up "$node1 $node2" "$WARMUP" >/dev/null
  echo "## round $round: node 2 idle: $(idle "$node2" 20) ms CPU per s; node 1 idle: $(idle "$node1" 20) ms per s"
  measure "round $round: node 1 with node 2 in the cluster" "$node1 $node2"
  stop 2
  sleep 5
done
