#!/usr/bin/env bash
# Configures a WildFly 39 (standalone-full) for the plus-services EAR from one properties file:
#
#   plus-services/configure.sh plus-services/plus.properties
#
# A server that answers at its management address is configured through it (then restart it); a
# stopped one has its configuration file edited offline, on an embedded server. Run it as the user the
# server runs as: the files it writes are readable by that user only.
#
# Idempotent: a resource that is already there is left as it is, a setting that is already there is
# overwritten, a plus.* setting no longer in the file is removed; a second run with the same file
# changes nothing. All or nothing: every change to the server's model is one batch, and every file this
# script touches (modules, users, standalone.conf, the configuration offline) is put back when anything
# fails.
#
# Secrets never come from a command line or the properties file: PLUS_DB_PASSWORD, PLUS_ADMIN_PASSWORD
# and PLUS_JMS_PASSWORD from the environment, else asked for when run at a terminal. The database and
# administrator passwords go to the server's model as expressions encrypted with a key in an Elytron
# credential store (plus-secrets.cs beside the configuration); the JMS user's only as the digest
# add-user.sh would write.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
props=${1:?usage: configure.sh <plus.properties>}
[ -r "$props" ] || { echo "configure.sh: cannot read $props" >&2; exit 2; }

fail() { echo "configure.sh: $*" >&2; exit 1; }

# --- The properties file: key=value lines; the last of a key wins -------------------------------------
declare -A setting=()
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
  [[ $line == *=* ]] || fail "$props: not key=value: $line"
  key=${line%%=*}; key=${key//[[:space:]]/}
  value=${line#*=}; value=${value#"${value%%[![:space:]]*}"}; value=${value%"${value##*[![:space:]]}"}
  case $key in
    plus.db.password|plus.admin.password|plus.jms.password)
      fail "$props: $key is a secret: give it as ${key^^} with dots as underscores in the environment, or at the prompt" ;;
    wildfly.home|wildfly.config|wildfly.management|wildfly.port-offset|wildfly.heap|jms.user|plus.*) ;;
    *) fail "$props: unknown key $key" ;;
  esac
  setting[$key]=$value
done < "$props"
get() { echo "${setting[$1]:-${2:-}}"; }

home=$(get wildfly.home "${JBOSS_HOME:-}")
[ -n "$home" ] || fail "set wildfly.home in $props (or JBOSS_HOME)"
[ -x "$home/bin/jboss-cli.sh" ] || fail "no WildFly at $home (bin/jboss-cli.sh missing)"
home=$(cd "$home" && pwd)
export JBOSS_HOME=$home   # the CLI would otherwise follow a JBOSS_HOME of the environment
server_config=$(get wildfly.config standalone-full.xml)
config_dir=$home/standalone/configuration
[ -f "$config_dir/$server_config" ] || fail "no $config_dir/$server_config"
offset=$(get wildfly.port-offset)
[[ -z $offset || $offset =~ ^[0-9]+$ ]] || fail "wildfly.port-offset must be a number: $offset"
management=$(get wildfly.management "127.0.0.1:$((9990 + ${offset:-0}))")
heap=$(get wildfly.heap)
[[ -z $heap || $heap =~ ^[0-9]+[mMgG]$ ]] || fail "wildfly.heap must look like 2g or 1536m: $heap"
jms_user=$(get jms.user)
[[ -z $jms_user || $jms_user =~ ^[A-Za-z0-9._-]+$ ]] || fail "jms.user: letters, digits, . _ - only"
driver=$(get plus.db.driver h2)
case $driver in
  h2) [[ -z $(get plus.db.url) || $(get plus.db.url) == jdbc:h2:* ]] || fail "plus.db.driver=h2 needs a jdbc:h2: URL" ;;
  postgresql)
    [[ $(get plus.db.url) == jdbc:postgresql:* ]] || fail "plus.db.driver=postgresql needs plus.db.url=jdbc:postgresql://HOST:PORT/DB"
    [ -n "$(get plus.db.user)" ] || fail "plus.db.driver=postgresql needs plus.db.user" ;;
  *) fail "plus.db.driver must be h2 or postgresql: $driver" ;;
esac

# --- Secrets: environment, else a prompt at a terminal ---------------------------------------------------
secret() { # name, prompt -> the value (may be empty)
  local value=${!1:-}
  if [ -z "$value" ] && [ -t 0 ]; then
    read -r -s -p "$2: " value </dev/tty; echo >&2
  fi
  printf '%s' "$value"
}
db_password=$(secret PLUS_DB_PASSWORD "Database password of $(get plus.db.user sa) (empty: keep the one configured, for H2 'sa')")
admin_password=$(secret PLUS_ADMIN_PASSWORD "First administrator's password (empty: generated at the first start, into a file)")
jms_password=
if [ -n "$jms_user" ]; then
  jms_password=$(secret PLUS_JMS_PASSWORD "Password of the JMS user $jms_user (empty: keep the one configured)")
  if [ -z "$jms_password" ] && ! grep -q "^$jms_user=" "$config_dir/application-users.properties"; then
    fail "the JMS user $jms_user does not exist yet: give PLUS_JMS_PASSWORD"
  fi
