"""Boot PlexVM members under QEMU or Hercules and talk to their operator consoles.

A Machine starts an emulator with the image, gives access to everything the
console printed, sends CP commands and waits for their responses (the lines up
to "Ready;" or "Ready(nnnnn);"), and reports how the machine ended:
  - "shutdown": an orderly stop (QEMU exit 0, Hercules disabled wait at 0xFFF);
  - "panic": a disabled wait with any other code (QEMU exits 1 with
    -action panic=exit-failure, Hercules shows HHCCP011I with the PSW);
  - "timeout" or "killed".
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build")
SAMPLE_BUNDLE = os.path.join(BUILD, "plexvm.bundle")
READY_RE = re.compile(r"^Ready(?:\((\d+)\))?;\s*$")


class CommandTimeout(Exception):
    pass


class Response:
    def __init__(self, command, lines, rc):
        self.command = command
        self.lines = lines
        self.rc = rc

    @property
    def text(self):
        return "\n".join(self.lines)

    def __repr__(self):
        return "Response(%r, rc=%s, %r)" % (self.command, self.rc, self.lines)


def dasdinit(path, volser, cylinders):
    """A 3390 image made by Hercules' own dasdinit (unformatted for PlexVM's 4K records)."""
    subprocess.run(["dasdinit", "-z", path, "3390-1", volser, str(cylinders)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def raw_volume(path, volser, cylinders):
    """A raw (QEMU virtio-blk) volume: VOL1 label data at the start of block 0."""
    label = ("VOL1" + volser.ljust(6) + " ").encode("cp037") + bytes(5) + \
        (" " * 25 + "PLEXVM".ljust(14) + " " * 25).encode("cp037")
    with open(path, "wb") as f:
        f.write(label)
        f.truncate(cylinders * 180 * 4096)


def qemu_disk(path, devno, shared=False):
    """QEMU options for a virtio-blk volume at device number devno (subchannel set 0)."""
    drive = "d%04x" % devno
    return ["-drive", "file=%s,if=none,id=%s,format=raw,cache=directsync,file.locking=off" % (path, drive),
            "-device", "virtio-blk-ccw,drive=%s,devno=fe.0.%04x%s" % (drive, devno,
                                                                  ",share-rw=on" if shared else "")]


def qemu_link(sock_path, devno, server):
    """QEMU options for a virtconsole link channel at devno over a UNIX socket shared by two
    members; the virtio-serial device's id is ctc<devno> (for device_del)."""
    cid = "l%04x" % devno
    if server:
        chardev = "socket,id=%s,path=%s,server=on,wait=off" % (cid, sock_path)
    else:
        chardev = "socket,id=%s,path=%s,server=off,reconnect=1" % (cid, sock_path)
    return ["-chardev", chardev,
            "-device", "virtio-serial-ccw,id=ctc%04x,devno=fe.0.%04x,max_ports=1" % (devno, devno),
            "-device", "virtconsole,chardev=%s,bus=ctc%04x.0" % (cid, devno)]


def ctce_pair(devnos, base=None):
    """Hercules device lines for CTCE adapters between two instances: (lines_a, lines_b).
    Each adapter uses an even/odd port pair on each side."""
    import random
    base = base or random.randrange(31000, 60000, 64)
    a, b = [], []
    for i, devno in enumerate(devnos):
        pa, pb = base + 4 * i, base + 32 + 4 * i
        a.append("%04X CTCE %d 127.0.0.1 %d" % (devno, pa, pb))
        b.append("%04X CTCE %d 127.0.0.1 %d" % (devno, pb, pa))
    return "\n".join(a) + "\n", "\n".join(b) + "\n"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


CSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Hercules 3.13's logger now and then leaves its panel colour tag in front of a line.
HERCULES_TAG_RE = re.compile(r"^<pnl[^>]*>")


def screen_line(raw):
    """What a terminal shows for one raw line: escape sequences dropped, and a
    carriage return inside the line (the console erasing a half-typed input
    before a response) restarts it."""
    text = CSI_RE.sub("", raw).rstrip("\r")
    return HERCULES_TAG_RE.sub("", text.rsplit("\r", 1)[-1])


