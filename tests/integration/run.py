#!/usr/bin/env python3
"""Integration tests: boot the real PlexVM image under QEMU and Hercules and
talk to its operator console. Ends with "N passed, N failed".

  tests/integration/run.py [--machine qemu|hercules|all] [-k substring] [-v]
"""
import argparse
import os
import re
import shutil
import tempfile
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import machines  # noqa: E402
from machines import QemuMachine, HerculesMachine  # noqa: E402
from testlib import TESTS, Failure, check, line_matching, test  # noqa: E402


# ---- shared checks ----------------------------------------------------------------------
def basic_commands(m, ncpus, storage):
    r = m.command("QUERY CPLEVEL")
    check(r.rc == 0, "QUERY CPLEVEL rc %s" % r.rc)
    check(any("PlexVM" in l and "0.1.0" in l for l in r.lines), "no PlexVM version line: %r" % r.lines)
    r = m.command("q proc")
    procs = line_matching(r, "PROCESSOR ")
    check(len(procs) == ncpus, "expected %d processors, got %r" % (ncpus, r.lines))
    check(procs[0].startswith("PROCESSOR 00 MASTER"), "first processor: %r" % procs[0])
    for i, l in enumerate(procs[1:], 1):
        check(l.startswith("PROCESSOR %02X ALTERNATE" % i), "processor %d: %r" % (i, l))
    r = m.command("Q STORAGE")
    check(any(l.startswith("STORAGE = %s " % storage) for l in r.lines), "storage: %r" % r.lines)
    r = m.command("query time")
    check(r.rc == 0 and len(r.lines) == 2, "time: %r" % r.lines)
    check(r.lines[0].startswith("TIME IS ") and " UTC " in r.lines[0], "time line: %r" % r.lines)
    check(r.lines[1].startswith("CONNECT="), "connect line: %r" % r.lines)
    r = m.command("HELP")
    check(r.rc == 0 and any(l.startswith("QUERY") for l in r.lines), "help: %r" % r.lines)
    check(any(l.strip().startswith("SHUTDOWN") for l in r.lines), "help lists SHUTDOWN: %r" % r.lines)
    r = m.command("xyzzy plugh")
    check(r.rc == 1 and r.lines == ["PLXCMD001E Unknown CP command: XYZZY"], "unknown: %r" % r)
    r = m.command("q nothingatall")
    check(r.rc == 3 and r.lines == ["PLXCMD003E Invalid option - NOTHINGATALL"], "bad option: %r" % r)
    r = m.command("q nobody")
    check(r.rc == 45 and r.lines == ["PLXVMM045E NOBODY not logged on"], "QUERY userid: %r" % r)
    r = m.command("shut")
    check(r.rc == 1, "SHUTDOWN must not be abbreviated: %r" % r)


def shutdown(m):
    m.send_line("SHUTDOWN")
    ended = m.wait_end(30)
    check(ended == "shutdown", "SHUTDOWN ended as %s (exit %s)" % (ended, m.exit_code))
    out = m.output()
    check("SYSTEM SHUTDOWN COMPLETE" in out, "no completion message")


def program_check(m):
    m.wait_ready()
    t0 = time.time()
    m.send_line("CRASH PROGRAM")
    ended = m.wait_end(15)
    took = time.time() - t0
    check(ended == "panic", "a program check must end as a failure, got %s" % ended)
    check(took < 10, "took %.1fs to stop" % took)
    out = m.output()
    check("PLXPNC001S PlexVM ABEND: program check 0001 (operation exception)" in out,
          "no program-check diagnostic:\n" + out[-800:])
    check("PSW     " in out and "GR  0-3" in out and "GR 12-15" in out, "no PSW/registers")
    check("PLXPNC009S" in out, "no final stop message")


# ---- QEMU ---------------------------------------------------------------------------------
@test("qemu")
def qemu_one_cpu_512m():
    with QemuMachine(smp=1, mem_mb=512) as m:
        m.wait_ready(20)
        basic_commands(m, 1, "512M")
        shutdown(m)


@test("qemu")
def qemu_two_cpus_1g():
    with QemuMachine(smp=2, mem_mb=1024) as m:
        m.wait_ready(20)
        basic_commands(m, 2, "1G")
        r = m.command("Q FRAMES")
        check(any(l.startswith("Available:") for l in r.lines), "frames: %r" % r.lines)
        shutdown(m)