fi
[[ $driver == postgresql && -z $db_password ]] && ! grep -q '<property name="plus.db.password"' "$config_dir/$server_config" \
  && fail "PostgreSQL needs its password: give PLUS_DB_PASSWORD"

# --- How to reach the server: its management API if it answers, else an embedded one ------------------
work=$(mktemp -d)
chmod 700 "$work"
cli=("$home/bin/jboss-cli.sh" --no-operation-validation)   # a subsystem added in the same batch as its extension has no description yet
if "$home/bin/jboss-cli.sh" --connect --controller="$management" --command=':read-attribute(name=server-state)' >/dev/null 2>&1; then
  mode=online
  cli+=(--connect --controller="$management")
  open_server=""
  close_server=""
else
  mode=offline
  open_server="embed-server --server-config=$server_config --std-out=discard"
  close_server="stop-embedded-server"
fi
echo "configure.sh: WildFly at $home, $server_config, $mode ($([ $mode = online ] && echo "running, $management" || echo "stopped: editing the file"))"

run_cli() { # file -> output; fails as the CLI does
  "${cli[@]}" --file="$1" > "$1.out" 2>&1 || { cat "$1.out" >&2; return 1; }
  cat "$1.out"
}

# --- What the server already has ------------------------------------------------------------------
# The structure, in batch order; secrets.cli only when a secret is given (its own step, below).
scripts=("$here/extensions.cli")
[ "$driver" = postgresql ] && scripts+=("$here/postgresql.cli")
scripts+=("$here/configure.cli")
operations() { sed -E '/^[[:space:]]*(#|$)/d' "$@"; }
address_of() { sed -nE 's/^(\/[^:]*):(add|remove)([(].*)?$/\1/p' <<<"$1"; }
{
  echo "$open_server"
  operations "${scripts[@]}" "$here/secrets.cli" | while IFS= read -r op; do
      address=$(address_of "$op")
      [ -z "$address" ] || printf 'if (outcome == success) of %s:read-resource\necho EXISTS %s\nend-if\n' "$address" "$address"
  done
  echo 'echo PROPERTIES'
  echo ':read-children-names(child-type=system-property)'
  echo "$close_server"
} > "$work/probe.cli"
probe=$(run_cli "$work/probe.cli") || fail "could not read the server's configuration"
exists() { grep -qxF "EXISTS ${1//\\/}" <<<"$probe"; }   # the CLI's echo drops the escapes (location=\/)
existing_properties=$(sed -n '/^PROPERTIES$/,$p' <<<"$probe" | grep -oE '"plus\.[^"]+"' | tr -d '"' || true)

