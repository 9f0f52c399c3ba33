/*
 * Link frames (kernel/link/frame.c): the CRC, the encoder, every verdict of
 * link_frame_check in the order the checks are made, and the byte-stream
 * decoder fed whole, byte by byte and in random pieces, through garbage,
 * damage and headers that claim more than follows.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/link/frame.h"
#include "kernel/lib/cksm.h"

static const enum link_frame_type all_types[] = {
	LINK_FRAME_DATA, LINK_FRAME_HELLO, LINK_FRAME_HEARTBEAT,
	LINK_FRAME_NOOP, LINK_FRAME_ACK, LINK_FRAME_TOKEN,
};
#define NTYPES (sizeof(all_types) / sizeof(all_types[0]))

static uint32_t lf_be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static void lf_put32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v; }

/* Deterministic pseudo-random bytes (xorshift64). */
static uint64_t lf_rng;
static uint64_t lf_next(void)
{
	lf_rng ^= lf_rng << 13;
	lf_rng ^= lf_rng >> 7;
	lf_rng ^= lf_rng << 17;
	return lf_rng;
}

/* A payload of len bytes that never contains 0x50 ('P'), so no frame start hides in it. */
static void lf_fill(uint8_t *p, size_t len, unsigned salt)
{
	for (size_t i = 0; i < len; i++) {
		uint8_t b = (uint8_t)(i * 7 + salt * 31 + (i >> 8));

		p[i] = b == 0x50 ? 0x51 : b;
	}
}

/* Re-seal a header changed by hand so that the checks behind its CRC are reached. */
static void lf_reseal(uint8_t *f)
{
	lf_put32(f + 0x1c, link_crc32(f, 0x1c, 0));
}

static uint8_t *lf_frame(enum link_frame_type type, size_t len, unsigned salt, size_t *size)
{
	uint8_t *payload = malloc(len ? len : 1);
	uint8_t *f = malloc(LINK_FRAME_HDR + len);

	cr_assert(payload && f);
	lf_fill(payload, len, salt);
	*size = link_frame_encode(f, type, 0xc0ffee00U + salt, 1000 + salt, payload, len);
	cr_assert_eq(*size, LINK_FRAME_HDR + len);
	free(payload);
	return f;
}

/* ---- CRC and encoding ------------------------------------------------------------- */

Test(link_frame, crc32_is_the_standard_crc32)
{
	cr_assert_eq(link_crc32("123456789", 9, 0), 0xcbf43926U, "the CRC-32 check value");
	cr_assert_eq(link_crc32("", 0, 0), 0);
	cr_assert_eq(link_crc32("56789", 5, link_crc32("1234", 4, 0)), 0xcbf43926U,
		     "the CRC can be computed in pieces");
}

Test(link_frame, encode_writes_the_documented_layout)
{
	uint8_t f[LINK_FRAME_HDR + 5];
	uint8_t expect[0x1c] = {
		0x50, 0x4c, 0x58, 0x4c, 0x01, 0x05, 0x00, 0x00,   /* magic, version, type ACK, flags */
		0x00, 0x00, 0x00, 0x05,                           /* length */
		0x00, 0x00, 0x00, 0x00,                           /* payload CRC, below */
		0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,   /* seq */
		0x11, 0x22, 0x33, 0x44,                           /* session */
	};

	memset(f, 0xee, sizeof(f));
	cr_assert_eq(link_frame_encode(f, LINK_FRAME_ACK, 0x11223344U, 0x0102030405060708ULL, "hello", 5),
		     LINK_FRAME_HDR + 5);
	/* CHECKSUM of "hell" + "o\0\0\0" with end-around carry. */
	uint64_t sum = 0x68656c6cULL + 0x6f000000ULL;
	uint32_t csum = (uint32_t)(sum + (sum >> 32));
	lf_put32(expect + 0x0c, csum);
	cr_assert_eq(cksm32("hello", 5, 0), csum);
	cr_assert(memcmp(f, expect, sizeof(expect)) == 0, "header bytes 0x00-0x1b");
	cr_assert_eq(lf_be32(f + 0x1c), link_crc32(expect, sizeof(expect), 0), "header CRC");
	cr_assert(memcmp(f + LINK_FRAME_HDR, "hello", 5) == 0, "payload follows the header");
}

