#!/usr/bin/env python3
"""Build the initramfs of PlexVM's Linux test guest: a gzip'ed cpio archive in the
"newc" format (what the Linux kernel unpacks into its rootfs), written here in pure
Python, with busybox and its applet links, the memtest workload, chosen kernel
modules (with the modules they depend on) and /init (tools/guest/init.sh).

    tools/guest/mkinitramfs.py -o build/guest/initramfs.cpio.gz \\
        --busybox build/guest/busybox --memtest build/guest/memtest \\
        --modules-dir build/guest/modules --module virtio_blk --module virtio_net

The archive is reproducible: owners 0, times SOURCE_DATE_EPOCH (or 0), a fixed
order, and a gzip header without name or time.

The cpio writer (CpioWriter) is usable on its own; tests/tools/test_mkinitramfs.py
tests it.
"""
import argparse
import gzip
import io
import os
import stat
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Busybox applets linked in the archive; /init adds links for all others at boot
# (busybox --install -s), these are the ones it needs before that and the usual ones.
APPLETS_BIN = """sh ash cat echo sleep ls mkdir rmdir ln cp mv rm chmod dd od awk sed grep head
tail tr cut wc sort uniq printf test [ [[ true false kill ps dmesg uname hostname date sync
mount umount setsid cttyhack ping ip ifconfig route free df du find xargs env expr seq
hexdump stty vi top uptime watch""".split()
APPLETS_SBIN = "insmod rmmod lsmod modinfo poweroff reboot halt sysctl".split()

DEFAULT_MODULES = ["virtio_blk", "virtio_net", "failover", "net_failover"]


class CpioError(Exception):
    pass


class CpioWriter:
    """Writes a cpio archive in the SVR4 "newc" format (magic 070701, no checksums).

    Each entry: a 110-byte ASCII header (magic and 13 eight-digit hexadecimal
    fields: inode, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor,
    rdevmajor, rdevminor, namesize including the NUL, check), the name and its NUL
    padded to a multiple of 4 bytes, then the data padded to a multiple of 4. The
    archive ends with an entry named TRAILER!!!. Names are stored without a leading
    "/"; parent directories are added on demand.
    """

    MAGIC = b"070701"

    def __init__(self, out, mtime=0):
        self.out = out
        self.mtime = int(mtime)
        self.ino = 721          # any start; the kernel only needs them distinct
        self.names = set()
        self.closed = False
        self.offset = 0

    @staticmethod
    def _norm(name):
        name = name.strip("/")
        parts = [p for p in name.split("/") if p not in ("", ".")]
        if not parts or ".." in parts:
            raise CpioError("bad archive name %r" % name)
        return "/".join(parts)

    def _write(self, data):
        self.out.write(data)
        self.offset += len(data)

    def _pad(self):
        if self.offset % 4:
            self._write(b"\0" * (4 - self.offset % 4))

    def _entry(self, name, mode, data=b"", nlink=1, rdev=(0, 0)):
        if self.closed:
            raise CpioError("archive already finished")
        encoded = name.encode("utf-8") + b"\0"
        self.ino += 1
        fields = (self.ino, mode, 0, 0, nlink, self.mtime, len(data), 0, 0,
                  rdev[0], rdev[1], len(encoded), 0)
        for f in fields:
            if not 0 <= f <= 0xFFFFFFFF:
                raise CpioError("%s: field value %d does not fit the newc format" % (name, f))
        header = self.MAGIC + b"".join(b"%08X" % f for f in fields)
        self._write(header + encoded)
        self._pad()
        if data:
            self._write(data)
            self._pad()

    def _add(self, name, mode, data=b"", nlink=1, rdev=(0, 0)):
        name = self._norm(name)
        if name in self.names:
            raise CpioError("duplicate archive name %r" % name)
        parent = name.rpartition("/")[0]
        if parent and parent not in self.names:
            self.add_dir(parent)
        self.names.add(name)
        self._entry(name, mode, data, nlink, rdev)
        return name

    def add_dir(self, name, perm=0o755):
        """A directory (and its missing parents); an existing one is left alone."""
        name = self._norm(name)
        if name in self.names:
            return name
        return self._add(name, stat.S_IFDIR | perm, nlink=2)

    def add_file(self, name, data, perm=0o644):
        return self._add(name, stat.S_IFREG | perm, bytes(data))

    def add_symlink(self, name, target):
        return self._add(name, stat.S_IFLNK | 0o777, target.encode("utf-8"))

    def add_node(self, name, kind, major, minor, perm=0o600):
        """A device node: kind "c" (character) or "b" (block)."""
        fmt = {"c": stat.S_IFCHR, "b": stat.S_IFBLK}[kind]
        return self._add(name, fmt | perm, rdev=(major, minor))

    def finish(self):
        if not self.closed:
            self._entry("TRAILER!!!", 0, nlink=1)
            self.closed = True


# ---- kernel modules ------------------------------------------------------------------

