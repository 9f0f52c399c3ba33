/* Link frame encoding, checking and stream decoding (see frame.h). */
#include "kernel/link/frame.h"
#include "kernel/lib/cksm.h"
#include <string.h>

static uint32_t crc_table[256];
static bool crc_ready;

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320U ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
	crc_ready = true;
}

uint32_t link_crc32(const void *buf, size_t len, uint32_t crc)
{
	const uint8_t *p = buf;

	if (!crc_ready)
		crc_init();
	crc = ~crc;
	while (len--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* Big-endian field access: frames travel between machines of the same byte order,
 * but the host build (tests) must produce the same bytes. */
static void put32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v; }
static uint32_t get32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static void put64(uint8_t *p, uint64_t v) { put32(p, (uint32_t)(v >> 32)); put32(p + 4, (uint32_t)v); }
static uint64_t get64(const uint8_t *p) { return (uint64_t)get32(p) << 32 | get32(p + 4); }

size_t link_frame_encode(void *out, enum link_frame_type type, uint32_t session, uint64_t seq,
			 const void *payload, size_t len)
{
	uint8_t *h = out;

	if (len > LINK_MAX_PAYLOAD)
		return 0;
	memset(h, 0, LINK_FRAME_HDR);
	put32(h + 0x00, LINK_FRAME_MAGIC);
	h[0x04] = LINK_FRAME_VERSION;
	h[0x05] = (uint8_t)type;
	put32(h + 0x08, (uint32_t)len);
	put32(h + 0x0c, len ? cksm32(payload, len, 0) : 0);
	put64(h + 0x10, seq);
	put32(h + 0x18, session);
	put32(h + 0x1c, link_crc32(h, 0x1c, 0));
	if (len && payload != h + LINK_FRAME_HDR)
		memmove(h + LINK_FRAME_HDR, payload, len);
	return LINK_FRAME_HDR + len;
}

/* Check a header only; fills the decoded header on success. */
static enum link_frame_check check_header(const uint8_t *p, size_t len, struct link_frame_header *h)
{
	if (len < LINK_FRAME_HDR)
		return FRAME_SHORT;
	if (get32(p) != LINK_FRAME_MAGIC)
		return FRAME_BAD_MAGIC;
	if (get32(p + 0x1c) != link_crc32(p, 0x1c, 0))
		return FRAME_BAD_HEADER_CRC;
	if (p[0x04] != LINK_FRAME_VERSION)
		return FRAME_BAD_VERSION;
	h->magic = LINK_FRAME_MAGIC;
	h->version = p[0x04];
	h->type = p[0x05];
	h->flags = (uint16_t)(p[0x06] << 8 | p[0x07]);
	h->length = get32(p + 0x08);
	h->payload_crc = get32(p + 0x0c);
	h->seq = get64(p + 0x10);
	h->session = get32(p + 0x18);
	h->header_crc = get32(p + 0x1c);
	if (h->length > LINK_MAX_PAYLOAD)
		return FRAME_TOO_LONG;
	if (h->type < LINK_FRAME_DATA || h->type > LINK_FRAME_TOKEN)
		return FRAME_BAD_TYPE;
	return FRAME_GOOD;
}

enum link_frame_check link_frame_check(const void *buf, size_t len, struct link_frame_header *hdr)
{
	const uint8_t *p = buf;
	struct link_frame_header h;
	enum link_frame_check rc = check_header(p, len, &h);

	if (rc != FRAME_GOOD)
		return rc;
	if (len != LINK_FRAME_HDR + h.length)
		return FRAME_SHORT;
	if (h.length && cksm32(p + LINK_FRAME_HDR, h.length, 0) != h.payload_crc)
		return FRAME_BAD_PAYLOAD_CRC;
	if (hdr)
		*hdr = h;
	return FRAME_GOOD;
}

const char *link_frame_check_name(enum link_frame_check c)
{
	switch (c) {
	case FRAME_GOOD: return "good";
	case FRAME_SHORT: return "truncated";
	case FRAME_BAD_MAGIC: return "bad magic";
	case FRAME_BAD_VERSION: return "unsupported version";
	case FRAME_BAD_HEADER_CRC: return "header checksum";
	case FRAME_TOO_LONG: return "too long";
	case FRAME_BAD_PAYLOAD_CRC: return "payload checksum";
	case FRAME_BAD_TYPE: return "unknown type";
	}
	return "?";
}

void link_stream_init(struct link_stream_decoder *d, uint8_t *buf)
{
	memset(d, 0, sizeof(*d));
	d->buf = buf;
}

/* Drop n bytes from the front of the buffer. */
static void shift(struct link_stream_decoder *d, size_t n)
{
	memmove(d->buf, d->buf + n, d->have - n);
	d->have -= n;
}

size_t link_stream_feed(struct link_stream_decoder *d, const void *data, size_t len,
			void (*fn)(void *arg, const struct link_frame_header *h, const uint8_t *payload),
			void *arg)
{
	const uint8_t *in = data;
	size_t consumed = 0;

	while (consumed < len) {
		size_t take = MIN(len - consumed, (size_t)LINK_MAX_FRAME - d->have);

		memcpy(d->buf + d->have, in + consumed, take);
		d->have += take;
		consumed += take;
		/*
		 * Extract every complete frame now in the buffer, reading from off and
		 * moving what is left down once at the end (so garbage costs linear time).
		 */
		size_t off = 0;

		for (;;) {
			struct link_frame_header h;
			enum link_frame_check rc;
			const uint8_t *p = d->buf + off;
			size_t have = d->have - off;

			if (have < LINK_FRAME_HDR)
				break;
			rc = check_header(p, have, &h);
			if (rc != FRAME_GOOD) {
				/* Not a frame start: skip to the next possible magic. */
				size_t skip = 1;

				while (skip < have && !(p[skip] == 0x50 && (skip + 1 >= have || p[skip + 1] == 0x4c)))
					skip++;
				d->discarded_bytes += skip;
				if (rc != FRAME_BAD_MAGIC)
					d->bad_frames++;
				off += skip;
				continue;
			}
			if (have < LINK_FRAME_HDR + h.length)
				break;
			if (h.length && cksm32(p + LINK_FRAME_HDR, h.length, 0) != h.payload_crc) {
				d->bad_frames++;
				d->discarded_bytes += 1;
				off += 1;
				continue;
			}
			d->frames++;
			fn(arg, &h, p + LINK_FRAME_HDR);
			off += LINK_FRAME_HDR + h.length;
		}
		shift(d, off);
	}
	return consumed;
}
