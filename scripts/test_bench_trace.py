"""What `make bench-trace` makes of the tracers' text: system calls per message from `strace -c`, CPU by the
doc's areas from `perf script`, the latency path from `perf trace`. Run by `make test`
(python3 -m unittest discover -s scripts)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_trace_parse as parse  # noqa: E402
import bench_trace_path as path  # noqa: E402

STRACE = """\
% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 48.54    0.927044         621      1491           epoll_wait
 19.31    0.368793          37      9920           sendto
 16.82    0.321183         395       813         5 futex
  3.55    0.067755         134       502           fdatasync
  1.18    0.022449          22      1008       500 read
------ ----------- ----------- --------- --------- ----------------
100.00    1.909781          86     13734       505 total
"""


def sample(period, *frames):
    """One `perf script` sample: header, then frames sampled-first as (symbol, dso)."""
    lines = [f"klankbordd 17790  4371.301473:     {period} cpu-clock:ppp: "]
    lines += [f"\t        ffffffff81{index:06x} {symbol}+0x1a ({dso})" for index, (symbol, dso) in enumerate(frames)]
    return "\n".join(lines) + "\n\n"


K = "[kernel.kallsyms]"
LIBC = "/usr/lib/x86_64-linux-gnu/libc.so.6"
SYSCALL = [("do_syscall_64", K), ("entry_SYSCALL_64_after_hwframe", K)]


class StraceSummaryTests(unittest.TestCase):
    def test_calls_and_errors_are_read_per_kind_without_the_total(self):
        calls = parse.parse_strace_summary(STRACE)
        self.assertEqual(calls["sendto"]["calls"], 9920)
        self.assertEqual(calls["futex"]["errors"], 5)
        self.assertEqual(calls["epoll_wait"]["errors"], 0)
        self.assertNotIn("total", calls)

    def test_per_message_divides_by_the_messages_and_sums_the_rest_as_other(self):
        rows = dict(parse.per_message(parse.parse_strace_summary(STRACE), 500, ["fdatasync", "sendto", "madvise"]))
        self.assertAlmostEqual(rows["sendto"], 19.84)
        self.assertAlmostEqual(rows["fdatasync"], 1.004)
        self.assertEqual(rows["madvise"], 0)
        self.assertAlmostEqual(rows["other"], (1491 + 813 + 1008) / 500)


class PerfAreaTests(unittest.TestCase):
    def areas(self, text):
        return {row: period for row, period in parse.parse_perf_script(text).items() if period}

    def test_user_space_samples_go_to_their_library(self):
        text = (sample(250000, ("sqlite3VdbeExec", "/usr/lib/x86_64-linux-gnu/libsqlite3.so.0.8.6"))
                + sample(250000, ("swift_retain", "/opt/swift/usr/lib/swift/linux/libswiftCore.so"))
                + sample(250000, ("$s15KlankbordServer5RelayC3run", "/work/.build/release/klankbordd"))
                + sample(250000, ("crypto_stream_chacha20_ietf_xor_ic", "/usr/lib/x86_64-linux-gnu/libsodium.so.23.3.0"))
                + sample(250000, ("__memmove_avx_unaligned_erms", LIBC)))
        self.assertEqual(self.areas(text), {parse.ROWS[2]: 250000, parse.ROWS[6]: 250000, parse.ROWS[7]: 250000,
                                            parse.ROWS[11]: 250000, parse.ROWS[5]: 250000})

    def test_loopback_softirq_inside_sendto_counts_as_sendto(self):
        text = sample(250000, ("tcp_v4_rcv", K), ("__do_softirq", K), ("__local_bh_enable_ip", K),
                      ("__sys_sendto", K), ("__x64_sys_sendto", K), *SYSCALL, ("__send", LIBC))
        self.assertEqual(self.areas(text), {parse.ROWS[0]: 250000})

    def test_an_interrupt_taken_inside_fdatasync_counts_as_an_interrupt(self):
        text = sample(250000, ("asm_common_interrupt", K), ("io_schedule", K), ("do_fsync", K),
                      ("__x64_sys_fdatasync", K), *SYSCALL, ("fdatasync", LIBC))
        text += sample(500000, ("ext4_sync_file", K), ("do_fsync", K), ("__x64_sys_fdatasync", K), *SYSCALL, ("fdatasync", LIBC))
        self.assertEqual(self.areas(text), {parse.ROWS[4]: 250000, parse.ROWS[1]: 500000})

    def test_a_switch_on_the_way_back_from_a_call_counts_as_preempted(self):
        text = sample(250000, ("finish_task_switch.isra.0", K), ("schedule", K), ("exit_to_user_mode_loop", K),
                      *SYSCALL, ("__send", LIBC))
        self.assertEqual(self.areas(text), {parse.ROWS[8]: 250000})

    def test_inlined_calls_and_the_bare_entry_are_named_by_the_inner_frame_or_libc(self):
        text = (sample(1, ("tcp_recvmsg", K), ("vfs_read", K), ("ksys_read", K), *SYSCALL, ("read", LIBC))
                + sample(2, ("posix_lock_inode", K), ("do_fcntl", K), *SYSCALL, ("__fcntl64_nocancel_adjusted", LIBC))
                + sample(4, *SYSCALL, ("__libc_pwrite", LIBC))
                + sample(8, ("do_syscall_64", K), ("entry_SYSCALL_64_after_hwframe", K), ("__GI___libc_write", LIBC))
                + sample(16, ("clear_page_erms", K), ("exc_page_fault", K), ("asm_exc_page_fault", K)))
        self.assertEqual(self.areas(text), {parse.ROWS[13]: 1 + 8, parse.ROWS[12]: 2, parse.ROWS[9]: 4, parse.ROWS[14]: 16})

    def test_every_row_is_present_so_the_table_never_loses_one(self):
        self.assertEqual(list(parse.parse_perf_script("")), parse.ROWS)


def trace_line(start, duration, tid, call, arguments, ret):
    timing = f"({duration:6.3f} ms)" if duration is not None else "(         )"
    return f"{start:10.3f} {timing}: klankbordd/{tid} {call}({arguments}) = {ret}"


# Loops are threads 11 and 12, the relay thread 20. An earlier commit, then two messages 5 ms apart.
TRACE = "\n".join([
    "         ? (         ): klankbordd/20  ... [continued]: futex())                = 0",
    trace_line(0.020, 0.030, 20, "fdatasync", "fd: 13", 0),
    trace_line(1.000, 0.020, 11, "read", "fd: 21, buf: 0x7f, count: 65536", 252),
    trace_line(1.030, 0.010, 11, "read", "fd: 21, buf: 0x7f, count: 65536", "-1 EAGAIN (Resource temporarily unavailable)"),
    trace_line(1.040, 0.010, 11, "futex", "uaddr: 0x56, op: WAKE|PRIVATE_FLAG, val: 1", 1),
    trace_line(0.500, 0.700, 20, "futex", "uaddr: 0x56, op: WAIT|PRIVATE_FLAG, val: 0", 0),  # wakes at 1.200
    trace_line(1.300, 0.020, 20, "pwrite64", "fd: 13, buf: 0x7f, count: 24, pos: 1", 24),
    trace_line(1.400, 0.050, 20, "pwrite64", "fd: 13, buf: 0x7f, count: 4096, pos: 25", 4096),
    "     1.500 (         ): klankbordd/20 fdatasync(fd: 13)                 ...",
    "     1.500 ( 0.400 ms): klankbordd/20  ... [continued]: fdatasync())     = 0",
    trace_line(2.000, 0.010, 20, "write", "fd: 9, buf: 0x7f, count: 8", 8),
    # Asleep since before the earlier commit ended; wakes at 2.150.
    trace_line(0.010, 2.140, 12, "epoll_wait", "epfd: 17, events: 0x7f, maxevents: 256, timeout: -1", 1),
    trace_line(2.250, 0.030, 12, "sendto", "fd: 30, buff: 0x7f, len: 300", 300),
    trace_line(2.600, 0.030, 12, "sendto", "fd: 31, buff: 0x7f, len: 300", 300),
    trace_line(6.000, 0.020, 11, "read", "fd: 22, buf: 0x7f, count: 65536", 252),
    trace_line(6.500, 0.020, 20, "pwrite64", "fd: 13, buf: 0x7f, count: 24, pos: 4121", 24),
    trace_line(6.600, 0.900, 20, "fdatasync", "fd: 13", 0),
])


class LatencyPathTests(unittest.TestCase):
    def test_each_step_of_a_message_is_measured_between_its_own_calls(self):
        result = path.latency_path(path.parse_perf_trace(TRACE))
        self.assertEqual(result["messages"], 3)
        steps = {step: (p50, n) for step, p50, _, n in result["rows"]}
        self.assertEqual(steps[path.STEPS[0]], (0.18, 1))  # request read ends 1.020, relay awake 1.200
        self.assertEqual(steps[path.STEPS[1]], (0.1, 1))   # first pwrite at 1.300
        self.assertEqual(steps[path.STEPS[2]][1], 2)       # the second message has one pwrite: 0.02 ms
        self.assertEqual(steps[path.STEPS[3]], (0.4, 3))   # the middle of 0.03, 0.4 and 0.9
        self.assertEqual(steps[path.STEPS[4]], (0.1, 1))   # fsync done 1.900, rung 2.000
        self.assertEqual(steps[path.STEPS[5]], (0.15, 1))  # loop 12 awake at 2.150
        self.assertEqual(steps[path.STEPS[6]], (0.1, 1))   # first sendto at 2.250
        self.assertEqual(steps[path.STEPS[7]], (0.38, 1))  # last sendto ends 2.630

    def test_a_commit_without_a_wake_up_before_it_has_no_wake_up_steps(self):
        # The earlier commit and the last message: the relay did not sleep on a futex before them, so nothing is guessed.
        result = path.latency_path(path.parse_perf_trace(TRACE))
        counts = {step: n for step, _, _, n in result["rows"]}
        self.assertEqual(counts[path.STEPS[0]], 1)
        self.assertEqual(counts[path.STEPS[1]], 1)

    def test_percentiles_are_nearest_rank(self):
        self.assertEqual(path.percentile([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], 90), 0.9)
        self.assertEqual(path.percentile([0.3, 0.1, 0.2], 50), 0.2)
        self.assertIsNone(path.percentile([], 50))


if __name__ == "__main__":
    unittest.main()
