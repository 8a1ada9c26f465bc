"""Turns the tracers' text into the rows of docs/PERFORMANCE.md, "Where the time goes at light load":
`strace -c` summaries into calls per kind, `perf script` samples into CPU by area. Used by
bench_trace.py (`make bench-trace`); tested by test_bench_trace.py. Standard library only."""
import os
import re

# The doc's rows for CPU by area, in the order the table prints them.
ROWS = [
    "sendto (TCP over loopback, receiver side included)",
    "fdatasync of the WAL",
    "SQLite (user space)",
    "epoll_wait (sleeping and waking)",
    "interrupts and softirq",
    "libc (malloc, memcpy)",
    "Swift runtime and Foundation",
    "the daemon's own code",
    "preempted on return to user space",
    "pwrite of WAL frames",
    "futex (relay hand-off)",
    "libsodium (Noise encryption)",
    "fcntl (SQLite locks)",
    "read and write (requests, doorbell)",
    "other kernel (page faults, other calls)",
    "other user space",
]

# A kernel frame that decides the row, looked for from the sampled frame towards the root: the first
# one found wins, so an interrupt taken inside a system call counts as an interrupt, and the softirq
# loopback TCP runs inside `sendto` (no interrupt frame between) counts as `sendto`.
_SYSCALL_ROWS = {
    "sendto": ROWS[0], "sendmsg": ROWS[0], "writev": ROWS[0],
    "fdatasync": ROWS[1], "fsync": ROWS[1],
    "epoll_wait": ROWS[3], "epoll_pwait": ROWS[3], "epoll_pwait2": ROWS[3],
    "pwrite64": ROWS[9], "futex": ROWS[10], "fcntl": ROWS[12],
    "read": ROWS[13], "write": ROWS[13], "recvfrom": ROWS[13], "readv": ROWS[13],
}
_SYSCALL_FRAME = re.compile(r"^__(?:x64|ia32|se)_sys_(\w+)$")
# Where the kernel inlines `__x64_sys_read` and its kin, the call shows as the function below it.
_INNER_SYSCALL_FRAMES = {"ksys_read": "read", "ksys_write": "write", "ksys_pwrite64": "pwrite64", "__sys_sendto": "sendto",
                         "do_fsync": "fdatasync", "do_epoll_wait": "epoll_wait", "do_futex": "futex", "do_fcntl": "fcntl"}
# A sample in the system-call entry itself (no call-specific frame yet) belongs to the call the first user-space
# frame, in libc, makes: "__send", "__libc_pwrite", "__fcntl64_nocancel_adjusted", "__GI___libc_write".
_LIBC_CALLS = [("send", "sendto"), ("pwrite", "pwrite64"), ("fcntl", "fcntl"), ("fdatasync", "fdatasync"),
               ("fsync", "fdatasync"), ("epoll_wait", "epoll_wait"), ("futex", "futex"), ("pthread_cond", "futex"),
               ("lll_lock", "futex"), ("read", "read"), ("write", "write")]
_INTERRUPT_FRAME = re.compile(r"^(asm_common_interrupt|asm_sysvec_\w+|common_interrupt|sysvec_\w+)$")
_PREEMPT_FRAMES = {"exit_to_user_mode_loop", "irqentry_exit_to_user_mode"}

# The library a user-space sample is in, by the start of its file name.
_LIBRARY_ROWS = [
    ("libsqlite3", ROWS[2]),
    ("libc.so", ROWS[5]), ("libc-", ROWS[5]), ("libm.so", ROWS[5]),
    ("libsodium", ROWS[11]),
    ("libswift", ROWS[6]), ("libFoundation", ROWS[6]), ("lib_Foundation", ROWS[6]),
    ("libdispatch", ROWS[6]), ("libBlocksRuntime", ROWS[6]), ("ld-linux", ROWS[6]),
    ("libstdc++", ROWS[6]),
    ("klankbordd", ROWS[7]),
]


def parse_strace_summary(text):
    """`strace -c` table → {syscall: {"calls": n, "errors": n, "seconds": s}} (the total line left out)."""
    calls = {}
    for line in text.splitlines():
        fields = line.split()
        # % time, seconds, usecs/call, calls, [errors,] syscall
        if len(fields) < 5 or fields[-1] == "total" or not _is_number(fields[0]):
            continue
        if len(fields) == 6:
            errors = int(fields[4])
        elif len(fields) == 5:
            errors = 0
        else:
            continue
        calls[fields[-1]] = {"calls": int(fields[3]), "errors": errors, "seconds": float(fields[1])}
    return calls


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def classify(frames):
    """One sample's frames, sampled frame first, each (symbol, dso) → its row in ROWS."""
    if not frames:
        return ROWS[15]
    symbol, dso = frames[0]
    if not _is_kernel(dso):
        name = os.path.basename(dso.strip("()"))
        for prefix, row in _LIBRARY_ROWS:
            if name.startswith(prefix):
                return row
        return ROWS[15]
    for symbol, dso in frames:
        if not _is_kernel(dso):
            break
        if _INTERRUPT_FRAME.match(symbol):
            return ROWS[4]
        if symbol in _PREEMPT_FRAMES:
            return ROWS[8]
        called = _SYSCALL_FRAME.match(symbol)
        name = called.group(1) if called else _INNER_SYSCALL_FRAMES.get(symbol)
        if name:
            return _SYSCALL_ROWS.get(name, ROWS[14])
    user = next((symbol for symbol, dso in frames if not _is_kernel(dso)), None)
    if user and any(symbol == "do_syscall_64" for symbol, _ in frames):
        for part, name in _LIBC_CALLS:
            if part in user:
                return _SYSCALL_ROWS[name]
    return ROWS[14]


def _is_kernel(dso):
    return "kernel.kallsyms" in dso or dso.startswith("([kernel") or "vmlinux" in dso


# A header line of `perf script -F comm,tid,time,period,event,ip,sym,dso`: "name tid time: period event:".
_HEADER = re.compile(r"^\S.*?\s(\d+)\s+[\d.]+:\s+(\d+)\s+\S+:")
# A frame line: address, symbol (may hold spaces, "+0x12" offsets), "(dso)".
_FRAME = re.compile(r"^\s+[0-9a-f]+\s+(.*?)(?:\+0x[0-9a-f]+)?\s+(\([^()]*\))$")


def parse_perf_script(text):
    """`perf script` output with call chains → {row: summed sample period}, every row of ROWS present."""
    totals = {row: 0 for row in ROWS}
    period = None
    frames = []

    def flush():
        if period is not None:
            totals[classify(frames)] += period

    for line in text.splitlines():
        header = _HEADER.match(line)
        if header:
            flush()
            period = int(header.group(2))
            frames = []
            continue
        frame = _FRAME.match(line)
        if frame and period is not None:
            frames.append((frame.group(1), frame.group(2)))
    flush()
    return totals


def per_message(calls, messages, kinds):
    """System calls of each kind in `kinds` per message (the rest summed as "other")."""
    rows = [(kind, calls.get(kind, {}).get("calls", 0) / messages) for kind in kinds]
    other = sum(value["calls"] for name, value in calls.items() if name not in kinds)
    return rows + [("other", other / messages)]
