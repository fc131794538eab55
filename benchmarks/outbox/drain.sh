#!/usr/bin/env bash
# How fast the outbox relay publishes on PostgreSQL (BENCHMARKS.md, "The outbox relay on PostgreSQL"):
# a fresh server of the build in CHECKOUT (its `./mvnw -o -q -pl ear -am package -DskipTests` done) on a
# fresh database; once it is up, EVENTS events of EXTENSIONS extensions are written to the outbox in one
# transaction, as if that many changes had just committed, and the time until the relay has sent and
# removed them all is measured, ROUNDS times. BUSY=n runs n busy loops meanwhile, standing in for request
# threads that compete with the relay for the cores. Run it for two builds alternately.
#
#   benchmarks/outbox/drain.sh /path/to/checkout label [/tmp/out-dir]
#
# Environment: EVENTS (10000), EXTENSIONS (50), ROUNDS (3), BUSY (0), OFFSET (780), SIP_PORT (5840),
# PGHOST (127.0.0.1), PGUSER (postgres); the database plus_drain_<label> is dropped and created.
# Nobody subscribes to plus.events: what is measured is the relay's own work (read, number, send, delete).
set -euo pipefail
source "$(cd "$(dirname "$0")/.." && pwd)/server.sh"

CHECKOUT=$(cd "$1" && pwd); LABEL=$2; OUT=${3:-/tmp/drain-$LABEL}
EVENTS=${EVENTS:-10000}; EXTENSIONS=${EXTENSIONS:-50}; ROUNDS=${ROUNDS:-3}; BUSY=${BUSY:-0}
OFFSET=${OFFSET:-780}; SIP_PORT=${SIP_PORT:-5840}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=plus_drain_$LABEL
HTTP=http://127.0.0.1:$((8080 + OFFSET))
mkdir -p "$OUT"
log() { echo "# $(date -u +%FT%TZ) [$LABEL] $* | $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/summary.txt"; }
sql() { psql -qAtX -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; }

psql -qX -d postgres -c "drop database if exists $DB" -c "create database $DB" >/dev/null
H=$(ls -d "$CHECKOUT"/ear/target/server/wildfly-*)
BASE=/tmp/drain-base-$LABEL
rm -rf "$BASE" && mkdir -p "$BASE/deployments" && cp -r "$H/standalone/configuration" "$BASE/" \
  && cp "$CHECKOUT/ear/target/plus-services.ear" "$BASE/deployments/"
log "starting $(git -C "$CHECKOUT" log --oneline -1 | cut -c1-60)"
PLUS_DB_DRIVER=postgresql PLUS_DB_URL=jdbc:postgresql://$PGHOST:5432/$DB PLUS_DB_USER=$PGUSER PLUS_DB_PASSWORD=unused \
  JBOSS_JAVA_SIZING="-Xms2g -Xmx2g -XX:MaxGCPauseMillis=50 -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m" \
  setsid "$H/bin/standalone.sh" -c standalone-plus.xml -Djboss.server.base.dir="$BASE" \
  -Djboss.socket.binding.port-offset="$OFFSET" -Dplus.sip.port="$SIP_PORT" -Dplus.admin.password=drain-admin-pw \
  >"$OUT/server.log" 2>&1 &
LAUNCHER=$!
BUSY_PIDS=()
stop() {
  for p in "${BUSY_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  kill -- -"$LAUNCHER" 2>/dev/null || true; wait "$LAUNCHER" 2>/dev/null || true
}
trap stop EXIT
await_health "$HTTP" || { log "server did not come up"; exit 1; }
log "up; $EVENTS events of $EXTENSIONS extensions per round, $BUSY busy loops"
for _ in $(seq 1 "$BUSY"); do (while :; do :; done) & BUSY_PIDS+=($!); done

for round in $(seq 1 "$ROUNDS"); do
  sql "insert into outbox (event_id, extension, type, source, payload)
       select gen_random_uuid()::text, (2000 + n % $EXTENSIONS)::text, 'FORWARDING_CHANGED', 'REST',
              '{\"type\":\"FORWARDING_CHANGED\",\"extension\":\"' || (2000 + n % $EXTENSIONS) || '\",\"source\":\"REST\"}'
       from generate_series(1, $EVENTS) n"
  start=$(date +%s%N)
  while [ "$(sql 'select count(*) from outbox')" != 0 ]; do sleep 0.05; done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  log "round $round: $EVENTS events sent in $ms ms: $(( EVENTS * 1000 / (ms > 0 ? ms : 1) )) events/s"
done
gaps=$(sql "select count(*) from event_sequences where last_sequence <> $(( EVENTS * ROUNDS / EXTENSIONS ))")
log "extensions whose last sequence is not $(( EVENTS * ROUNDS / EXTENSIONS )): $gaps"