Test(link_frame, round_trip_every_type_and_length)
{
	static const size_t lens[] = { 0, 1, 4095, LINK_MAX_PAYLOAD };

	for (size_t t = 0; t < NTYPES; t++) {
		for (size_t l = 0; l < sizeof(lens) / sizeof(lens[0]); l++) {
			size_t len = lens[l], size;
			uint8_t *payload = malloc(len + 1);
			uint8_t *f = lf_frame(all_types[t], len, (unsigned)(t * 4 + l), &size);
			struct link_frame_header h;

			lf_fill(payload, len, (unsigned)(t * 4 + l));
			memset(&h, 0xaa, sizeof(h));
			cr_assert_eq(link_frame_check(f, size, &h), FRAME_GOOD, "type %d len %zu",
				     all_types[t], len);
			cr_assert_leq(size, LINK_MAX_FRAME);
			cr_assert_eq(h.magic, LINK_FRAME_MAGIC);
			cr_assert_eq(h.version, LINK_FRAME_VERSION);
			cr_assert_eq(h.type, all_types[t]);
			cr_assert_eq(h.flags, 0);
			cr_assert_eq(h.length, len);
			cr_assert_eq(h.payload_crc, len ? cksm32(payload, len, 0) : 0);
			cr_assert_eq(h.seq, 1000 + t * 4 + l);
			cr_assert_eq(h.session, 0xc0ffee00U + t * 4 + l);
			cr_assert_eq(h.header_crc, link_crc32(f, 0x1c, 0));
			cr_assert(memcmp(f + LINK_FRAME_HDR, payload, len) == 0);
			cr_assert_eq(link_frame_check(f, size, NULL), FRAME_GOOD, "hdr is optional");
			free(payload);
			free(f);
		}
	}
}

Test(link_frame, encode_in_place_payload)
{
	/* The way link.c sends data: the payload already sits behind the header. */
	uint8_t f[LINK_FRAME_HDR + 300];
	uint8_t copy[300];

	lf_fill(f + LINK_FRAME_HDR, 300, 9);
	memcpy(copy, f + LINK_FRAME_HDR, 300);
	cr_assert_eq(link_frame_encode(f, LINK_FRAME_DATA, 1, 2, f + LINK_FRAME_HDR, 300), sizeof(f));
	cr_assert(memcmp(f + LINK_FRAME_HDR, copy, 300) == 0);
	cr_assert_eq(link_frame_check(f, sizeof(f), NULL), FRAME_GOOD);
}

Test(link_frame, encode_refuses_an_oversized_payload)
{
	size_t room = LINK_FRAME_HDR + LINK_MAX_PAYLOAD + 1;
	uint8_t *f = malloc(room);
	uint8_t *payload = calloc(1, LINK_MAX_PAYLOAD + 1);

	memset(f, 0xee, room);
	cr_assert_eq(link_frame_encode(f, LINK_FRAME_DATA, 1, 1, payload, LINK_MAX_PAYLOAD + 1), 0);
	cr_assert_eq(link_frame_encode(f, LINK_FRAME_DATA, 1, 1, payload, (size_t)-1), 0);
	for (size_t i = 0; i < room; i++)
		cr_assert_eq(f[i], 0xee, "nothing written at %zu", i);
	cr_assert_eq(link_frame_encode(f, LINK_FRAME_DATA, 1, 1, payload, LINK_MAX_PAYLOAD), LINK_MAX_FRAME,
		     "the limit itself is allowed");
	free(payload);
	free(f);
}

/* ---- link_frame_check verdicts ---------------------------------------------------- */

/* Check a damaged copy; the header must only be written for a good frame. */
static enum link_frame_check lf_check(const uint8_t *f, size_t len)
{
	struct link_frame_header h;
	enum link_frame_check rc;

	memset(&h, 0x5a, sizeof(h));
	rc = link_frame_check(f, len, &h);
	if (rc != FRAME_GOOD) {
		const uint8_t *p = (const uint8_t *)&h;

		for (size_t i = 0; i < sizeof(h); i++)
			cr_assert_eq(p[i], 0x5a, "header written for a bad frame (%s)", link_frame_check_name(rc));
	}
	return rc;
}

