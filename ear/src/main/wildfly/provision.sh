#!/usr/bin/env bash
# Configures an unpacked WildFly distribution for the plus-services EAR, from the CLI scripts beside
# this file. Safe to run again: the configuration is rebuilt from the distribution's own
# standalone-full.xml each time, so the scripts never see a half-configured server.
#   provision.sh <wildfly home> <postgresql driver jar> <h2 jar>
# Environment: PLUS_JMS_USER / PLUS_JMS_PASSWORD, the application user for remote JMS clients.
set -euo pipefail
home=$1
driver=$2
h2=$3
here=$(cd "$(dirname "$0")" && pwd)
conf=$home/standalone/configuration

# One server (standalone-plus.xml, the default) and the cluster variant (standalone-plus-ha.xml, README
# "Several servers"): the same scripts on standalone-full and standalone-full-ha, cluster.cli after them.
cp "$conf/standalone-full.xml" "$conf/standalone-plus.xml"
cp "$conf/standalone-full-ha.xml" "$conf/standalone-plus-ha.xml"

# The PostgreSQL driver as a static module.
mkdir -p "$home/modules/org/postgresql/main"
cp "$driver" "$home/modules/org/postgresql/main/postgresql.jar"
cp "$here/postgresql-module.xml" "$home/modules/org/postgresql/main/module.xml"

# H2, the embedded default, in the module WildFly ships it in, newer than WildFly's 2.2.224: a newer H2
# writes its store for less CPU (REST dials 717/s -> 1059/s with 2.5, BENCHMARKS.md), and 2.2 failed its
# own assertion (RandomAccessStore.shrinkStoreIfPossible) with the short RETENTION_TIME of configure.cli.
# 2.4, not 2.5: 2.5.252 lost commits it had acknowledged at a kill -9 (BENCHMARKS.md, "H2 at a kill -9").
h2module=$home/modules/system/layers/base/com/h2database/h2/main
find "$h2module" -name 'h2*.jar' -delete
cp "$h2" "$h2module/h2.jar"
sed -i 's#<resource-root path="[^"]*"/>#<resource-root path="h2.jar"/>#' "$h2module/module.xml"
grep -q '<resource-root path="h2.jar"/>' "$h2module/module.xml" || { echo "H2 module not replaced: $h2module/module.xml" >&2; exit 1; }

# Remote JMS clients authenticate against the ApplicationRealm; 'guest' is the role the broker allows.
[ -f "$conf/application-users.properties.dist" ] || cp "$conf/application-users.properties" "$conf/application-users.properties.dist"
[ -f "$conf/application-roles.properties.dist" ] || cp "$conf/application-roles.properties" "$conf/application-roles.properties.dist"
cp "$conf/application-users.properties.dist" "$conf/application-users.properties"
cp "$conf/application-roles.properties.dist" "$conf/application-roles.properties"
"$home/bin/add-user.sh" -s -a -u "${PLUS_JMS_USER:?set PLUS_JMS_USER}" -p "${PLUS_JMS_PASSWORD:?set PLUS_JMS_PASSWORD}" -g guest

# The Prometheus endpoint (metrics.cli) is a "community" feature of WildFly 39: both configurations are
# written, and must be started, at that stability level. standalone.sh gets it from standalone.conf; the
# build's other launchers (Arquillian, wildfly:run) pass -Djboss.stability=community themselves.
grep -q 'jboss.stability=community' "$home/bin/standalone.conf" || cat >> "$home/bin/standalone.conf" <<'CONF'

# plus-services: standalone-plus*.xml use the micrometer subsystem's Prometheus registry, a "community" feature.
JAVA_OPTS="$JAVA_OPTS -Djboss.stability=community"
CONF

"$home/bin/jboss-cli.sh" --no-operation-validation \
  --commands="embed-server --server-config=standalone-plus.xml --std-out=discard --stability=community,run-batch --file=$here/extensions.cli,run-batch --file=$here/postgresql.cli,run-batch --file=$here/configure.cli,run-batch --file=$here/metrics.cli,stop-embedded-server,embed-server --server-config=standalone-plus-ha.xml --std-out=discard --stability=community,run-batch --file=$here/extensions.cli,run-batch --file=$here/postgresql.cli,run-batch --file=$here/configure.cli,run-batch --file=$here/cluster.cli,run-batch --file=$here/metrics.cli,stop-embedded-server" \
  > "$home/standalone/configure-plus.log" 2>&1 || { cat "$home/standalone/configure-plus.log"; exit 1; }
echo "WildFly at $home configured ($conf/standalone-plus.xml, cluster: standalone-plus-ha.xml)"
