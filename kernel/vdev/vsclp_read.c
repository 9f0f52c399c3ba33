/*
 * READ EVENT DATA: hand the guest the events it selected, as many as fit.
 *
 * Function code 0x00 reads what the guest's receive mask enables; 0x01 (selective
 * read) takes a mask of the negotiated length at offset 8, which must be within
 * the receive mask (else 0x70f0). Events, in this order:
 *   signal quiesce (0x1d);
 *   console input as VT220 (0x1a) when the guest enabled it: a session byte 0x00
 *     and the queued bytes, each line followed by '\n', as many as fit;
 *   else as operator commands (0x01), one event per line:
 *     MDS-MU 0x1310 > CP-MSU 0x1212 > text command 0x1320 > self-defining text
 *     message 0x31 > text 0x30, EBCDIC, every '%' doubled (Linux's sclp_tty
 *     takes a single '%' as a case toggle). A text subvector holds at most 251
 *     bytes, so a longer line goes in several, each but the last ending in
 *     EBCDIC 0x5f 'n' - "^n" in CP500, "\252n" after CP037 - which tells Linux
 *     to add no newline after it.
 * Response 0x0020 with events, 0x60f0 without, 0x0300 when events are waiting
 * but the first does not fit. With a variable-length response requested
 * (control mask byte 2, 0x80) the SCCB length becomes the length used and the
 * bit is reset; the rest of the SCCB is zeroed either way (Linux stops at an
 * event of length 0).
 */
#include "kernel/vdev/vsclp_internal.h"
#include "arch/s390x/ebcdic.h"
#include <string.h>

#define HDR          sizeof(struct vsclp_sccb_header)
#define EVBUF_HDR    sizeof(struct vsclp_evbuf_header)
#define VEC_HDR      sizeof(struct vsclp_gds_vector)
#define SUBVEC_HDR   sizeof(struct vsclp_gds_subvector)
#define TEXT_MAX     (255 - 2 * SUBVEC_HDR)  /* text in one 0x31 > 0x30 pair */
#define NOTE_BYTES   2                         /* the "no newline" suffix */
#define E_PERCENT    0x6c
#define E_NOT_SIGN   0x5f
#define E_N          0x95

struct reader {
	struct vsclp *s;
	uint8_t *sccb;
	size_t n;       /* SCCB bytes */
	size_t pos;     /* next free byte */
	bool wanted;    /* an event was waiting but did not fit */
};

static void put_evbuf_header(uint8_t *p, size_t len, uint8_t type)
{
	memset(p, 0, EVBUF_HDR);
	gmem_put16(p + VSCLP_OFF(vsclp_evbuf_header, length), (uint16_t)len);
	p[VSCLP_OFF(vsclp_evbuf_header, type)] = type;
}

static void read_quiesce(struct reader *r)
{
	size_t len = sizeof(struct vsclp_quiesce);
	uint8_t *p = r->sccb + r->pos;

	if (r->n - r->pos < len) {
		r->wanted = true;
		return;
	}
	put_evbuf_header(p, len, VSCLP_EV_QUIESCE);
	gmem_put16(p + VSCLP_OFF(vsclp_quiesce, timeout), 0);
	p[VSCLP_OFF(vsclp_quiesce, unit)] = 0;
	r->pos += len;
	r->s->quiesce_pending = false;
}

static void read_vt220(struct reader *r)
{
	struct vsclp *s = r->s;
	size_t room = r->n - r->pos, take;
	uint8_t *p = r->sccb + r->pos;

	if (room < EVBUF_HDR + 2) {
		r->wanted = true;
		return;
	}
	take = MIN((size_t)s->in_len, room - EVBUF_HDR - 1);
	put_evbuf_header(p, EVBUF_HDR + 1 + take, VSCLP_EV_VT220);
	p[EVBUF_HDR] = VSCLP_VT220_SESSION_DATA;
	for (size_t i = 0; i < take; i++)
		p[EVBUF_HDR + 1 + i] = vsclp_in_byte(s, (uint32_t)i);
	vsclp_in_drop(s, (uint32_t)take);
	r->pos += EVBUF_HDR + 1 + take;
}

/* The first queued line in EBCDIC with '%' doubled, into s->line. Its length. */
static size_t encode_line(struct vsclp *s, uint32_t len)
{
	size_t m = 0;

	for (uint32_t i = 0; i < len && m + 2 <= sizeof(s->line); i++) {
		uint8_t c = vsclp_in_byte(s, i);
		uint8_t e = s->cp500 ? ascii_to_ebcdic500(c) : ascii_to_ebcdic_table[c];

		s->line[m++] = e;
		if (e == E_PERCENT)
			s->line[m++] = e;
	}
	return m;
}

/* Bytes of e[start, m) that go in the next text subvector (its suffix not counted). */
static size_t piece(const uint8_t *e, size_t start, size_t m)
{
	size_t left = m - start, cut = TEXT_MAX - NOTE_BYTES, run = 0;

	if (left <= TEXT_MAX)
		return left;
	if (left - cut < 4)
		cut = left - 4; /* a 2- or 3-byte last piece could read as a control ("^c") */
	while (run < cut && e[start + cut - 1 - run] == E_PERCENT)
		run++;
	if (run & 1)
		cut--;          /* keep a doubled '%' together */
	return cut;
}

