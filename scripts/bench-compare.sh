#!/usr/bin/env bash
# W1 (unpaced, paced 10 and 50 msg/s per member) against klankbordd and, in the same run on the same
# machine, against Prosody and ejabberd (scripts/peers), then one table with the ratios, after a check
# that each peer's own figure lies in its known range (scripts/peers/known_ranges.json).
#
# Env: MSGS (messages per member, default 200; the known ranges hold for 200 only),
#      REPEAT (unpaced runs per server, default 3), PEERS (default "prosody ejabberd"),
#      OUT (default .build/bench-compare), QUIET_WAIT (seconds to wait for a quiet machine before each
#      server, default 60; 0 only measures).
# Nothing here is niced: run it as it is on a quiet machine. Under `nice` it still runs, and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
HERE=scripts/peers
OUT=${OUT:-.build/bench-compare}
MSGS=${MSGS:-200}
REPEAT=${REPEAT:-3}
PEERS=${PEERS:-prosody ejabberd}
QUIET_WAIT=${QUIET_WAIT:-60}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)   # the peer scripts change folder
rm -f "$OUT/klankbord.jsonl" "$OUT/prosody.jsonl" "$OUT/ejabberd.jsonl"

if [ "$(nice)" != 0 ]; then
  echo "Note: this run is niced ($(nice)): every program on the machine gets the CPU before or beside the servers."
  echo "      The check below will say so; for figures to compare, run it un-niced on a quiet machine."
fi

# A server that another run left on the XMPP port would answer instead of the fresh one: stop here and
# name it, rather than kill processes by name.
port_owner() { ss -Hltnp 'sport = :5222' 2>/dev/null | sed -n 's/.*users:((\("[^"]*",pid=[0-9]*\).*/\1/p'; }

for peer in $PEERS; do
  if ! dpkg-query -W -f='${Status}' "$peer" 2>/dev/null | grep -q "install ok installed"; then
    echo "Installing $peer with apt-get (for the comparison only)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$peer" >/dev/null
  fi
  # the packaged service, if the install started it, holds port 5222 (only then: `service ejabberd
  # stop` on a stopped ejabberd starts Erlang's port mapper and leaves it running)
  if [ -n "$(port_owner)" ]; then
    systemctl stop "$peer" 2>/dev/null || service "$peer" stop >/dev/null 2>&1 || true
  fi
done

python3 "$HERE/wait_quiet.py" "$QUIET_WAIT"
.build/release/klankbord-bench --workload w1 --repeat "$REPEAT" --msgs "$MSGS" --json "$OUT/klankbord.jsonl" \
  --label "klankbord $(git rev-parse --short HEAD)"

tables=()
for peer in $PEERS; do
  owner=$(port_owner)
  if [ -n "$owner" ]; then
    echo "Port 5222 is in use ($owner): stop that server, then run again." >&2
    exit 1
  fi
  python3 "$HERE/wait_quiet.py" "$QUIET_WAIT"
  echo "Running $peer (W1 unpaced x$REPEAT, paced 10 and 50 msg/s per member, $MSGS messages each)…"
  case $peer in
    prosody) script=run_prosody.sh ;;
    ejabberd) script=run_ejabberd.sh ;;
    *) echo "unknown peer: $peer (prosody or ejabberd)" >&2; exit 2 ;;
  esac
  if ! SKIP_W2=1 NUSERS=20 MSGS=$MSGS REPEAT=$REPEAT RESULTS="$OUT/$peer.jsonl" PEERS_RUN=/tmp/kb-peers-prosody \
       EJ_RUN=/tmp/kb-peers-ejabberd "$HERE/$script" >/dev/null 2>"$OUT/$peer.log"; then
    echo "The $peer runs failed; the end of $OUT/$peer.log:" >&2
    tail -n 5 "$OUT/$peer.log" >&2
    exit 1
  fi
  tables+=("$peer=$OUT/$peer.jsonl")
done

cat "$OUT/klankbord.jsonl" "${tables[@]#*=}" >> "$OUT/history.jsonl"
python3 scripts/bench_compare_table.py "$OUT/klankbord.jsonl" "${tables[@]}" --summary "$OUT/summary.jsonl"
echo "JSON lines: $OUT/klankbord.jsonl ${tables[*]#*=} (all runs also appended to $OUT/history.jsonl; the check and the table to $OUT/summary.jsonl)"
