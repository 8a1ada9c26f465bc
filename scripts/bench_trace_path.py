"""The latency path of one paced message from `perf trace` output (`make bench-trace`): request read by an
event loop → relay thread awake → WAL writes → fdatasync → loops rung → loop awake → first sendto → last
sendto. Each message is its own commit at 10 messages/s per member, so every `fdatasync` of the relay
thread anchors one message: what the relay did since the previous one leads up to it, what the loops did
until the next one follows it. Standard library only; tested by test_bench_trace.py."""
import bisect
import math
import re

TRACED_CALLS = "read,write,futex,epoll_wait,pwrite64,fdatasync,sendto"

STEPS = [
    "request read by the event loop → relay thread awake",
    "relay awake → first WAL write (BEGIN, the send's SQL)",
    "WAL writes (first to last pwrite)",
    "fdatasync",
    "fsync done → loops rung (encode, split per loop)",
    "rung → loop awake",
    "loop awake → first sendto (encrypt)",
    "first → last sendto",
]

# "  1184.215 ( 0.072 ms): klankbordd/20700 pwrite64(fd: 13, buf: 0x…, count: 24, pos: 177192)  = 24"
# "  1195.855 ( 1.247 ms): klankbordd/20700  ... [continued]: fdatasync())  = 0"
_LINE = re.compile(r"^\s*([\d.]+) \(\s*([\d.]+) ms\): \S+?/(\d+)\s+(?:\.\.\. \[continued\]: )?(\w+)\((.*?)\)\)?\s+= (-?\d+)")
_COUNT = re.compile(r"count: (\d+)")


def parse_perf_trace(text):
    """Completed calls as dicts: tid, call, start and end (ms), count (bytes asked for, or None), ret. Lines of
    calls that had not finished yet (no duration) are left out: their "[continued]" line carries the same start."""
    events = []
    for line in text.splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        start, duration, tid, call, arguments, ret = match.groups()
        count = _COUNT.search(arguments)
        events.append({"tid": int(tid), "call": call, "start": float(start), "end": float(start) + float(duration),
                       "count": int(count.group(1)) if count else None, "ret": int(ret)})
    events.sort(key=lambda event: event["start"])
    return events


def latency_path(events):
    """{"messages": anchored messages, "rows": [(step, p50 ms, p90 ms, samples)]} from parse_perf_trace's events;
    a step counts only the messages where both its ends were found."""
    syncs = [event for event in events if event["call"] == "fdatasync"]
    relay = {event["tid"] for event in syncs}
    samples = {step: [] for step in STEPS}
    starts = [event["start"] for event in events]
    # A loop asleep in epoll_wait since before the previous commit is found by when its wait ended.
    by_end = sorted(events, key=lambda event: event["end"])
    ends = [event["end"] for event in by_end]
    for index, sync in enumerate(syncs):
        before = syncs[index - 1]["end"] if index > 0 else float("-inf")
        after = syncs[index + 1]["start"] if index + 1 < len(syncs) else float("inf")
        # Only the calls that started between the previous fdatasync's end and the next one's start.
        window = events[bisect.bisect_left(starts, before):bisect.bisect_left(starts, after)]
        leading = [e for e in window if e["tid"] == sync["tid"] and before <= e["start"] and e["end"] <= sync["start"]]
        writes = [e for e in leading if e["call"] == "pwrite64"]
        wakes = [e for e in leading if e["call"] == "futex" and writes and e["end"] <= writes[0]["start"]]
        awake = wakes[-1]["end"] if wakes else None
        requests = [e for e in window if e["tid"] not in relay and e["call"] == "read" and e["ret"] > 0
                    and e["count"] != 8 and awake is not None and before <= e["end"] <= awake]
        rung = next((e for e in window if e["tid"] == sync["tid"] and e["call"] == "write" and e["count"] == 8
                     and sync["end"] <= e["start"] < after), None)
        following = [e for e in window if rung and e["tid"] not in relay and rung["start"] <= e["start"] < after]
        ended = by_end[bisect.bisect_left(ends, rung["start"]):bisect.bisect_left(ends, after)] if rung else []
        woken = next((e for e in ended if e["tid"] not in relay and e["call"] == "epoll_wait"), None)
        sends = [e for e in following if e["call"] == "sendto" and e["ret"] > 0]

        def add(step, start, end):
            if start is not None and end is not None and end >= start:
                samples[step].append(end - start)

        add(STEPS[0], requests[-1]["end"] if requests else None, awake)
        add(STEPS[1], awake, writes[0]["start"] if writes else None)
        if writes:
            add(STEPS[2], writes[0]["start"], writes[-1]["end"])
        add(STEPS[3], sync["start"], sync["end"])
        add(STEPS[4], sync["end"], rung["start"] if rung else None)
        add(STEPS[5], rung["start"] if rung else None, woken["end"] if woken else None)
        add(STEPS[6], woken["end"] if woken else None, sends[0]["start"] if sends else None)
        if sends:
            add(STEPS[7], sends[0]["start"], sends[-1]["end"])
    rows = [(step, percentile(samples[step], 50), percentile(samples[step], 90), len(samples[step])) for step in STEPS]
    return {"messages": len(syncs), "rows": rows}


def percentile(values, p):
    """Nearest-rank percentile in ms rounded to 0.01, or None when there is nothing to rank."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return round(ordered[rank], 2)
