#!/usr/bin/env bash
# Feature-code calls from phones at increasing rates, against a running server (the README run
# command): each call is INVITE -> 407 -> INVITE with digest -> 200 (SDP) -> ACK -> confirmation tone
# over RTP -> BYE from the server, and commits one forwarding change. Reports per rate the calls,
# failures, retransmissions and the INVITE->200 p50/p99 (SIPp -trace_rtt, the authenticated INVITE),
# then the same for SIPp's own UAS answering plain INVITEs on this machine (the ceiling).
#
#   benchmarks/sip/feature-code-load.sh                     # rates 100 250 500 750 1000 1250 1500, 60 s each
#   RATES="500 1000" DURATION=20 benchmarks/sip/feature-code-load.sh
#   OVERLOAD=5000 DURATION=30 benchmarks/sip/feature-code-load.sh   # offer OVERLOAD calls/s, then OPTIONS
#
# Settings (environment): SIP (127.0.0.1:5060), HTTP (http://127.0.0.1:8080), ADMIN_USER / ADMIN_PASSWORD
# (the first administrator, to create the test users), USERS (250), RATES, DURATION (s), P99_LIMIT_MS (50),
# CEILING (yes: also measure SIPp's UAS), SKIP_PLUS (yes: only the ceiling).
set -euo pipefail

SIP=${SIP:-127.0.0.1:5060}
HTTP=${HTTP:-http://127.0.0.1:8080}
ADMIN_USER=${ADMIN_USER:-admin}
ADMIN_PASSWORD=${ADMIN_PASSWORD:?set ADMIN_PASSWORD to the first administrator password}
USERS=${USERS:-250}
RATES=${RATES:-100 250 500 750 1000 1250 1500}
DURATION=${DURATION:-60}
P99_LIMIT_MS=${P99_LIMIT_MS:-50}
CEILING=${CEILING:-yes}
OVERLOAD=${OVERLOAD:-}
HERE=$(cd "$(dirname "$0")" && pwd)
SCENARIOS=$(cd "$HERE/../../ear/src/test/sipp" && pwd)
WORK=$(mktemp -d /tmp/plus-sip-bench.XXXXXX)
command -v sipp >/dev/null || { echo "SIPp missing: apt-get install sip-tester" >&2; exit 1; }

echo "# $(date -u +%FT%TZ), $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), work in $WORK"

# Users with SIP passwords (fresh extensions each run), four forwarding targets each so every call
# changes state: consecutive calls of one user are USERS calls apart.
first=$(( (RANDOM % 800 + 100) * 1000 ))
echo "SEQUENTIAL" > "$WORK/calls.csv"
created=0
ext=$first
for i in $(seq 0 $((USERS - 1))); do
  while :; do
    ext=$((ext + 1)); pw="bench-$ext-$RANDOM$RANDOM"
    code=$(curl -s -o /dev/null -w '%{http_code}' -u "$ADMIN_USER:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
      -d "{\"extension\":\"$ext\",\"name\":\"Bench $ext\",\"password\":\"rest-$pw\",\"sipPassword\":\"$pw\"}" "$HTTP/api/users")
    [ "$code" = 409 ] || break   # taken by an earlier run: the next one
  done
  [ "$code" = 201 ] || { echo "POST /api/users for $ext: HTTP $code" >&2; exit 1; }
  created=$((created + 1))
  for t in 1 2 3 4; do
    printf '%s;[authentication username=%s password=%s];*21*07012345%02d%%23;\n' "$ext" "$ext" "$pw" $(( (i + t) % 100 )) >> "$WORK/calls.csv"
  done
done
# Interleave so that consecutive lines belong to different users.
{ echo SEQUENTIAL; tail -n +2 "$WORK/calls.csv" | awk -F';' '{n[$1]++; print n[$1] "\t" NR "\t" $0}' | sort -k1,1n -k2,2n | cut -f3-; } > "$WORK/calls.sorted"
mv "$WORK/calls.sorted" "$WORK/calls.csv"
echo "# $created users, $(( $(wc -l < "$WORK/calls.csv") - 1 )) call lines"

# One step: SIPp at $rate calls/s for $DURATION s; prints "rate calls ok failed retrans p50 p99".
step() {
  local name=$1 rate=$2 scenario_args=("${@:3}")
  local dir="$WORK/$name-$rate"; mkdir -p "$dir"
  local total=$((rate * DURATION))
  (cd "$dir" && timeout $((DURATION + 90)) sipp "${scenario_args[@]}" -r "$rate" -m "$total" -l $((rate * 5 + 100)) \
      -timeout $((DURATION + 60))s -recv_timeout 10000 -max_socket 5000 -buff_size 4194304 \
      -trace_rtt -rtt_freq 100 -trace_stat -fd 1 -trace_screen -nostdin </dev/null >"$dir/stdout" 2>&1 || true)
  python3 - "$dir" "$name" "$rate" "$total" <<'PY'
import csv, glob, sys
d, name, rate, total = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rtts = []
for f in glob.glob(d + "/*_rtt.csv"):
    for row in csv.reader(open(f), delimiter=';'):
        if len(row) >= 3 and row[2].strip() == '1':
            try: rtts.append(float(row[1]))
            except ValueError: pass
rtts.sort()
pct = lambda p: rtts[min(len(rtts) - 1, int(p * len(rtts)))] if rtts else float('nan')
ok = failed = retrans = 0
for f in glob.glob(d + "/*_.csv"):
    rows = list(csv.reader(open(f), delimiter=';'))
    head, last = rows[0], rows[-1]
    col = lambda n: int(last[head.index(n)]) if n in head else 0
    ok, failed, retrans = col("SuccessfulCall(C)"), col("FailedCall(C)"), col("Retransmissions(C)")
print(f"{name:8} {rate:6} {total:8} {ok:8} {failed:7} {retrans:8} {pct(0.5):8.2f} {pct(0.99):8.2f}")
PY
}

echo "# target   rate/s    calls       ok  failed  retrans  p50(ms)  p99(ms)"
if [ -n "$OVERLOAD" ]; then
  step plus "$OVERLOAD" "$SIP" -sf "$SCENARIOS/feature-done.xml" -inf "$WORK/calls.csv"
  options=$(python3 - "$SIP" <<'PY'
import socket, sys, uuid
host, port = sys.argv[1].split(':')
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0)); s.settimeout(3)
i = uuid.uuid4().hex
s.sendto((f"OPTIONS sip:ping@{host}:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{s.getsockname()[1]};branch=z9hG4bK{i}\r\n"
          f"Max-Forwards: 70\r\nFrom: <sip:bench@127.0.0.1>;tag={i[:8]}\r\nTo: <sip:ping@{host}>\r\nCall-ID: {i}\r\n"
          f"CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").encode(), (host, int(port)))
