#!/usr/bin/env python3
"""One table from the JSON-lines files of one `make bench-compare` run: klankbord-bench's W1 runs and
xmpp_load.py's runs of each peer (Prosody, ejabberd). Medians per mode and server, Klankbord's ratio
to each peer, and first a check that each peer's own figure is the one it reaches on a quiet machine
(scripts/bench_compare_check.py): when it is not, the ratios are shown in parentheses as what this
run saw, with the reasons the run can tell, and not as a comparison.

usage: bench_compare_table.py KLANKBORD.jsonl [PEER=PEER.jsonl ...] [--summary SUMMARY.jsonl]
"""
import json
import math
import sys
import time

from bench_compare_check import check, load_known, median

# (row label, JSON key, W1 mode, whether a higher figure is better)
ROWS = [
    ("W1 unpaced deliveries/s", "deliveries_per_s", "unpaced", True),
    ("W1 paced 10/s p99 ms", "lat_p99_ms", "10", False),
    ("W1 paced 50/s p99 ms", "lat_p99_ms", "50", False),
    ("peak RSS MiB (unpaced)", "server_VmHWM_MiB", "unpaced", False),
    ("server CPU µs/delivery (unpaced)", "server_cpu_us_per_delivery", "unpaced", False),
]


def mode_of(run):
    rate = run.get("rate_per_member")
    if rate in (None, "unpaced"):
        return "unpaced"
    return f"{float(rate):g}"


def load(path):
    """W1 runs (20-member room fan-out) by mode; other workloads in the file are left out."""
    runs = {}
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        return runs
    for line in lines:
        if not line.strip():
            continue
        run = json.loads(line)
        if run.get("workload") != "W1-room-fanout" or run.get("series") == "scaling":
            continue
        runs.setdefault(mode_of(run), []).append(run)
    return runs


def ratio(ours, theirs, higher_is_better):
    if not ours or not theirs:
        return None
    return ours / theirs if higher_is_better else theirs / ours


def shown(value, digits=1):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:,.{digits}f}"


def main(argv):
    summary_path = None
    if "--summary" in argv:
        at = argv.index("--summary")
        summary_path = argv[at + 1]
        argv = argv[:at] + argv[at + 2:]
    ours = load(argv[0])
    peers = []
    for word in argv[1:]:
        name, _, path = word.partition("=")
        peers.append((name, load(path)))
    known = load_known()
    verdicts = {name: check(name, runs.get("unpaced", []), known) for name, runs in peers}

    print("Is each peer's own figure the one it reaches on a quiet machine of this kind (W1 unpaced)?")
    for name, _ in peers:
        v = verdicts[name]
        span = f"{v.low:,}–{v.high:,}" if v.low is not None else "unknown"
        state = {"inside": "inside: ratios below are a comparison",
                 "outside": "OUTSIDE: ratios below are NOT a comparison",
                 "unchecked": "not checked: ratios below are NOT a comparison"}[v.state]
        print(f"  {name:<9} {shown(v.figure, 0):>9} deliveries/s; known range {span} → {state}")
        for note in v.notes:
            print(f"      note: {note}")
        if not v.trusted:
            for reason in v.reasons:
                print(f"      why: {reason}")
    unpaced = ours.get("unpaced", [])
    other, wall = median(unpaced, "other_cpu_s"), median(unpaced, "wall_s")
    if other is not None and wall:
        print(f"  klankbord: other programs used {other / wall:.2f} cores (CPU seconds per second) during its unpaced runs")
    print("  (known ranges and where they come from: scripts/peers/known_ranges.json)")
    print()

    header = f"{'figure':<34} {'klankbord':>11}" + "".join(f" {n:>11}" for n, _ in peers)
    header += "".join(f" {'vs ' + n:>13}" for n, _ in peers)
    print(header)
    table = []
    for label, key, mode, higher in ROWS:
        a = median(ours.get(mode, []), key)
        row = {"figure": label, "klankbord": a}
        cells = f"{label:<34} {shown(a, 2 if a is not None and a < 100 else 0):>11}"
        ratios = ""
        for name, runs in peers:
            b = median(runs.get(mode, []), key)
            r = ratio(a, b, higher)
            row[name] = b
            row[f"ratio_vs_{name}"] = r
            cells += f" {shown(b, 2 if b is not None and b < 100 else 0):>11}"
            text = "-" if r is None else (f"{r:.1f}×" if r >= 1 else f"{r:.2f}×")
            ratios += f" {text if verdicts[name].trusted or r is None else '(' + text + ')':>13}"
        print(cells + ratios)
        table.append(row)
    print("(ratio > 1: Klankbord better. Klankbord commits every message to disk and encrypts every delivery;")
    print(" Prosody and ejabberd here store nothing durable and use no TLS. A ratio in parentheses is what this")
    print(" busy or unusual run saw, not how the servers compare: rerun on a quiet machine.)")

    if summary_path:
        with open(summary_path, "a") as f:
            f.write(json.dumps({"workload": "bench-compare", "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                "checks": [verdicts[n].as_json() for n, _ in peers], "rows": table}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