class Machine:
    """Common console bookkeeping; subclasses start the emulator and send input."""

    def __init__(self, name="plexvm"):
        self.name = name
        self.workdir = tempfile.mkdtemp(prefix="plexvm-%s-" % name)
        self.lines = []          # complete console lines, in order
        self.cond = threading.Condition()
        self.partial = ""
        self.proc = None
        self.ended = None        # "shutdown", "panic", ...
        self.exit_code = None
        self.started_at = None

    # ---- console text -------------------------------------------------------
    def _feed(self, text):
        with self.cond:
            parts = (self.partial + text).split("\n")
            self.partial = parts.pop()
            for p in parts:
                self.lines.append(screen_line(p))
            self.cond.notify_all()

    def output(self):
        with self.cond:
            return "\n".join(self.lines + ([screen_line(self.partial)] if self.partial else []))

    def wait_for(self, pattern, timeout=30, start=0):
        """Wait for a console line matching pattern (regex); returns (index, match)."""
        rx = re.compile(pattern)
        deadline = time.time() + timeout
        with self.cond:
            i = start
            while True:
                while i < len(self.lines):
                    m = rx.search(self.lines[i])
                    if m:
                        return i, m
                    i += 1
                left = deadline - time.time()
                if left <= 0 or (self.proc and self.proc.poll() is not None and not self._more_output_expected()):
                    raise CommandTimeout("no line matching %r within %ss; last lines:\n%s"
                                         % (pattern, timeout, "\n".join(self.lines[-20:])))
                self.cond.wait(min(left, 0.2))

    def _more_output_expected(self):
        return False

    def wait_ready(self, timeout=60):
        """Wait for the first Ready; after IPL."""
        return self.wait_for(r"^Ready;", timeout)

    def command(self, cmd, timeout=30):
        """Send a CP command and return its Response (lines before Ready, and rc)."""
        with self.cond:
            start = len(self.lines)
        self.send_line(cmd)
        idx, m = self.wait_for(READY_RE.pattern, timeout, start)
        with self.cond:
            body = [l for l in self.lines[start:idx] if l.strip() not in (cmd.strip(), self.echo_of(cmd))]
        rc = int(m.group(1)) if m.group(1) else 0
        return Response(cmd, body, rc)

    def echo_of(self, cmd):
        """How the console shows a command being entered."""
        return cmd.strip()

    def wait_end(self, timeout=30):
        """Wait for the emulator to stop; returns self.ended."""
        raise NotImplementedError

    def cleanup(self):
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None or os.environ.get("PLEXVM_KEEP_LOGS"):
            self.save_log()
        self.cleanup()

    def save_log(self):
        """Keep the console of a machine whose test failed in build/test-logs/."""
        d = os.path.join(BUILD, "test-logs")
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, "%s-%s.log" % (time.strftime("%H%M%S"), self.name))
        with open(path, "w") as f:
            f.write(self.output() + "\n")
        print("       console of %s kept in %s" % (self.name, os.path.relpath(path)), flush=True)


class QemuMachine(Machine):
    def __init__(self, name="qemu", smp=1, mem_mb=512, append=None, initrd=None, extra=None):
        super().__init__(name)
        self.sock_path = os.path.join(self.workdir, "console.sock")
        self.monitor_path = os.path.join(self.workdir, "monitor.sock")
        args = ["qemu-system-s390x", "-M", "s390-ccw-virtio", "-nodefaults", "-display", "none",
                "-smp", str(smp), "-m", str(mem_mb),
                "-chardev", "socket,id=con,path=%s,server=on,wait=on" % self.sock_path,
                "-device", "sclpconsole,chardev=con",
                "-monitor", "unix:%s,server=on,wait=off" % self.monitor_path,
                "-action", "panic=exit-failure",
                "-kernel", os.path.join(BUILD, "plexvm.elf")]
        if append:
            args += ["-append", append]
        if initrd:
            args += ["-initrd", initrd]
        if extra:
            args += extra
        self.args = args
        self.log = open(os.path.join(self.workdir, "qemu.log"), "w")
        self.started_at = time.time()
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        self.sock = self._connect()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _connect(self):
        deadline = time.time() + 15
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("QEMU exited: %s" % open(self.log.name).read())
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(self.sock_path)
                return s
            except (FileNotFoundError, ConnectionRefusedError):
                time.sleep(0.02)
        raise RuntimeError("cannot connect to QEMU's console socket")

    def _read(self):
        while True:
            try:
                data = self.sock.recv(65536)
            except OSError:
                break
            if not data:
                break
            self._feed(data.decode("latin-1"))
        with self.cond:
            self.cond.notify_all()

    def send_line(self, text):
        self.sock.sendall(text.encode("latin-1") + b"\r")

    def send_bytes(self, data):
        self.sock.sendall(data)

    def monitor(self, cmd):
        """Run a QEMU human-monitor command (e.g. device_del) and return its output."""
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(self.monitor_path)
        s.settimeout(5)
        out = b""
        try:
            out += s.recv(4096)
            s.sendall(cmd.encode() + b"\n")
            time.sleep(0.3)
            out += s.recv(65536)
        except socket.timeout:
            pass
        finally:
            s.close()
        return out.decode("latin-1")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def wait_end(self, timeout=30):
        try:
            self.exit_code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.ended = "timeout"
            return self.ended
        self.ended = "shutdown" if self.exit_code == 0 else "panic"
        return self.ended


