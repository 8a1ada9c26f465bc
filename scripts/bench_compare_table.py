#!/usr/bin/env python3
"""One table from two JSON-lines files of W1 runs (klankbord-bench and xmpp_load.py): the median of
each mode per server, and klankbord's ratio to the peer."""
import json
import statistics
import sys


def load(path):
    runs = {}
    for line in open(path):
        run = json.loads(line)
        if run.get("workload") != "W1-room-fanout" or run.get("members") != 20:
            continue
        runs.setdefault(str(run.get("rate_per_member")), []).append(run)
    return runs


def median(runs, key):
    values = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
    return statistics.median(values) if values else float("nan")


ours, theirs = load(sys.argv[1]), load(sys.argv[2])
print(f"{'W1 mode':<10} {'figure':<18} {'klankbord':>12} {'prosody':>12} {'ratio':>8}")
for mode in ("unpaced", "10", "10.0", "50", "50.0"):
    if mode not in ours:
        continue
    peer = theirs.get(mode) or theirs.get(mode + ".0") or theirs.get(mode.replace(".0", "")) or []
    figures = [("deliveries/s", "deliveries_per_s", True)] if mode == "unpaced" else [("p99 latency ms", "lat_p99_ms", False)]
    figures.append(("peak RSS MiB", "server_VmHWM_MiB", False))
    for label, key, higher_is_better in figures:
        a, b = median(ours[mode], key), median(peer, key)
        ratio = (a / b if higher_is_better else b / a) if a and b else float("nan")
        print(f"{mode:<10} {label:<18} {a:>12.2f} {b:>12.2f} {ratio:>7.1f}x")
print("(ratio > 1: klankbord better; klankbord commits every message to disk before acknowledging it, Prosody stores nothing)")
