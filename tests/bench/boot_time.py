#!/usr/bin/env python3
"""Benchmark: time from emulator start to PlexVM's first "Ready;" prompt.
Prints figures; asserts nothing (speed targets are read, not tested)."""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from machines import QemuMachine, HerculesMachine  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def measure(make):
    times = []
    for _ in range(RUNS):
        with make() as m:
            m.wait_ready(120)
            times.append(time.time() - m.started_at)
            m.send_line("SHUTDOWN")
            m.wait_end(30)
    return times


def report(name, times):
    print("%-34s median %7.1f ms  min %7.1f ms  max %7.1f ms  (%d runs)" % (
        name, statistics.median(times) * 1000, min(times) * 1000, max(times) * 1000, len(times)))


def main():
    report("boot to prompt, QEMU (2 CPUs)", measure(lambda: QemuMachine(smp=2, mem_mb=1024)))
    report("boot to prompt, Hercules (2 CPUs)", measure(lambda: HerculesMachine(smp=2, mem_mb=256)))


if __name__ == "__main__":
    main()