try: print(s.recv(65535).decode().splitlines()[0])
except socket.timeout: print("no answer")
PY
)
  echo "# after the overload: OPTIONS -> $options; health -> $(curl -s "$HTTP/api/health")"
  exit 0
fi

held=""
[ "${SKIP_PLUS:-no}" = yes ] && RATES_PLUS="" || RATES_PLUS=$RATES
for rate in $RATES_PLUS; do
  line=$(step plus "$rate" "$SIP" -sf "$SCENARIOS/feature-done.xml" -inf "$WORK/calls.csv")
  echo "$line"
  read -r _ r total ok failed retrans p50 p99 <<<"$line"
  if [ "$failed" = 0 ] && [ "$ok" = "$total" ] && python3 -c "import sys; sys.exit(0 if float('$p99') < $P99_LIMIT_MS else 1)"; then
    held="$r $p99"
  else
    break
  fi
done
echo "# plus-services held: ${held:-none} (rate/s, p99 ms; criteria: every call ok, p99 < $P99_LIMIT_MS ms, $DURATION s)"

if [ "$CEILING" = yes ]; then
  port=$((20000 + RANDOM % 20000))
  # -bg forks: its output goes to a file, or a command substitution would wait for the child forever.
  (cd "$WORK" && sipp -sn uas -i 127.0.0.1 -p "$port" -bg -nostdin >"$WORK/uas.out" 2>&1 </dev/null) || true
  sleep 1
  uas_pid=$(sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' "$WORK/uas.out")
  uheld=""
  for rate in $RATES; do
    line=$(step uas "$rate" "127.0.0.1:$port" -sn uac)
    echo "$line"
    read -r _ r total ok failed retrans p50 p99 <<<"$line"
    if [ "$failed" = 0 ] && [ "$ok" = "$total" ] && python3 -c "import sys; sys.exit(0 if float('$p99') < $P99_LIMIT_MS else 1)"; then
      uheld="$r $p99"
    else
      break
    fi
  done
  [ -n "$uas_pid" ] && kill "$uas_pid" 2>/dev/null || true
  echo "# SIPp UAS (ceiling) held: ${uheld:-none}"
  if [ -n "$held" ] && [ -n "$uheld" ]; then
    python3 -c "print('# ratio plus/ceiling: %.2f' % (${held%% *} / ${uheld%% *}))"
  fi
fi