Test(link_frame, check_short_buffer)
{
	size_t size;
	uint8_t *f = lf_frame(LINK_FRAME_HEARTBEAT, 0, 1, &size);

	cr_assert_eq(lf_check(f, size), FRAME_GOOD);
	cr_assert_eq(lf_check(f, 0), FRAME_SHORT);
	cr_assert_eq(lf_check(f, 1), FRAME_SHORT);
	cr_assert_eq(lf_check(f, LINK_FRAME_HDR - 1), FRAME_SHORT);
	f[0] = 0; /* shortness is found before anything else */
	cr_assert_eq(lf_check(f, LINK_FRAME_HDR - 1), FRAME_SHORT);
	free(f);
}

Test(link_frame, check_payload_shorter_or_longer_than_length)
{
	size_t size;
	uint8_t *f = lf_frame(LINK_FRAME_DATA, 100, 2, &size);
	uint8_t *longer = calloc(1, size + 1);

	cr_assert_eq(lf_check(f, size - 1), FRAME_SHORT);
	cr_assert_eq(lf_check(f, LINK_FRAME_HDR), FRAME_SHORT, "header alone");
	/* The length is compared before the payload checksum. */
	f[size - 1] ^= 0x01;
	cr_assert_eq(lf_check(f, size - 1), FRAME_SHORT);
	f[size - 1] ^= 0x01;
	/* A CTC block must be exactly one frame: extra bytes are refused too (as FRAME_SHORT). */
	memcpy(longer, f, size);
	cr_assert_eq(lf_check(longer, size), FRAME_GOOD);
	cr_assert_eq(lf_check(longer, size + 1), FRAME_SHORT);
	free(longer);
	free(f);
}

Test(link_frame, check_bad_magic)
{
	size_t size;
	uint8_t *f = lf_frame(LINK_FRAME_DATA, 10, 3, &size);

	for (int i = 0; i < 4; i++) {
		f[i] ^= 0x20;
		cr_assert_eq(lf_check(f, size), FRAME_BAD_MAGIC, "byte %d", i);
		lf_reseal(f);
		cr_assert_eq(lf_check(f, size), FRAME_BAD_MAGIC, "even with a good header CRC, byte %d", i);
		f[i] ^= 0x20;
		lf_reseal(f);
	}
	cr_assert_eq(lf_check(f, size), FRAME_GOOD);
	free(f);
}

Test(link_frame, check_header_crc)
{
	size_t size;
	uint8_t *f = lf_frame(LINK_FRAME_DATA, 10, 4, &size);

	/* Every byte after the magic is covered, the CRC field itself included. */
	for (size_t i = 4; i < LINK_FRAME_HDR; i++) {
		f[i] ^= 0x01;
		cr_assert_eq(lf_check(f, size), FRAME_BAD_HEADER_CRC, "byte %zu", i);
		f[i] ^= 0x01;
	}
	cr_assert_eq(lf_check(f, size), FRAME_GOOD);
	free(f);
}

Test(link_frame, check_bad_version)
{
	size_t size;
	uint8_t *f = lf_frame(LINK_FRAME_DATA, 10, 5, &size);

	f[0x04] = LINK_FRAME_VERSION + 1;
	cr_assert_eq(lf_check(f, size), FRAME_BAD_HEADER_CRC, "the header CRC is checked before the version");
	lf_reseal(f);
	cr_assert_eq(lf_check(f, size), FRAME_BAD_VERSION);
	f[0x04] = 0;
	lf_reseal(f);
	cr_assert_eq(lf_check(f, size), FRAME_BAD_VERSION);
	f[0x05] = 0; /* the version is checked before the type */
	lf_reseal(f);
	cr_assert_eq(lf_check(f, size), FRAME_BAD_VERSION);
	free(f);
}

Test(link_frame, check_too_long)
{
	size_t size;
	uint8_t *f = lf_frame(LINK_FRAME_DATA, 0, 6, &size);
	static const uint32_t lens[] = { LINK_MAX_PAYLOAD + 1, 0x7fffffffU, 0xffffffffU };

	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		lf_put32(f + 0x08, lens[i]);
		cr_assert_eq(lf_check(f, size), FRAME_BAD_HEADER_CRC, "length %#x, old CRC", lens[i]);
		lf_reseal(f);
		cr_assert_eq(lf_check(f, size), FRAME_TOO_LONG, "length %#x", lens[i]);
	}
	f[0x05] = 0; /* the length is checked before the type */
	lf_reseal(f);
	cr_assert_eq(lf_check(f, size), FRAME_TOO_LONG);
	free(f);
}

