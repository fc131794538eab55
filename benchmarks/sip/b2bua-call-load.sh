#!/usr/bin/env bash
# Basic calls through the B2BUA at increasing rates, against a running server (the README run command).
# USERS caller/callee pairs are created through the API (fresh extensions each run). Every callee
# registers one binding (REGISTER -> 401 -> REGISTER with digest, Expires 3600) whose Contact is ONE
# SIPp UAS on UAS_PORT (scenarios/callee-uas.xml; the REGISTERs are also sent from that port, so the
# binding's Contact and its source address both lead there). Each call: the caller (scenarios/
# caller-uac.xml) sends INVITE with SDP (PCMU) -> 407 -> ACK -> INVITE with Proxy-Authorization; the
# server rings the callee's device on a new leg (its own Call-ID), the UAS answers 100, 180 and, after
# ANSWER_MS, 200 with SDP; the caller gets 180 and 200, ACKs, holds HOLD s, sends BYE and gets 200
# (the server passes the BYE on; the UAS answers it). Reports per rate the calls, answered, 503s,
# failures, retransmissions, INVITE->180 and INVITE->200 p50/p99 (SIPp -trace_rtt, both from the
# authenticated INVITE; INVITE->200 includes ANSWER_MS), what the UAS saw (calls in, failed), and
# whether the server still answers OPTIONS. Climbing stops after the first rate not held (a call failed,
# unanswered or refused with 503, OPTIONS unanswered, or p99 over P99_LIMIT_MS if set).
# Then the same caller scenario against the same UAS scenario directly (no 407; the ceiling of this
# machine), same rates and hold, and the ratio of the highest rates held without a failure.
#
#   benchmarks/sip/b2bua-call-load.sh                     # rates 50 100 200 300 400 500, 60 s each, hold 3 s
#   RATES="100 200" DURATION=20 HOLD=2 benchmarks/sip/b2bua-call-load.sh
#   OVERLOAD=2000 benchmarks/sip/b2bua-call-load.sh        # offer 2000 calls/s for 30 s: 503s, then OPTIONS
#   SKIP_PLUS=yes RATES="50 100" DURATION=5 benchmarks/sip/b2bua-call-load.sh   # only the ceiling, no server
#   FORWARDED=yes CEILING=no benchmarks/sip/b2bua-call-load.sh   # at each rate basic calls, then forwarded ones
#
# FORWARDED=yes adds, per pair, a third user whose unconditional forwarding (set over REST) points at the
# callee: at each rate the basic step is followed by a "forwarded" step whose callers dial that user, so
# every call is routed through one diversion (History-Info, a second user's rules) to the same UAS. The
# climb goes on while either holds; the summary gives both highest rates held and their ratio.
#
# Settings (environment): SIP (127.0.0.1:5060), HTTP (http://127.0.0.1:8080), ADMIN_USER / ADMIN_PASSWORD
# (the first administrator, to create the test users), USERS (200 pairs; at rate R each pair has about
# R*(HOLD+1)/USERS calls at once), RATES, DURATION (s; 60, or 30 with OVERLOAD), HOLD (s, 3), ANSWER_MS
# (the UAS's 180->200 pause, 100), UAS_PORT (5090), LOCAL_IP (the address SIPp uses towards SIP; the UAS
# and the Contacts use it too), CEILING (yes), OVERLOAD (calls/s), TRANSPORT (u1, or t1 for TCP),
# P99_LIMIT_MS (none: if set, a rate is held only with INVITE->200 p99 below it), REG_RATE (REGISTERs/s,
# 100), SKIP_PLUS (yes: only the ceiling), UNREGISTER (yes: remove the bindings at the end), SERVER_PIDS
# (JVM pids, space-separated: each step then ends with the CPU (utime + stime, /proc) each spent per
# answered call, in ms, e.g. "cpu/call 3.10+0.52" for two nodes of a cluster).
set -euo pipefail

