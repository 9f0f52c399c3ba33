#!/usr/bin/env python3
"""Write the seed inputs of tests/fuzz/fuzz_vring.c into tests/fuzz/corpus/vring/.

Each seed is a well-formed guest: queue places, ring contents and requests
that the devices accept, so the fuzzer starts from the deep paths (block
reads and writes, indirect tables, frames across the switch) in both byte
orders, plus one looping chain. The input format is described at the top of
fuzz_vring.c.
"""
import os
import struct
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "vring")

NEXT, WRITE, INDIRECT = 1, 2, 4
T_IN, T_OUT, T_FLUSH, T_GET_ID = 0, 1, 4, 8

# Queue places for virtio 1.0 (8 entries each) and legacy (256 entries, 4 KiB aligned).
MODERN_Q = [(0x1000, 0x1400, 0x1800), (0x2000, 0x2400, 0x2800), (0x3000, 0x3400, 0x3800),
            (0x4000, 0x4400, 0x4800), (0x5000, 0x5400, 0x5800)]
LEGACY_Q = [0x1000, 0x4000, 0x7000, 0xa000, 0xd000]


class Guest:
    def __init__(self, modern):
        self.modern = modern
        self.le = modern
        self.chunks = []            # (offset, bytes)
        self.avail_idx = [0] * 5
        self.ops = b""
        # Storage not taken by rings (the indicators are at 0xff00).
        if modern:
            self.free = [[0x6000, 0xff00]]
        else:
            self.free = [[0x0000, 0x1000]]
            for base in LEGACY_Q:
                self.free += [[base + 0x1208, base + 0x2000], [base + 0x2808, base + 0x3000]]

    def alloc(self, size, align=8):
        for region in self.free:
            at = (region[0] + align - 1) & ~(align - 1)
            if at + size <= region[1]:
                region[0] = at + size
                return at
        raise ValueError("seed storage exhausted")

    def u16(self, v):
        return struct.pack("<H" if self.le else ">H", v)

    def u32(self, v):
        return struct.pack("<I" if self.le else ">I", v)

    def u64(self, v):
        return struct.pack("<Q" if self.le else ">Q", v)

    def poke(self, off, data):
        self.chunks.append((off, bytes(data)))

    def areas(self, q):
        if self.modern:
            return MODERN_Q[q] + (8,)
        desc = LEGACY_Q[q]
        avail = desc + 16 * 256
        used = (avail + 6 + 2 * 256 + 4095) & ~4095
        return desc, avail, used, 256

    def desc(self, q, i, addr, length, flags, nxt=0, table=None):
        base = table if table is not None else self.areas(q)[0]
        self.poke(base + 16 * i, self.u64(addr) + self.u32(length) + self.u16(flags) + self.u16(nxt))

    def publish(self, q, head):
        _, avail, _, num = self.areas(q)
        self.poke(avail + 4 + 2 * (self.avail_idx[q] % num), self.u16(head))
        self.avail_idx[q] += 1
        self.poke(avail + 2, self.u16(self.avail_idx[q]))

    def blk_header(self, at, typ, sector):
        self.poke(at, self.u32(typ) + self.u32(0) + self.u64(sector))

    def notify(self, dev, queue):
        self.ops += bytes([dev, queue])

    def encode(self, flags=0):
        out = bytes([flags | (1 if self.modern else 0)])
        for q in range(5):
            if self.modern:
                d, a, u = MODERN_Q[q]
                out += struct.pack(">HHHBB", d, a, u, 3, 0)
            else:
                out += struct.pack(">HHHBB", LEGACY_Q[q], 0, 0, 8, 0)
        pieces = []
        for off, data in self.chunks:
            for i in range(0, len(data), 255):
                pieces.append((off + i, data[i:i + 255]))
        assert len(pieces) < 256
        out += bytes([len(pieces)])
        for off, data in pieces:
            out += struct.pack(">HB", off, len(data)) + data
        return out + self.ops


