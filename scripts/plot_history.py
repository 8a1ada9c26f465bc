#!/usr/bin/env python3
"""W6 plot: time of each CLI command (median, p95 as a band) against the history size, from the bench's JSON lines.

Usage: plot_history.py BENCH.jsonl OUT.png [LABEL]
Reads the "W6-history" lines (of LABEL when given, else of the last label in the file) and writes a small PNG.
Runs in the bench's own virtualenv (.venv-bench, matplotlib pinned in the Makefile), not in the test venv.
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import NullFormatter, ScalarFormatter  # noqa: E402

COMMANDS = [("read", "read <room>"), ("rooms", "rooms"), ("agenda", "agenda"), ("consult_list", "consult list"),
            ("ledger_export", "ledger export")]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as source:
        rows = [json.loads(line) for line in source if line.strip()]
    rows = [row for row in rows if row.get("workload") == "W6-history" and "error" not in row]
    if not rows:
        sys.exit("no W6-history lines without errors in " + sys.argv[1])
    label = sys.argv[3] if len(sys.argv) > 3 else rows[-1].get("label")
    rows = sorted((row for row in rows if row.get("label") == label), key=lambda row: row["history_x"])
    sizes = [row["history_x"] for row in rows]
    figure, axes = plt.subplots(figsize=(6.4, 4.0), dpi=100)
    for key, name in COMMANDS:
        medians = [row.get(key + "_p50_ms") for row in rows]
        highs = [row.get(key + "_p95_ms") for row in rows]
        if any(value is None for value in medians + highs):
            continue
        line, = axes.plot(sizes, medians, marker="o", label=name)
        axes.fill_between(sizes, medians, highs, color=line.get_color(), alpha=0.15)
    floors = [row.get("help_p50_ms") for row in rows]
    if all(value is not None for value in floors):
        axes.plot(sizes, floors, color="black", linestyle=":", label="--help (process floor)")
    axes.axhline(100, color="grey", linestyle="--", linewidth=1)
    axes.text(sizes[0], 103, "target at 1×: 100 ms", color="grey", fontsize=8)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.xaxis.set_minor_formatter(NullFormatter())
    axes.yaxis.set_major_formatter(ScalarFormatter())
    axes.yaxis.set_minor_formatter(NullFormatter())
    axes.set_xticks(sizes)
    axes.set_xticklabels([f"{size:g}×" for size in sizes])
    axes.set_xlabel("history (1× = 100,000 messages, 2,000 log entries, 40 meetings, 5,000 ledger events)", fontsize=8)
    axes.set_ylabel("ms per command (median; band to p95)")
    load = ", ".join(f"{row['history_x']:g}×: {row.get('load_avg_1m', '?')}" for row in rows)
    axes.set_title(f"W6 client cost with history ({label}); load 1 min {load}", fontsize=8)
    axes.legend(fontsize=8)
    axes.grid(True, which="both", alpha=0.3)
    figure.tight_layout()
    figure.savefig(sys.argv[2])


if __name__ == "__main__":
    main()