Test(link_frame, check_payload_crc)
{
	size_t size;
	uint8_t *f = lf_frame(LINK_FRAME_DATA, 4095, 7, &size);

	f[LINK_FRAME_HDR] ^= 0x80;
	cr_assert_eq(lf_check(f, size), FRAME_BAD_PAYLOAD_CRC, "first payload byte");
	f[LINK_FRAME_HDR] ^= 0x80;
	f[size - 1] ^= 0x01;
	cr_assert_eq(lf_check(f, size), FRAME_BAD_PAYLOAD_CRC, "last (padded) payload byte");
	f[size - 1] ^= 0x01;
	cr_assert_eq(lf_check(f, size), FRAME_GOOD);
	/* The payload CRC field, changed with the header re-sealed. */
	lf_put32(f + 0x0c, lf_be32(f + 0x0c) + 1);
	lf_reseal(f);
	cr_assert_eq(lf_check(f, size), FRAME_BAD_PAYLOAD_CRC);
	free(f);
}

Test(link_frame, check_unknown_type)
{
	static const unsigned bad[] = { 0, LINK_FRAME_TOKEN + 1, 0x80, 0xff };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint8_t f[LINK_FRAME_HDR + 8];

		/* The encoder does not judge the type; the checker does. */
		cr_assert_eq(link_frame_encode(f, (enum link_frame_type)bad[i], 1, 2, "12345678", 8), sizeof(f));
		cr_assert_eq(lf_check(f, sizeof(f)), FRAME_BAD_TYPE, "type %u", bad[i]);
	}
}

Test(link_frame, check_names_are_distinct)
{
	static const enum link_frame_check codes[] = {
		FRAME_GOOD, FRAME_SHORT, FRAME_BAD_MAGIC, FRAME_BAD_VERSION, FRAME_BAD_HEADER_CRC,
		FRAME_TOO_LONG, FRAME_BAD_PAYLOAD_CRC, FRAME_BAD_TYPE,
	};
	const size_t n = sizeof(codes) / sizeof(codes[0]);
	const char *unknown = link_frame_check_name((enum link_frame_check)-99);

	cr_assert_not_null(unknown);
	for (size_t i = 0; i < n; i++) {
		const char *a = link_frame_check_name(codes[i]);

		cr_assert_not_null(a);
		cr_assert_gt(strlen(a), 0, "code %d", codes[i]);
		cr_assert_str_neq(a, unknown, "code %d has its own name", codes[i]);
		for (size_t j = 0; j < i; j++)
			cr_assert_str_neq(a, link_frame_check_name(codes[j]), "codes %d and %d", codes[i], codes[j]);
	}
}

/* ---- The stream decoder ----------------------------------------------------------- */

#define LF_MAX_SEEN 64

struct lf_seen {
	size_t n;
	struct link_frame_header h[LF_MAX_SEEN];
	uint8_t *payload[LF_MAX_SEEN];
};

static void lf_collect(void *arg, const struct link_frame_header *h, const uint8_t *payload)
{
	struct lf_seen *s = arg;

	cr_assert_lt(s->n, LF_MAX_SEEN);
	s->h[s->n] = *h;
	s->payload[s->n] = malloc(h->length + 1);
	memcpy(s->payload[s->n], payload, h->length);
	s->n++;
}

static void lf_seen_free(struct lf_seen *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->payload[i]);
	s->n = 0;
}

/* A stream under construction, with the frames expected out of it. */
struct lf_stream {
	uint8_t *data;
	size_t len;
	size_t nframes;
	size_t frame_bytes;
	uint8_t *frame[LF_MAX_SEEN];   /* the good frames, as encoded */
	size_t frame_len[LF_MAX_SEEN];
};

static void lf_append(struct lf_stream *s, const void *p, size_t len)
{
	s->data = realloc(s->data, s->len + len + 1);
	memcpy(s->data + s->len, p, len);
	s->len += len;
}

/* Append a good frame (expected to be delivered). */
static void lf_append_frame(struct lf_stream *s, enum link_frame_type type, size_t len)
{
	size_t size;
	uint8_t *f = lf_frame(type, len, (unsigned)s->nframes + 1, &size);

	lf_append(s, f, size);
	s->frame[s->nframes] = f;
	s->frame_len[s->nframes++] = size;
	s->frame_bytes += size;
}

