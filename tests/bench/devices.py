#!/usr/bin/env python3
"""Benchmark: ISFC link throughput and round-trip time, volume 4 KiB read/write rates and
the processor's storage primitives, on Hercules (CTCE, 3390 ECKD) and QEMU (virtconsole,
virtio-blk). Prints figures; asserts nothing (speed targets are read, not tested).

Link throughput uses ISFC TEST ... CHECKSUM: one buffer sent over and over, each message's
CHECKSUM checked by the peer, so the figure is the link's rather than the test pattern
generator's (which runs at a few tens of MiB/s under emulation)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
import machines  # noqa: E402
from machines import QemuMachine, HerculesMachine  # noqa: E402

MIB = int(os.environ.get("BENCH_LINK_MIB", "64"))
VOLUME_SECONDS = int(os.environ.get("BENCH_VOLUME_SECONDS", "5"))
PLEXVOL = os.path.join(machines.BUILD, "plexvol")


def row(what, figure):
    print("%-52s %s" % (what, figure), flush=True)


def link_up(a, b, devices):
    spec = "0E40" if devices == 1 else "0E40-0E41"
    a.command("ACTIVATE ISLINK %s NODE MEMBER2" % spec)
    b.command("ACTIVATE ISLINK %s NODE MEMBER1" % spec)
    deadline = time.time() + 60
    while time.time() < deadline:
        if a.command("QUERY ISLINK").text.count("State UP") == devices and \
                b.command("QUERY ISLINK").text.count("State UP") == devices:
            return True
        time.sleep(0.5)
    return False


def link_figures(a, b, machine, kind, devices):
    label = "%s, %d %s%s" % (machine, devices, kind, "s" if devices > 1 else "")
    if not link_up(a, b, devices):
        row("ISFC link, " + label, "did not come up")
        return
    time.sleep(2)
    r = a.command("ISFC PING MEMBER2 200", timeout=120)
    m = re.search(r"min (\d+) us, avg (\d+) us, max (\d+) us", r.text)
    row("ISFC round trip (64 bytes), " + label,
        "avg %s us  min %s us  max %s us" % (m.group(2), m.group(1), m.group(3)) if m else r.text)
    for size in (4096, 60000):
        r = a.command("ISFC TEST MEMBER2 %d %d %d 9 CHECKSUM" % (MIB, size, size), timeout=600)
        m = re.search(r"in (\d+) ms, ([\d.]+) MiB/s", r.text)
        row("ISFC throughput, %d-byte messages, %s" % (size, label),
            "%s MiB/s  (%d MiB in %s ms)" % (m.group(2), MIB, m.group(1)) if m and r.rc == 0 else r.text)


def volume_figures(m, volser, machine):
    for op in ("READ", "WRITE"):
        r = m.command("VOLUME BENCH %s %s 1 %d" % (volser, op, VOLUME_SECONDS), timeout=VOLUME_SECONDS + 60)
        mm = re.search(r"(\d+) ops/s, ([\d.]+) MiB/s", r.text)
        row("volume 4 KiB %s, %s" % (op.lower(), machine),
            "%s ops/s  %s MiB/s" % mm.groups() if mm else r.text)


def memory_figures(m, machine):
    r = m.command("BENCH MEMORY", timeout=60)
    for line in r.lines:
        mm = re.match(r"BENCH MEMORY (\S+)\s+(\d+) MiB/s", line)
        if mm:
            row("storage %s over 64 KiB, %s" % (mm.group(1), machine), "%s MiB/s" % mm.group(2))


def hercules():
    d = tempfile.mkdtemp()
    try:
        vol = os.path.join(d, "bench.3390")
        subprocess.run([PLEXVOL, "create", vol, "--type", "3390", "--cyls", "50", "--volser", "BENCH1"],
                       check=True, stdout=subprocess.DEVNULL)
        for devices in (1, 2):
            devs = [0xE40, 0xE41][:devices]
            la, lb = machines.ctce_pair(devs)
            extra_a = la + ("0120 3390 %s\n" % vol if devices == 1 else "")
            with HerculesMachine(name="a", smp=2, ipl=False, append="member=MEMBER1", extra_config=extra_a) as a, \
                    HerculesMachine(name="b", smp=2, ipl=False, append="member=MEMBER2", extra_config=lb) as b:
                time.sleep(1.5)
                a.ipl()
                b.ipl()
                a.wait_ready(60)
                b.wait_ready(60)
                if devices == 1:
                    memory_figures(a, "Hercules")
                    volume_figures(a, "BENCH1", "Hercules 3390 ECKD")
                link_figures(a, b, "Hercules", "CTC", devices)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def qemu():
    d = tempfile.mkdtemp()
    try:
        vol = os.path.join(d, "bench.img")
        subprocess.run([PLEXVOL, "create", vol, "--type", "raw", "--cyls", "50", "--volser", "BENCH2"],
                       check=True, stdout=subprocess.DEVNULL)
        for devices in (1, 2):
            ea, eb = [], []
            for dev in [0xE40, 0xE41][:devices]:
                sock = os.path.join(d, "%x-%d.sock" % (dev, devices))
                ea += machines.qemu_link(sock, dev, True)
                eb += machines.qemu_link(sock, dev, False)
            if devices == 1:
                ea += machines.qemu_disk(vol, 0x120)
            with QemuMachine(name="a", smp=2, append="member=MEMBER1", extra=ea) as a:
                time.sleep(0.3)
                with QemuMachine(name="b", smp=2, append="member=MEMBER2", extra=eb) as b:
                    a.wait_ready(20)
                    b.wait_ready(20)
                    if devices == 1:
                        memory_figures(a, "QEMU")
                        volume_figures(a, "BENCH2", "QEMU virtio-blk")
                    link_figures(a, b, "QEMU", "virtconsole", devices)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    which = sys.argv[1:] or ["qemu", "hercules"]
    if "qemu" in which:
        qemu()
    if "hercules" in which:
        hercules()


if __name__ == "__main__":
    main()
