"""Integration tests of guests under SIE (issue 5): the small test programs of
tests/guests/ and Debian's own Linux kernel with a busybox initramfs (tools/guest/,
`make guest`), each IPLed from a minidisk on a 3390 volume made by build/plexvol.
Every guest's directory entry names OPERATOR as its console's secondary user, so its
console lines appear on the operator console as "USERID: text"."""
import os
import re
import shutil
import tempfile
import time

import machines
from machines import GuestUser, HerculesMachine, QemuMachine
from testlib import check, test

TGUEST = os.path.join(machines.BUILD, "tguest")
LINUX = os.path.join(machines.BUILD, "guest")
GUESTS = ("HOSTILE", "SMPG", "LOOPG", "LNXA", "LNXB", "TESTG1")  # the user ids of these tests
GUEST_LINE_RE = re.compile(r"^(%s): " % "|".join(GUESTS))
SUCCESS_WAIT = "disabled wait PSW 00020001 80000000 00000000 00000FFF"


def own(resp):
    """A command's response without the guests' console lines that arrived meanwhile."""
    return [l for l in resp.lines if not GUEST_LINE_RE.match(l)]


def frames_available(m):
    r = m.command("QUERY FRAMES")
    for l in r.lines:
        mt = re.match(r"^Available:\s+(\d+)", l)
        if mt:
            return int(mt.group(1))
    raise AssertionError("no Available line: %r" % r.lines)


def wait_guest(m, userid, pattern, timeout, start=0):
    """The guest's console line matching pattern (anywhere in the text, or at its start
    with a leading ^); returns (index, text without the prefix)."""
    rx = pattern[1:] if pattern.startswith("^") else ".*" + pattern
    i, _ = m.wait_for(r"^%s: %s" % (userid, rx), timeout, start)
    return i, m.lines[i][len(userid) + 2:]


def stopped_line(m, userid, start=0):
    i, _ = m.wait_for(r"^PLXVMM100E %s stopped: " % userid, 120, start)
    return m.lines[i]


def test_program(userid, name, cpus=1, storage="64M", parm=""):
    return GuestUser(userid, storage=storage, cpus=cpus, kernel=os.path.join(TGUEST, name + ".bin"),
                     parmfile=parm)


def linux_guest(userid, ip, parm="", storage="256M", cpus=2, nic=True):
    parmfile = "console=ttyS0 plx.name=%s plx.readlabel=/dev/vda" % userid.lower()
    if ip:
        parmfile += " plx.ip=%s/24" % ip
    if parm:
        parmfile += " " + parm
    return GuestUser(userid, storage=storage, cpus=cpus, kernel=os.path.join(LINUX, "vmlinuz"),
                     initrd=os.path.join(LINUX, "initramfs.cpio.gz"), parmfile=parmfile,
                     label="%s DISK OK" % userid, cyls=20,
                     extra="NICDEF 0600 TYPE QDIO LAN SYSTEM VSW1" if nic else "")


class GuestSystem:
    """One member under Hercules with a guest volume at 0120 and a bundle naming the users."""

    def __init__(self, users, smp=2, mem_mb=1024):
        self.dir = tempfile.mkdtemp(prefix="plexvm-guests-")
        vol, bundle = machines.guest_environment(self.dir, users)
        self.machine = HerculesMachine(smp=smp, mem_mb=mem_mb, bundle=bundle, append="member=MEMBER1",
                                       extra_config="0120 3390 %s\n" % vol)

    def __enter__(self):
        return self.machine

    def __exit__(self, *exc):
        try:
            self.machine.__exit__(*exc)
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


# ---- QEMU: no SIE -----------------------------------------------------------------------
@test("qemu")
def qemu_guests_need_the_sie_facility():
    d = tempfile.mkdtemp(prefix="plexvm-guests-")
    try:
        _vol, bundle = machines.guest_environment(d, [test_program("TESTG1", "cpuloop")])
        with QemuMachine(initrd=bundle, append="member=MEMBER1") as m:
            m.wait_ready(20)
            check("PLXVMM001I This machine has no SIE facility: guests cannot run here" in m.output(),
                  "no SIE message at IPL")
            r = m.command("XAUTOLOG TESTG1")
            check(r.rc == 900 and r.lines == ["PLXVMM900E Guest execution needs the SIE facility, "
                                              "which this machine does not provide"], "XAUTOLOG: %r" % r)
            r = m.command("QUERY TESTG1")
            check(r.rc == 45, "not logged on afterwards: %r" % r)
            r = m.command("QUERY NAMES")
            check(r.rc == 0 and "TESTG1" not in r.text, "names: %r" % r)
            check(m.command("QUERY CPLEVEL").rc == 0, "the system goes on")
            m.send_line("SHUTDOWN")
            check(m.wait_end(30) == "shutdown", "shutdown")
    finally:
        shutil.rmtree(d, ignore_errors=True)