static void lf_stream_free(struct lf_stream *s)
{
	for (size_t i = 0; i < s->nframes; i++)
		free(s->frame[i]);
	free(s->data);
	memset(s, 0, sizeof(*s));
}

/* The delivered frames are exactly the expected ones, in order. */
static void lf_expect(const struct lf_stream *s, const struct lf_seen *seen)
{
	cr_assert_eq(seen->n, s->nframes, "frames delivered");
	for (size_t i = 0; i < s->nframes; i++) {
		struct link_frame_header h;

		cr_assert_eq(link_frame_check(s->frame[i], s->frame_len[i], &h), FRAME_GOOD);
		cr_assert(memcmp(&seen->h[i], &h, sizeof(h)) == 0, "header of frame %zu", i);
		cr_assert(memcmp(seen->payload[i], s->frame[i] + LINK_FRAME_HDR, h.length) == 0,
			  "payload of frame %zu", i);
	}
}

enum lf_mode { LF_WHOLE, LF_BYTES, LF_RANDOM };

static struct link_stream_decoder lf_dec;
static uint8_t lf_dec_buf[LINK_MAX_FRAME];

/* Feed the stream in pieces; every byte is consumed, none is lost or invented. */
static void lf_feed(const struct lf_stream *s, enum lf_mode mode, uint64_t seed, struct lf_seen *seen)
{
	size_t off = 0;

	lf_rng = seed | 1;
	while (off < s->len) {
		size_t n = s->len - off;

		if (mode == LF_BYTES)
			n = 1;
		else if (mode == LF_RANDOM && n > 1)
			n = 1 + lf_next() % (lf_next() % 4 ? 97 : (n < 70000 ? n : 70000));
		if (n > s->len - off)
			n = s->len - off;
		cr_assert_eq(link_stream_feed(&lf_dec, s->data + off, n, lf_collect, seen), n);
		off += n;
		cr_assert_leq(lf_dec.have, LINK_MAX_FRAME);
	}
	cr_assert_eq(lf_dec.frames, seen->n);
	size_t delivered = 0;
	for (size_t i = 0; i < seen->n; i++)
		delivered += LINK_FRAME_HDR + seen->h[i].length;
	cr_assert_eq(delivered + lf_dec.discarded_bytes + lf_dec.have, s->len,
		     "every byte delivered, discarded or still held");
}

/* Run the stream in every feeding mode; returns through the decoder state of the last run. */
static void lf_run_all_modes(const struct lf_stream *s, void (*check)(const struct lf_stream *s))
{
	for (int mode = LF_WHOLE; mode <= LF_RANDOM; mode++) {
		for (uint64_t seed = 1; seed <= (mode == LF_RANDOM ? 8u : 1u); seed++) {
			struct lf_seen seen = { 0 };

			link_stream_init(&lf_dec, lf_dec_buf);
			lf_feed(s, (enum lf_mode)mode, seed * 0x9e3779b97f4a7c15ULL, &seen);
			lf_expect(s, &seen);
			if (check)
				check(s);
			lf_seen_free(&seen);
		}
	}
}

static void lf_clean(const struct lf_stream *s)
{
	cr_assert_eq(lf_dec.bad_frames, 0);
	cr_assert_eq(lf_dec.discarded_bytes, 0);
	cr_assert_eq(lf_dec.have, 0);
	cr_assert_eq(lf_dec.frames, s->nframes);
}

Test(link_stream, init_clears_the_decoder)
{
	memset(&lf_dec, 0xff, sizeof(lf_dec));
	link_stream_init(&lf_dec, lf_dec_buf);
	cr_assert_eq(lf_dec.buf, lf_dec_buf);
	cr_assert_eq(lf_dec.have, 0);
	cr_assert_eq(lf_dec.frames, 0);
	cr_assert_eq(lf_dec.discarded_bytes, 0);
	cr_assert_eq(lf_dec.bad_frames, 0);
}

