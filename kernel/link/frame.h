/*
 * Link frames: how one message travels over a channel-to-channel device or a
 * byte stream. A frame is a 32-byte header (magic, version, type, payload
 * length, sequence number, checksums) and the payload. On a CTC one frame is
 * one write; on a byte stream (virtconsole) frames follow each other and the
 * decoder finds them by magic and checksums, resynchronising after damage.
 * Hardware-free; unit-tested and fuzzed on the host.
 */
#ifndef PLEXVM_KERNEL_LINK_FRAME_H
#define PLEXVM_KERNEL_LINK_FRAME_H

#include "kernel/compiler.h"

#define LINK_FRAME_MAGIC   0x504c584cU  /* "PLXL" */
#define LINK_FRAME_VERSION 1
#define LINK_MAX_PAYLOAD   (60 * 1024)
#define LINK_FRAME_HDR     32
#define LINK_MAX_FRAME     (LINK_FRAME_HDR + LINK_MAX_PAYLOAD)

enum link_frame_type {
	LINK_FRAME_DATA = 1,       /* a message for the layer above */
	LINK_FRAME_HELLO = 2,      /* channel start-up: sender's identity in the payload */
	LINK_FRAME_HEARTBEAT = 3,  /* keeps an idle channel proven alive */
	LINK_FRAME_NOOP = 4,       /* handshake filler (e.g. to turn a CTC around) */
	LINK_FRAME_ACK = 5,        /* seq = the last message delivered */
	LINK_FRAME_TOKEN = 6,      /* the right to write on a shared half-duplex channel passes over */
};

struct link_frame_header {
	uint32_t magic;            /* 0x00 LINK_FRAME_MAGIC */
	uint8_t version;           /* 0x04 */
	uint8_t type;              /* 0x05 enum link_frame_type */
	uint16_t flags;            /* 0x06 */
	uint32_t length;           /* 0x08 payload bytes */
	uint32_t payload_crc;      /* 0x0c CHECKSUM (cksm32) of the payload */
	uint64_t seq;              /* 0x10 message sequence number (DATA) */
	uint32_t session;          /* 0x18 sender's link session (low 32 bits) */
	uint32_t header_crc;       /* 0x1c CRC-32 of bytes 0x00-0x1b */
} __packed;
_Static_assert(sizeof(struct link_frame_header) == LINK_FRAME_HDR, "frame header");

uint32_t link_crc32(const void *buf, size_t len, uint32_t crc);

/* Encode a frame into out (room for LINK_FRAME_HDR + len); returns its size or 0. */
size_t link_frame_encode(void *out, enum link_frame_type type, uint32_t session, uint64_t seq,
			 const void *payload, size_t len);

enum link_frame_check {
	FRAME_GOOD = 0,
	FRAME_SHORT = -1,          /* fewer bytes than a header / than the length says */
	FRAME_BAD_MAGIC = -2,
	FRAME_BAD_VERSION = -3,
	FRAME_BAD_HEADER_CRC = -4,
	FRAME_TOO_LONG = -5,
	FRAME_BAD_PAYLOAD_CRC = -6,
	FRAME_BAD_TYPE = -7,
};

/* Validate a frame of exactly len bytes (a CTC block); on success *hdr is its decoded header. */
enum link_frame_check link_frame_check(const void *buf, size_t len, struct link_frame_header *hdr);
const char *link_frame_check_name(enum link_frame_check c);

/* Byte-stream decoder. */
struct link_stream_decoder {
	uint8_t *buf;              /* LINK_MAX_FRAME bytes, provided by the owner */
	size_t have;
	uint64_t frames;
	uint64_t discarded_bytes;  /* skipped while resynchronising */
	uint64_t bad_frames;
};

void link_stream_init(struct link_stream_decoder *d, uint8_t *buf);
/*
 * Feed bytes; for every complete good frame call fn(arg, header, payload).
 * Returns the number of bytes consumed (always all of them).
 */
size_t link_stream_feed(struct link_stream_decoder *d, const void *data, size_t len,
			void (*fn)(void *arg, const struct link_frame_header *h, const uint8_t *payload),
			void *arg);

#endif