# ---- Hercules: the test programs ---------------------------------------------------------
@test("hercules")
def hercules_guest_commands_hostile_and_smp_guests():
    """A hostile guest gets the architected answers while a 2-CPU guest runs beside it; both
    end as they should, the commands answer as z/VM's do, re-IPL and FORCE work, and every
    frame comes back."""
    users = [test_program("HOSTILE", "hostile"),
             test_program("SMPG", "smp", cpus=2, storage="32M", parm="cpus=2 rounds=200000"),
             test_program("LOOPG", "cpuloop", storage="16M", parm="loops=1000000000000")]
    with GuestSystem(users) as m:
        m.wait_ready(60)
        free0 = frames_available(m)
        # Command errors first: each names the problem with its message id.
        for cmd, rc, text in (("XAUTOLOG NOSUCH", 53, "PLXVMM053E NOSUCH not in CP directory"),
                              ("XAUTOLOG", 26, "PLXCMD026E Operand missing or invalid"),
                              ("FORCE NOSUCH", 45, "PLXVMM045E NOSUCH not logged on"),
                              ("SEND NOSUCH hello", 45, "PLXVMM045E NOSUCH not logged on"),
                              ("IPL NOSUCH", 45, "PLXVMM045E NOSUCH not logged on"),
                              ("QUERY VIRTUAL NOSUCH", 45, "PLXVMM045E NOSUCH not logged on")):
            r = m.command(cmd)
            check(r.rc == rc and (text is None or r.lines == [text]), "%s: %r" % (cmd, r))
        start = len(m.lines)
        for u in ("HOSTILE", "SMPG"):
            r = m.command("XAUTOLOG " + u)
            check(r.rc == 0 and "Command accepted" in own(r), "XAUTOLOG %s: %r" % (u, r))
            check(any(l.startswith("PLXVMM010I %s IPLed from minidisk 0100 (GST001)" % u) for l in own(r)),
                  "IPL message: %r" % r)
        r = m.command("XAUTOLOG SMPG")
        check(r.rc == 54 and own(r) == ["PLXVMM054E SMPG already logged on"], "twice: %r" % r)
        r = m.command("QUERY NAMES")
        names = " ".join(own(r))
        check("HOSTILE  - DSC" in names and "SMPG     - DSC" in names, "names: %r" % r)
        _i, done = wait_guest(m, "HOSTILE", r"HOSTILE DONE ", 120, start)
        failed = [l for l in m.lines[start:] if l.startswith("HOSTILE: HOSTILE ") and " FAIL " in l]
        check(done.endswith(" 0 failed") and not failed, "hostile guest: %s\n%s" % (done, "\n".join(failed)))
        n = int(done.split()[2])
        check(n >= 28, "only %d probes passed" % n)
        check(SUCCESS_WAIT in stopped_line(m, "HOSTILE", start), "hostile guest ends in its success wait")
        _i, done = wait_guest(m, "SMPG", r"SMP DONE ", 120, start)
        check(done == "SMP DONE 2 cpus", "smp guest: %r" % done)
        check(SUCCESS_WAIT in stopped_line(m, "SMPG", start), "smp guest ends in its success wait")
        r = m.command("QUERY VIRTUAL SMPG")
        v = own(r)
        check(v[0] == "STORAGE = 32M  MAX = 32M", "virtual storage: %r" % v)
        check(sum(1 for l in v if re.match(r"^CPU 0[01] ", l)) == 2, "two CPUs: %r" % v)
        check("DASD 0100 3390 GST001 R/W     20 CYL ON VIRTIO-BLK" in v, "minidisk: %r" % v)
        check(any(l.startswith("STOPPED: disabled wait") for l in v), "stopped state: %r" % v)
        r = m.command("QUERY SMPG")
        check(len(own(r)) == 1 and own(r)[0].startswith("SMPG     - DSC"), "query user: %r" % r)
        # Re-IPL with a new parameter line: the program starts over and sees it.
        start = len(m.lines)
        r = m.command("IPL SMPG 0100 PARM =cpus=2 rounds=1000")
        check(r.rc == 0, "IPL: %r" % r)
        _i, first = wait_guest(m, "SMPG", r"SMP START ", 60, start)
        check('cmdline "cpus=2 rounds=1000"' in first, "new parameters: %r" % first)
        _i, done = wait_guest(m, "SMPG", r"SMP DONE ", 60, start)
        check(done == "SMP DONE 2 cpus", "after re-IPL: %r" % done)
        # SET SECUSER OFF: the guest runs on unseen; OPERATOR again shows it.
        stopped_line(m, "SMPG", start)
        check(m.command("SET SECUSER SMPG OFF").rc == 0, "SECUSER OFF")
        start = len(m.lines)
        check(m.command("IPL SMPG").rc == 0, "IPL unseen")
        stopped_line(m, "SMPG", start)
        check(not any(l.startswith("SMPG: ") for l in m.lines[start:]), "output shown with SECUSER OFF")
        r = m.command("QUERY VIRTUAL SMPG")
        check(any(l.startswith("CONS 0009 SCLP ") and "SECUSER" not in l for l in own(r)), "cons: %r" % r)
        r = m.command("SET SECUSER SMPG BOGUS")
        check(r.rc != 0 and r.lines and r.lines[0].startswith("PLX"), "bad SECUSER operand: %r" % r)
        check(m.command("SET SECUSER SMPG OPERATOR").rc == 0, "SECUSER OPERATOR")
        start = len(m.lines)
        check(m.command("IPL SMPG").rc == 0, "IPL seen")
        _i, done = wait_guest(m, "SMPG", r"SMP DONE ", 60, start)
        check(done == "SMP DONE 2 cpus", "shown again: %r" % done)
        # A guest that never leaves SIE by itself: IPL and FORCE still take it at once.
        start = len(m.lines)
        check(m.command("XAUTOLOG LOOPG").rc == 0, "XAUTOLOG LOOPG")
        wait_guest(m, "LOOPG", r"CPULOOP running", 60, start)
        time.sleep(1)
        s = len(m.lines)
        r = m.command("IPL LOOPG PARM =loops=1000000000001", timeout=15)
        check(r.rc == 0, "IPL of a busy guest: %r" % r)
        _i, line = wait_guest(m, "LOOPG", r"CPULOOP START", 60, s)
        check("loops=1000000000001" in line, "restarted: %r" % line)
        wait_guest(m, "LOOPG", r"CPULOOP running", 60, s)
        # A validity interception (a test aid spoils the state description) stops that
        # guest with a message; an IPL brings it back.
        s = len(m.lines)
        r = m.command("CRASH GUEST LOOPG VALIDITY", timeout=15)
        i, _ = m.wait_for(r"^PLXVMM100E LOOPG stopped: ", 30, s)
        check("validity interception on CPU 00, reason " in m.lines[i], "validity: %r" % m.lines[i])
        check(m.command("QUERY CPLEVEL").rc == 0, "CP answers after the validity interception")
        s = len(m.lines)
        check(m.command("IPL LOOPG", timeout=15).rc == 0, "IPL after the validity interception")
        wait_guest(m, "LOOPG", r"CPULOOP running", 60, s)
        r = m.command("FORCE LOOPG", timeout=15)
        check(r.rc == 0, "FORCE of a busy guest: %r" % r)
        # The hypervisor itself is unharmed.
        check(m.command("QUERY CPLEVEL").rc == 0, "CP still answers")
        for u, n in (("HOSTILE", 1), ("SMPG", 0)):
            r = m.command("FORCE " + u)
            check(r.rc == 0 and own(r) == ["USER DSCONECT LOGOFF AS %-8s USERS = %d FORCED BY OPERATOR"
                                           % (u, n)], "FORCE %s: %r" % (u, r))
        time.sleep(1)
        check(frames_available(m) == free0, "frames after FORCE: %d, before logon %d"
              % (frames_available(m), free0))
        r = m.command("QUERY NAMES")
        check(own(r) == ["OPERATOR - SYSC"], "nobody left: %r" % r)