SIP=${SIP:-127.0.0.1:5060}
HTTP=${HTTP:-http://127.0.0.1:8080}
ADMIN_USER=${ADMIN_USER:-admin}
SKIP_PLUS=${SKIP_PLUS:-no}
if [ "$SKIP_PLUS" != yes ]; then
  ADMIN_PASSWORD=${ADMIN_PASSWORD:?set ADMIN_PASSWORD to the first administrator password}
fi
USERS=${USERS:-200}
RATES=${RATES:-50 100 200 300 400 500}
OVERLOAD=${OVERLOAD:-}
DURATION=${DURATION:-$([ -n "$OVERLOAD" ] && echo 30 || echo 60)}
HOLD=${HOLD:-3}
ANSWER_MS=${ANSWER_MS:-100}
UAS_PORT=${UAS_PORT:-5090}
CEILING=${CEILING:-yes}
TRANSPORT=${TRANSPORT:-u1}
P99_LIMIT_MS=${P99_LIMIT_MS:-}
REG_RATE=${REG_RATE:-100}
UNREGISTER=${UNREGISTER:-yes}
FORWARDED=${FORWARDED:-no}
sip_host=${SIP%:*}
LOCAL_IP=${LOCAL_IP:-$( (ip -4 route get "$sip_host" 2>/dev/null || true) | sed -n 's/.* src \([0-9.]*\).*/\1/p' | head -1)}
LOCAL_IP=${LOCAL_IP:-127.0.0.1}
HERE=$(cd "$(dirname "$0")" && pwd)
SCENARIOS="$HERE/scenarios"
WORK=$(mktemp -d /tmp/plus-b2bua-bench.XXXXXX)
command -v sipp >/dev/null || { echo "SIPp missing: apt-get install sip-tester" >&2; exit 1; }
case "$TRANSPORT" in u1|t1) ;; *) echo "TRANSPORT must be u1 or t1" >&2; exit 1 ;; esac
HOLD_MS=$(awk -v h="$HOLD" 'BEGIN { printf "%d", h * 1000 }')
HOLD_CEIL=$(( (HOLD_MS + 999) / 1000 ))
# cpu_ticks: utime+stime of each of SERVER_PIDS, comma-separated (empty without SERVER_PIDS).
cpu_ticks() {
  local out="" pid
  for pid in ${SERVER_PIDS:-}; do out="$out${out:+,}$(awk '{print $14+$15}' "/proc/$pid/stat")"; done
  echo "$out"
}

echo "# $(date -u +%FT%TZ), $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg), work in $WORK"
echo "# transport $TRANSPORT, hold ${HOLD} s, answer after ${ANSWER_MS} ms, $DURATION s per rate, local $LOCAL_IP, UAS $LOCAL_IP:$UAS_PORT"

