#!/bin/bash
# Does H2 keep what it committed when its process is killed? CYCLES times: a fresh database, KillLoad for
# 1-4 s, kill -9, KillCheck. Prints one line per cycle and a summary. Needs the build's WildFly (./mvnw
# package) for its H2 jar, or H2_JAR=<path>.
#   benchmarks/h2-durability/run.sh                         # the server's URL settings, 50 cycles
#   CYCLES=20 SETTINGS=";DB_CLOSE_ON_EXIT=FALSE" benchmarks/h2-durability/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=${H2_JAR:-$(ls "$here"/../../ear/target/server/wildfly-*/modules/system/layers/base/com/h2database/h2/main/h2.jar | head -1)}
cycles=${CYCLES:-50}
settings=${SETTINGS:-";DB_CLOSE_ON_EXIT=FALSE;RETENTION_TIME=1000;WRITE_DELAY=0"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
losing=0
for i in $(seq 1 "$cycles"); do
  rm -rf "$work/db"
  url="jdbc:h2:file:$work/db/plus$settings"
  java -Xmx256m -cp "$jar" "$here/KillLoad.java" "$url" > "$work/committed.txt" 2> "$work/load.err" &
  load=$!
  for _ in $(seq 1 600); do grep -q READY "$work/committed.txt" 2>/dev/null && break; sleep 0.05; done
  seconds=$(awk -v seed="$RANDOM" 'BEGIN { srand(seed); printf "%.2f", 1 + 3 * rand() }')
  sleep "$seconds"
  kill -9 "$load"; wait "$load" 2>/dev/null || true
  result=$(java -cp "$jar" "$here/KillCheck.java" "$url" "$work/committed.txt")
  echo "cycle $i, killed after ${seconds} s: $result"
  [[ $result == *" lost=0 "* ]] || losing=$((losing + 1))
done
echo "H2 ($jar), settings '$settings': $losing of $cycles kills lost committed rows"