/* Size of the operator-command event for an encoded line of m bytes. */
static size_t command_size(const uint8_t *e, size_t m)
{
	size_t size = EVBUF_HDR + 3 * VEC_HDR, start = 0;

	do {
		size_t k = piece(e, start, m);

		start += k;
		size += 2 * SUBVEC_HDR + k + (start < m ? NOTE_BYTES : 0);
	} while (start < m);
	return size;
}

static void put_vector(uint8_t *p, size_t len, uint16_t id)
{
	gmem_put16(p + VSCLP_OFF(vsclp_gds_vector, length), (uint16_t)len);
	gmem_put16(p + VSCLP_OFF(vsclp_gds_vector, id), id);
}

static void put_command(uint8_t *p, size_t size, const uint8_t *e, size_t m)
{
	size_t vec = size - EVBUF_HDR, start = 0;
	uint8_t *q;

	put_evbuf_header(p, size, VSCLP_EV_OPCMD);
	p += EVBUF_HDR;
	put_vector(p, vec, VSCLP_GDS_MDSMU);
	put_vector(p + VEC_HDR, vec - VEC_HDR, VSCLP_GDS_CPMSU);
	put_vector(p + 2 * VEC_HDR, vec - 2 * VEC_HDR, VSCLP_GDS_TEXTCMD);
	q = p + 3 * VEC_HDR;
	do {
		size_t k = piece(e, start, m);
		size_t text = k + (start + k < m ? NOTE_BYTES : 0);

		q[0] = (uint8_t)(2 * SUBVEC_HDR + text);
		q[1] = VSCLP_GDS_SELFDEF;
		q[2] = (uint8_t)(SUBVEC_HDR + text);
		q[3] = VSCLP_GDS_TEXT;
		memcpy(q + 2 * SUBVEC_HDR, e + start, k);
		if (text > k) {
			q[2 * SUBVEC_HDR + k] = E_NOT_SIGN;
			q[2 * SUBVEC_HDR + k + 1] = E_N;
		}
		q += 2 * SUBVEC_HDR + text;
		start += k;
	} while (start < m);
}

static void read_commands(struct reader *r)
{
	struct vsclp *s = r->s;

	while (s->in_len) {
		uint32_t len = vsclp_in_line_length(s);
		size_t m = encode_line(s, len);
		size_t size = command_size(s->line, m);

		if (size > r->n - r->pos) {
			r->wanted = true;
			return;
		}
		put_command(r->sccb + r->pos, size, s->line, m);
		r->pos += size;
		vsclp_in_drop(s, len + 1); /* the line and its '\n' */
	}
}

/* The event types to read; false with the response code set when the request is bad. */
static bool selection(struct vsclp *s, uint8_t *sccb, size_t n, uint64_t *sel)
{
	uint16_t rc;

	switch (sccb[VSCLP_OFF(vsclp_sccb_header, function_code)]) {
	case 0x00: /* unconditional read */
		*sel = s->cp_receive_mask;
		return true;
	case 0x01: /* selective read */
		if (!s->mask_length || !s->cp_receive_mask) {
			rc = VSCLP_RC_INVALID_SELECTION;
			break;
		}
		if (n < HDR + s->mask_length) {
			rc = VSCLP_RC_INSUFFICIENT_LENGTH;
			break;
		}
		*sel = vsclp_mask_get(sccb + HDR, s->mask_length);
		if (!*sel || (*sel & ~s->cp_receive_mask)) {
			rc = VSCLP_RC_INVALID_SELECTION;
			break;
		}
		return true;
	default:
		rc = VSCLP_RC_INVALID_FUNCTION;
		break;
	}
	vsclp_respond(sccb, rc);
	return false;
}

void vsclp_read_event_data(struct vsclp *s, uint8_t *sccb, size_t n)
{
	struct reader r = { .s = s, .sccb = sccb, .n = n, .pos = HDR, .wanted = false };
	uint8_t *cm2 = &sccb[VSCLP_OFF(vsclp_sccb_header, control_mask) + 2];
	uint64_t sel;

	if (!selection(s, sccb, n, &sel))
		return;
	sel &= vsclp_sclp_send_mask(s);
	if (s->quiesce_pending && (sel & VSCLP_EV_BIT(VSCLP_EV_QUIESCE)))
		read_quiesce(&r);
	if (s->in_len) {
		/*
		 * A guest that reads both gets its input on the console it writes
		 * to: Linux registers both, and its shell runs on its console.
		 */
		bool vt220 = sel & VSCLP_EV_BIT(VSCLP_EV_VT220);
		bool opcmd = sel & VSCLP_EV_BIT(VSCLP_EV_OPCMD);

		if (vt220 && (!opcmd || s->last_out_vt220))
			read_vt220(&r);
		else if (opcmd)
			read_commands(&r);
	}
	memset(sccb + r.pos, 0, n - r.pos);
	if (*cm2 & VSCLP_CM2_VARIABLE_LENGTH) {
		*cm2 &= (uint8_t)~VSCLP_CM2_VARIABLE_LENGTH;
		gmem_put16(sccb + VSCLP_OFF(vsclp_sccb_header, length), (uint16_t)r.pos);
	}
	if (r.pos > HDR)
		vsclp_respond(sccb, VSCLP_RC_NORMAL);
	else
		vsclp_respond(sccb, r.wanted ? VSCLP_RC_INSUFFICIENT_LENGTH : VSCLP_RC_NO_EVENTS);
}
