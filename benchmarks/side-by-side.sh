#!/usr/bin/env bash
# One round of the side-by-side comparison of two builds (BENCHMARKS.md, "Transactional outbox instead
# of XA (issue 15)"): a fresh server of the build in CHECKOUT (its `./mvnw -o -q -pl ear -am package
# -DskipTests` already done: ear/target/server and ear/target/plus-services.ear), then, one after the
# other against it: REST dials with wrk (benchmarks/rest/dial-load.sh) with an outside subscriber
# measuring event latency and events in flight (se.plus.tools.EventLatency); SIP feature-code calls
# (benchmarks/sip/feature-code-load.sh, twice: the first is the SIP path's warm-up); JMS command round
# trips (se.plus.tools.JmsLoad); a hot user (16 senders, one user) and the same senders spread over 64
# users. The server is stopped at the end. Run it for each build in turn, alternating.
#
#   TOOLS_CP=... benchmarks/side-by-side.sh /path/to/checkout label /tmp/out-dir
#
# TOOLS_CP: a classpath with the compiled load tools (ear/src/test/java/se/plus/tools) and the Artemis
# JMS client. Settings (environment): OFFSET (port offset, 760), SIP_PORT (5820), MEDIA_PORTS,
# REST_WARMUP (60), REST_SECONDS (60), REST_CONNECTIONS (16; wrk's closed loop), REST_RATE (unset; set:
# an open loop of that many dials/s with se.plus.tools.DialLoad instead of wrk), SIP_RATE (250), SIP_SECONDS (30),
# JMS_SECONDS (30); CONFIG (the server configuration, standalone-plus.xml; standalone-plus-ha.xml for
# one node of the cluster variant) and SERVER_OPTS (more -D options, e.g. the database or the cluster's
# members and password); STEPS ("rest sip jms", the default; "rest" for the REST dials and the event
# latency only).
set -euo pipefail

CHECKOUT=$(cd "$1" && pwd); LABEL=$2; OUT=$3
OFFSET=${OFFSET:-760}; SIP_PORT=${SIP_PORT:-5820}; MEDIA_PORTS=${MEDIA_PORTS:-46000-47999}
REST_WARMUP=${REST_WARMUP:-60}; REST_SECONDS=${REST_SECONDS:-60}; REST_CONNECTIONS=${REST_CONNECTIONS:-16}; REST_RATE=${REST_RATE:-}
SIP_RATE=${SIP_RATE:-250}; SIP_SECONDS=${SIP_SECONDS:-30}; JMS_SECONDS=${JMS_SECONDS:-30}
CONFIG=${CONFIG:-standalone-plus.xml}; SERVER_OPTS=${SERVER_OPTS:-}; STEPS=${STEPS:-rest sip jms}
: "${TOOLS_CP:?set TOOLS_CP}"
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/server.sh"
HTTP_PORT=$((8080 + OFFSET)); HTTP=http://127.0.0.1:$HTTP_PORT
JMS_URL="tcp://127.0.0.1:$HTTP_PORT?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&activemqServerName=default&enable1xPrefixes=true"
ADMIN_PASSWORD=bench-admin-pw
mkdir -p "$OUT"
log() { echo "# $(date -u +%FT%TZ) [$LABEL] $* | $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/summary.txt"; }

H=$(ls -d "$CHECKOUT"/ear/target/server/wildfly-*)
BASE=/tmp/side-by-side-base-$LABEL
rm -rf "$BASE" && mkdir -p "$BASE/deployments" && cp -r "$H/standalone/configuration" "$BASE/" \
  && cp "$CHECKOUT/ear/target/plus-services.ear" "$BASE/deployments/"
log "starting $(git -C "$CHECKOUT" log --oneline -1 | cut -c1-60)"
# The README run command's heap and pause goal; a base directory of our own (fresh H2 database, journal).
JBOSS_JAVA_SIZING="-Xms2g -Xmx2g -XX:MaxGCPauseMillis=50 -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m" \
  setsid "$H/bin/standalone.sh" -c "$CONFIG" -Djboss.server.base.dir="$BASE" $SERVER_OPTS \
  -Djboss.socket.binding.port-offset="$OFFSET" -Dplus.sip.port="$SIP_PORT" -Dplus.media.ports="$MEDIA_PORTS" \
  -Dplus.admin.password="$ADMIN_PASSWORD" >"$OUT/server.log" 2>&1 &
LAUNCHER=$!
stop() { kill -- -"$LAUNCHER" 2>/dev/null || true; wait "$LAUNCHER" 2>/dev/null || true; }
trap stop EXIT
await_health "$HTTP" || { log "server did not come up"; exit 1; }
PID=$(pgrep -f "jboss.server.base.dir=$BASE" | while read -r p; do grep -q jboss-modules "/proc/$p/cmdline" 2>/dev/null && echo "$p"; done | head -1)
log "up, server pid $PID"

