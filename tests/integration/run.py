#!/usr/bin/env python3
"""Integration tests: boot the real PlexVM image under QEMU and Hercules and
talk to its operator console. Ends with "N passed, N failed".

  tests/integration/run.py [--machine qemu|hercules|all] [-k substring] [-v]
"""
import argparse
import os
import re
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import machines  # noqa: E402
from machines import QemuMachine, HerculesMachine  # noqa: E402

TESTS = []


def test(machine):
    def deco(fn):
        TESTS.append((machine, fn))
        return fn
    return deco


class Failure(AssertionError):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


def line_matching(resp, prefix):
    return [l for l in resp.lines if l.startswith(prefix)]


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
    r = m.command("q nothing")
    check(r.rc == 3 and r.lines == ["PLXCMD003E Invalid option - NOTHING"], "bad option: %r" % r)
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
def hercules_program_check_stops_with_diagnostic():
    with HerculesMachine(smp=2) as m:
        program_check(m)
        check("PSW=00020001 80000000 000000000000DEAD" in m.output(), "disabled wait code DEAD")


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