Test(link_stream, frames_back_to_back)
{
	struct lf_stream s = { 0 };

	for (size_t t = 0; t < NTYPES; t++)
		lf_append_frame(&s, all_types[t], t * 37);
	lf_append_frame(&s, LINK_FRAME_DATA, 1);
	lf_append_frame(&s, LINK_FRAME_DATA, 4095);
	lf_append_frame(&s, LINK_FRAME_DATA, LINK_MAX_PAYLOAD);
	lf_append_frame(&s, LINK_FRAME_HEARTBEAT, 0);
	lf_append_frame(&s, LINK_FRAME_DATA, LINK_MAX_PAYLOAD);
	lf_append_frame(&s, LINK_FRAME_ACK, 16);
	lf_run_all_modes(&s, lf_clean);
	lf_stream_free(&s);
}

Test(link_stream, partial_frame_waits_for_the_rest)
{
	struct lf_stream s = { 0 };
	struct lf_seen seen = { 0 };

	lf_append_frame(&s, LINK_FRAME_DATA, 200);
	link_stream_init(&lf_dec, lf_dec_buf);
	cr_assert_eq(link_stream_feed(&lf_dec, s.data, s.len - 1, lf_collect, &seen), s.len - 1);
	cr_assert_eq(seen.n, 0, "not before its last byte");
	cr_assert_eq(lf_dec.have, s.len - 1);
	cr_assert_eq(link_stream_feed(&lf_dec, s.data + s.len - 1, 1, lf_collect, &seen), 1);
	lf_expect(&s, &seen);
	cr_assert_eq(lf_dec.have, 0);
	cr_assert_eq(link_stream_feed(&lf_dec, s.data, 0, lf_collect, &seen), 0, "an empty feed");
	cr_assert_eq(seen.n, 1);
	lf_seen_free(&seen);
	lf_stream_free(&s);
}

static size_t lf_garbage_bytes;

static void lf_garbage_only(const struct lf_stream *s)
{
	cr_assert_eq(lf_dec.discarded_bytes, lf_garbage_bytes, "exactly the garbage is skipped");
	cr_assert_eq(lf_dec.bad_frames, 0, "garbage without a frame magic is no bad frame");
	cr_assert_eq(lf_dec.have, 0);
	cr_assert_eq(lf_dec.frames, s->nframes);
}

Test(link_stream, garbage_before_and_between_frames_is_skipped)
{
	struct lf_stream s = { 0 };
	/* Near misses of the magic: 'P', "PL", "PLX", "PLXX" and a magic-like prefix backwards. */
	static const char near[] = "xP..PL..PLX..PLXXLXLPPPLP";
	uint8_t junk[300];

	lf_fill(junk, sizeof(junk), 77);
	lf_append(&s, junk, 100);
	lf_append_frame(&s, LINK_FRAME_HELLO, 20);
	lf_append(&s, near, sizeof(near) - 1);
	lf_append_frame(&s, LINK_FRAME_DATA, 4095);
	lf_append(&s, junk, 1);
	lf_append_frame(&s, LINK_FRAME_DATA, 0);
	lf_append(&s, "P", 1); /* a 'P' just before a frame's own "PL" */
	lf_append_frame(&s, LINK_FRAME_ACK, 16);
	lf_append(&s, junk + 100, 200);
	lf_append(&s, "PL", 2);
	lf_append_frame(&s, LINK_FRAME_TOKEN, 0);
	lf_garbage_bytes = s.len - s.frame_bytes;
	lf_run_all_modes(&s, lf_garbage_only);
	lf_stream_free(&s);
}

Test(link_stream, random_garbage_resynchronises)
{
	/* Any byte values, the magic included: every good frame still comes through. */
	for (uint64_t round = 1; round <= 4; round++) {
		struct lf_stream s = { 0 };
		uint8_t junk[512];

		lf_rng = round * 0x2545f4914f6cdd1dULL;
		for (int k = 0; k < 6; k++) {
			size_t n = lf_next() % sizeof(junk);

			for (size_t i = 0; i < n; i++)
				junk[i] = (uint8_t)lf_next();
			if (k == 2 && n >= 4)
				memcpy(junk + n - 4, "PLXL", 4); /* a false magic: a bad frame */
			lf_append(&s, junk, n);
			lf_append_frame(&s, all_types[k % NTYPES], lf_next() % 3000);
		}
		lf_run_all_modes(&s, NULL);
		lf_stream_free(&s);
	}
}

