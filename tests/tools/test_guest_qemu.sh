#!/bin/sh
# Self-check of the Linux guest payload without PlexVM (run by `make test-guest`):
# boots build/guest/vmlinuz + build/guest/initramfs.cpio.gz directly under
# qemu-system-s390x with the SCLP VT220 console on a socket, a raw guest volume made
# by tools/guest/mkguestdisk.sh on virtio-blk and a virtio-net NIC on a dead-end
# socket, and checks what the guest prints: the PLXGUEST READY marker, the modules,
# the volume label and the label file (plx.readlabel), the address (plx.ip), every
# memtest line ok with the checksums a host build of memtest computes for the same
# seed, the --cpu-loop result, console input reaching the shell (and a deliberate
# memory error reported as FAIL), and power-off ending QEMU with exit code 0.
#   tests/tools/test_guest_qemu.sh [--keep]     (--keep leaves the work directory)
# The console log is copied to build/guest/test-qemu.log.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
G=$here/build/guest
for f in vmlinuz initramfs.cpio.gz memtest; do
	[ -s "$G/$f" ] || { echo "test_guest_qemu: no build/guest/$f: run 'make guest' first" >&2; exit 1; }
done
command -v qemu-system-s390x >/dev/null ||
	{ echo "test_guest_qemu: no qemu-system-s390x (tools/ensure-deps.sh installs it)" >&2; exit 1; }
[ -x "$here/build/plexvol" ] || { echo "test_guest_qemu: no build/plexvol: run 'make tools'" >&2; exit 1; }

work=$(mktemp -d /tmp/guest-qemu-test.XXXXXX)
keep=0
[ "${1:-}" = "--keep" ] && keep=1
cleanup() { [ $keep = 1 ] && echo "work directory: $work" || rm -rf "$work"; }
trap cleanup EXIT

# The guest volume, with a label text of this run.
label="PLXTEST LABEL $(date +%s)-$$"
"$here/tools/guest/mkguestdisk.sh" --type raw --label "$label" "$work/guest.raw" > "$work/mkguestdisk.log" 2>&1 ||
	{ cat "$work/mkguestdisk.log" >&2; echo "test_guest_qemu: mkguestdisk.sh failed" >&2; exit 1; }

# The checksums memtest must print: a host build of the same source, same seed and the
# same pages per interval (2048), in 1-second intervals.
expect="$work/expected.txt"
if command -v gcc >/dev/null && gcc -O2 -o "$work/memtest-host" "$here/tools/guest/memtest.c" 2>"$work/gcc.log"; then
	"$work/memtest-host" 32 1 3 42 2048 > "$expect" &&
		"$work/memtest-host" --cpu-loop 20000000 >> "$expect"
else
	echo "test_guest_qemu: no host gcc: checksums are not compared with a host run"
	: > "$expect"
fi

rc=0
GUEST_LABEL=$label WORK=$work BUILD_GUEST=$G EXPECT=$expect python3 - <<'EOF' || rc=$?
import os, re, socket, subprocess, sys, time

work, G = os.environ["WORK"], os.environ["BUILD_GUEST"]
label = os.environ["GUEST_LABEL"]
sock_path = os.path.join(work, "console.sock")
append = ("console=ttysclp0 plx.name=qemutest plx.modules=virtio_blk plx.ip=10.0.0.1/24 "
          "plx.readlabel=/dev/vda plx.run=memtest:32:2:6:42 plx.run=cpuloop:20000000")
args = ["qemu-system-s390x", "-M", "s390-ccw-virtio", "-nodefaults", "-display", "none",
        "-smp", "1", "-m", "512", "-action", "panic=exit-failure",
        "-chardev", "socket,id=con,path=%s,server=on,wait=on" % sock_path,
        "-device", "sclpconsole,chardev=con",
        "-kernel", os.path.join(G, "vmlinuz"), "-initrd", os.path.join(G, "initramfs.cpio.gz"),
        "-append", append,
        "-drive", "file=%s,format=raw,if=none,id=d0,readonly=on" % os.path.join(work, "guest.raw"),
        "-device", "virtio-blk-ccw,drive=d0",
        # A NIC whose wire ends in a socket nobody listens on: no traffic leaves QEMU.
        "-netdev", "stream,id=n0,server=on,addr.type=unix,addr.path=%s" % os.path.join(work, "net.sock"),
        "-device", "virtio-net-ccw,netdev=n0"]