# REST dials; the subscriber starts when the measured run starts.
if [[ -n "$REST_RATE" ]]; then
  log "REST: 64 users, open loop at $REST_RATE dials/s, ${REST_WARMUP} s warm-up, ${REST_SECONDS} s measured"
  java -cp "$TOOLS_CP" se.plus.tools.DialLoad --base "$HTTP" --admin "admin:$ADMIN_PASSWORD" --threads 64 \
    --rate "$REST_RATE" --warmup "$REST_WARMUP" --seconds "$REST_SECONDS" --pid "$PID" >"$OUT/rest.txt" 2>&1 &
else
  log "REST: 64 users, $REST_CONNECTIONS connections, ${REST_WARMUP} s warm-up, ${REST_SECONDS} s measured"
  HTTP=$HTTP ADMIN_PASSWORD=$ADMIN_PASSWORD SERVER_PID=$PID USERS=64 CONNECTIONS=$REST_CONNECTIONS WARMUP=$REST_WARMUP \
    DURATION=$REST_SECONDS "$HERE/rest/dial-load.sh" >"$OUT/rest.txt" 2>&1 &
fi
REST=$!
until grep -q "measured" "$OUT/rest.txt" 2>/dev/null; do sleep 0.2; done
java -cp "$TOOLS_CP" se.plus.tools.EventLatency --url "$JMS_URL" --seconds "$REST_SECONDS" --skip 3 --tail 4 \
  >"$OUT/events.txt" 2>&1 || true
wait "$REST" || true
grep -E "^#|Latency|requests in|^due|latency from|CPU per dial" "$OUT/rest.txt" | tee -a "$OUT/summary.txt"
tee -a "$OUT/summary.txt" <"$OUT/events.txt"

for pass in 1 2; do
  [[ " $STEPS " == *" sip "* ]] || break
  log "SIP pass $pass: $SIP_RATE calls/s, $SIP_SECONDS s"
  SIP=127.0.0.1:$SIP_PORT HTTP=$HTTP ADMIN_PASSWORD=$ADMIN_PASSWORD RATES=$SIP_RATE DURATION=$SIP_SECONDS CEILING=no \
    "$HERE/sip/feature-code-load.sh" >"$OUT/sip-$pass.txt" 2>&1 || true
  grep -E "^plus|held" "$OUT/sip-$pass.txt" | tee -a "$OUT/summary.txt"
done

if [[ " $STEPS " == *" jms "* ]]; then
log "JMS: 64 users, 8 senders, 64 in flight, 20 s warm-up, $JMS_SECONDS s measured"
java -cp "$TOOLS_CP" se.plus.tools.JmsLoad --base "$HTTP" --admin "admin:$ADMIN_PASSWORD" --url "$JMS_URL" \
  --users 64 --senders 8 --window 64 --seconds "$JMS_SECONDS" --warmup 20 >"$OUT/jms.txt" 2>&1 || true
grep -vE "^not DONE" "$OUT/jms.txt" | tee -a "$OUT/summary.txt"

log "hot user: 1 user, 16 senders, 16 in flight, no JMSXGroupID, 10 s warm-up, $JMS_SECONDS s measured"
java -cp "$TOOLS_CP" se.plus.tools.JmsLoad --base "$HTTP" --admin "admin:$ADMIN_PASSWORD" --url "$JMS_URL" \
  --users 1 --senders 16 --window 16 --shared --no-group --seconds "$JMS_SECONDS" --warmup 10 >"$OUT/hot.txt" 2>&1 || true
grep -vE "^not DONE" "$OUT/hot.txt" | tee -a "$OUT/summary.txt"
echo "not DONE replies: $(grep -c '^not DONE' "$OUT/hot.txt" || true)" | tee -a "$OUT/summary.txt"

log "spread out: 64 users, 16 senders, 16 in flight, no JMSXGroupID, 10 s warm-up, $JMS_SECONDS s measured"
java -cp "$TOOLS_CP" se.plus.tools.JmsLoad --base "$HTTP" --admin "admin:$ADMIN_PASSWORD" --url "$JMS_URL" \
  --users 64 --senders 16 --window 16 --no-group --seconds "$JMS_SECONDS" --warmup 10 >"$OUT/spread.txt" 2>&1 || true
grep -vE "^not DONE" "$OUT/spread.txt" | tee -a "$OUT/summary.txt"
fi

grep -E "ERROR|OutOfMemory" "$OUT/server.log" | head -20 >"$OUT/server-errors.txt" || true
log "done ($(wc -l <"$OUT/server-errors.txt") ERROR lines in the server log); stopping the server"
