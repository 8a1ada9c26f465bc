#!/usr/bin/env bash
# `make bench-trace`: installs strace and perf with apt-get when missing (as scripts/install-deps.sh does),
# then runs scripts/bench_trace.py. Both tracers attach to another process: run it as root (or with
# kernel.perf_event_paranoid ≤ 1 and ptrace allowed).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v strace >/dev/null || missing+=(strace)
command -v perf >/dev/null || missing+=(linux-perf)
if [ ${#missing[@]} -gt 0 ]; then
    echo "bench-trace: missing ${missing[*]}; installing with apt-get (by hand: sudo apt-get install ${missing[*]})"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    echo "bench-trace: installed ${missing[*]}"
fi
if ! perf_out=$(perf stat -e cpu-clock -- true 2>&1); then
    echo "bench-trace: perf cannot measure here (run as root, or lower kernel.perf_event_paranoid):" >&2
    echo "$perf_out" >&2
    exit 1
fi
exec python3 scripts/bench_trace.py