@test("qemu")
def qemu_four_cpus_with_one_failing_to_start():
    with QemuMachine(smp=4, mem_mb=256, append="smp.fail=4") as m:
        m.wait_ready(20)
        check("PLXSMP002E Processor 02 did not start" in m.output(), "no start failure message")
        r = m.command("q processors")
        procs = line_matching(r, "PROCESSOR ")
        check(len(procs) == 4, "processors: %r" % r.lines)
        check(procs[2].startswith("PROCESSOR 02 OFFLINE"), "failed processor: %r" % procs[2])
        check(procs[3].startswith("PROCESSOR 03 ALTERNATE"), "the next one still starts: %r" % procs[3])
        check("3 online" in m.output(), "banner online count")
        shutdown(m)


@test("qemu")
def qemu_program_check_stops_with_diagnostic():
    with QemuMachine(smp=2) as m:
        program_check(m)
        check(m.exit_code == 1, "QEMU exit code %s" % m.exit_code)


@test("qemu")
def qemu_panic_and_svc_stop_with_diagnostic():
    for what, msg in (("PANIC", "PLXPNC005S"), ("SVC", "PLXPNC003S")):
        with QemuMachine() as m:
            m.wait_ready(20)
            m.send_line("CRASH " + what)
            check(m.wait_end(15) == "panic", "CRASH %s did not stop as a failure" % what)
            check(msg in m.output(), "no %s diagnostic" % msg)


@test("qemu")
def qemu_vt220_line_editing():
    with QemuMachine() as m:
        m.wait_ready(20)
        start = len(m.lines)
        m.send_bytes(b"q cpk\x7flevel\x1b[A\r")
        idx, match = m.wait_for(machines.READY_RE.pattern, 10, start)
        text = "\n".join(m.lines[start:idx])
        check("PlexVM Version" in text, "edited line was not QUERY CPLEVEL:\n" + text)
        m.send_bytes(b"junk\x15q stor\r")
        idx, match = m.wait_for(r"^STORAGE = ", 10, idx + 1)
        shutdown(m)


@test("qemu")
def qemu_console_output_is_lossless():
    """Many commands typed ahead: every response line arrives, in order."""
    with QemuMachine(smp=2) as m:
        m.wait_ready(20)
        one = m.command("HELP")
        start = len(m.lines)
        n = 12
        m.send_bytes(b"".join(b"HELP\r" for _ in range(n)))
        idx = start
        for _ in range(n):
            idx, _m = m.wait_for(r"^Ready;", 20, idx)
            idx += 1
        body = [l for l in m.lines[start:idx] if l not in ("HELP", "Ready;")]
        check(body == one.lines * n, "lost or reordered output: %d lines, expected %d"
              % (len(body), len(one.lines) * n))
        shutdown(m)


@test("qemu")
def qemu_sleep_and_load_use_the_timers():
    with QemuMachine(smp=2) as m:
        m.wait_ready(20)
        t0 = time.time()
        r = m.command("SLEEP 2 SEC", timeout=10)
        took = time.time() - t0
        check(r.rc == 0 and 1.9 < took < 4, "SLEEP 2 SEC took %.2fs" % took)
        r = m.command("INDICATE LOAD")
        check(r.lines[0].startswith("AVGPROC-") and r.lines[0].endswith(" 02"), "load: %r" % r.lines)
        check(re.match(r"^PROC 0000-\d{3}% CP +PROC 0001-\d{3}% CP", r.lines[1]), "procs: %r" % r.lines)
        r = m.command("SLEEP 5 YEARS")
        check(r.rc == 3 and "YEARS" in r.text, "bad unit: %r" % r)
        shutdown(m)


@test("qemu")
def qemu_stack_exhaustion_is_caught():
    with QemuMachine() as m:
        m.wait_ready(20)
        m.send_line("CRASH STACK")
        check(m.wait_end(15) == "panic", "stack exhaustion must stop the system")
        check("kernel stack of thread OPERATOR exhausted" in m.output(), "no diagnostic")


@test("qemu")
def qemu_boot_parameters_reach_the_kernel():
    with QemuMachine(append="member=MEMBER1 console=vt220") as m:
        m.wait_ready(20)
        check("command line: member=MEMBER1 console=vt220" in m.output(), "command line not shown")
        shutdown(m)