passed = failed = 0
def ok(what):
    global passed
    passed += 1
    print("  ok    %s" % what)
def bad(what):
    global failed
    failed += 1
    print("  FAIL  %s" % what)

qlog = open(os.path.join(work, "qemu.log"), "w")
t_start = time.time()
proc = subprocess.Popen(args, stdout=qlog, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
con = None
for _ in range(200):
    if proc.poll() is not None:
        break
    try:
        con = socket.socket(socket.AF_UNIX)
        con.connect(sock_path)
        break
    except OSError:
        con = None
        time.sleep(0.05)
if con is None:
    print("test_guest_qemu: QEMU did not open its console socket:")
    print(open(os.path.join(work, "qemu.log")).read())
    proc.kill()
    sys.exit(1)

lines, stamps, partial = [], [], b""
ansi = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
def pump(timeout):
    """Read console output for up to timeout seconds; False at EOF."""
    global partial
    con.settimeout(timeout)
    try:
        data = con.recv(65536)
    except socket.timeout:
        return True
    except OSError:
        return False
    if not data:
        return False
    partial += data
    while b"\n" in partial:
        line, partial = partial.split(b"\n", 1)
        text = ansi.sub("", line.decode("utf-8", "replace")).replace("\r", "")
        lines.append(text)
        stamps.append(time.time() - t_start)
    return True

def wait_for(pattern, timeout, start=0):
    rx = re.compile(pattern)
    deadline = time.time() + timeout
    i = start
    while True:
        while i < len(lines):
            m = rx.search(lines[i])
            if m:
                return i, m
            i += 1
        left = deadline - time.time()
        if left <= 0 or not pump(min(left, 0.5)):
            return None, None

def send(text):
    con.sendall(text.encode() + b"\r")

def expect(what, pattern, timeout=30, start=0):
    i, m = wait_for(pattern, timeout, start)
    (ok if m else bad)(what)
    return i, m

try:
    i, m = expect("PLXGUEST READY marker", r"PLXGUEST READY qemutest$", 90)
    if m is None:
        raise SystemExit
    ready_at = stamps[i]
    expect("virtio_blk loaded", r"PLXGUEST MODULE virtio_blk ok$")
    expect("VOL1 label read from /dev/vda", r"PLXGUEST LABEL VOL1 GST001 PLEXVM$")
    expect("label file read from the extent's file directory",
           r"PLXGUEST LABELFILE " + re.escape(label) + "$")
    for mod in ("failover", "net_failover", "virtio_net"):
        expect("%s loaded (plx.ip)" % mod, r"PLXGUEST MODULE %s ok$" % mod)
    expect("plx.ip configured", r"PLXGUEST IP eth0 10\.0\.0\.1/24 ok$")
    expect("memtest started", r"PLXGUEST RUN memtest 32 2 6 42$")
    i_done, m_done = expect("memtest DONE ok", r"MEMTEST DONE seq=3 pages=6144 sum=[0-9a-f]{8} errors=0 ok$", 90)
    expect("memtest exit 0", r"PLXGUEST EXIT memtest rc=0$")
    i_cpu, m_cpu = expect("cpu loop", r"CPULOOP n=20000000 result=([0-9a-f]{16}) wall_ms=(\d+) cpu_ms=(\d+)$", 90)
    expect("cpu loop exit 0", r"PLXGUEST EXIT memtest rc=0$", 30, (i_cpu or 0))

    got = {}
    for l in lines:
        m = re.search(r"MEMTEST seq=(\d+) pages=(\d+) dirty=(\d+) sum=([0-9a-f]{8}) t=[\d.]+ (.*)$", l)
        if m:
            got[int(m.group(1))] = (int(m.group(2)), m.group(4), m.group(5))
    if sorted(got) == [0, 1, 2, 3] and all(v[2] == "ok" for v in got.values()) and \
            [got[s][0] for s in range(4)] == [0, 2048, 4096, 6144]:
        ok("memtest lines seq=0..3 ok, 2048 pages per interval")
    else:
        bad("memtest lines: %r" % got)
    if any("MEMTEST FAIL" in l for l in lines):
        bad("a MEMTEST FAIL line appeared")
    exp = open(os.environ["EXPECT"]).read()
    if exp:
        want = {int(s): (int(p), h) for s, p, h in
                re.findall(r"MEMTEST seq=(\d+) pages=(\d+) dirty=\d+ sum=([0-9a-f]{8})", exp)}
        if all(got.get(s, (None, None))[:2] == want[s] for s in want):
            ok("checksums equal to the host build's (big- and little-endian agree)")
        else:
            bad("checksums differ from the host build: guest %r, host %r" % (got, want))
        cm = re.search(r"CPULOOP n=20000000 result=([0-9a-f]{16})", exp)
        if m_cpu and cm and m_cpu.group(1) == cm.group(1):
            ok("cpu loop result equal to the host build's")
        else:
            bad("cpu loop result: guest %s, host %s" % (m_cpu and m_cpu.group(1), cm and cm.group(1)))

    # Console input reaches the shell.
    expect("shell started", r"PLXGUEST SHELL$")
    start = len(lines)
    send("echo PLX$((6*7)) $(cat /sys/class/net/eth0/operstate)")
    expect("console input runs in the shell", r"^PLX42 (up|unknown|down)$", 20, start)
    start = len(lines)
    send("echo RO=$(cat /sys/block/vda/ro) HOST=$(hostname)")
    expect("guest sees the disk read-only, hostname from plx.name", r"^RO=1 HOST=qemutest$", 20, start)
    # A deliberate one-bit error: the FAIL line, the failed interval and exit code 1.
    start = len(lines)
    send("MEMTEST_FLIP=1:5 memtest 4 1 1 7; echo RC=$?")
    expect("injected error reported with its address",
           r"MEMTEST FAIL seq=1 addr=0x[0-9a-f]+ phys=0x[0-9a-f]+ page=5 word=1 ", 30, start)
    expect("failed interval marked", r"MEMTEST seq=1 pages=1024 dirty=1024 sum=[0-9a-f]{8} t=[\d.]+ FAIL errors=1$", 30, start)
    expect("memtest exit 1 after an error", r"^RC=1$", 30, start)

    # Power off: QEMU must end by itself with exit code 0.
    send("poweroff -f")
    end = time.time() + 30
    while proc.poll() is None and time.time() < end:
        if not pump(0.5):
            time.sleep(0.1)
    if proc.poll() == 0:
        ok("poweroff -f ends QEMU with exit code 0")
    else:
        bad("QEMU after poweroff: %s" % ("still running" if proc.poll() is None else "exit %d" % proc.returncode))
    if any("Kernel panic" in l or "Oops" in l for l in lines):
        bad("kernel panic or oops on the console")
    print("READY marker %.2f s after QEMU started (memtest done at %.2f s)"
          % (ready_at, stamps[i_done] if i_done is not None else -1))
except SystemExit:
    pass
finally:
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    with open(os.path.join(G, "test-qemu.log"), "w") as f:
        f.write("\n".join(lines) + "\n")
    if failed:
        print("--- last console lines (all in build/guest/test-qemu.log) ---")
        print("\n".join(lines[-40:]))
        print("--- qemu ---")
        print(open(os.path.join(work, "qemu.log")).read())

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed or not passed else 0)
EOF
exit $rc
