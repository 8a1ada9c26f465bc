#!/usr/bin/env bash
# W1 (unpaced, paced 10 and 50 msg/s per member) against klankbordd and, in the same run on the same
# machine, against Prosody (../shared/peers), then one table with the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=${PEERS:-../shared/peers}
OUT=${OUT:-.build/bench-compare}
mkdir -p "$OUT"
rm -f "$OUT/klankbord.jsonl" "$OUT/prosody.jsonl"

if ! command -v prosody >/dev/null; then
  echo "Installing prosody with apt-get (for the comparison only)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prosody >/dev/null
  systemctl stop prosody 2>/dev/null || service prosody stop 2>/dev/null || true
fi
pkill -x prosody 2>/dev/null || true

.build/release/klankbord-bench --workload w1 --repeat 3 --json "$OUT/klankbord.jsonl" --label "klankbord $(git rev-parse --short HEAD)"
SKIP_W2=1 RESULTS="$OUT/prosody.jsonl" PEERS_RUN=/tmp/kb-peers-run "$PEERS/run_prosody.sh" >/dev/null
python3 scripts/bench_compare_table.py "$OUT/klankbord.jsonl" "$OUT/prosody.jsonl"
