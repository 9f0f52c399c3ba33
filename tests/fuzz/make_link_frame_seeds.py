#!/usr/bin/env python3
"""Write the seed inputs of tests/fuzz/fuzz_link_frame.c into tests/fuzz/corpus/link_frame/.

An input is a control byte, (control & 15) chunk-size bytes, then the stream
(see the top of fuzz_link_frame.c). The seeds are good frames of every type,
streams of frames with garbage and damage between them, and headers claiming
more than follows, so the fuzzer starts from the decoder's deep paths.
"""
import os
import struct
import sys
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "link_frame")

MAGIC, VERSION, HDR, MAX_PAYLOAD = 0x504C584C, 1, 32, 60 * 1024
DATA, HELLO, HEARTBEAT, NOOP, ACK, TOKEN = range(1, 7)


def cksm32(data):
    """z/Architecture CHECKSUM: big-endian fullwords, end-around carry, zero-padded tail."""
    data = data + b"\0" * (-len(data) % 4)
    s = 0
    for (w,) in struct.iter_unpack(">I", data):
        s += w
        if s > 0xFFFFFFFF:
            s = (s & 0xFFFFFFFF) + 1
    return s


def header(ftype, length, pcrc, seq=0, session=0x1234, version=VERSION, flags=0):
    h = struct.pack(">IBBHIIQI", MAGIC, version, ftype, flags, length, pcrc, seq, session)
    return h + struct.pack(">I", zlib.crc32(h))


def frame(ftype, payload=b"", seq=0, session=0x1234, flags=0):
    return header(ftype, len(payload), cksm32(payload) if payload else 0, seq, session,
                  flags=flags) + payload


def seed(stream, chunks=b"", control=0):
    assert len(chunks) <= 15
    return bytes([control | len(chunks)]) + chunks + stream


def main():
    os.makedirs(OUT, exist_ok=True)
    hello = frame(HELLO, b"SYSA\0\0\0\0PLEXVM", session=0xAB)
    data = frame(DATA, bytes(range(256)) * 2, seq=7)
    ack = frame(ACK, struct.pack(">QQ", 0xAB, 7), seq=7)
    damaged = bytearray(frame(DATA, b"payload damaged in transit", seq=8))
    damaged[HDR + 3] ^= 0x10
    seeds = {
        "heartbeat": seed(frame(HEARTBEAT)),
        "hello": seed(hello),
        "data": seed(data),
        "token-flags": seed(frame(TOKEN, seq=1, flags=0x8001)),
        "every-type": seed(b"".join(frame(t, bytes([t]) * t, seq=t) for t in range(1, 7)),
                           chunks=bytes([0, 6, 30, 200])),
        "garbage-between": seed(b"junkPLPLX" + hello + b"P" + data + b"\xff" * 40 + ack,
                                chunks=bytes([3, 0x80])),
        "damaged-middle": seed(hello + bytes(damaged) + ack, chunks=bytes([31])),
        "truncated-middle": seed(hello + data[:-40] + ack + frame(NOOP)),
        "bad-version": seed(header(DATA, 0, 0, version=2) + frame(HEARTBEAT)),
        "bad-type": seed(frame(9, b"x") + frame(HEARTBEAT)),
        "too-long": seed(header(DATA, 0xFFFFFFFF, 0) + ack, chunks=bytes([0])),
        # A header claiming the maximum with no payload, then frames, fed 29 times over:
        # more than the decoder's buffer.
        "max-claim-repeated": seed(header(DATA, MAX_PAYLOAD, 0) + ack + frame(DATA, bytes(2100))
                                   + hello, control=0xE0),
        # Unsealed headers and payloads: the repaired pass seals them.
        "needs-repair": seed(header(DATA, 8, 0)[:28] + b"\0\0\0\0" + b"ABCDEFGH"
                             + header(ACK, 0, 0)[:28] + b"\0\0\0\0", control=0x10),
    }
    for name, blob in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(blob)
    print(f"{len(seeds)} seeds in {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
