#!/usr/bin/env python3
"""Tests of tools/guest/mkinitramfs.py: the newc cpio writer, read back with an
independent parser written here from the format's description, the .modinfo reader
and module dependency order, and a whole guest archive built from stand-in files.

    python3 tests/tools/test_mkinitramfs.py      (or: make test-tools)
"""
import contextlib
import gzip
import importlib.util
import io
import os
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
spec = importlib.util.spec_from_file_location("mkinitramfs", os.path.join(ROOT, "tools/guest/mkinitramfs.py"))
mk = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mk)


def parse_newc(data):
    """[(name, fields, payload)] of a newc archive, checking magic, hex fields and the
    4-byte alignment of every header and payload; the trailer must end the archive
    (only zero padding after it)."""
    entries, pos = [], 0
    names = ("ino", "mode", "uid", "gid", "nlink", "mtime", "filesize", "devmajor", "devminor",
             "rdevmajor", "rdevminor", "namesize", "check")
    while True:
        assert pos % 4 == 0, "header at unaligned offset %d" % pos
        hdr = data[pos:pos + 110]
        assert len(hdr) == 110, "truncated header at %d" % pos
        assert hdr[:6] == b"070701", "bad magic %r at %d" % (hdr[:6], pos)
        raw = hdr[6:]
        for c in raw:
            assert chr(c) in "0123456789ABCDEFabcdef", "non-hex header byte at %d" % pos
        f = dict(zip(names, (int(raw[i * 8:i * 8 + 8], 16) for i in range(13))))
        name_end = pos + 110 + f["namesize"]
        assert data[name_end - 1] == 0, "name not NUL-terminated"
        name = data[pos + 110:name_end - 1].decode()
        pos = (name_end + 3) & ~3
        payload = data[pos:pos + f["filesize"]]
        assert len(payload) == f["filesize"]
        pos = (pos + f["filesize"] + 3) & ~3
        if name == "TRAILER!!!":
            assert not data[pos:].strip(b"\0"), "data after the trailer"
            return entries
        entries.append((name, f, payload))


def build_archive(fill, mtime=0):
    buf = io.BytesIO()
    w = mk.CpioWriter(buf, mtime)
    fill(w)
    w.finish()
    return buf.getvalue()


def fake_ko(modinfo, big_endian=True):
    """A minimal 64-bit ELF relocatable with section headers: null, .shstrtab, .modinfo."""
    e = ">" if big_endian else "<"
    shstr = b"\0.shstrtab\0.modinfo\0"
    info = b"".join(s.encode() + b"\0" for s in modinfo)
    shoff = 64 + len(shstr) + len(info)
    shoff = (shoff + 7) & ~7
    ident = b"\x7fELF" + bytes([2, 2 if big_endian else 1, 1]) + bytes(9)
    header = ident + struct.pack(e + "HHIQQQIHHHHHH", 1, 22, 1, 0, 0, shoff, 0, 64, 0, 0, 64, 3, 1)
    body = shstr + info
    body += bytes(shoff - 64 - len(body))
    sections = bytes(64)
    sections += struct.pack(e + "IIQQQQIIQQ", 1, 3, 0, 0, 64, len(shstr), 0, 0, 1, 0)
    sections += struct.pack(e + "IIQQQQIIQQ", 11, 1, 2, 0, 64 + len(shstr), len(info), 0, 0, 1, 0)
    return header + body + sections


