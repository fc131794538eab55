#!/usr/bin/env bash
# REST dial throughput and latency with wrk (Debian package "wrk"), against a running server (the README
# run command): USERS users are created through the API, then wrk sends POST /api/users/{ext}/dial as
# those users (HTTP Basic; every dial a committed change: the user, an audit record and an event in one
# XA transaction). A warm-up run, then the measured run; prints wrk's report, the committed dials/s and
# the server's CPU per dial when SERVER_PID is given.
#
#   ADMIN_PASSWORD=... benchmarks/rest/dial-load.sh
#   CONNECTIONS="16 32" DURATION=60 SERVER_PID=$(pgrep -f jboss-modules) ADMIN_PASSWORD=... benchmarks/rest/dial-load.sh
#
# Settings (environment): HTTP (http://127.0.0.1:8080), ADMIN_USER / ADMIN_PASSWORD, USERS (128),
# THREADS (wrk threads, 2), CONNECTIONS (16; a list measures each), WARMUP (s, 30), DURATION (s, 30),
# SERVER_PID (for CPU per dial).
set -euo pipefail

HTTP=${HTTP:-http://127.0.0.1:8080}
ADMIN_USER=${ADMIN_USER:-admin}
ADMIN_PASSWORD=${ADMIN_PASSWORD:?set ADMIN_PASSWORD to the first administrator password}
USERS=${USERS:-128}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
HERE=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }

echo "# $(date -u +%FT%TZ), $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $USERS users, wrk -t$THREADS"

users=()
ext=$(( (RANDOM % 800 + 100) * 1000 ))
while [ ${#users[@]} -lt "$USERS" ]; do
  ext=$((ext + 1)); pw="dial-$ext-$RANDOM$RANDOM"
  code=$(curl -s -o /dev/null -w '%{http_code}' -u "$ADMIN_USER:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
    -d "{\"extension\":\"$ext\",\"name\":\"Load $ext\",\"password\":\"$pw\",\"sipPassword\":\"sip-$pw\"}" "$HTTP/api/users")
  [ "$code" = 409 ] && continue   # taken by an earlier run
  [ "$code" = 201 ] || { echo "POST /api/users for $ext: HTTP $code" >&2; exit 1; }
  users+=("$ext:$(printf '%s:%s' "$ext" "$pw" | base64 -w0)")
done

cpu() { [ -n "${SERVER_PID:-}" ] && awk '{print $14+$15}' "/proc/$SERVER_PID/stat" || echo 0; }

run() {  # connections seconds
  wrk -t"$THREADS" -c"$1" -d"$2"s --latency -s "$HERE/dial.lua" "$HTTP" -- "$THREADS" "${users[@]}"
}

for c in $CONNECTIONS; do
  echo "## $c connections: warm-up ${WARMUP} s"
  run "$c" "$WARMUP" | grep -E "Requests/sec|Non-2xx" || true
  echo "## $c connections: measured ${DURATION} s"
  before=$(cpu)
  out=$(run "$c" "$DURATION")
  after=$(cpu)
  echo "$out"
  requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out")
  failed=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$out"); failed=${failed:-0}
  errors=$(sed -n 's/^ *Socket errors: *\(.*\)/\1/p' <<<"$out")
  python3 - "$requests" "$failed" "$DURATION" "$before" "$after" "$(getconf CLK_TCK)" "${errors:-none}" <<'PY'
import sys
req, failed, secs, before, after, hz, errors = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
ok = req - failed
line = f"# committed dials/s: {ok / secs:.0f} ({ok} ok, {failed} not 2xx, socket errors: {errors})"
if after > before:
    line += f"; server CPU per dial: {(after - before) * 1000 / hz / max(1, req):.2f} ms"
print(line)
PY
done
