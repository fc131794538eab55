#!/usr/bin/env bash
# Registrations at a steady rate against a running server, for what one registration costs the server:
# USERS users are created through the API (fresh extensions), then SIPp (scenarios/callee-register.xml:
# REGISTER -> 401 -> REGISTER with digest, Expires 3600) refreshes their bindings round-robin at RATE
# registrations/s for DURATION s (a phone's refresh is the same two requests). Prints the registrations
# done and failed, and, with SERVER_PID, the server's CPU per registration (utime + stime of the JVM
# over the run, from /proc; everything the server did meanwhile is in it; several pids, space-separated:
# each one's, e.g. the nodes of a cluster, as "1.10+0.20 ms"). The bindings are removed at
# the end (Expires 0).
#
#   SERVER_PID=$(pgrep -f jboss-modules) ADMIN_PASSWORD=... benchmarks/sip/register-load.sh
#
# Settings (environment): SIP (127.0.0.1:5060), HTTP (http://127.0.0.1:8080), ADMIN_USER / ADMIN_PASSWORD,
# USERS (500), RATE (200 registrations/s), DURATION (s, 30), LOCAL_IP (127.0.0.1), PORT (SIPp's, 5095).
set -euo pipefail

SIP=${SIP:-127.0.0.1:5060}
HTTP=${HTTP:-http://127.0.0.1:8080}
ADMIN_USER=${ADMIN_USER:-admin}
ADMIN_PASSWORD=${ADMIN_PASSWORD:?set ADMIN_PASSWORD to the first administrator password}
USERS=${USERS:-500}
RATE=${RATE:-200}
DURATION=${DURATION:-30}
LOCAL_IP=${LOCAL_IP:-127.0.0.1}
PORT=${PORT:-5095}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/plus-register-bench.XXXXXX)
command -v sipp >/dev/null || { echo "SIPp missing: apt-get install sip-tester" >&2; exit 1; }
# cpu: utime+stime of the server's JVM; of each, comma-separated, when SERVER_PID lists several (the nodes of a cluster).
cpu() { local out="" pid; for pid in ${SERVER_PID:-}; do out="$out${out:+,}$(awk '{print $14+$15}' "/proc/$pid/stat")"; done; echo "${out:-0}"; }

echo "# $(date -u +%FT%TZ), $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "SEQUENTIAL" > "$WORK/users.csv"
ext=$(( (RANDOM % 800 + 100) * 1000 ))
for _ in $(seq 1 "$USERS"); do
  while :; do
    ext=$((ext + 1)); pw="reg-$ext-$RANDOM$RANDOM"
    code=$(curl -s -o /dev/null -w '%{http_code}' -u "$ADMIN_USER:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
      -d "{\"extension\":\"$ext\",\"name\":\"Reg $ext\",\"password\":\"rest-$pw\",\"sipPassword\":\"$pw\"}" "$HTTP/api/users" || true)
    [ "$code" = 409 ] || break
  done
  [ "$code" = 201 ] || { echo "POST /api/users for $ext: HTTP $code" >&2; exit 1; }
  printf '%s;[authentication username=%s password=%s];\n' "$ext" "$ext" "$pw" >> "$WORK/users.csv"
done

# run NAME EXPIRES COUNT RATE: COUNT registrations at RATE/s; prints "ok failed".
run() {
  local dir="$WORK/$1"; mkdir -p "$dir"
  (cd "$dir" || exit 1; timeout $(( $3 / $4 + 120 )) sipp "$SIP" -sf "$HERE/scenarios/callee-register.xml" -inf "$WORK/users.csv" \
      -t u1 -i "$LOCAL_IP" -p "$PORT" -key uas "$LOCAL_IP:9" -key expires "$2" \
      -r "$4" -m "$3" -l $(( $4 * 2 )) -recv_timeout 10000 -timeout $(( $3 / $4 + 60 ))s \
      -trace_stat -fd 1 -trace_err -nostdin </dev/null >"$dir/stdout" 2>&1 || true)
  python3 - "$dir" <<'PY'
import csv, glob, sys
ok = failed = 0
for f in glob.glob(sys.argv[1] + "/*_.csv"):
    rows = list(csv.reader(open(f), delimiter=';'))
    if len(rows) > 1:
        head, last = rows[0], rows[-1]
        ok, failed = int(last[head.index("SuccessfulCall(C)")]), int(last[head.index("FailedCall(C)")])
print(ok, failed)
PY
}

read -r warm_ok warm_failed <<<"$(run warmup 3600 "$USERS" "$RATE")"
echo "# warm-up: every user registered once: $warm_ok ok, $warm_failed failed"
total=$((RATE * DURATION))
before=$(cpu); start=$(date +%s.%N)
read -r ok failed <<<"$(run measured 3600 "$total" "$RATE")"
end=$(date +%s.%N); after=$(cpu)
ticks=$(getconf CLK_TCK)
python3 - "$ok" "$failed" "$start" "$end" "$before" "$after" "$ticks" "$RATE" <<'PY'
import sys
ok, failed, t0, t1, c0, c1, hz, rate = sys.argv[1:]
ok, failed, secs, hz = int(ok), int(failed), float(t1) - float(t0), int(hz)
cpu_ms = [(int(a) - int(b)) * 1000.0 / hz for b, a in zip(c0.split(","), c1.split(","))]
line = "# offered %s/s: %d registrations ok, %d failed in %.1f s = %.0f/s" % (rate, ok, failed, secs, ok / secs)
if any(c1 != "0" for c1 in c1.split(",")) and ok > 0:
    line += "; server CPU %s ms = %s ms per registration" % ("+".join("%.0f" % c for c in cpu_ms),
                                                           "+".join("%.2f" % (c / ok) for c in cpu_ms))
print(line)
PY
read -r gone_ok gone_failed <<<"$(run unregister 0 "$USERS" "$RATE")"
echo "# bindings removed: $gone_ok of $USERS"
