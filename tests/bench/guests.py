#!/usr/bin/env python3
"""Benchmark of guests under SIE on Hercules (prints figures, asserts nothing):

  - a CPU-bound loop (tests/guests/cpuloop) as a PlexVM guest versus the same program
    IPLed bare on Hercules: the ratio bare time / guest time (1.0 = no overhead);
  - Debian's kernel booting to its /init as a guest versus booting bare (IPL to the
    "PLXGUEST READY" line, same kernel, initramfs and storage);
  - one intercept round trip: DIAG 0x44 in a loop inside a guest (tests/guests/diagloop).

Each guest runs alone in a PlexVM member with 2 processors and 1 GiB; bare runs get a
Hercules with 2 processors and the guest's storage. Needs `make guest` for the Linux part.
"""
import os
import re
import statistics
import struct
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
import machines  # noqa: E402
from machines import GuestUser, HerculesMachine  # noqa: E402

TGUEST = os.path.join(machines.BUILD, "tguest")
LINUX = os.path.join(machines.BUILD, "guest")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
LOOPS = int(os.environ.get("BENCH_CPULOOP", "30000000"))
INITRD_ADDR = 0x4000000
CPULOOP_RE = r"CPULOOP (\d+) iterations in (\d+) us"


def data_file(d, name, data):
    path = os.path.join(d, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def bare(d, kernel, cmdline, initrd=None, mem_mb=256):
    """A Hercules that IPLs kernel at 0 with cmdline (and an initrd) in Linux's places."""
    files = [(kernel, 0), (data_file(d, "cmdline", cmdline.encode() + b"\0"), 0x10480)]
    if initrd:
        files += [(initrd, INITRD_ADDR),
                  (data_file(d, "initrd.parm", struct.pack(">QQ", INITRD_ADDR, os.path.getsize(initrd))),
                   0x10408)]
    return HerculesMachine(name="bare", smp=2, mem_mb=mem_mb, ins=files, timeout=900)


def member(d, user):
    vol, bundle = machines.guest_environment(d, [user])
    return HerculesMachine(name="member", smp=2, mem_mb=1024, bundle=bundle, append="member=MEMBER1",
                           extra_config="0120 3390 %s\n" % vol, timeout=900)


def cpuloop_bare(d):
    with bare(d, os.path.join(TGUEST, "cpuloop.bin"), "loops=%d" % LOOPS, mem_mb=64) as m:
        i, mt = m.wait_for(CPULOOP_RE, 600)
        return int(mt.group(2))


def cpuloop_guest(d):
    user = GuestUser("BENCH", storage="64M", kernel=os.path.join(TGUEST, "cpuloop.bin"),
                     parmfile="loops=%d" % LOOPS)
    with member(d, user) as m:
        m.wait_ready(60)
        m.command("XAUTOLOG BENCH")
        i, mt = m.wait_for("BENCH: " + CPULOOP_RE, 600)
        return int(mt.group(2))


def linux_files(d, name):
    parm = "console=ttyS0 plx.name=%s" % name
    return os.path.join(LINUX, "vmlinuz"), os.path.join(LINUX, "initramfs.cpio.gz"), parm


def linux_bare(d):
    kernel, initrd, parm = linux_files(d, "bare")
    with bare(d, kernel, parm, initrd, mem_mb=256) as m:
        m.wait_for(r"PLXGUEST READY bare", 600)
        return time.time() - m.started_at


def linux_guest(d):
    kernel, initrd, parm = linux_files(d, "bench")
    user = GuestUser("BENCH", storage="256M", cpus=2, kernel=kernel, initrd=initrd, parmfile=parm)
    with member(d, user) as m:
        m.wait_ready(60)
        t0 = time.time()
        m.send_line("XAUTOLOG BENCH")
        m.wait_for(r"^BENCH: PLXGUEST READY bench", 600)
        return time.time() - t0


def diag_guest(d):
    user = GuestUser("BENCH", storage="32M", kernel=os.path.join(TGUEST, "diagloop.bin"),
                     parmfile="loops=200000")
    with member(d, user) as m:
        m.wait_ready(60)
        m.command("XAUTOLOG BENCH")
        i, mt = m.wait_for(r"BENCH: DIAGLOOP (\d+) diag44 in (\d+) us, (\d+) ns each", 300)
        return int(mt.group(3))


def runs(fn):
    out = []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory(prefix="plexvm-bench-") as d:
            out.append(fn(d))
    return out


def main():
    if not os.path.exists(os.path.join(TGUEST, "cpuloop.bin")):
        sys.exit("build/tguest/cpuloop.bin missing: run make first")
    b, g = runs(cpuloop_bare), runs(cpuloop_guest)
    mb, mg = statistics.median(b), statistics.median(g)
    print("%-44s bare %8.0f ms  guest %8.0f ms  ratio %.3f  (%d loops, median of %d)"
          % ("CPU loop, guest vs bare Hercules", mb / 1000, mg / 1000, mb / mg, LOOPS, RUNS))
    ns = runs(diag_guest)
    print("%-44s median %6d ns  min %6d ns  max %6d ns  (%d runs)"
          % ("intercept round trip (DIAG 0x44 in a guest)", statistics.median(ns), min(ns), max(ns), RUNS))
    if not os.path.exists(os.path.join(LINUX, "initramfs.cpio.gz")):
        print("Linux boot: skipped (make guest fetches the kernel)")
        return
    b, g = runs(linux_bare), runs(linux_guest)
    mb, mg = statistics.median(b), statistics.median(g)
    print("%-44s bare %7.1f s  guest %7.1f s  ratio %.3f  (median of %d)"
          % ("Linux boot to /init, guest vs bare Hercules", mb, mg, mb / mg, RUNS))


if __name__ == "__main__":
    main()
