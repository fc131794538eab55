#!/usr/bin/env bash
# Runs plus-services as a cluster of WildFly nodes (README, "Several servers"), on the configuration the
# build made beside the single-server one (standalone-plus-ha.xml).
#
#   cluster.sh up <n>         n nodes on this host, in the background; Ctrl-C stops them all
#   cluster.sh node <i> <n>   node i of n in the foreground (what "up" runs; also one node per host)
#
# Node i (1..n) is node<i>, with port offset PLUS_CLUSTER_OFFSET + 100*(i-1): HTTP 8080+offset, management
# 9990+offset, JGroups 7600+offset, SIP PLUS_SIP_PORT+offset (5060 by default); its media ports are the
# i-th 2000 of 20000-39999. Its state (database aside) lives in PLUS_CLUSTER_DIR/node<i>.
#
# Environment: PLUS_DB_DRIVER=postgresql, PLUS_DB_URL, PLUS_DB_USER, PLUS_DB_PASSWORD (the nodes share
# one PostgreSQL database: required); PLUS_CLUSTER_PASSWORD (the broker cluster's password, the same on
# every node); optional: PLUS_CLUSTER_OFFSET (0), PLUS_CLUSTER_ADDRESS (127.0.0.1: what this host's nodes
# bind, SIP included), PLUS_CLUSTER_MEMBERS (host[port],...: default, the n nodes on this host),
# PLUS_CLUSTER_DIR (ear/target/cluster), JBOSS_HOME (ear/target/server/wildfly-*), PLUS_EAR
# (ear/target/plus-services.ear); every other PLUS_* setting of the README applies to every node.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
ear_module=$(cd "$here/../../.." && pwd)
fail() { echo "cluster.sh: $*" >&2; exit 2; }

home=${JBOSS_HOME:-$(ls -d "$ear_module"/target/server/wildfly-* 2>/dev/null | head -1)}
[ -x "$home/bin/standalone.sh" ] || fail "no WildFly at '$home': build first (./mvnw -pl ear -am package -DskipTests) or set JBOSS_HOME"
[ -f "$home/standalone/configuration/standalone-plus-ha.xml" ] || fail "$home has no standalone-plus-ha.xml: build first"
ear=${PLUS_EAR:-$ear_module/target/plus-services.ear}
[ -f "$ear" ] || fail "no EAR at $ear: build first or set PLUS_EAR"
dir=${PLUS_CLUSTER_DIR:-$ear_module/target/cluster}
base_offset=${PLUS_CLUSTER_OFFSET:-0}
address=${PLUS_CLUSTER_ADDRESS:-127.0.0.1}
[ "${PLUS_DB_DRIVER:-}" = postgresql ] && [ -n "${PLUS_DB_URL:-}" ] \
  || fail "the nodes share one PostgreSQL database: set PLUS_DB_DRIVER=postgresql, PLUS_DB_URL, PLUS_DB_USER, PLUS_DB_PASSWORD"
[ -n "${PLUS_CLUSTER_PASSWORD:-}" ] || fail "set PLUS_CLUSTER_PASSWORD (the broker cluster's password, the same on every node)"

offset_of() { echo $((base_offset + 100 * ($1 - 1))); }
members_of() { # n -> the n local nodes' JGroups addresses
  local list=() i
  for ((i = 1; i <= $1; i++)); do list+=("$address[$((7600 + $(offset_of "$i")))]"); done
  (IFS=,; echo "${list[*]}")
}

node() { # i n: exec one node
  local i=$1 n=$2 offset members node_dir media_first
  [[ $i =~ ^[0-9]+$ && $n =~ ^[0-9]+$ && $i -ge 1 && $i -le $n && $n -le 10 ]] || fail "node <i> <n>: 1 <= i <= n <= 10"
  offset=$(offset_of "$i")
  members=${PLUS_CLUSTER_MEMBERS:-$(members_of "$n")}
  node_dir=$dir/node$i
  if [ ! -d "$node_dir/configuration" ]; then
    mkdir -p "$node_dir/deployments"
    cp -r "$home/standalone/configuration" "$node_dir/"
  fi
  cp "$ear" "$node_dir/deployments/"
  media_first=$((20000 + 2000 * (i - 1)))
  # standalone.sh passes SIGTERM on to the JVM (a graceful stop) only when it runs it in the background.
  export LAUNCH_JBOSS_IN_BACKGROUND=1
  exec "$home/bin/standalone.sh" -c standalone-plus-ha.xml \
    -Djboss.server.base.dir="$node_dir" \
    -Djboss.node.name="node$i" \
    -Djboss.socket.binding.port-offset="$offset" \
    -Djboss.bind.address="$address" -Djboss.bind.address.private="$address" -Djava.net.preferIPv4Stack=true \
    -Djboss.messaging.cluster.password="$PLUS_CLUSTER_PASSWORD" \
    -Dplus.cluster.members="$members" \
    -Dplus.node-id="node$i" \
    -Dplus.sip.address="${PLUS_SIP_ADDRESS:-$address}" \
    -Dplus.sip.port=$(( ${PLUS_SIP_PORT:-5060} + offset )) \
    -Dplus.media.ports="${PLUS_MEDIA_PORTS:-$media_first-$((media_first + 1999))}"
}

up() { # n: every node in the background, until Ctrl-C
  local n=$1 i pids=() health
  trap 'echo "stopping"; kill -TERM "${pids[@]}" 2>/dev/null; wait' INT TERM
  for ((i = 1; i <= n; i++)); do
    mkdir -p "$dir/node$i"
    "$0" node "$i" "$n" > "$dir/node$i/console.log" 2>&1 &
    pids+=($!)
    health="http://$address:$((8080 + $(offset_of "$i")))/api/health"
    echo "node$i: pid $!, $health, SIP $address:$(( ${PLUS_SIP_PORT:-5060} + $(offset_of "$i") )), log $dir/node$i/console.log"
    # One at a time: a node that starts while the one before it is up joins its view at once; nodes
    # starting together may each form a view of their own first and merge later.
    until curl -sf -o /dev/null "$health"; do
      kill -0 "${pids[-1]}" 2>/dev/null || fail "node$i exited: see $dir/node$i/console.log"
      sleep 2
    done
  done
  echo "all $n nodes up; Ctrl-C stops them"
  wait
}

case ${1:-} in
  up) [ $# -eq 2 ] || fail "usage: cluster.sh up <n>"; up "$2" ;;
  node) [ $# -eq 3 ] || fail "usage: cluster.sh node <i> <n>"; node "$2" "$3" ;;
  *) fail "usage: cluster.sh up <n> | cluster.sh node <i> <n>" ;;
esac