def elf_modinfo(data):
    """The key=value strings of an ELF object's .modinfo section (a kernel module)."""
    if data[:4] != b"\x7fELF":
        raise ValueError("not an ELF file")
    if data[4] != 2:
        raise ValueError("not a 64-bit ELF file")
    end = {1: "<", 2: ">"}.get(data[5])
    if not end:
        raise ValueError("bad ELF byte order")
    shoff, = struct.unpack_from(end + "Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from(end + "HHH", data, 0x3A)
    if shentsize < 64 or shoff + shnum * shentsize > len(data) or shstrndx >= shnum:
        raise ValueError("bad ELF section table")

    def section(i):
        name, _type, _flags, _addr, off, size = struct.unpack_from(end + "IIQQQQ", data, shoff + i * shentsize)
        return name, off, size

    _, stroff, strsize = section(shstrndx)
    for i in range(shnum):
        name, off, size = section(i)
        nend = data.find(b"\0", stroff + name, stroff + strsize)
        if data[stroff + name:nend] == b".modinfo":
            info = {}
            for item in data[off:off + size].split(b"\0"):
                key, eq, val = item.decode("utf-8", "replace").partition("=")
                if eq:
                    info.setdefault(key, val)
            return info
    return {}


def find_modules(modules_dir):
    """Map of module name (with "_", as the kernel names them) to its .ko path."""
    found = {}
    for dirpath, _dirs, files in os.walk(modules_dir, followlinks=True):
        for f in files:
            if f.endswith(".ko"):
                found.setdefault(f[:-3].replace("-", "_"), os.path.join(dirpath, f))
    return found


def resolve_modules(names, available):
    """The modules with everything they depend on: [(name, path, [deps])], dependencies
    before the modules that need them."""
    order, deps_of, visiting = [], {}, set()

    def visit(name):
        name = name.replace("-", "_")
        if name in deps_of:
            return
        if name in visiting:
            raise SystemExit("mkinitramfs: module dependency loop at %s" % name)
        if name not in available:
            raise SystemExit("mkinitramfs: no module %s.ko in the modules directory" % name)
        visiting.add(name)
        with open(available[name], "rb") as f:
            info = elf_modinfo(f.read())
        deps = [d.replace("-", "_") for d in info.get("depends", "").split(",") if d]
        for d in deps:
            visit(d)
        visiting.discard(name)
        deps_of[name] = deps
        order.append(name)

    for n in names:
        visit(n)
    return [(n, available[n], deps_of[n]) for n in order]


# ---- the guest's archive -------------------------------------------------------------

def read(path):
    with open(path, "rb") as f:
        return f.read()


def build(args):
    mtime = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    raw = io.BytesIO()
    w = CpioWriter(raw, mtime)
    for d in ("bin", "sbin", "usr/bin", "usr/sbin", "etc", "root", "lib/modules",
              "proc", "sys", "dev", "run", "mnt"):
        w.add_dir(d)
    w.add_dir("tmp", 0o1777)
    # The kernel opens /dev/console for init's stdin/stdout before /init mounts devtmpfs.
    w.add_node("dev/console", "c", 5, 1)
    w.add_node("dev/null", "c", 1, 3, 0o666)

    w.add_file("bin/busybox", read(args.busybox), 0o755)
    for a in APPLETS_BIN:
        w.add_symlink("bin/" + a, "busybox")
    for a in APPLETS_SBIN:
        w.add_symlink("sbin/" + a, "../bin/busybox")
    if args.memtest:
        w.add_file("bin/memtest", read(args.memtest), 0o755)
    w.add_file("init", read(args.init), 0o755)
    w.add_file("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n")
    w.add_file("etc/group", b"root:x:0:\n")

    modules = []
    if args.modules_dir:
        names = args.module if args.module else DEFAULT_MODULES
        modules = resolve_modules(names, find_modules(args.modules_dir))
        deps = []
        for name, path, dep in modules:
            w.add_file("lib/modules/%s.ko" % name, read(path))
            deps.append("%s:%s\n" % (name, " ".join(dep)))
        w.add_file("lib/modules/deps", "".join(deps).encode())
    elif args.module:
        raise SystemExit("mkinitramfs: --module needs --modules-dir")
    info = "kernel=%s\nmodules=%s\n" % (args.kernel_release or "", ",".join(m[0] for m in modules))
    w.add_file("etc/plxguest", info.encode())

    for spec in args.file or []:
        src, _, rest = spec.partition(":")
        dest, _, mode = rest.partition(":")
        if not dest:
            raise SystemExit("mkinitramfs: --file SRC:DEST[:MODE], got %r" % spec)
        w.add_file(dest, read(src), int(mode, 8) if mode else 0o644)
    w.finish()

    data = raw.getvalue()
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
            gz.write(data)
    os.replace(tmp, args.output)
    if not args.quiet:
        print("mkinitramfs: %s: %d bytes (%d uncompressed), %d entries, modules: %s"
              % (args.output, os.path.getsize(args.output), len(data), len(w.names),
                 " ".join(m[0] for m in modules) or "none"))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-o", "--output", required=True, help="the .cpio.gz to write")
    p.add_argument("--busybox", required=True, help="a static busybox binary for s390x")
    p.add_argument("--memtest", help="the memtest binary (tools/guest/memtest.c)")
    p.add_argument("--init", default=os.path.join(HERE, "init.sh"), help="the /init script")
    p.add_argument("--modules-dir", help="a kernel's /lib/modules/RELEASE directory")
    p.add_argument("--module", action="append",
                   help="a module to include (repeatable; default: %s); its dependencies come along"
                   % ",".join(DEFAULT_MODULES))
    p.add_argument("--kernel-release", help="recorded in /etc/plxguest")
    p.add_argument("--file", action="append", metavar="SRC:DEST[:MODE]", help="an extra file")
    p.add_argument("-q", "--quiet", action="store_true")
    args = p.parse_args(argv)
    try:
        build(args)
    except (OSError, CpioError, ValueError) as e:
        print("mkinitramfs: error: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
