#!/usr/bin/env python3
"""Waits (at most SECONDS) until the machine is quiet before a server is measured, and says what it saw.

A peer's figure on a machine where other programs use the cores is a figure of those programs too:
Prosody runs on one core and its load generator needs the other, so on a 2-core machine anything
else that runs takes from one of them. Quiet means: over a window of 2 s, the machine's busy CPU
(/proc/stat: all but idle and iowait) stays below THRESHOLD cores.

usage: wait_quiet.py SECONDS [THRESHOLD]      (SECONDS 0: measure one window, do not wait)
"""
import os
import sys
import time

WINDOW_S = 2.0


def busy_seconds():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    return (v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / os.sysconf("SC_CLK_TCK")


def busy_cores(window=WINDOW_S):
    start, t0 = busy_seconds(), time.monotonic()
    time.sleep(window)
    return (busy_seconds() - start) / (time.monotonic() - t0)


def main(argv):
    limit = float(argv[0]) if argv else 60.0
    threshold = float(argv[1]) if len(argv) > 1 else 0.25
    deadline = time.monotonic() + limit
    waited = 0.0
    while True:
        cores = busy_cores()
        if cores < threshold:
            print(f"machine quiet: {cores:.2f} of {os.cpu_count()} cores busy"
                  + (f" (after waiting {waited:.0f} s)" if waited else ""))
            return 0
        if time.monotonic() >= deadline:
            print(f"machine BUSY: other programs use {cores:.2f} of {os.cpu_count()} cores"
                  + (f" after waiting {waited:.0f} s" if waited else "") + "; measuring anyway")
            return 0
        waited += WINDOW_S


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