def blk_write_read(modern):
    g = Guest(modern)
    hdr, data, st = g.alloc(16), g.alloc(1024), g.alloc(2)
    g.blk_header(hdr, T_OUT, 2)
    g.poke(data, bytes((i * 7) & 0xff for i in range(1024)))
    g.desc(0, 0, hdr, 16, NEXT, 1)
    g.desc(0, 1, data, 1024, NEXT, 2)
    g.desc(0, 2, st, 1, WRITE)
    g.publish(0, 0)
    hdr, data = g.alloc(16), g.alloc(1024)
    g.blk_header(hdr, T_IN, 2)
    g.desc(0, 3, hdr, 16, NEXT, 4)
    g.desc(0, 4, data, 1024, WRITE | NEXT, 5)
    g.desc(0, 5, st + 1, 1, WRITE)
    g.publish(0, 3)
    hdr, data = g.alloc(16), g.alloc(21)
    g.blk_header(hdr, T_GET_ID, 0)
    g.desc(0, 6, hdr, 16, NEXT, 7)
    g.desc(0, 7, data, 21, WRITE)
    g.publish(0, 6)
    g.notify(0, 0)
    return g.encode()


def blk_indirect():
    g = Guest(True)
    hdr, data, st, table = g.alloc(16), g.alloc(2048), g.alloc(2), g.alloc(48, 16)
    g.blk_header(hdr, T_IN, 8)
    g.desc(0, 0, hdr, 16, NEXT, 1, table)
    g.desc(0, 1, data, 2048, WRITE | NEXT, 2, table)
    g.desc(0, 2, st, 1, WRITE, 0, table)
    g.desc(0, 0, table, 48, INDIRECT)
    g.publish(0, 0)
    hdr = g.alloc(16)
    g.blk_header(hdr, T_FLUSH, 0)
    g.desc(0, 1, hdr, 16, NEXT, 2)
    g.desc(0, 2, st + 1, 1, WRITE)
    g.publish(0, 1)
    g.notify(0, 0)
    return g.encode()


def net_exchange(modern):
    g = Guest(modern)
    hl = 12 if modern else 10
    # B (queues 3, 4) posts two receive buffers, A (queues 1, 2) one.
    for q, i in ((3, 0), (3, 1), (1, 0)):
        g.desc(q, i, g.alloc(hl + 1518), hl + 1518, WRITE)
        g.publish(q, i)
    arp = bytes([0xff] * 6) + bytes([2, 0, 0, 0, 0, 0xa]) + b"\x08\x06" + bytes(28)
    reply = bytes([2, 0, 0, 0, 0, 0xa]) + bytes([2, 0, 0, 0, 0, 0xb]) + b"\x08\x06" + bytes(28)
    tx = g.alloc(hl + len(arp))
    g.poke(tx, bytes(hl) + arp)
    g.desc(2, 0, tx, hl, NEXT, 1)
    g.desc(2, 1, tx + hl, len(arp), 0)
    g.publish(2, 0)
    tx = g.alloc(hl + len(reply))
    g.poke(tx, bytes(hl) + reply)
    g.desc(4, 0, tx, hl + len(reply), 0)
    g.publish(4, 0)
    g.notify(1, 1)        # A transmits the broadcast
    g.notify(2, 1)        # B answers
    g.ops += bytes([7, 1]) + struct.pack(">H", len(reply)) + reply   # a frame from the switch side
    return g.encode()


def looping_chain():
    g = Guest(True)
    g.desc(0, 0, g.alloc(16), 16, NEXT, 1)
    g.desc(0, 1, g.alloc(16), 16, NEXT, 0)
    g.publish(0, 0)
    g.notify(0, 0)
    g.ops += bytes([6, 0])          # bring it up again
    g.notify(0, 0)
    return g.encode()


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = {
        "blk-modern": blk_write_read(True),
        "blk-legacy": blk_write_read(False),
        "blk-indirect": blk_indirect(),
        "net-modern": net_exchange(True),
        "net-legacy": net_exchange(False),
        "loop": looping_chain(),
    }
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print("wrote %d seeds to %s" % (len(seeds), OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
