/*
 * libFuzzer: link frames (kernel/link/frame.c) from a hostile or broken peer.
 *
 * Input: a control byte, then (control & 15) chunk-size bytes, then the stream.
 *   control bit 4: in the repaired pass, also set the payload checksum of every
 *                  frame that fits (so that whole frames get delivered);
 *   control bits 5-7: the stream is fed 1 + 4 * n times over (up to 29 copies,
 *                  so the decoder's buffer fills and frames span its refills).
 * A chunk-size byte b feeds 1 + b bytes (b < 0xf0) or (b - 0xef) * 8 KiB; 0xff
 * in the first chunk byte feeds nothing (an empty feed) then carries on.
 *
 * The stream is checked as one CTC block (link_frame_check), then decoded twice:
 * in one call and in the chunks above. Then the same again on a repaired copy in
 * which every header found by its magic has its header CRC set (and, with bit 4,
 * its payload checksum), so the checks behind the CRC are reached.
 *
 * Invariants: link_frame_check on a good frame gives the length the buffer has,
 * a known type and a header that re-encodes to the same bytes (flags aside);
 * every delivered frame has a payload of at most LINK_MAX_PAYLOAD lying inside the
 * decoder's buffer, re-checks FRAME_GOOD in place and re-encoded, and is at most
 * LINK_MAX_FRAME; every call consumes all it is given; every byte fed is delivered,
 * discarded or still held (less than LINK_MAX_FRAME); and how the bytes are cut
 * up changes nothing: the same frames in the same order, the same bad-frame count.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/link/frame.h"
#include "kernel/lib/cksm.h"

static uint8_t dec_buf[LINK_MAX_FRAME];
static uint8_t reencoded[LINK_MAX_FRAME];

struct tally {
	struct link_stream_decoder *d;
	uint64_t frames;
	uint64_t bytes;
	uint64_t hash;
};

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n--)
		h = (h ^ *b++) * 0x100000001b3ULL;
	return h;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A good header h for the payload: it re-encodes to a frame that checks good and the same. */
static void must_reencode(const struct link_frame_header *h, const uint8_t *payload, const uint8_t *orig)
{
	struct link_frame_header h2;
	size_t n;

	if (h->length > LINK_MAX_PAYLOAD || h->magic != LINK_FRAME_MAGIC || h->version != LINK_FRAME_VERSION ||
	    h->type < LINK_FRAME_DATA || h->type > LINK_FRAME_TOKEN)
		__builtin_trap();
	n = link_frame_encode(reencoded, (enum link_frame_type)h->type, h->session, h->seq, payload, h->length);
	if (n != LINK_FRAME_HDR + h->length || n > LINK_MAX_FRAME)
		__builtin_trap();
	if (link_frame_check(reencoded, n, &h2) != FRAME_GOOD)
		__builtin_trap();
	if (h2.type != h->type || h2.length != h->length || h2.seq != h->seq || h2.session != h->session ||
	    h2.payload_crc != (h->length ? h->payload_crc : 0) || h2.flags != 0)
		__builtin_trap();
	if (memcmp(reencoded + LINK_FRAME_HDR, payload, h->length) != 0)
		__builtin_trap();
	/* The encoder writes zero flags and, with no payload, a zero payload CRC: otherwise byte-identical. */
	if (h->flags == 0 && (h->length || h->payload_crc == 0) && memcmp(reencoded, orig, n) != 0)
		__builtin_trap();
}

static void on_frame(void *arg, const struct link_frame_header *h, const uint8_t *payload)
{
	struct tally *t = arg;
	const uint8_t *frame = payload - LINK_FRAME_HDR;
	struct link_frame_header h2;
	uint8_t fields[24];

	if (h->length > LINK_MAX_PAYLOAD)
		__builtin_trap();
	/* The frame lies inside what the decoder holds. */
	if (frame < t->d->buf || (size_t)(frame - t->d->buf) + LINK_FRAME_HDR + h->length > t->d->have)
		__builtin_trap();
	if (link_frame_check(frame, LINK_FRAME_HDR + h->length, &h2) != FRAME_GOOD ||
	    memcmp(&h2, h, sizeof(h2)) != 0)
		__builtin_trap();
	must_reencode(h, payload, frame);
	t->frames++;
	t->bytes += LINK_FRAME_HDR + h->length;
	fields[0] = h->type;
	fields[1] = (uint8_t)(h->flags >> 8);
	fields[2] = (uint8_t)h->flags;
	fields[3] = 0;
	put32(fields + 4, h->length);
	put32(fields + 8, h->payload_crc);
	put32(fields + 12, (uint32_t)(h->seq >> 32));
	put32(fields + 16, (uint32_t)h->seq);
	put32(fields + 20, h->session);
	t->hash = fnv(t->hash, fields, sizeof(fields));
	t->hash = fnv(t->hash, payload, h->length);
}

/* The decoder state after a pass; what must not depend on the chunking. */
struct outcome {
	uint64_t frames;
	uint64_t bad_frames;
	uint64_t unconsumed;   /* discarded + still held */
	uint64_t hash;
};