class CpioWriterTest(unittest.TestCase):
    def test_round_trip(self):
        blob = bytes(range(256)) * 41 + b"odd"          # not a multiple of 4

        def fill(w):
            w.add_dir("bin")
            w.add_file("bin/prog", blob, 0o755)
            w.add_file("/etc/motd", b"hello\n")          # leading slash, new parent
            w.add_file("empty", b"")
            w.add_symlink("bin/sh", "prog")
            w.add_node("dev/console", "c", 5, 1)
            w.add_node("dev/vda", "b", 254, 0, 0o660)
            w.add_dir("tmp", 0o1777)
        data = build_archive(fill, mtime=1767225600)
        entries = parse_newc(data)
        got = {n: (f, p) for n, f, p in entries}
        self.assertEqual([n for n, _, _ in entries],
                         ["bin", "bin/prog", "etc", "etc/motd", "empty", "bin/sh", "dev",
                          "dev/console", "dev/vda", "tmp"])
        f, p = got["bin/prog"]
        self.assertEqual(f["mode"], stat.S_IFREG | 0o755)
        self.assertEqual(p, blob)
        self.assertEqual(f["nlink"], 1)
        self.assertEqual(f["mtime"], 1767225600)
        self.assertEqual((f["uid"], f["gid"]), (0, 0))
        self.assertEqual(got["etc/motd"][1], b"hello\n")
        self.assertEqual(got["etc/motd"][0]["mode"], stat.S_IFREG | 0o644)
        self.assertEqual(got["etc"][0]["mode"], stat.S_IFDIR | 0o755)
        self.assertEqual(got["etc"][0]["nlink"], 2)
        self.assertEqual(got["empty"][0]["filesize"], 0)
        f, p = got["bin/sh"]
        self.assertEqual(f["mode"], stat.S_IFLNK | 0o777)
        self.assertEqual(p, b"prog")
        f, _ = got["dev/console"]
        self.assertEqual(f["mode"], stat.S_IFCHR | 0o600)
        self.assertEqual((f["rdevmajor"], f["rdevminor"]), (5, 1))
        f, _ = got["dev/vda"]
        self.assertEqual(f["mode"], stat.S_IFBLK | 0o660)
        self.assertEqual((f["rdevmajor"], f["rdevminor"]), (254, 0))
        self.assertEqual(got["tmp"][0]["mode"], stat.S_IFDIR | 0o1777)
        inos = [f["ino"] for _, f, _ in entries]
        self.assertEqual(len(set(inos)), len(inos))
        self.assertEqual(len(data) % 4, 0)

    def test_every_name_length_aligns(self):
        # Header (110) + name + NUL cycles through all four remainders.
        def fill(w):
            for n in range(1, 9):
                w.add_file("f" * n, b"x" * n)
        entries = parse_newc(build_archive(fill))
        self.assertEqual([(n, p) for n, _, p in entries], [("f" * n, b"x" * n) for n in range(1, 9)])

    def test_empty_archive(self):
        self.assertEqual(parse_newc(build_archive(lambda w: None)), [])

    def test_rejects_bad_names_and_duplicates(self):
        buf = io.BytesIO()
        w = mk.CpioWriter(buf)
        w.add_file("a", b"1")
        with self.assertRaises(mk.CpioError):
            w.add_file("a", b"2")
        with self.assertRaises(mk.CpioError):
            w.add_symlink("/a/", "b")
        for bad in ("", "/", "../x", "a/../../b"):
            with self.assertRaises(mk.CpioError):
                w.add_file(bad, b"")
        w.add_dir("a2")
        w.add_dir("a2")                      # an existing directory is fine
        w.finish()
        with self.assertRaises(mk.CpioError):
            w.add_file("late", b"")
        self.assertEqual([n for n, _, _ in parse_newc(buf.getvalue())], ["a", "a2"])

    @unittest.skipUnless(shutil.which("cpio"), "no cpio binary to cross-check with")
    def test_gnu_cpio_lists_it(self):
        def fill(w):
            w.add_file("bin/x", b"abc", 0o755)
            w.add_symlink("bin/y", "x")
        out = subprocess.run(["cpio", "-t", "--quiet"], input=build_archive(fill),
                             capture_output=True, check=True).stdout.decode().split()
        self.assertEqual(out, ["bin", "bin/x", "bin/y"])


class ModulesTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="mkinitramfs-test-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def ko(self, rel, *modinfo, big_endian=True):
        path = os.path.join(self.dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(fake_ko(modinfo, big_endian))
        return path

    def test_modinfo(self):
        for be in (True, False):
            p = self.ko("m.ko", "license=GPL", "depends=a,b-c", "name=m", big_endian=be)
            with open(p, "rb") as f:
                self.assertEqual(mk.elf_modinfo(f.read()),
                                 {"license": "GPL", "depends": "a,b-c", "name": "m"})
        with self.assertRaises(ValueError):
            mk.elf_modinfo(b"not an elf")

    def test_dependencies_first(self):
        self.ko("kernel/net/core/failover.ko", "depends=")
        self.ko("kernel/drivers/net/net_failover.ko", "depends=failover")
        self.ko("kernel/drivers/net/virtio_net.ko", "depends=net_failover")
        self.ko("kernel/drivers/block/virtio_blk.ko", "depends=")
        self.ko("kernel/drivers/x/dash-name.ko", "depends=virtio_blk")
        avail = mk.find_modules(self.dir)
        order = mk.resolve_modules(["virtio_net", "dash-name", "failover"], avail)
        self.assertEqual([(n, d) for n, _, d in order],
                         [("failover", []), ("net_failover", ["failover"]),
                          ("virtio_net", ["net_failover"]), ("virtio_blk", []),
                          ("dash_name", ["virtio_blk"])])
        with self.assertRaises(SystemExit):
            mk.resolve_modules(["nosuch"], avail)

    def test_dependency_loop(self):
        self.ko("a.ko", "depends=b")
        self.ko("b.ko", "depends=a")
        with self.assertRaises(SystemExit):
            mk.resolve_modules(["a"], mk.find_modules(self.dir))

    @unittest.skipUnless(os.path.isdir(os.path.join(ROOT, "build/guest/modules/kernel")),
                         "Debian's modules not fetched (make guest)")
    def test_debian_virtio_net(self):
        order = mk.resolve_modules(["virtio_net"], mk.find_modules(os.path.join(ROOT, "build/guest/modules")))
        self.assertEqual([n for n, _, _ in order], ["failover", "net_failover", "virtio_net"])


class GuestArchiveTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="mkinitramfs-test-")
        self.p = lambda *a: os.path.join(self.dir, *a)
        for name, data in (("busybox", b"\x7fELF busybox"), ("memtest", b"\x7fELF memtest"),
                           ("extra.txt", b"extra\n")):
            with open(self.p(name), "wb") as f:
                f.write(data)
        mods = self.p("modules", "kernel")
        os.makedirs(mods)
        for name, dep in (("virtio_blk", ""), ("failover", ""), ("net_failover", "failover"),
                          ("virtio_net", "net_failover")):
            with open(os.path.join(mods, name + ".ko"), "wb") as f:
                f.write(fake_ko(["depends=" + dep]))

    def tearDown(self):
        shutil.rmtree(self.dir)

    def make(self, out, *extra):
        rc = mk.main(["-q", "-o", self.p(out), "--busybox", self.p("busybox"), "--memtest",
                      self.p("memtest"), "--modules-dir", self.p("modules"),
                      "--kernel-release", "6.1.0-0-s390x"] + list(extra))
        self.assertEqual(rc, 0)
        with open(self.p(out), "rb") as f:
            return f.read()

    def test_guest_archive(self):
        gz = self.make("a.cpio.gz", "--file", self.p("extra.txt") + ":etc/extra:600")
        entries = {n: (f, p) for n, f, p in parse_newc(gzip.decompress(gz))}
        self.assertEqual(entries["bin/busybox"][1], b"\x7fELF busybox")
        self.assertEqual(entries["bin/busybox"][0]["mode"], stat.S_IFREG | 0o755)
        self.assertEqual(entries["bin/memtest"][1], b"\x7fELF memtest")
        for applet in ("sh", "mount", "cat", "echo", "sleep", "ip", "ping", "setsid"):
            self.assertEqual(entries["bin/" + applet], (entries["bin/" + applet][0], b"busybox"))
            self.assertEqual(entries["bin/" + applet][0]["mode"], stat.S_IFLNK | 0o777)
        for applet in ("insmod", "poweroff"):
            self.assertEqual(entries["sbin/" + applet][1], b"../bin/busybox")
        with open(os.path.join(ROOT, "tools/guest/init.sh"), "rb") as f:
            self.assertEqual(entries["init"][1], f.read())
        self.assertEqual(entries["init"][0]["mode"], stat.S_IFREG | 0o755)
        self.assertEqual((entries["dev/console"][0]["rdevmajor"], entries["dev/console"][0]["rdevminor"]), (5, 1))
        self.assertEqual(entries["lib/modules/deps"][1],
                         b"virtio_blk:\nfailover:\nnet_failover:failover\nvirtio_net:net_failover\n")
        for m in ("virtio_blk", "failover", "net_failover", "virtio_net"):
            self.assertIn("lib/modules/%s.ko" % m, entries)
        self.assertEqual(entries["etc/extra"], (entries["etc/extra"][0], b"extra\n"))
        self.assertEqual(entries["etc/extra"][0]["mode"], stat.S_IFREG | 0o600)
        self.assertIn(b"kernel=6.1.0-0-s390x", entries["etc/plxguest"][1])
        self.assertEqual(entries["tmp"][0]["mode"], stat.S_IFDIR | 0o1777)

    def test_reproducible(self):
        self.assertEqual(self.make("a.cpio.gz"), self.make("b.cpio.gz"))

    def test_chosen_modules_only(self):
        gz = self.make("a.cpio.gz", "--module", "virtio_blk")
        names = [n for n, _, _ in parse_newc(gzip.decompress(gz))]
        self.assertEqual([n for n in names if n.endswith(".ko")], ["lib/modules/virtio_blk.ko"])

    def test_missing_input_fails_cleanly(self):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            rc = mk.main(["-q", "-o", self.p("x.gz"), "--busybox", self.p("nosuch")])
        self.assertEqual(rc, 1)
        self.assertIn("mkinitramfs: error:", err.getvalue())
        self.assertIn("nosuch", err.getvalue())
        self.assertFalse(os.path.exists(self.p("x.gz")))


if __name__ == "__main__":
    unittest.main(verbosity=1)