class HerculesMachine(Machine):
    """Hercules 3.13: line-mode SCLP console; commands go in as '.cmd' over the HTTP port."""

    def __init__(self, name="hercules", smp=1, mem_mb=256, extra_config="", timeout=600, ipl=True,
                 system_config="", append=None, bundle=None, ins=None):
        """ins: [(file, address), ...] IPLs those files instead of PlexVM (bare-machine runs)."""
        super().__init__(name)
        self.port = free_port()
        if ins:
            self._write_other_ins(ins)
        else:
            for f in ("plexvm.ins", "plexvm.bin", "plexvm.psw"):
                shutil.copy(os.path.join(BUILD, f), self.workdir)
            self._write_ins(append, bundle)
        conf = os.path.join(self.workdir, "hercules.cnf")
        with open(conf, "w") as f:
            # System statements first, then devices (Hercules requires that order).
            f.write("ARCHMODE z/Arch\nMAINSIZE %d\nNUMCPU %d\nMAXCPU %d\nCPUMODEL 2817\n"
                    "PANRATE FAST\nCODEPAGE 819/037\nOSTAILOR LINUX\nHTTPPORT %d NOAUTH\n%s\n"
                    "0009 3215-C / noprompt\n%s\n"
                    % (mem_mb, smp, smp, self.port, system_config, extra_config))
        rc = os.path.join(self.workdir, "run.rc")
        with open(rc, "w") as f:
            if ipl:
                f.write("hao tgt HHCCP011I\nhao cmd quit\nipl %s\n"
                        % os.path.join(self.workdir, "plexvm.ins"))
        env = dict(os.environ, HERCULES_RC=rc)
        self.started_at = time.time()
        self.proc = subprocess.Popen(["timeout", "-k", "5", str(timeout), "hercules", "-d", "-f", conf],
                                     cwd=self.workdir, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    INITRD_ADDR = 0x800000

    def _write_ins(self, append, bundle):
        """The list-directed IPL set, with a command line and a configuration bundle if given."""
        lines = ["plexvm.psw 0x00000000", "plexvm.bin 0x00010000"]
        if append:
            with open(os.path.join(self.workdir, "cmdline"), "wb") as f:
                f.write(append.encode() + b"\0")
            lines.append("cmdline 0x00010480")
        if bundle:
            shutil.copy(bundle, os.path.join(self.workdir, "bundle"))
            with open(os.path.join(self.workdir, "initrd.parm"), "wb") as f:
                f.write(self.INITRD_ADDR.to_bytes(8, "big") + os.path.getsize(bundle).to_bytes(8, "big"))
            lines += ["bundle 0x%08x" % self.INITRD_ADDR, "initrd.parm 0x00010408"]
        with open(os.path.join(self.workdir, "plexvm.ins"), "w") as f:
            f.write("\n".join(lines) + "\n")

    def _write_other_ins(self, files):
        lines = []
        for i, (src, addr) in enumerate(files):
            name = "f%d.%s" % (i, os.path.basename(src))
            shutil.copy(src, os.path.join(self.workdir, name))
            lines.append("%s 0x%08x" % (name, addr))
        with open(os.path.join(self.workdir, "plexvm.ins"), "w") as f:
            f.write("\n".join(lines) + "\n")

    def ipl(self):
        """IPL now (for instances started with ipl=False, e.g. after their CTC peers are up)."""
        self.hercules_command("hao tgt HHCCP011I")
        self.hercules_command("hao cmd quit")
        self.hercules_command("ipl %s" % os.path.join(self.workdir, "plexvm.ins"))

    def _read(self):
        for raw in iter(self.proc.stdout.readline, b""):
            self._feed(raw.decode("latin-1"))
        with self.cond:
            self.cond.notify_all()

    def hercules_command(self, cmd):
        url = "http://127.0.0.1:%d/cgi-bin/tasks/syslog?%s" % (
            self.port, urllib.parse.urlencode({"command": cmd, "send": "Send"}))
        deadline = time.time() + 20
        while True:
            try:
                with urllib.request.urlopen(url, timeout=10) as r:
                    r.read()
                return
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)

    def send_line(self, text):
        self.hercules_command("." + text)

    def kill(self):
        """End the instance abruptly (a member or a DASD server dying)."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def echo_of(self, cmd):
        return "." + cmd.strip()

    def wait_end(self, timeout=30):
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.ended = "timeout"
            return self.ended
        out = self.output()
        m = re.findall(r"PSW=([0-9A-F]{8}) ([0-9A-F]{8}) ([0-9A-F]{16})", out)
        if m:
            addr = int(m[-1][2], 16)
            self.ended = "shutdown" if addr == 0xFFF else "panic"
        else:
            self.ended = "killed"
        return self.ended


# ---- Guests: a volume of minidisks and a bundle whose directory names them -------------------
PLEXVOL = os.path.join(BUILD, "plexvol")
PLEXCFG = os.path.join(BUILD, "plexcfg")


class GuestUser:
    """A directory entry for a test guest and the files of its IPL minidisk."""

    def __init__(self, userid, storage="64M", cpus=1, kernel=None, initrd=None, parmfile=None,
                 label=None, cyls=20, extra="", console_operator=True):
        self.console_operator = console_operator  # CONSOLE 0009 3215 T OPERATOR (secondary user)
        self.userid, self.storage, self.cpus = userid, storage, cpus
        self.kernel, self.initrd, self.parmfile, self.label = kernel, initrd, parmfile, label
        self.cyls, self.extra = cyls, extra
        self.start = None

    def entry(self, volser):
        lines = ["USER %s TESTPW %s %s G" % (self.userid, self.storage, self.storage),
                 "  MACHINE ESA %d" % self.cpus]
        lines += ["  CPU %02X" % i for i in range(self.cpus)]
        if self.console_operator:
            lines += ["  CONSOLE 0009 3215 T OPERATOR"]
        lines += ["  IPL 0100",
                  "  MDISK 0100 3390 %d %d %s MR" % (self.start, self.cyls, volser)]
        if self.extra:
            lines += ["  " + l for l in self.extra.strip().splitlines()]
        return "\n".join(lines)


def guest_environment(workdir, users, volser="GST001", member="MEMBER1"):
    """A 3390 volume holding each user's IPL minidisk (kernel, initrd, parmfile, label in its
    file directory) and a bundle: the sample SYSTEM CONFIG and directory plus these users.
    Returns (volume_path, bundle_path)."""
    vol = os.path.join(workdir, "guests.3390")
    start, extents = 1, []
    for u in users:
        u.start = start
        extents += ["--extent", "PERM:%d:%d:%s" % (start, u.cyls, u.userid)]
        start += u.cyls
    subprocess.run([PLEXVOL, "create", vol, "--type", "3390", "--cyls", str(start + 1), "--volser", volser,
                    "--force"] + extents, check=True, stdout=subprocess.DEVNULL)
    for u in users:
        files = []
        for name, src in (("kernel", u.kernel), ("initrd", u.initrd)):
            if src:
                files += [name, src]
        for name, text in (("parmfile", u.parmfile), ("label", u.label)):
            if text is not None:
                p = os.path.join(workdir, "%s.%s" % (u.userid, name))
                with open(p, "w") as f:
                    f.write(text + "\n")
                files += [name, p]
        if files:
            subprocess.run([PLEXVOL, "put", vol, "--extent", str(u.start)] + files, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    direct = os.path.join(workdir, "USER.DIRECT")
    with open(os.path.join(ROOT, "samples", "USER.DIRECT")) as f:
        text = f.read()
    with open(direct, "w") as f:
        f.write(text.rstrip("\n") + "\n\n" + "\n\n".join(u.entry(volser) for u in users) + "\n")
    bundle = os.path.join(workdir, "guests.bundle")
    subprocess.run([PLEXCFG, "bundle", "-o", bundle, os.path.join(ROOT, "samples", "SYSTEM.CONFIG"), direct],
                   check=True, stdout=subprocess.DEVNULL)
    return vol, bundle