@test("qemu")
def qemu_virtio_volume_read_write_and_shared_between_members():
    d = tempfile.mkdtemp()
    vol = os.path.join(d, "shr.img")
    machines.raw_volume(vol, "QSHR01", 20)
    with QemuMachine(name="a", extra=machines.qemu_disk(vol, 0x120, shared=True)) as a, \
            QemuMachine(name="b", extra=machines.qemu_disk(vol, 0x120, shared=True)) as b:
        a.wait_ready(20)
        b.wait_ready(20)
        r = a.command("QUERY DASD")
        check(r.lines == ["DASD 0120 QSHR01 VIRTIO-BLK 20 CYL"], "query dasd: %r" % r.lines)
        r = a.command("VOLUME WRITE QSHR01 180 300 11")
        check(r.rc == 0 and r.lines[0].startswith("WROTE 300 blocks"), "write: %r" % r)
        r = b.command("VOLUME VERIFY QSHR01 180 300 11")
        check(r.rc == 0 and r.lines[0].startswith("VERIFIED 300 blocks"), "the other member sees it: %r" % r)
        r = b.command("VOLUME VERIFY QSHR01 180 300 12")
        check(r.rc == 48 and "PLXVOL048E Block 180" in r.text, "wrong seed must not verify: %r" % r)
        r = a.command("VOLUME WRITE QSHR01 3599 2 1")
        check(r.rc == 26 and "outside volume" in r.text, "beyond the end: %r" % r)
        r = a.command("VOLUME RESERVE QSHR01")
        check(r.rc == 49 and "cannot be reserved" in r.text, "virtio has no reserve: %r" % r)
        r = a.command("VOLUME BENCH QSHR01 READ 1 1")
        check(r.rc == 0 and "MiB/s" in r.text, "bench: %r" % r)
    shutil.rmtree(d, ignore_errors=True)


def wait_link_stable(a, b, devices=2):
    """Wait until every device of the link is up on both members for two polls in a row."""
    deadline = time.time() + 30
    stable = 0
    while time.time() < deadline and stable < 2:
        ra, rb = a.command("QUERY ISLINK"), b.command("QUERY ISLINK")
        up = ra.text.count("State UP") == devices and rb.text.count("State UP") == devices
        stable = stable + 1 if up else 0
        time.sleep(0.5)
    check(stable >= 2, "all devices up: %r / %r" % (ra.lines, rb.lines))


def link_story(machines_since):
    """What the link layer said on each machine (for a failure message): its messages and
    QUERY ISLINK now."""
    out = []
    for m, start in machines_since:
        said = [l for l in m.lines[start:] if re.match(r"^PLX(ISF|CTC|IOS|VIO)\d", l)]
        out.append("--- %s: %s" % (m.name, "\n".join(said[-25:]) or "(no link messages)"))
        try:
            out.append("--- %s QUERY ISLINK:\n%s" % (m.name, m.command("QUERY ISLINK", timeout=10).text))
        except Exception as e:  # noqa: BLE001 - the machine may be gone; the story is best effort
            out.append("--- %s QUERY ISLINK failed: %s" % (m.name, e))
    return "\n".join(out)


def check_test_result(m, start, peer, other=None):
    """The ISFC TEST issued on m after line `start` reports every message verified; on a
    failure the message tells the link's story on m (and on other = (machine, start))."""
    i, _m = m.wait_for(r"^(PEER|PLXISF28)", 300, start)
    if not (m.lines[i].startswith("PEER %s: verified" % peer) and " 0 bad, 0 out of order" in m.lines[i]):
        raise Failure("traffic from %s: %s\n%s" % (m.name, m.lines[i],
                                                  link_story([(m, start)] + ([other] if other else []))))
    sent = [l for l in m.lines[start:i] if l.startswith("TEST ")][0]
    check(sent.split()[3] == m.lines[i].split()[3], "every message arrived: %s / %s" % (sent, m.lines[i]))
    m.wait_for(machines.READY_RE.pattern, 30, i)  # the command has ended


