/*
 * WRITE EVENT DATA: the guest's console output.
 *
 * The event buffers are first checked as a whole (lengths of every event, MDB
 * and MDB object inside the SCCB); a malformed SCCB is answered with 0x73f0 and
 * nothing of it is written out. Then the buffers are handed to the console in
 * order, each one flagged processed when all of it is out:
 *   message (0x02): every message text object of every MDB is one line, EBCDIC
 *                   translated to ASCII, followed by '\n';
 *   VT220 (0x1a):   the bytes as they are.
 * An event type the SCLP does not take (not offered, or e.g. Linux's store-data
 * 0x0c) ends the request with 0x40f0, that buffer and those after it not flagged
 * processed (Linux's sclp_sd waits forever for a store-data answer otherwise).
 *
 * The output is a byte stream defined by the SCCB contents. When the consumer
 * takes only part of it, s->out_done records how much; the request stays in
 * progress and the next attempt skips that much, so no byte is lost or repeated.
 */
#include "kernel/vdev/vsclp_internal.h"
#include "arch/s390x/ebcdic.h"

#define EVBUF_HDR sizeof(struct vsclp_evbuf_header)
#define MDB_HDR   sizeof(struct vsclp_mdb_header)
#define OBJ_HDR   sizeof(struct vsclp_mdb_object)
#define MTO_HDR   sizeof(struct vsclp_mto)

/* Progress through the output stream of one SCCB. */
struct out {
	struct vsclp *s;
	uint64_t pos;   /* stream offset of the next byte offered */
};

static size_t consume(struct vsclp *s, const char *p, size_t n, bool vt220)
{
	size_t took;

	if (n)
		s->last_out_vt220 = vt220;
	if (!s->ops || !s->ops->write)
		return n;
	took = s->ops->write(s->ctx, p, n, vt220);
	return took > n ? n : took;
}

/*
 * Offer n stream bytes (EBCDIC when ebcdic, else as they are). Bytes an earlier
 * attempt delivered are skipped. false: the consumer is full.
 */
static bool put(struct out *o, const uint8_t *p, size_t n, bool vt220, bool ebcdic)
{
	struct vsclp *s = o->s;

	if (o->pos + n <= s->out_done) {
		o->pos += n;
		return true;
	}
	if (o->pos < s->out_done) {
		size_t skip = (size_t)(s->out_done - o->pos);

		p += skip;
		n -= skip;
		o->pos += skip;
	}
	while (n) {
		char ascii[128];
		size_t chunk = ebcdic ? MIN(n, sizeof(ascii)) : n;
		size_t took;

		if (ebcdic) {
			if (s->cp500)
				for (size_t i = 0; i < chunk; i++)
					ascii[i] = (char)ebcdic500_to_ascii(p[i]);
			else
				ebcdic_to_ascii(ascii, p, chunk);
		}
		took = consume(s, ebcdic ? ascii : (const char *)p, chunk, vt220);
		o->pos += took;
		s->out_done += took;
		p += took;
		n -= took;
		if (took < chunk)
			return false;
	}
	return true;
}

enum walk { WALK_OK, WALK_SYNTAX, WALK_BLOCKED };

/*
 * The MDBs of a message event, data [p, p + len). Without an out: only check
 * them; with one: also write each message text object as a line.
 */
static enum walk walk_message(const uint8_t *p, size_t len, struct out *o)
{
	static const uint8_t nl = '\n';
	size_t pos = 0;

