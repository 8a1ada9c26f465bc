#!/usr/bin/env python3
"""`make bench-trace`: where the time goes at light load (docs/PERFORMANCE.md), reproduced.

W1 with 20 members paced at 10 messages/s each, against a release daemon the bench starts:
  1. untraced: unpaced (REPEAT runs) and paced (RUNS runs), for the daemon's CPU per delivery and the ratio;
  2. traced, each tracer in its own run, attached only while the messages flow (`klankbord-bench --tracer`):
     `strace -c -f` (system calls per message), `perf record -g` (CPU by area), `perf trace` (latency path).
Prints the tables and appends one JSON line to .build/bench-trace.jsonl.

Environment: MSGS (messages per member in a paced run, 50), RUNS (untraced paced runs, 2), REPEAT
(untraced unpaced runs, 3), DAEMON (another klankbordd to measure, e.g. a copy of main's build), LABEL.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_trace_parse as parse  # noqa: E402
import bench_trace_path as path  # noqa: E402

MEMBERS = 20
RATE = 10
SYSCALL_KINDS = ["fdatasync", "pwrite64", "fcntl", "sendto", "read", "write", "epoll_wait", "futex", "madvise"]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(root)
    msgs = int(os.environ.get("MSGS", "50"))
    runs = int(os.environ.get("RUNS", "2"))
    repeat = int(os.environ.get("REPEAT", "3"))
    daemon = os.environ.get("DAEMON")
    label = os.environ.get("LABEL") or git_label()
    work = tempfile.mkdtemp(prefix="klankbord-bench-trace.")
    try:
        bench = Bench(work, daemon, label)
        unpaced = bench.run("unpaced", ["--rate", "0", "--repeat", str(repeat)])
        paced = []
        for _ in range(runs):
            paced += bench.run("paced", ["--rate", str(RATE), "--msgs", str(msgs)])

        strace_out = os.path.join(work, "strace.txt")
        traced_strace = bench.run("strace", ["--rate", str(RATE), "--msgs", str(msgs)],
                                  tracer=f"strace -c -f -o {strace_out} -p {{pid}}")
        calls = parse.parse_strace_summary(read(strace_out))
        if not calls:
            sys.exit(f"bench-trace: strace wrote no summary (is ptrace allowed here?): {read(strace_out)[:500]!r}")

        perf_data = os.path.join(work, "perf.data")
        traced_perf = bench.run("perf record", ["--rate", str(RATE), "--msgs", str(msgs)],
                                tracer=f"perf record -g -q -o {perf_data} -p {{pid}}")
        script = subprocess.run(["perf", "script", "-i", perf_data, "-F", "comm,tid,time,period,event,ip,sym,dso"],
                                capture_output=True, text=True, check=True).stdout
        areas = parse.parse_perf_script(script)
        if not sum(areas.values()):
            sys.exit("bench-trace: perf recorded no samples of the daemon")

        # The latency path is the least robust part (perf trace needs the syscall tracepoints): without it
        # the other tables still stand, and the report says why it is missing.
        trace_out = os.path.join(work, "perf-trace.txt")
        traced_path = bench.run("perf trace", ["--rate", str(RATE), "--msgs", str(msgs)],
                                tracer=f"perf trace -o {trace_out} -p {{pid}} -e {path.TRACED_CALLS}", required=False)
        steps = path.latency_path(path.parse_perf_trace(read(trace_out))) if traced_path else None
    finally:
        shutil.rmtree(work, ignore_errors=True)

    summary = report(label, msgs, unpaced, paced, traced_strace, calls, traced_perf, areas, traced_path, steps)
    os.makedirs(".build", exist_ok=True)
    with open(".build/bench-trace.jsonl", "a") as out:
        out.write(json.dumps(summary) + "\n")
    print("\nappended to .build/bench-trace.jsonl")


class Bench:
    """Runs klankbord-bench's W1 with 20 members and returns its JSON lines."""

    def __init__(self, work, daemon, label):
        self.work = work
        self.daemon = daemon
        self.label = label
        self.count = 0

    def run(self, what, arguments, tracer=None, required=True):
        """The run's JSON lines; a failed run stops bench-trace, or returns [] when it is not `required`."""
        self.count += 1
        out = os.path.join(self.work, f"run{self.count}.jsonl")
        command = [".build/release/klankbord-bench", "--workload", "w1", "--members", str(MEMBERS),
                   "--json", out, "--label", self.label] + arguments
        if self.daemon:
            command += ["--daemon", self.daemon]
        if tracer:
            command += ["--tracer", tracer]
        print(f"bench-trace: {what} ({time.strftime('%H:%M:%S')}, load {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)
        finished = subprocess.run(command, stdout=subprocess.DEVNULL)
        lines = [json.loads(line) for line in read(out).splitlines() if line.strip()]
        if finished.returncode != 0 or not lines or any(line.get("error") for line in lines):
            problem = f"bench-trace: the {what} run failed: {[line.get('error') for line in lines]}"
            if required:
                sys.exit(problem)
            print(problem, file=sys.stderr)
            return []
        return lines


def report(label, msgs, unpaced, paced, traced_strace, calls, traced_perf, areas, traced_path, steps):
    cpu_unpaced = [run["server_cpu_us_per_delivery"] for run in unpaced]
    cpu_paced = [run["server_cpu_us_per_delivery"] for run in paced]
    ratio = statistics.median(cpu_paced) / statistics.median(cpu_unpaced)
    print(f"\nklankbord-bench-trace {label}: W1, {MEMBERS} members, paced at {RATE} messages/s each, "
          f"{msgs * MEMBERS} messages per paced run")

    print("\nMachine state per run (other programs' CPU in cores; fsync of a 4 KiB append in the daemon's folder)")
    table(["run", "load 1m", "other cores", "fsync p50 ms", "fsync p99 ms", "p50 ms", "p99 ms", "daemon µs/delivery"],
          [[name, r["load_avg_1m"], round(r["other_cpu_s"] / max(r["wall_s"], 1e-9), 2), r["disk_fsync_p50_ms"],
            r["disk_fsync_p99_ms"], r["lat_p50_ms"], r["lat_p99_ms"], r["server_cpu_us_per_delivery"]]
           for name, group in [("unpaced", unpaced), ("paced", paced), ("strace", traced_strace),
                               ("perf record", traced_perf), ("perf trace", traced_path)] for r in group])

    print("\nDaemon CPU per delivery, untraced (µs)")
    table(["", "runs", "median", "range"],
          [["unpaced", len(cpu_unpaced), statistics.median(cpu_unpaced), f"{min(cpu_unpaced)}–{max(cpu_unpaced)}"],
           ["paced 10/s", len(cpu_paced), statistics.median(cpu_paced), f"{min(cpu_paced)}–{max(cpu_paced)}"]])
    print(f"paced ÷ unpaced: {ratio:.1f}× (target ≤ 3×)")

    messages = traced_strace[0]["messages"]
    syscalls = parse.per_message(calls, messages, SYSCALL_KINDS)
    print(f"\nSystem calls per message and per delivery (strace -c -f, {messages} messages)")
    table(["call", "per message", "per delivery"], [[kind, round(n, 2), round(n / MEMBERS, 3)] for kind, n in syscalls])

    total = sum(areas.values()) or 1
    perf_run = traced_perf[0]
    traced_us = perf_run["server_cpu_s"] * 1e6 / perf_run["messages"]
    untraced_us = statistics.median(cpu_paced) * MEMBERS
    print(f"\nCPU per message by area (perf record -g, {perf_run['messages']} messages; {traced_us:.0f} µs per message "
          f"with perf running, {untraced_us:.0f} µs untraced: the last column scales the shares to it)")
    rows = [(row, areas[row] / total) for row in parse.ROWS]
    table(["where", "share %", "µs/message (perf)", "µs/message (untraced)", "µs/delivery (untraced)"],
          [[row, round(100 * share, 1), round(share * traced_us, 1), round(share * untraced_us, 1),
            round(share * untraced_us / MEMBERS, 2)] for row, share in rows])

    if steps:
        print(f"\nLatency path of one message (perf trace, {steps['messages']} commits; tracing adds to every "
              f"traced call, so the system-call rows are inflated)")
        table(["step", "p50 ms", "p90 ms", "messages"], [list(row) for row in steps["rows"]])
    else:
        print("\nLatency path: not measured (the perf trace run failed, see above)")

    def state(group):
        return [{key: r.get(key) for key in ("load_avg_1m", "other_cpu_s", "wall_s", "disk_fsync_p50_ms",
                                              "disk_fsync_p99_ms", "lat_p50_ms", "lat_p99_ms", "server_cpu_us_per_delivery")}
                for r in group]

    return {"workload": "bench-trace", "label": label, "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "members": MEMBERS, "rate_per_member": RATE, "msgs_per_member": msgs,
            "cpu_us_per_delivery_unpaced": cpu_unpaced, "cpu_us_per_delivery_paced": cpu_paced,
            "paced_over_unpaced": round(ratio, 2),
            "syscalls_per_message": {kind: round(n, 3) for kind, n in syscalls},
            "cpu_share_by_area": {row: round(share, 4) for row, share in rows},
            "cpu_us_per_message_perf": round(traced_us, 1), "cpu_us_per_message_untraced": round(untraced_us, 1),
            "latency_path_ms": {step: [p50, p90, n] for step, p50, p90, n in steps["rows"]} if steps else None,
            "latency_path_commits": steps["messages"] if steps else None,
            "machine": {"unpaced": state(unpaced), "paced": state(paced), "strace": state(traced_strace),
                        "perf_record": state(traced_perf), "perf_trace": state(traced_path)}}


def table(columns, rows):
    cells = [[str(value) for value in row] for row in rows]
    widths = [max([len(column)] + [len(row[i]) for row in cells]) for i, column in enumerate(columns)]
    print("  ".join(column.ljust(widths[i]) if i == 0 else column.rjust(widths[i]) for i, column in enumerate(columns)))
    print("  ".join("-" * width for width in widths))
    for row in cells:
        print("  ".join(value.ljust(widths[i]) if i == 0 else value.rjust(widths[i]) for i, value in enumerate(row)))


def read(file):
    try:
        with open(file) as handle:
            return handle.read()
    except FileNotFoundError:
        return ""


def git_label():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "klankbord"


if __name__ == "__main__":
    main()