static void finish(struct link_stream_decoder *d, struct tally *t, size_t fed, struct outcome *o)
{
	if (d->have >= LINK_MAX_FRAME || d->frames != t->frames)
		__builtin_trap();
	if (t->bytes + d->discarded_bytes + d->have != fed)
		__builtin_trap();
	o->frames = d->frames;
	o->bad_frames = d->bad_frames;
	o->unconsumed = d->discarded_bytes + d->have;
	o->hash = t->hash;
}

static void feed(struct link_stream_decoder *d, struct tally *t, const uint8_t *p, size_t n)
{
	if (link_stream_feed(d, p, n, on_frame, t) != n)
		__builtin_trap();
	if (d->have >= LINK_MAX_FRAME)
		__builtin_trap();
}

/* The stream (reps copies of s) in one call. */
static void decode_whole(const uint8_t *s, size_t n, unsigned reps, struct outcome *o)
{
	struct link_stream_decoder d;
	struct tally t = { &d, 0, 0, 0xcbf29ce484222325ULL };
	uint8_t *all = malloc(n * reps + 1);

	for (unsigned r = 0; r < reps; r++)
		memcpy(all + (size_t)r * n, s, n);
	link_stream_init(&d, dec_buf);
	feed(&d, &t, all, n * reps);
	finish(&d, &t, n * reps, o);
	free(all);
}

/* The stream (reps copies of s) in chunks whose sizes come from the input. */
static void decode_chunked(const uint8_t *s, size_t n, unsigned reps, const uint8_t *sizes,
			   size_t nsizes, struct outcome *o)
{
	struct link_stream_decoder d;
	struct tally t = { &d, 0, 0, 0xcbf29ce484222325ULL };
	size_t k = 0;

	link_stream_init(&d, dec_buf);
	if (nsizes && sizes[0] == 0xff)
		feed(&d, &t, s, 0);
	for (unsigned r = 0; r < reps; r++) {
		size_t off = 0;

		while (off < n) {
			size_t c = n - off;

			if (nsizes) {
				uint8_t b = sizes[k++ % nsizes];

				c = b < 0xf0 ? 1u + b : (size_t)(b - 0xef) * 8192;
				if (c > n - off)
					c = n - off;
			}
			/* An exact-size copy of the chunk: reads past it are caught. */
			uint8_t *chunk = malloc(c);
			memcpy(chunk, s + off, c);
			feed(&d, &t, chunk, c);
			free(chunk);
			off += c;
		}
	}
	finish(&d, &t, n * reps, o);
}

static void check_block(const uint8_t *s, size_t n)
{
	struct link_frame_header h;
	enum link_frame_check rc = link_frame_check(s, n, &h);
	const char *name = link_frame_check_name(rc);

	if (!name || !*name || name[0] == '?')
		__builtin_trap();
	if (rc == FRAME_GOOD) {
		if (n != LINK_FRAME_HDR + (size_t)h.length)
			__builtin_trap();
		must_reencode(&h, s + LINK_FRAME_HDR, s);
	} else if (rc < FRAME_BAD_TYPE || rc > FRAME_GOOD) {
		__builtin_trap();
	}
	/* The header alone, when the frame has a payload, is short. */
	if (rc == FRAME_GOOD && h.length && link_frame_check(s, LINK_FRAME_HDR, NULL) != FRAME_SHORT)
		__builtin_trap();
}

static void passes(const uint8_t *s, size_t n, unsigned reps, const uint8_t *sizes, size_t nsizes)
{
	struct outcome whole, chunked;

	check_block(s, n);
	decode_whole(s, n, reps, &whole);
	decode_chunked(s, n, reps, sizes, nsizes, &chunked);
	if (whole.frames != chunked.frames || whole.bad_frames != chunked.bad_frames ||
	    whole.unconsumed != chunked.unconsumed || whole.hash != chunked.hash)
		__builtin_trap();
}

/* Seal every header found by its magic; with fix_payload also each payload that fits. */
static void repair(uint8_t *s, size_t n, bool fix_payload)
{
	size_t i = 0;

	while (i + LINK_FRAME_HDR <= n) {
		if (get32(s + i) != LINK_FRAME_MAGIC) {
			i++;
			continue;
		}
		uint32_t len = get32(s + i + 0x08);
		bool fits = len <= LINK_MAX_PAYLOAD && len <= n - i - LINK_FRAME_HDR;

		if (fix_payload && fits)
			put32(s + i + 0x0c, len ? cksm32(s + i + LINK_FRAME_HDR, len, 0) : 0);
		put32(s + i + 0x1c, link_crc32(s + i, 0x1c, 0));
		i += fix_payload && fits ? LINK_FRAME_HDR + len : 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t control = data[0];
	size_t nsizes = control & 15;

	if (size < 1 + nsizes)
		return 0;
	const uint8_t *sizes = data + 1;
	const uint8_t *s = data + 1 + nsizes;
	size_t n = size - 1 - nsizes;
	unsigned reps = 1 + 4 * (control >> 5);

	if (n == 0)
		reps = 1;
	/* An exact-size copy of the stream, so that link_frame_check cannot read past it unseen. */
	uint8_t *copy = malloc(n ? n : 1);

	memcpy(copy, s, n);
	passes(copy, n, reps, sizes, nsizes);
	repair(copy, n, control & 0x10);
	passes(copy, n, reps, sizes, nsizes);
	free(copy);
	return 0;
}