Test(link_stream, trailing_garbage_is_held_or_discarded)
{
	struct lf_stream s = { 0 };
	struct lf_seen seen = { 0 };
	uint8_t junk[10];

	lf_append_frame(&s, LINK_FRAME_DATA, 5);
	lf_fill(junk, sizeof(junk), 3);
	lf_append(&s, junk, sizeof(junk));
	link_stream_init(&lf_dec, lf_dec_buf);
	link_stream_feed(&lf_dec, s.data, s.len, lf_collect, &seen);
	lf_expect(&s, &seen);
	cr_assert_eq(lf_dec.have, sizeof(junk), "fewer bytes than a header are kept for now");
	cr_assert_eq(lf_dec.discarded_bytes, 0);
	lf_seen_free(&seen);
	lf_stream_free(&s);
}

static size_t lf_damaged_bytes;
static uint64_t lf_damaged_count;

static void lf_damaged(const struct lf_stream *s)
{
	cr_assert_eq(lf_dec.bad_frames, lf_damaged_count, "bad frames");
	cr_assert_eq(lf_dec.discarded_bytes, lf_damaged_bytes, "the damaged frame is skipped whole");
	cr_assert_eq(lf_dec.have, 0);
	cr_assert_eq(lf_dec.frames, s->nframes);
}

/* good, damaged, good: the damage is at offset off of a 300-byte-payload frame. */
static void lf_damage_case(size_t off, uint8_t xor, bool reseal, uint64_t bad_expected)
{
	struct lf_stream s = { 0 };
	size_t size;
	uint8_t *bad = lf_frame(LINK_FRAME_DATA, 300, 42, &size);

	bad[off] ^= xor;
	if (reseal)
		lf_reseal(bad);
	lf_append_frame(&s, LINK_FRAME_DATA, 100);
	lf_append(&s, bad, size);
	lf_append_frame(&s, LINK_FRAME_DATA, 100);
	lf_append_frame(&s, LINK_FRAME_HEARTBEAT, 0);
	lf_damaged_bytes = size;
	lf_damaged_count = bad_expected;
	lf_run_all_modes(&s, lf_damaged);
	free(bad);
	lf_stream_free(&s);
}

Test(link_stream, damaged_payload_in_the_middle)
{
	lf_damage_case(LINK_FRAME_HDR + 150, 0x04, false, 1);
}

Test(link_stream, damaged_header_in_the_middle)
{
	lf_damage_case(0x13, 0x01, false, 1);     /* seq: header CRC */
	lf_damage_case(0x04, 0x03, true, 1);      /* version, re-sealed */
	lf_damage_case(0x05, 0x40, true, 1);      /* type, re-sealed */
}

Test(link_stream, damaged_magic_is_garbage_not_a_bad_frame)
{
	/* Without its magic a frame is not recognised at all: skipped, but not counted. */
	lf_damage_case(0x00, 0x01, false, 0);
}

Test(link_stream, truncated_frame_in_the_middle)
{
	/* A frame cut short (its sender restarted): the decoder waits for the length it
	 * claims, finds the payload CRC wrong, and rescans the bytes it had taken. */
	struct lf_stream s = { 0 };
	size_t size;
	uint8_t *cut = lf_frame(LINK_FRAME_DATA, 300, 43, &size);

	lf_append_frame(&s, LINK_FRAME_DATA, 10);
	lf_append(&s, cut, size - 40);
	lf_append_frame(&s, LINK_FRAME_HELLO, 100);
	lf_append_frame(&s, LINK_FRAME_DATA, 10);
	lf_damaged_bytes = size - 40;
	lf_damaged_count = 1;
	lf_run_all_modes(&s, lf_damaged);
	free(cut);
	lf_stream_free(&s);
}

Test(link_stream, huge_length_is_rejected_at_once)
{
	/* A sealed header claiming more than LINK_MAX_PAYLOAD is refused on sight: the
	 * frames after it are delivered without waiting for the bytes it claims. */
	static const uint32_t lens[] = { LINK_MAX_PAYLOAD + 1, 0x10000000U, 0xffffffffU };

	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		struct lf_stream s = { 0 };
		struct lf_seen seen = { 0 };
		size_t size;
		uint8_t *huge = lf_frame(LINK_FRAME_DATA, 0, 44, &size);

		lf_put32(huge + 0x08, lens[i]);
		lf_reseal(huge);
		cr_assert_eq(link_frame_check(huge, size, NULL), FRAME_TOO_LONG);
		lf_append(&s, huge, size);
		lf_append_frame(&s, LINK_FRAME_DATA, 50);
		lf_append_frame(&s, LINK_FRAME_ACK, 16);
		link_stream_init(&lf_dec, lf_dec_buf);
		cr_assert_eq(link_stream_feed(&lf_dec, s.data, s.len, lf_collect, &seen), s.len);
		lf_expect(&s, &seen);
		cr_assert_eq(lf_dec.bad_frames, 1);
		cr_assert_eq(lf_dec.discarded_bytes, size);
		cr_assert_eq(lf_dec.have, 0);
		lf_damaged_bytes = size;
		lf_damaged_count = 1;
		lf_run_all_modes(&s, lf_damaged);
		lf_seen_free(&seen);
		free(huge);
		lf_stream_free(&s);
	}
}