# --- Roll back every file on failure -------------------------------------------------------------
committed=false
declare -a restore=()
keep() { # path: put back as it is now if this run fails
  if [ -e "$1" ]; then
    mkdir -p "$work/keep$(dirname "$1")"; cp -a "$1" "$work/keep$1"
    restore+=("rm -rf '$1' && cp -a '$work/keep$1' '$1'")
  else
    restore+=("rm -rf '$1'")
  fi
}
finish() {
  if [ "$committed" != true ]; then
    echo "configure.sh: failed; putting back what this run changed" >&2
    for ((i=${#restore[@]}-1; i>=0; i--)); do eval "${restore[$i]}" || true; done
  fi
  rm -rf "$work"
}
trap finish EXIT
[ $mode = offline ] && keep "$config_dir/$server_config"

# --- Modules: the database drivers -----------------------------------------------------------------
install_module() { # bundle dir under modules/, e.g. org/postgresql/main
  local target=$home/modules/$1
  if [ -f "$target/module.xml" ] && ! cmp -s "$target/module.xml" "$here/modules/$1/module.xml"; then
    echo "configure.sh: $target has a module of its own: kept"
    return
  fi
  local created=$target
  while [ ! -e "$(dirname "$created")" ]; do created=$(dirname "$created"); done
  keep "$created"
  mkdir -p "$target"; rm -f "$target"/*.jar
  cp "$here/modules/$1"/* "$target/"
}
if [ "$driver" = postgresql ]; then
  install_module org/postgresql/main
else
  # Ahead of WildFly's own H2 2.2.224 in system/layers/base: modules/ is searched first.
  install_module com/h2database/h2/main
fi

# --- Secrets as encrypted expressions ------------------------------------------------------------
declare -A encrypted=()
if [ -n "$db_password$admin_password" ]; then
  for address in $(grep -oE '^/[^:]+' "$here/secrets.cli"); do
    exists "$address" || { keep "$config_dir/plus-secrets.cs"; break; }
  done
  {
    echo "$open_server"
    operations "$here/secrets.cli" | while IFS= read -r op; do
      exists "$(address_of "$op")" || echo "$op"
    done
    for name in db_password admin_password; do
      [ -n "${!name}" ] || continue
      printf 'echo SECRET %s\n/subsystem=elytron/expression=encryption:create-expression(resolver=plus, clear-text="%s")\n' \
        "$name" "$(sed 's/[\\"]/\\&/g' <<<"${!name}")"
    done
    echo "$close_server"
  } > "$work/secrets.cli"
  out=$(run_cli "$work/secrets.cli") || fail "could not store the secrets"
  rm -f "$work/secrets.cli" "$work/secrets.cli.out"
  chmod 600 "$config_dir/plus-secrets.cs" || echo "configure.sh: could not make $config_dir/plus-secrets.cs readable by its owner only: do it" >&2
  for name in db_password admin_password; do
    value=$(sed -n "/^SECRET $name\$/,/expression/p" <<<"$out" | grep -oE '\$\{ENC::[^}]+\}' || true)
    [ -z "${!name}" ] || [ -n "$value" ] || fail "no encrypted expression for $name"
    encrypted[$name]=$value
  done
  # Online, the store and its resolver are in the model now: taken out again if the batch fails.
  if [ $mode = online ]; then
    for address in $(grep -oE '^/[^:]+' "$here/secrets.cli" | tac); do
      exists "$address" || restore+=("'$home/bin/jboss-cli.sh' --connect --controller='$management' --command='$address:remove' >/dev/null")
    done
  fi
fi

# --- The batch: structure, then the settings as system properties ---------------------------------
quote() { printf '"%s"' "$(sed 's/[\\"]/\\&/g' <<<"$1")"; }
set_property() { # name value
  if grep -qxF "$1" <<<"$existing_properties"; then
    echo "/system-property=$1:write-attribute(name=value, value=$(quote "$2"))"
  else
    echo "/system-property=$1:add(value=$(quote "$2"))"
  fi
}
{
  echo "$open_server"
  echo batch
  operations "${scripts[@]}" | while IFS= read -r op; do
    address=$(address_of "$op")
    case $op in
      *:add|*:add\(*) exists "$address" || echo "$op" ;;
      *:remove|*:remove\(*) ! exists "$address" || echo "$op" ;;
      *) echo "$op" ;;
    esac
  done
  [ -z "$offset" ] || echo "/socket-binding-group=standard-sockets:write-attribute(name=port-offset, value=$offset)"
  for key in $(printf '%s\n' "${!setting[@]}" | grep '^plus\.' | sort); do
    set_property "$key" "${setting[$key]}"
  done
  [ -z "${encrypted[db_password]:-}" ] || set_property plus.db.password "${encrypted[db_password]}"
  [ -z "${encrypted[admin_password]:-}" ] || set_property plus.admin.password "${encrypted[admin_password]}"
  for key in $existing_properties; do
    case $key in plus.db.password|plus.admin.password) continue ;; esac
    [ -n "${setting[$key]+set}" ] || echo "/system-property=$key:remove"
  done
  echo run-batch
  echo "$close_server"
} > "$work/batch.cli"
run_cli "$work/batch.cli" >/dev/null || fail "the server refused the configuration (nothing of it was applied)"

# --- Files beside the model: the JMS user, the heap ----------------------------------------------
if [ -n "$jms_password" ]; then
  # The digest add-user.sh writes: HEX(MD5(user:realm:password)), through a pipe, not an argument.
  digest=$(printf '%s' "$jms_user:ApplicationRealm:$jms_password" | md5sum | cut -d' ' -f1)
  for file in application-users application-roles; do keep "$config_dir/$file.properties"; done
  sed -i "/^$jms_user=/d" "$config_dir/application-users.properties" "$config_dir/application-roles.properties"
  echo "$jms_user=$digest" >> "$config_dir/application-users.properties"
  echo "$jms_user=guest" >> "$config_dir/application-roles.properties"
fi
conf=$home/bin/standalone.conf
if [ -n "$heap" ] || grep -q '^# plus-services: heap' "$conf"; then
  keep "$conf"
  sed -i '/^# plus-services: heap/,/^# plus-services: end/d' "$conf"
  # Appended to JAVA_OPTS, not JBOSS_JAVA_SIZING: standalone.conf reads that one only at its top.
  [ -z "$heap" ] || printf '%s\n' "# plus-services: heap and pause goal of the benchmarks (configure.sh)" \
    "JAVA_OPTS=\"\$JAVA_OPTS -Xms$heap -Xmx$heap -XX:MaxGCPauseMillis=50\"" "# plus-services: end" >> "$conf"
fi

committed=true
if [ $mode = online ]; then
  echo "configure.sh: done; restart the server now (a reload is not enough for the transaction log)"
else
  echo "configure.sh: done; start the server with -c $server_config"
fi