# ---- Hercules: Linux ----------------------------------------------------------------------
@test("hercules")
def hercules_two_linux_guests_disks_vswitch_and_memory():
    """Debian's kernel as two guests with 2 CPUs each: they boot to a shell, read the label on
    their minidisks, ping each other over VSW1 while one of them dirties and verifies 48 MiB
    for two minutes and then shuts down, and the other reboots; FORCE gives back every frame."""
    users = [linux_guest("LNXA", "10.1.1.1"),
             linux_guest("LNXB", "10.1.1.2", parm="plx.run=memtest:48:20:120:7 plx.after=poweroff")]
    with GuestSystem(users) as m:
        m.wait_ready(60)
        free0 = frames_available(m)
        start = len(m.lines)
        for u in ("LNXA", "LNXB"):
            check(m.command("XAUTOLOG " + u).rc == 0, "XAUTOLOG " + u)
        for u in ("LNXA", "LNXB"):
            _i, line = wait_guest(m, u, r"PLXGUEST LABEL ", 300, start)
            check(line == "PLXGUEST LABEL %s DISK OK" % u, "%s label: %r" % (u, line))
            _i, line = wait_guest(m, u, r"PLXGUEST IP ", 60, start)
            check(line.endswith(" ok"), "%s network: %r" % (u, line))
            wait_guest(m, u, r"PLXGUEST SHELL", 60, start)
        time.sleep(2)
        for u in ("LNXA", "LNXB"):
            s = len(m.lines)
            m.send_line("SEND %s echo CPUS=$(nproc) SUM=$((6*7))" % u)
            _i, line = wait_guest(m, u, r"CPUS=\d", 30, s)
            check(line == "CPUS=2 SUM=42", "%s: %r" % (u, line))
        # A burst of console output arrives whole and in order.
        s = len(m.lines)
        m.send_line("SEND LNXA seq 100001 120000 | sed s/^/N/; echo BURST-END")
        wait_guest(m, "LNXA", r"^BURST-END", 120, s)
        got = [l[6:] for l in m.lines[s:] if l.startswith("LNXA: N")]
        check(got == ["N%d" % i for i in range(100001, 120001)],
              "console burst: %d of 20000 lines, first differences %r" % (len(got), [
                  (i, g) for i, g in enumerate(got) if g != "N%d" % (100001 + i)][:3]))
        r = m.command("QUERY VIRTUAL LNXA")
        check(any(re.match(r"^CONS 0009 SCLP  \d+ LINES WRITTEN  0 BYTES LOST  SECUSER OPERATOR$", l)
                  for l in own(r)), "console line: %r" % r)
        s = len(m.lines)
        m.send_line("SEND LNXA ping -c 5 10.1.1.2")
        _i, line = wait_guest(m, "LNXA", r"packets transmitted", 60, s)
        check("5 packets transmitted, 5 packets received, 0% packet loss" in line, "ping: %r" % line)
        s = len(m.lines)
        m.send_line("SEND LNXB ping -c 2 10.1.1.1")
        _i, line = wait_guest(m, "LNXB", r"packets transmitted", 60, s)
        check("2 packets received" in line, "ping back: %r" % line)
        r = m.command("QUERY VIRTUAL LNXA")
        check(any(re.match(r"^NIC  0600 VIRTIO-NET VSWITCH VSW1 MAC 02-11-11-", l) for l in own(r)),
              "NIC: %r" % r)
        # Linux re-IPLs itself (DIAG 0x308) while the other guest's workload goes on.
        s = len(m.lines)
        m.send_line("SEND LNXA reboot -f")
        _i, line = wait_guest(m, "LNXA", r"PLXGUEST LABEL ", 180, s)
        check(line == "PLXGUEST LABEL LNXA DISK OK", "after the reboot: %r" % line)
        wait_guest(m, "LNXA", r"PLXGUEST SHELL", 60, s)
        _i, line = wait_guest(m, "LNXB", r"MEMTEST (DONE|FAIL)", 300, start)
        bad = [l for l in m.lines[start:] if l.startswith("LNXB: MEMTEST") and "FAIL" in l]
        check(line.startswith("MEMTEST DONE seq=6 ") and line.endswith("errors=0 ok") and not bad,
              "memtest: %r %r" % (line, bad))
        check(not any("Kernel panic" in l or "Oops" in l for l in m.lines[start:]), "a guest kernel oopsed")
        # Then it shuts down: its CPUs stop, it stays logged on until FORCE.
        m.wait_for(r"^PLXVMM101I LNXB stopped: all its CPUs are in the stopped state$", 60, start)
        r = m.command("QUERY LNXB")
        check(own(r) == ["LNXB     - DSC (stopped)"], "after the shutdown: %r" % r)
        for u in ("LNXA", "LNXB"):
            check(m.command("FORCE " + u).rc == 0, "FORCE " + u)
        time.sleep(1)
        check(frames_available(m) == free0, "frames after FORCE: %d, before %d" % (frames_available(m), free0))