Test(link_stream, maximum_length_header_alone_delays_but_does_not_stall)
{
	/* A sealed header claiming LINK_MAX_PAYLOAD with no payload behind it cannot be
	 * told from a frame still arriving: the frames after it are held until the
	 * claimed length has arrived (LINK_MAX_FRAME bytes from the header), then the
	 * payload CRC fails and they are found and delivered. The delay is bounded. */
	struct lf_stream s = { 0 };
	struct lf_seen seen = { 0 };
	size_t size;
	uint8_t *hdr = lf_frame(LINK_FRAME_DATA, LINK_MAX_PAYLOAD, 45, &size);
	uint8_t *fill = calloc(1, LINK_MAX_FRAME);

	lf_append(&s, hdr, LINK_FRAME_HDR);
	lf_append_frame(&s, LINK_FRAME_DATA, 1000);
	lf_append_frame(&s, LINK_FRAME_HEARTBEAT, 0);
	link_stream_init(&lf_dec, lf_dec_buf);
	cr_assert_eq(link_stream_feed(&lf_dec, s.data, s.len, lf_collect, &seen), s.len);
	cr_assert_eq(seen.n, 0, "held behind the header");
	cr_assert_eq(lf_dec.have, s.len);
	/* Zero filler up to one byte short of the claimed length: still held. */
	size_t missing = LINK_MAX_FRAME - s.len;
	cr_assert_eq(link_stream_feed(&lf_dec, fill, missing - 1, lf_collect, &seen), missing - 1);
	cr_assert_eq(seen.n, 0);
	cr_assert_eq(lf_dec.have, LINK_MAX_FRAME - 1);
	/* The last byte releases them. */
	cr_assert_eq(link_stream_feed(&lf_dec, fill, 1, lf_collect, &seen), 1);
	lf_expect(&s, &seen);
	cr_assert_eq(lf_dec.bad_frames, 1);
	lf_seen_free(&seen);
	/* And a good frame after the filler is decoded normally. */
	struct lf_stream after = { 0 };
	lf_append_frame(&after, LINK_FRAME_TOKEN, 0);
	link_stream_feed(&lf_dec, after.data, after.len, lf_collect, &seen);
	lf_expect(&after, &seen);
	cr_assert_eq(lf_dec.have, 0);
	cr_assert_eq(lf_dec.discarded_bytes, LINK_FRAME_HDR + (missing), "the header and the filler");
	lf_seen_free(&seen);
	lf_stream_free(&after);
	free(fill);
	free(hdr);
	lf_stream_free(&s);
}

Test(link_stream, full_buffer_of_garbage)
{
	/* More than a buffer's worth of bytes in one call, none of them a frame. */
	size_t n = 3 * LINK_MAX_FRAME + 123;
	uint8_t *junk = malloc(n);
	struct lf_seen seen = { 0 };
	struct lf_stream s = { 0 };

	lf_fill(junk, n, 5);
	link_stream_init(&lf_dec, lf_dec_buf);
	cr_assert_eq(link_stream_feed(&lf_dec, junk, n, lf_collect, &seen), n);
	cr_assert_eq(seen.n, 0);
	cr_assert_eq(lf_dec.discarded_bytes + lf_dec.have, n);
	cr_assert_lt(lf_dec.have, LINK_FRAME_HDR);
	lf_append_frame(&s, LINK_FRAME_DATA, LINK_MAX_PAYLOAD);
	cr_assert_eq(link_stream_feed(&lf_dec, s.data, s.len, lf_collect, &seen), s.len);
	lf_expect(&s, &seen);
	lf_seen_free(&seen);
	lf_stream_free(&s);
	free(junk);
}
