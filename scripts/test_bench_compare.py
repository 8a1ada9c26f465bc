"""What a person reading `make bench-compare` sees: a peer's figure inside its known range gives plain
ratios; outside it, the ratios are in parentheses and the reasons the run recorded are printed.
Run by `make test` (python3 -m unittest discover -s scripts)."""
import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_compare_check  # noqa: E402
import bench_compare_table  # noqa: E402


def run(server, rate, dps, p99=1.0, **extra):
    r = {"workload": "W1-room-fanout", "members": 20, "msgs_per_member": 200, "body_bytes": 200,
         "rate_per_member": rate, "deliveries": 80000, "deliveries_per_s": dps, "wall_s": 80000 / dps,
         "lat_p99_ms": p99, "server_VmHWM_MiB": 20.0, "label": f"{server} W1",
         "server_nice": 0, "client_nice": 0, "other_cores": 0.02, "cores": 2, "steal_s": 0.0,
         "server_runq_wait_s": 0.01, "client_runq_wait_s": 0.01, "client_cpu_s": 0.1,
         "server_cpu_us_per_delivery": 23.0}
    r.update(extra)
    return r


def quiet_prosody():
    return [run("prosody 0.12.3-1+deb12u1", "unpaced", 44000) for _ in range(3)] + [
        run("prosody 0.12.3-1+deb12u1", 10.0, 4000, p99=40.0), run("prosody 0.12.3-1+deb12u1", 50.0, 20000, p99=20.0)]


def busy_prosody():
    busy = dict(other_cores=1.48, server_nice=19, client_nice=19, server_runq_wait_s=3.9,
                server_cpu_us_per_delivery=51.2)
    return [run("prosody 0.12.3-1+deb12u1", "unpaced", 10579, **busy) for _ in range(3)] + [
        run("prosody 0.12.3-1+deb12u1", 10.0, 4000, p99=312.0, **busy)]


def klankbord():
    return [run("klankbord abc", "unpaced", 380000) for _ in range(3)] + [
        run("klankbord abc", 10.0, 4000, p99=1.3), run("klankbord abc", 50.0, 20000, p99=1.0)]


class BenchCompareTableTests(unittest.TestCase):
    def table(self, ours, peer_runs):
        folder = tempfile.mkdtemp()
        paths = []
        for name, runs in [("klankbord", ours)] + peer_runs:
            path = os.path.join(folder, name + ".jsonl")
            with open(path, "w") as f:
                f.writelines(json.dumps(r) + "\n" for r in runs)
            paths.append(path if name == "klankbord" else f"{name}={path}")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            bench_compare_table.main(paths + ["--summary", os.path.join(folder, "summary.jsonl")])
        with open(os.path.join(folder, "summary.jsonl")) as f:
            return out.getvalue(), json.loads(f.read())

    def test_a_quiet_prosody_run_gives_plain_ratios(self):
        text, summary = self.table(klankbord(), [("prosody", quiet_prosody())])
        self.assertIn("inside: ratios below are a comparison", text)
        unpaced = next(line for line in text.splitlines() if line.startswith("W1 unpaced"))
        self.assertTrue(unpaced.rstrip().endswith(" 8.6×"), unpaced)
        self.assertEqual(summary["checks"][0]["state"], "inside")

    def test_a_busy_prosody_run_is_not_shown_as_a_comparison_and_says_why(self):
        text, summary = self.table(klankbord(), [("prosody", busy_prosody())])
        self.assertIn("OUTSIDE: ratios below are NOT a comparison", text)
        self.assertIn("known range 35,000–46,000", text)
        self.assertIn("other programs used 1.48 of the 2 cores", text)
        self.assertIn("the run was niced", text)
        self.assertIn("Prosody waited 3.90 s for a CPU", text)
        self.assertIn("51.2 µs of CPU per delivery against 22.6 µs", text)
        unpaced = next(line for line in text.splitlines() if line.startswith("W1 unpaced"))
        self.assertTrue(unpaced.rstrip().endswith("(35.9×)"), unpaced)
        self.assertEqual(summary["checks"][0]["state"], "outside")

    def test_a_short_run_is_not_checked_against_the_range(self):
        short = [dict(r, msgs_per_member=50) for r in quiet_prosody()]
        text, _ = self.table(klankbord(), [("prosody", short)])
        self.assertIn("not checked", text)
        self.assertIn("msgs per member = 200; this run used 50", text)

    def test_outside_with_nothing_measured_says_so(self):
        slow = [run("prosody 0.12.3-1+deb12u1", "unpaced", 20000) for _ in range(3)]
        verdict = bench_compare_check.check("prosody", slow, bench_compare_check.load_known())
        self.assertEqual(verdict.state, "outside")
        self.assertIn("nothing this run measured explains it", verdict.reasons[0])

    def test_a_run_served_by_another_process_on_the_port_is_named(self):
        idle = [run("prosody 0.12.3-1+deb12u1", "unpaced", 7900, server_cpu_us_per_delivery=0.3) for _ in range(3)]
        verdict = bench_compare_check.check("prosody", idle, bench_compare_check.load_known())
        self.assertEqual(verdict.state, "outside")
        self.assertIn("another server on port 5222 probably did the work", " ".join(verdict.reasons))

    def test_ejabberd_sits_beside_prosody_in_one_table(self):
        ej = [run("ejabberd 23.01-1", "unpaced", 80000) for _ in range(3)]
        text, summary = self.table(klankbord(), [("prosody", quiet_prosody()), ("ejabberd", ej)])
        self.assertIn("vs ejabberd", text)
        unpaced = next(line for line in text.splitlines() if line.startswith("W1 unpaced"))
        self.assertTrue(unpaced.rstrip().endswith("8.6×          4.8×"), unpaced)
        self.assertEqual([c["peer"] for c in summary["checks"]], ["prosody", "ejabberd"])


if __name__ == "__main__":
    unittest.main()
