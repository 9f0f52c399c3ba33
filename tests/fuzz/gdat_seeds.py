#!/usr/bin/env python3
"""Write the seeds of fuzz_gdat (tests/fuzz/corpus/gdat/): guests with real DAT tables.

Input layout (see tests/fuzz/fuzz_gdat.c): a 64-byte header (PSW mask, CR0, CR1,
CR7, CR13, prefix, facilities, flags, length, logical address, pattern), then the
first bytes of guest storage. Run from the top of the tree.
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "gdat")

DAT, AMODE64, BA = 0x0400000000000000, 0x0000000180000000, 0x0000000080000000
SEC, HOME = 0x0000800000000000, 0x0000C00000000000
CR0_LAP, CR0_EDAT = 0x10000000, 0x00800000
SIZE_SEL = {32768: 3, 65536: 4}   # flags bits 1-3 index the harness's size table
INVALID = 0x20                    # region/segment entry invalid bit


class Guest:
    def __init__(self, size):
        self.size = size
        self.mem = bytearray(size)

    def put(self, addr, value):
        self.mem[addr:addr + 8] = struct.pack(">Q", value)

    def table(self, origin, level, entries=512):
        for i in range(entries):
            self.put(origin + 8 * i, INVALID | level << 2)

    def page_table(self, origin):
        for i in range(256):
            self.put(origin + 8 * i, 0x400)

    def seed(self, name, psw, logical, length, cr0=0, cr1=0, cr7=0, cr13=0, prefix=0,
             facilities=0, pattern=0x5A, used=None):
        flags = SIZE_SEL[self.size] << 1
        hdr = struct.pack(">QQQQQIBBHQQ", psw, cr0, cr1, cr7, cr13, prefix, facilities,
                          flags, length, logical, pattern << 56)
        assert len(hdr) == 64
        body = bytes(self.mem[:used or self.size]).rstrip(b"\0")
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(hdr + body)


def main():
    os.makedirs(OUT, exist_ok=True)

    g = Guest(32768)
    g.mem[0x100:0x120] = bytes(range(32))
    g.seed("dat-off-prefixed", AMODE64, 0x1ff0, 64, prefix=0x4000)
    g.seed("lap-store", AMODE64, 0x1f8, 16, cr0=CR0_LAP)
    g.seed("amode31-wrap", BA, 0x80000ff8, 16)

    # Segment-table space: 0x0-0xffff mapped to frames 0x6000-0x7fff alternately,
    # page 3 invalid, page 4 protected.
    g = Guest(65536)
    g.table(0x1000, 0)
    g.page_table(0x2000)
    g.put(0x1000, 0x2000)
    for i in range(16):
        g.put(0x2000 + 8 * i, 0x6000 + 0x1000 * (i & 1))
    g.put(0x2000 + 8 * 3, 0x400)
    g.put(0x2000 + 8 * 4, 0x6000 | 0x200)
    asce = 0x1000
    g.seed("segment-cross-page", DAT | AMODE64, 0x1ff8, 32, cr1=asce)
    g.seed("segment-invalid-second", DAT | AMODE64, 0x2ff8, 32, cr1=asce)
    g.seed("segment-protected", DAT | AMODE64, 0x4010, 8, cr1=asce)
    g.seed("segment-secondary", DAT | AMODE64 | SEC, 0x1000, 4096, cr7=asce)

    # Region first down to a page: 0x0123456789abc000 -> 0x8000.
    g = Guest(65536)
    v = 0x0123456789ABC000
    g.table(0x1000, 3)
    g.table(0x2000, 2)
    g.table(0x3000, 1)
    g.table(0x4000, 0)
    g.page_table(0x5000)
    idx = [(v >> (20 + 11 * lvl)) & 0x7FF for lvl in range(4)]
    g.put(0x1000 + 8 * idx[3], 0x2000 | 3 << 2 | 3)
    g.put(0x2000 + 8 * idx[2], 0x3000 | 2 << 2 | 3)
    g.put(0x3000 + 8 * idx[1], 0x4000 | 1 << 2 | 3)
    g.put(0x4000 + 8 * idx[0], 0x5000)
    g.put(0x5000 + 8 * ((v >> 12) & 0xFF), 0x8000)
    g.seed("region-first", DAT | AMODE64 | HOME, v + 0x10, 64, cr13=0x1000 | 3 << 2 | 3)

    # EDAT-1: segment 1 is a 1 MiB frame at 0; EDAT-2: region-third entry 1 a 2 GiB frame at 0.
    g = Guest(65536)
    g.table(0x1000, 0)
    g.put(0x1000 + 8, 0x400)
    g.seed("edat1-frame", DAT | AMODE64, 0x100ff8, 16, cr0=CR0_EDAT, cr1=0x1000, facilities=1)
    g = Guest(65536)
    g.table(0x1000, 1)
    g.put(0x1000 + 8, 0x400 | 1 << 2)
    g.seed("edat2-frame", DAT | AMODE64, 0x80000ff8, 16, cr0=CR0_EDAT, cr1=0x1000 | 1 << 2,
           facilities=3)


if __name__ == "__main__":
    main()