def link_traffic(a, b, detach, mib=64):
    """Over a link of two devices: both members send `mib` MiB of randomly sized, verified
    messages at once; then A sends while one of its devices is removed mid-transfer (`detach`);
    then B dies and A must notice."""
    sa, sb = len(a.lines), len(b.lines)
    check(a.command("ACTIVATE ISLINK 0E40-0E41").rc == 0, "activate on A")
    check(b.command("ACTIVATE ISLINK 0E40-0E41 NODE MEMBER1").rc == 0, "activate on B")
    a.wait_for(r"PLXISF001I Link to MEMBER2 is UP", 30)
    wait_link_stable(a, b)
    for m, start in ((a, sa), (b, sb)):
        downs = [l for l in m.lines[start:] if "PLXISF002I" in l]
        check(not downs, "the link came up without going down again on %s: %r" % (m.name, downs))
    r = a.command("ISFC PING MEMBER2 20")
    check(r.rc == 0 and "20 round trips" in r.text, "ping: %r" % r)
    sa, sb = len(a.lines), len(b.lines)
    a.send_line("ISFC TEST MEMBER2 %d 1 60000 3" % mib)
    b.send_line("ISFC TEST MEMBER1 %d 1 60000 4" % mib)
    check_test_result(a, sa, "MEMBER2", (b, sb))
    check_test_result(b, sb, "MEMBER1", (a, sa))
    sa, sb = len(a.lines), len(b.lines)
    a.send_line("ISFC TEST MEMBER2 %d 1 60000 5" % (mib // 2))
    time.sleep(1)
    detach()
    check_test_result(a, sa, "MEMBER2", (b, sb))
    r = a.command("QUERY ISLINK")
    check("State Up" in r.text and "DOWN" in r.text and "device not operational" in r.text,
          "one device down, the link up: %r" % r.lines)
    start = len(a.lines)
    t0 = time.time()
    b.kill()
    a.wait_for(r"PLXISF002I Link to MEMBER2 is DOWN", 30, start)
    check(time.time() - t0 < 15, "peer death noticed in %.1fs" % (time.time() - t0))
    r = a.command("QUERY ISLINK")
    check("State Down" in r.text, "link down: %r" % r.lines)


@test("qemu")
def qemu_isfc_link_over_two_virtio_channels():
    d = tempfile.mkdtemp()
    ea, eb = [], []
    for dev in (0xE40, 0xE41):
        sock = os.path.join(d, "%x.sock" % dev)
        ea += machines.qemu_link(sock, dev, True)
        eb += machines.qemu_link(sock, dev, False)
    with QemuMachine(name="a", smp=2, append="member=MEMBER1", extra=ea) as a:
        time.sleep(0.3)
        with QemuMachine(name="b", smp=2, append="member=MEMBER2", extra=eb) as b:
            a.wait_ready(20)
            b.wait_ready(20)
            link_traffic(a, b, lambda: a.monitor("device_del ctc0e41"))
    shutil.rmtree(d, ignore_errors=True)


# ---- Configuration at IPL (bundle from the initial ramdisk) ----------------------------------
SAMPLES = os.path.join(machines.ROOT, "samples")
PLEXCFG = os.path.join(machines.BUILD, "plexcfg")


def plexcfg(*args):
    return subprocess.run([PLEXCFG] + list(args), check=True, capture_output=True, text=True).stdout


def configured_member(m, member):
    """The console of a member IPLed with the sample bundle answers from that member's configuration."""
    m.wait_for(r"PLXCFG010I Configuration loaded: member %s of SSI cluster PLEXCLU1" % member, 5)
    r = m.command("QUERY USERID")
    check(r.rc == 0 and r.text.strip() == "OPERATOR AT %s" % member, "query userid: %r" % r)
    # The effective directory entry, SUBCONFIG of this member resolved, as plexcfg shows it.
    for user in ("LINUX01", "MAINT"):
        r = m.command("QUERY DIRECTORY %s" % user)
        want = plexcfg("show-directory", os.path.join(SAMPLES, "USER.DIRECT"), user,
                       "--member", member).strip().splitlines()
        check(r.rc == 0 and r.lines == want, "directory entry of %s: %r, plexcfg: %r" % (user, r.lines, want))
    r = m.command("Q DIR NOBODY")
    check(r.rc == 53 and "PLXCFG053E NOBODY not in CP directory" in r.text, "unknown user: %r" % r)
    digest = plexcfg("digest", os.path.join(SAMPLES, "SYSTEM.CONFIG")).split()[0]
    r = m.command("QUERY SYSTEM CONFIG")
    check(r.rc == 0 and digest in r.text and "Member %s of SSI cluster PLEXCLU1" % member in r.text
          and "valid" in r.text, "digest %s: %r" % (digest, r))


@test("qemu")
def qemu_configuration_from_the_bundle():
    with QemuMachine(initrd=machines.SAMPLE_BUNDLE, append="member=member2") as m:
        m.wait_ready(20)
        configured_member(m, "MEMBER2")
    # Without member=, SYSTEM_IDENTIFIER decides (QEMU matches no LPAR: the default, MEMBER1).
    with QemuMachine(initrd=machines.SAMPLE_BUNDLE) as m:
        m.wait_ready(20)
        configured_member(m, "MEMBER1")


@test("qemu")
def qemu_bad_configuration_gives_a_minimal_state():
    d = tempfile.mkdtemp()
    try:
        cfg, direct, bundle = (os.path.join(d, f) for f in ("SYSTEM.CONFIG", "USER.DIRECT", "bundle"))
        text = open(os.path.join(SAMPLES, "SYSTEM.CONFIG")).read().rstrip("\n").split("\n")
        text.append("FROBNICATE ALL THE THINGS")
        bad_cfg_line = len(text)
        open(cfg, "w").write("\n".join(text) + "\n")
        dtext = open(os.path.join(SAMPLES, "USER.DIRECT")).read().rstrip("\n").split("\n")
        i = [n for n, l in enumerate(dtext) if l.strip().startswith("MDISK 0101 3390 3339")][0]
        dtext.insert(i + 1, "  MDISK 0100 3390 30000 10 LXSH01 MR")  # a second 0100 of LINUX01
        bad_dir_line = i + 2
        open(direct, "w").write("\n".join(dtext) + "\n")
        plexcfg("bundle", "-o", bundle, cfg, direct, "--no-check")
        with QemuMachine(initrd=bundle, append="member=MEMBER1") as m:
            m.wait_ready(20)
            out = m.output()
            check(re.search(r"PLXCFG003E SYSTEM CONFIG:%d: .*FROBNICATE" % bad_cfg_line, out),
                  "the bad statement is named with its line:\n%s" % out)
            check(re.search(r"PLXCFG003E USER DIRECT:%d: .*0100" % bad_dir_line, out),
                  "the duplicate minidisk is named with its line:\n%s" % out)
            check("PLXCFG004E 2 errors in the configuration: running in a minimal state" in out, out)
            check("PLXISF010E" not in out and "PLXCFG010I" not in out, "nothing started from a bad configuration")
            r = m.command("QUERY SYSTEM CONFIG")
            check("the configuration files have errors (see the IPL messages)" in r.text, "%r" % r)
            check("PlexVM" in m.command("QUERY CPLEVEL").text, "commands work in the minimal state")
        with open(bundle, "r+b") as f:  # a damaged bundle is refused as a whole
            f.seek(40)
            f.write(b"\xff\xff\xff\xff")
        with QemuMachine(initrd=bundle, append="member=MEMBER1") as m:
            m.wait_ready(20)
            check(re.search(r"PLXCFG002E The configuration bundle is not usable: ", m.output()), m.output())
        with QemuMachine(initrd=machines.SAMPLE_BUNDLE, append="member=MEMBER9") as m:
            m.wait_ready(20)
            check("PLXCFG005E member=MEMBER9 names no system of SYSTEM CONFIG" in m.output(), m.output())
        with QemuMachine() as m:
            m.wait_ready(20)
            check("PLXCFG001W No configuration bundle was supplied" in m.output(), m.output())
            r = m.command("QUERY SYSTEM CONFIG")
            check(r.rc != 0 and "no configuration bundle was supplied at IPL" in r.text, "%r" % r)
    finally:
        shutil.rmtree(d, ignore_errors=True)


# ---- Hercules -----------------------------------------------------------------------------
@test("hercules")
def hercules_two_cpus():
    with HerculesMachine(smp=2, mem_mb=256) as m:
        m.wait_ready(60)
        check("Console SCLP line mode" in m.output(), "Hercules must use the line-mode console")
        basic_commands(m, 2, "256M")
        r = m.command("q cplevel")
        check(r.rc == 0, "again")
        shutdown(m)


@test("hercules")
def hercules_eckd_format_label_read_write():
    d = tempfile.mkdtemp()
    vol = os.path.join(d, "vol.3390")
    machines.dasdinit(vol, "HVOL01", 10)
    with HerculesMachine(extra_config="0120 3390 %s\n" % vol) as m:
        m.wait_ready(60)
        r = m.command("QUERY DASD")
        check(r.lines == ["DASD 0120 HVOL01 3390 10 CYL"], "label from dasdinit: %r" % r.lines)
        r = m.command("VOLUME WRITE HVOL01 180 2 1")
        check(r.rc == 47 and "PLXECK010E DASD 0120 write failed: invalid track format" in m.output(),
              "unformatted tracks give a decoded unit check: %r" % r)
        r = m.command("VOLUME FORMAT 0120 0-END PLX001", timeout=120)
        check(r.rc == 0 and "as PLX001" in r.text, "format: %r" % r)
        r = m.command("QUERY DASD")
        check(r.lines == ["DASD 0120 PLX001 3390 10 CYL"], "new label: %r" % r.lines)
        r = m.command("VOLUME WRITE PLX001 180 100 3")
        check(r.rc == 0, "write across tracks: %r" % r)
        r = m.command("VOLUME VERIFY PLX001 180 100 3")
        check(r.rc == 0, "verify: %r" % r)
        r = m.command("VOLUME READ PLX001 5")
        check(r.rc == 47 and "out of range" in r.text, "track 0 holds no blocks: %r" % r)
        r = m.command("VOLUME RESERVE PLX001")
        check(r.rc == 0 and "RESERVED" in m.command("QUERY DASD").text, "reserve")
        check(m.command("VOLUME RELEASE PLX001").rc == 0, "release")
        r = m.command("QUERY RDEVICE 120")
        check("DRIVER eckd" in r.text and "CU 3990" in r.text, "rdevice: %r" % r.lines)
    shutil.rmtree(d, ignore_errors=True)


@test("hercules")
def hercules_shared_dasd_between_members():
    """A DASD server instance and two members: sharing, RESERVE, and the server's death."""
    d = tempfile.mkdtemp()
    vol = os.path.join(d, "shr.3390")
    machines.dasdinit(vol, "SHR001", 10)
    port = machines.free_port()
    share = "0120 3390 127.0.0.1:%d:0120\n" % port
    with HerculesMachine(name="srv", ipl=False, system_config="SHRDPORT %d" % port,
                         extra_config="0120 3390 %s\n" % vol) as srv:
        time.sleep(1)
        with HerculesMachine(name="a", extra_config=share) as a, \
                HerculesMachine(name="b", extra_config=share) as b:
            a.wait_ready(60)
            b.wait_ready(60)
            check(a.command("VOLUME FORMAT 120 0-END SHR001", timeout=120).rc == 0, "format")
            check(a.command("VOLUME WRITE SHR001 200 30 5").rc == 0, "write on A")
            r = b.command("VOLUME VERIFY SHR001 200 30 5")
            check(r.rc == 0, "B reads what A wrote: %r" % r)
            check(a.command("VOLUME RESERVE SHR001").rc == 0, "A reserves")
            t0 = time.time()
            start = len(b.lines)
            b.send_line("VOLUME WRITE SHR001 400 2 9")
            time.sleep(3)
            check(not any(l.startswith("WROTE") for l in b.lines[start:]), "B must wait for the release")
            check(a.command("VOLUME RELEASE SHR001").rc == 0, "A releases")
            i, _m = b.wait_for(r"^(WROTE|PLXVOL)", 30, start)
            took = time.time() - t0
            check(b.lines[i].startswith("WROTE") and took >= 3, "B's write after the release: %s" % b.lines[i])
            check(a.command("VOLUME VERIFY SHR001 400 2 9").rc == 0, "A sees B's write")
            srv.kill()
            t0 = time.time()
            r = a.command("VOLUME VERIFY SHR001 200 30 5", timeout=60)
            check(r.rc == 47 and "equipment check" in a.output(), "server death is an error: %r" % r)
            check(time.time() - t0 < 30, "and not a hang")
    shutil.rmtree(d, ignore_errors=True)


@test("hercules")
def hercules_isfc_link_over_two_ctcs():
    la, lb = machines.ctce_pair([0xE40, 0xE41])
    # Both instances must be up before either touches its CTCs (CTCE connects once).
    with HerculesMachine(name="a", smp=2, ipl=False, append="member=MEMBER1", extra_config=la) as a, \
            HerculesMachine(name="b", smp=2, ipl=False, append="member=MEMBER2", extra_config=lb) as b:
        time.sleep(1.5)
        a.ipl()
        b.ipl()
        a.wait_ready(60)
        b.wait_ready(60)
        link_traffic(a, b, lambda: a.hercules_command("detach 0E41"))


@test("hercules")
def hercules_isfc_link_over_one_shared_ctc():
    """One CTC carries both directions, turn by turn: verified traffic both ways at once."""
    la, lb = machines.ctce_pair([0xE40])
    with HerculesMachine(name="a", smp=2, ipl=False, append="member=MEMBER1", extra_config=la) as a, \
            HerculesMachine(name="b", smp=2, ipl=False, append="member=MEMBER2", extra_config=lb) as b:
        time.sleep(1.5)
        a.ipl()
        b.ipl()
        a.wait_ready(60)
        b.wait_ready(60)
        check(a.command("ACTIVATE ISLINK 0E40 NODE MEMBER2").rc == 0, "activate on A")
        check(b.command("ACTIVATE ISLINK 0E40").rc == 0, "activate on B")
        wait_link_stable(a, b, devices=1)
        r = a.command("ISFC PING MEMBER2 20")
        check(r.rc == 0 and "20 round trips" in r.text, "ping: %r" % r)
        sa, sb = len(a.lines), len(b.lines)
        a.send_line("ISFC TEST MEMBER2 16 1 60000 7")
        b.send_line("ISFC TEST MEMBER1 16 1 60000 8")
        check_test_result(a, sa, "MEMBER2")
        check_test_result(b, sb, "MEMBER1")
        r = a.command("QUERY ISLINK")
        check("Errors 0" in r.text, "no errors on the shared CTC: %r" % r.lines)


@test("hercules")
def hercules_program_check_stops_with_diagnostic():
    with HerculesMachine(smp=2) as m:
        program_check(m)
        check("PSW=00020001 80000000 000000000000DEAD" in m.output(), "disabled wait code DEAD")


@test("hercules")
def hercules_configuration_from_the_ins_bundle_by_lpar_name():
    # No member=: the LPAR name LP02 identifies MEMBER2 through SYSTEM_IDENTIFIER.
    with HerculesMachine(bundle=machines.SAMPLE_BUNDLE, extra_config="LPARNAME LP02") as m:
        m.wait_ready(60)
        configured_member(m, "MEMBER2")


import guests  # noqa: E402,F401 - registers the guest tests (after the ones above)


@test("hercules")
def hercules_bundle_outside_storage_gives_a_minimal_state():
    """An .ins set whose boot parameter area names a ramdisk beyond storage: reported, not read."""
    d = tempfile.mkdtemp()
    try:
        parm = os.path.join(d, "initrd.parm")
        with open(parm, "wb") as f:
            f.write((0x7FF00000).to_bytes(8, "big") + (0x10000).to_bytes(8, "big"))
        files = [(os.path.join(machines.BUILD, "plexvm.psw"), 0), (os.path.join(machines.BUILD, "plexvm.bin"), 0x10000),
                 (parm, 0x10408)]
        with HerculesMachine(mem_mb=256, ins=files) as m:
            m.wait_ready(60)
            out = m.output()
            check("PLXIPL010W Initial ramdisk at 0x7ff00000 size 0x10000 is outside storage; ignored" in out, out)
            check("PLXCFG002E The configuration bundle is not usable: it lies outside storage" in out, out)
            r = m.command("QUERY SYSTEM CONFIG")
            check(r.rc != 0 and "lies outside storage" in r.text, "%r" % r)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--machine", default="all", choices=["all", "qemu", "hercules"])
    ap.add_argument("-k", default="", help="run tests whose name contains this")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    passed = failed = 0
    for machine, fn in TESTS:
        if args.machine != "all" and machine != args.machine:
            continue
        if args.k not in fn.__name__:
            continue
        t0 = time.time()
        try:
            fn()
            passed += 1
            print("[PASS] %-50s %6.1fs" % (fn.__name__, time.time() - t0), flush=True)
        except Exception as e:  # noqa: BLE001 - report every failure and continue
            failed += 1
            print("[FAIL] %-50s %6.1fs" % (fn.__name__, time.time() - t0), flush=True)
            if isinstance(e, (Failure, machines.CommandTimeout)) and not args.v:
                print("       " + str(e).replace("\n", "\n       "))
            else:
                traceback.print_exc()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