	while (pos < len) {
		size_t mdb_len, end, obj;

		if (len - pos < MDB_HDR)
			return WALK_SYNTAX;
		mdb_len = gmem_be16(p + pos + VSCLP_OFF(vsclp_mdb_header, length));
		if (mdb_len < MDB_HDR || mdb_len > len - pos ||
		    gmem_be16(p + pos + VSCLP_OFF(vsclp_mdb_header, type)) != VSCLP_MDB_TYPE ||
		    gmem_be32(p + pos + VSCLP_OFF(vsclp_mdb_header, tag)) != VSCLP_MDB_TAG)
			return WALK_SYNTAX;
		end = pos + mdb_len;
		for (obj = pos + MDB_HDR; obj < end;) {
			size_t obj_len;
			uint16_t type;

			if (end - obj < OBJ_HDR)
				return WALK_SYNTAX;
			obj_len = gmem_be16(p + obj + VSCLP_OFF(vsclp_mdb_object, length));
			type = gmem_be16(p + obj + VSCLP_OFF(vsclp_mdb_object, type));
			if (obj_len < OBJ_HDR || obj_len > end - obj)
				return WALK_SYNTAX;
			if (type == VSCLP_OBJ_MTO) {
				if (obj_len < MTO_HDR)
					return WALK_SYNTAX;
				if (o && (!put(o, p + obj + MTO_HDR, obj_len - MTO_HDR, false, true) ||
					  !put(o, &nl, 1, false, false)))
					return WALK_BLOCKED;
			}
			obj += obj_len;
		}
		pos = end;
	}
	return WALK_OK;
}

static bool takes(const struct vsclp *s, uint8_t type)
{
	return type >= 1 && type <= 64 && (vsclp_sclp_receive_mask(s) & VSCLP_EV_BIT(type));
}

/* Check every event buffer of the SCCB [0, n). */
static bool well_formed(const struct vsclp *s, const uint8_t *sccb, size_t n)
{
	for (size_t pos = sizeof(struct vsclp_sccb_header); pos < n;) {
		size_t len;
		uint8_t type;

		if (n - pos < EVBUF_HDR)
			return false;
		len = gmem_be16(sccb + pos + VSCLP_OFF(vsclp_evbuf_header, length));
		type = sccb[pos + VSCLP_OFF(vsclp_evbuf_header, type)];
		if (len < EVBUF_HDR || len > n - pos)
			return false;
		if (type == VSCLP_EV_MSG && takes(s, type) &&
		    walk_message(sccb + pos + EVBUF_HDR, len - EVBUF_HDR, NULL) != WALK_OK)
			return false;
		pos += len;
	}
	return true;
}

bool vsclp_write_event_data(struct vsclp *s, uint8_t *sccb, size_t n)
{
	struct out o = { .s = s, .pos = 0 };
	uint16_t rc = VSCLP_RC_NORMAL;
	size_t pos;

	if (sccb[VSCLP_OFF(vsclp_sccb_header, function_code)] != 0) {
		vsclp_respond(sccb, VSCLP_RC_INVALID_FUNCTION);
		return true;
	}
	if (!well_formed(s, sccb, n)) {
		vsclp_respond(sccb, VSCLP_RC_EVENT_SYNTAX);
		return true;
	}
	for (pos = sizeof(struct vsclp_sccb_header); pos < n;) {
		size_t len = gmem_be16(sccb + pos + VSCLP_OFF(vsclp_evbuf_header, length));
		uint8_t type = sccb[pos + VSCLP_OFF(vsclp_evbuf_header, type)];
		uint8_t *flags = &sccb[pos + VSCLP_OFF(vsclp_evbuf_header, flags)];
		const uint8_t *data = sccb + pos + EVBUF_HDR;

		if (rc == VSCLP_RC_NORMAL && !takes(s, type))
			rc = VSCLP_RC_INVALID_FUNCTION;
		if (rc != VSCLP_RC_NORMAL) {
			*flags &= (uint8_t)~VSCLP_EVBUF_PROCESSED;
		} else if (type == VSCLP_EV_VT220) {
			if (!put(&o, data, len - EVBUF_HDR, true, false))
				return false;
			*flags |= VSCLP_EVBUF_PROCESSED;
		} else {
			enum walk w = walk_message(data, len - EVBUF_HDR, &o);

			if (w == WALK_BLOCKED)
				return false;
			if (w == WALK_SYNTAX) /* cannot happen: checked above in the same copy */
				rc = VSCLP_RC_EVENT_SYNTAX;
			else
				*flags |= VSCLP_EVBUF_PROCESSED;
		}
		pos += len;
	}
	vsclp_respond(sccb, rc);
	return true;
}