# --- SIPp UAS (the callee devices) ---------------------------------------------------------------
uas_pid=""
uas_dir=""
# start_uas DIR PORT: the callee UAS in the background (own process, so that it can be stopped by pid).
start_uas() {
  uas_dir=$1; mkdir -p "$uas_dir"
  (cd "$uas_dir" && exec sipp -sf "$SCENARIOS/callee-uas.xml" -t "$TRANSPORT" -i "$LOCAL_IP" -p "$2" -d "$ANSWER_MS" \
      -aa -recv_timeout $(( (HOLD_CEIL + 30) * 1000 )) -max_socket 5000 -buff_size 4194304 \
      -trace_stat -fd 1 -trace_err -nostdin) </dev/null >"$uas_dir/stdout" 2>&1 &
  uas_pid=$!
  echo "$uas_pid" > "$WORK/uas.pid"   # for the exit trap: steps run in subshells
  sleep 1
  kill -0 "$uas_pid" 2>/dev/null || { echo "the UAS on port $2 did not start:" >&2; cat "$uas_dir"/*errors.log "$uas_dir/stdout" >&2 2>/dev/null; exit 1; }
}
# stop_uas: SIGUSR1 is SIPp's soft quit (no new calls, ends when the open ones have); then its final stats.
stop_uas() {
  [ -n "$uas_pid" ] || return 0
  kill -USR1 "$uas_pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$uas_pid" 2>/dev/null || break; sleep 0.2; done
  kill "$uas_pid" 2>/dev/null || true
  wait "$uas_pid" 2>/dev/null || true
  rm -f "$WORK/uas.pid"
  uas_pid=""
}

# --- Registration of the callees ---------------------------------------------------------------------
registered=no
# register EXPIRES: every callee once (-m USERS), from UAS_PORT, Contact at LOCAL_IP:UAS_PORT; prints "ok failed".
register() {
  local dir="$WORK/register-$1"; mkdir -p "$dir"
  (cd "$dir" || exit 1; timeout $((USERS / REG_RATE + 120)) sipp "$SIP" -sf "$SCENARIOS/callee-register.xml" -inf "$WORK/callees.csv" \
      -t "$TRANSPORT" -i "$LOCAL_IP" -p "$UAS_PORT" -key uas "$LOCAL_IP:$UAS_PORT" -key expires "$1" \
      -r "$REG_RATE" -m "$USERS" -l $((REG_RATE * 2)) -recv_timeout 10000 -timeout $((USERS / REG_RATE + 60))s \
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

cleanup() {
  if [ -f "$WORK/uas.pid" ]; then
    kill "$(cat "$WORK/uas.pid")" 2>/dev/null || true
    sleep 0.5
  fi
  if [ "$registered" = yes ] && [ "$UNREGISTER" = yes ]; then
    registered=no
    read -r ok failed <<<"$(register 0)"
    echo "# bindings removed: $ok of $USERS (failed $failed)"
  fi
}
trap cleanup EXIT

# --- OPTIONS: does the server still answer? --------------------------------------------------------
options() {
  python3 - "$SIP" <<'PY'
import socket, sys, uuid
host, port = sys.argv[1].rsplit(':', 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('0.0.0.0', 0)); s.settimeout(3)
s.connect((host, int(port)))
me = s.getsockname()
i = uuid.uuid4().hex
try:
    s.send((f"OPTIONS sip:ping@{host}:{port} SIP/2.0\r\nVia: SIP/2.0/UDP {me[0]}:{me[1]};rport;branch=z9hG4bK{i}\r\n"
            f"Max-Forwards: 70\r\nFrom: <sip:bench@{me[0]}>;tag={i[:8]}\r\nTo: <sip:ping@{host}>\r\nCall-ID: {i}\r\n"
            f"CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").encode())
    print(s.recv(65535).decode(errors='replace').splitlines()[0].replace(' ', '_'))
except OSError:
    print("no_answer")
PY
}

# --- One step -----------------------------------------------------------------------------------------
# step NAME RATE TARGET UAS_PORT: the UAS on UAS_PORT, the caller at RATE calls/s for DURATION s to TARGET.
# Prints "name rate calls answered rejected503 failed retrans p50_180 p99_180 p50_200 p99_200 uas_in uas_failed late407"
# (late407: a 407 the server's transaction resent because our ACK reached it late; acknowledged again, the call goes on).
step() {
  local name=$1 rate=$2 target=$3 port=$4 callers=${5:-$WORK/callers.csv}
  local dir="$WORK/$name-$rate"; mkdir -p "$dir"
  local total=$((rate * DURATION)) cpu_before cpu_after
  cpu_before=$(cpu_ticks)
  start_uas "$dir/uas" "$port"
  (cd "$dir" || exit 1; timeout $((DURATION + HOLD_CEIL + 120)) sipp "$target" -sf "$SCENARIOS/caller-uac.xml" -inf "$callers" \
      -t "$TRANSPORT" -i "$LOCAL_IP" -d "$HOLD_MS" -aa \
      -r "$rate" -m "$total" -l $((2 * rate * (HOLD_CEIL + 1) + 100)) \
      -timeout $((DURATION + HOLD_CEIL + 60))s -recv_timeout 10000 -max_socket 5000 -buff_size 4194304 \
      -trace_rtt -rtt_freq 100 -trace_stat -fd 1 -trace_err -trace_screen -nostdin </dev/null >"$dir/stdout" 2>&1 || true)
  stop_uas
  cpu_after=$(cpu_ticks)
  python3 - "$dir" "$name" "$rate" "$total" "$cpu_before" "$cpu_after" "$(getconf CLK_TCK)" <<'PY'
import csv, glob, sys
d, name, rate, total = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
cpu_before, cpu_after, tck = sys.argv[5], sys.argv[6], int(sys.argv[7])
rtts = {'1': [], '2': []}
for f in glob.glob(d + "/*_rtt.csv"):
    for row in csv.reader(open(f), delimiter=';'):
        if len(row) >= 3 and row[2].strip() in rtts:
            try: rtts[row[2].strip()].append(float(row[1]))
            except ValueError: pass
def pct(rtd, p):
    v = sorted(rtts[rtd])
    return v[min(len(v) - 1, int(p * len(v)))] if v else float('nan')
def last(pattern):
    for f in glob.glob(pattern):
        rows = list(csv.reader(open(f), delimiter=';'))
        if len(rows) > 1:
            return rows[0], rows[-1]
    return [], []
def col(hl, n):
    head, row = hl
    return int(row[head.index(n)]) if n in head and row[head.index(n)] else 0
uac, uas = last(d + "/caller-uac_*_.csv"), last(d + "/uas/callee-uas_*_.csv")
ok, failed, retrans = col(uac, "SuccessfulCall(C)"), col(uac, "FailedCall(C)"), col(uac, "Retransmissions(C)")
rejected = col(uac, "rejected503(C)")
late407 = col(uac, "late407(C)")
print(f"{name:8} {rate:6} {total:8} {ok - rejected:8} {rejected:6} {failed:7} {retrans:7} "
      f"{pct('1', 0.5):7.1f} {pct('1', 0.99):7.1f} {pct('2', 0.5):7.1f} {pct('2', 0.99):7.1f} "
      f"{col(uas, 'IncomingCall(C)'):8} {col(uas, 'FailedCall(C)'):6} {late407:7}"
      + (" cpu/call " + "+".join("%.2f" % ((int(a) - int(b)) * 1000.0 / tck / max(1, ok - rejected))
                                 for b, a in zip(cpu_before.split(","), cpu_after.split(","))) if cpu_before else ""))
PY
}

HEADER="# target   rate/s    calls answered    503  failed retrans 180p50  180p99  200p50  200p99   uas-in uas-fl late407  (times in ms)"

# held LINE: 0 when the step lost nothing (every call answered, no failure, no 503, p99 under the limit).
held() {
  local _n _r total answered rejected failed _x _p1 _p2 _p3 p99
  read -r _n _r total answered rejected failed _x _p1 _p2 _p3 p99 _ <<<"$1"
  [ "$failed" = 0 ] && [ "$rejected" = 0 ] && [ "$answered" = "$total" ] || return 1
  [ -z "$P99_LIMIT_MS" ] || python3 -c "import sys; sys.exit(0 if float('$p99') < $P99_LIMIT_MS else 1)"
}

# --- Users (fresh extensions each run) -------------------------------------------------------------
echo "SEQUENTIAL" > "$WORK/callers.csv"
echo "SEQUENTIAL" > "$WORK/callees.csv"
echo "SEQUENTIAL" > "$WORK/callers-forwarded.csv"
if [ "$SKIP_PLUS" != yes ]; then
  ext=$(( (RANDOM % 800 + 100) * 1000 ))
  # create_user: the next free extension with a fresh SIP password; sets new_ext and new_pw.
  create_user() {
    local code
    while :; do
      ext=$((ext + 1)); new_pw="bench-$ext-$RANDOM$RANDOM"
      code=$(curl -s -o /dev/null -w '%{http_code}' -u "$ADMIN_USER:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
        -d "{\"extension\":\"$ext\",\"name\":\"Bench $ext\",\"password\":\"rest-$new_pw\",\"sipPassword\":\"$new_pw\"}" "$HTTP/api/users" || true)
      [ "$code" = 409 ] || break   # taken by an earlier run: the next one
    done
    [ "$code" = 201 ] || { echo "POST /api/users for $ext: HTTP $code" >&2; exit 1; }
    new_ext=$ext
  }
  for _ in $(seq 1 "$USERS"); do
    create_user; caller=$new_ext; caller_pw=$new_pw
    create_user; callee=$new_ext; callee_pw=$new_pw
    printf '%s;[authentication username=%s password=%s];%s;\n' "$caller" "$caller" "$caller_pw" "$callee" >> "$WORK/callers.csv"
    printf '%s;[authentication username=%s password=%s];\n' "$callee" "$callee" "$callee_pw" >> "$WORK/callees.csv"
    if [ "$FORWARDED" = yes ]; then
      create_user; forwarder=$new_ext
      code=$(curl -s -o /dev/null -w '%{http_code}' -u "$ADMIN_USER:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
        -X PUT -d "{\"target\":\"$callee\"}" "$HTTP/api/users/$forwarder/forwarding/unconditional" || true)
      [ "$code" = 200 ] || { echo "forwarding $forwarder -> $callee: HTTP $code" >&2; exit 1; }
      printf '%s;[authentication username=%s password=%s];%s;\n' "$caller" "$caller" "$caller_pw" "$forwarder" >> "$WORK/callers-forwarded.csv"
    fi
  done
  echo "# $USERS caller/callee pairs created ($(sed -n 2p "$WORK/callers.csv" | cut -d';' -f1) ... $ext)"

  read -r ok failed <<<"$(register 3600)"
  registered=yes
  echo "# callees registered at $LOCAL_IP:$UAS_PORT: $ok of $USERS (failed $failed)"
  [ "$ok" = "$USERS" ] || { echo "not every callee registered: see $WORK/register-3600" >&2; exit 1; }
else
  for i in $(seq 1 "$USERS"); do
    printf '%s;[authentication username=%s password=none];%s;\n' $((100000 + i)) $((100000 + i)) $((200000 + i)) >> "$WORK/callers.csv"
  done
fi

# --- Overload ------------------------------------------------------------------------------------------
if [ -n "$OVERLOAD" ]; then
  echo "$HEADER"
  step plus "$OVERLOAD" "$SIP" "$UAS_PORT"
  echo "# overload: $OVERLOAD calls/s offered for $DURATION s; answered, 503 (ACKed, not failures) and failed above"
  echo "# after the overload: OPTIONS -> $(options); health -> $(curl -s "$HTTP/api/health" || echo unreachable)"
  exit 0
fi

# --- Climb ---------------------------------------------------------------------------------------------
held_plus=""
held_fwd=""
if [ "$SKIP_PLUS" != yes ]; then
  echo "$HEADER, then OPTIONS after the step"
  basic_on=yes; fwd_on=$FORWARDED
  for rate in $RATES; do
    if [ "$basic_on" = yes ]; then
      line=$(step plus "$rate" "$SIP" "$UAS_PORT")
      opt=$(options)
      echo "$line $opt"
      read -r _ r _ _ _ _ _ _ _ _ p99 _ <<<"$line"
      if held "$line" && [ "$opt" != no_answer ]; then held_plus="$r $p99"; else basic_on=no; fi
    fi
    if [ "$fwd_on" = yes ]; then
      line=$(step forwarded "$rate" "$SIP" "$UAS_PORT" "$WORK/callers-forwarded.csv")
      opt=$(options)
      echo "$line $opt"
      read -r _ r _ _ _ _ _ _ _ _ p99 _ <<<"$line"
      if held "$line" && [ "$opt" != no_answer ]; then held_fwd="$r $p99"; else fwd_on=no; fi
    fi
    [ "$basic_on" = yes ] || [ "$fwd_on" = yes ] || break
  done
  echo "# B2BUA held: ${held_plus:-none} (rate/s, INVITE->200 p99 ms; every call answered, none failed, OPTIONS answered${P99_LIMIT_MS:+, p99 < $P99_LIMIT_MS ms}; $DURATION s)"
  if [ "$FORWARDED" = yes ]; then
    echo "# forwarded calls held: ${held_fwd:-none} (rate/s, INVITE->200 p99 ms)"
    if [ -n "$held_plus" ] && [ -n "$held_fwd" ]; then
      python3 -c "print('# ratio forwarded/basic: %.2f' % (${held_fwd%% *} / ${held_plus%% *}))"
    fi
  fi
fi

if [ "$CEILING" = yes ]; then
  [ "$SKIP_PLUS" != yes ] || echo "$HEADER"
  port=$((20000 + RANDOM % 20000))
  held_uas=""
  for rate in $RATES; do
    line=$(step uas "$rate" "$LOCAL_IP:$port" "$port")
    echo "$line"
    read -r _ r _ _ _ _ _ _ _ _ p99 _ <<<"$line"
    if held "$line"; then held_uas="$r $p99"; else break; fi
  done
  echo "# SIPp UAS directly (ceiling, no 407) held: ${held_uas:-none} (rate/s, INVITE->200 p99 ms)"
  if [ -n "$held_plus" ] && [ -n "$held_uas" ]; then
    top=""; for rate in $RATES; do top=$rate; done
    note=""; [ "${held_uas%% *}" != "$top" ] || note=" (the ceiling held every rate tried: its true value is higher, the ratio lower)"
    python3 -c "print('# ratio B2BUA/ceiling: %.2f' % (${held_plus%% *} / ${held_uas%% *}))" | tr -d '\n'; echo "$note"
  fi
fi
