"""Is a peer's own W1 figure in this run the one it reaches on a quiet machine of this kind?

A ratio against a peer means something only when the peer measured what it measures on a quiet
machine. The known range (scripts/peers/known_ranges.json) says what that is; the counters that
scripts/peers/xmpp_load.py records beside each run (other programs' CPU, time waiting for a CPU,
nice values, CPU per delivery) say why a figure fell outside it, when they can tell.
"""
import json
import os
import statistics

NAMES = {"prosody": "Prosody", "ejabberd": "ejabberd"}
KNOWN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers", "known_ranges.json")


def load_known(path=KNOWN):
    with open(path) as f:
        return json.load(f)


def median(runs, key):
    values = [r[key] for r in runs if isinstance(r.get(key), (int, float)) and not isinstance(r.get(key), bool)]
    return statistics.median(values) if values else None


def version_of(runs, name):
    """The package version in the label xmpp_load.py got from the run script ("prosody 0.12.3-1 W1 …")."""
    for run in runs:
        words = str(run.get("label", "")).split()
        if len(words) > 1 and words[0] == name:
            return words[1]
    return None


class Verdict:
    """The outcome of one peer's check: `state` is "inside", "outside" or "unchecked"."""

    def __init__(self, name, state, figure, low, high, reasons, notes):
        self.name, self.state, self.figure = name, state, figure
        self.low, self.high = low, high
        self.reasons, self.notes = reasons, notes

    @property
    def trusted(self):
        return self.state == "inside"

    def as_json(self):
        return {"peer": self.name, "state": self.state, "unpaced_deliveries_per_s": self.figure,
                "known_range": [self.low, self.high], "reasons": self.reasons, "notes": self.notes}


def machine_reasons(name, runs, reference_us):
    """What this run's counters show about the peer's unpaced runs (medians over the repeats)."""
    reasons = []
    name = NAMES.get(name, name)
    wall = median(runs, "wall_s") or 0
    nice_server, nice_client = median(runs, "server_nice"), median(runs, "client_nice")
    other, cores = median(runs, "other_cores"), median(runs, "cores")
    # nice only matters when something else wants the CPU
    if (nice_server or nice_client) and other is not None and other >= 0.25:
        reasons.append(f"the run was niced (server nice {nice_server:g}, load generator nice {nice_client:g}): "
                       "every other program on the machine competed with it on equal or better terms")
    if other is not None and other >= 0.25:
        of = f"of the {cores:g} cores " if cores else ""
        reasons.append(f"other programs used {other:.2f} {of}during its runs (CPU seconds per second)")
    wait = median(runs, "server_runq_wait_s")
    if wait is not None and wall > 0 and wait / wall >= 0.10:
        whom = f"{name} waited" if wait <= wall else f"{name}'s threads waited, added up,"
        reasons.append(f"{whom} {wait:.2f} s for a CPU in a {wall:.2f} s run")
    client_wait = median(runs, "client_runq_wait_s")
    if client_wait is not None and wall > 0 and client_wait / wall >= 0.10:
        reasons.append(f"the load generator waited {client_wait:.2f} s for a CPU in a {wall:.2f} s run")
    per_delivery = median(runs, "server_cpu_us_per_delivery")
    if per_delivery is not None and reference_us and per_delivery > 1.3 * reference_us:
        why = ("cores and caches shared with other programs" if other is not None and other >= 0.25
               else "with no other load seen: another version, configuration or processor")
        reasons.append(f"{name} used {per_delivery:.1f} µs of CPU per delivery against {reference_us:g} µs in the "
                       f"reference runs: the same work cost more ({why})")
    if per_delivery is not None and reference_us and per_delivery < 0.2 * reference_us:
        reasons.append(f"the {name} process that was counted used only {per_delivery:.1f} µs of CPU per delivery: "
                       "another server on port 5222 probably did the work")
    steal = median(runs, "steal_s")
    if steal is not None and wall > 0 and steal / wall >= 0.05:
        reasons.append(f"the hypervisor took {steal:.2f} s of CPU from this machine (steal) during a {wall:.2f} s run")
    client_cpu = median(runs, "client_cpu_s")
    if client_cpu is not None and wall > 0 and client_cpu / wall >= 0.9:
        reasons.append("the load generator used a whole core: it, not the server, set the pace")
    if any(r.get("timed_out") for r in runs):
        reasons.append("a run timed out before every message arrived")
    return reasons


def check(name, runs, known):
    """Checks the unpaced runs of one peer against its known range."""
    entry = known.get(name, {})
    low, high = (entry.get("unpaced_deliveries_per_s") or [None, None])[:2]
    figure = median(runs, "deliveries_per_s")
    notes = []
    version = version_of(runs, name)
    if version and entry.get("version") and version != entry["version"]:
        notes.append(f"{name} {version} ran; the known range is for {entry['version']}")
    shape = known.get("workload", {})
    for key in ("members", "msgs_per_member", "body_bytes"):
        seen = {r.get(key) for r in runs}
        if shape.get(key) is not None and seen != {shape[key]}:
            notes.append(f"the known range holds for {key.replace('_', ' ')} = {shape[key]}; this run used "
                         + ", ".join(str(s) for s in sorted(seen, key=str)))
    reasons = machine_reasons(name, runs, entry.get("server_cpu_us_per_delivery"))
    if figure is None or low is None:
        return Verdict(name, "unchecked", figure, low, high, reasons, notes or [f"no unpaced run of {name}"])
    if any(n.startswith("the known range holds") for n in notes):
        return Verdict(name, "unchecked", figure, low, high, reasons, notes)
    if low <= figure <= high:
        return Verdict(name, "inside", figure, low, high, reasons, notes)
    if not reasons:
        reasons = ["nothing this run measured explains it (no other CPU use, no waiting for a CPU): "
                   "check the peer's version, its configuration and the load generator"]
    return Verdict(name, "outside", figure, low, high, reasons, notes)
