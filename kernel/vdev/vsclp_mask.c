/*
 * WRITE EVENT MASK: the guest says which event types it wants to receive and
 * will send; the SCLP answers with the types it can receive and send.
 * A mask is a string of mask_length bytes (1..1021); the bit for event type t
 * is bit (t-1) counted from the leftmost bit of the first byte, so in a 4-byte
 * mask type t is 0x80000000 >> (t-1). Linux 6.1 writes 8-byte masks and falls
 * back to 4 bytes on response 0x74f0. Types above 64 are neither offered nor kept.
 */
#include "kernel/vdev/vsclp_internal.h"
#include <string.h>

#define MASK_BYTES 8 /* types 1..64 */

uint64_t vsclp_mask_get(const uint8_t *p, size_t len)
{
	uint64_t m = 0;

	for (size_t i = 0; i < MASK_BYTES; i++)
		m = m << 8 | (i < len ? p[i] : 0);
	return m;
}

void vsclp_mask_put(uint8_t *p, size_t len, uint64_t mask)
{
	for (size_t i = 0; i < len; i++)
		p[i] = i < MASK_BYTES ? (uint8_t)(mask >> (56 - 8 * i)) : 0;
}

/* What the guest may send: message (line mode) and VT220 output. */
uint64_t vsclp_sclp_receive_mask(const struct vsclp *s)
{
	uint64_t m = 0;

	if (s->consoles & VSCLP_CON_LINEMODE)
		m |= VSCLP_EV_BIT(VSCLP_EV_MSG);
	if (s->consoles & VSCLP_CON_VT220)
		m |= VSCLP_EV_BIT(VSCLP_EV_VT220);
	return m;
}

/* What the SCLP sends: operator commands (line mode), VT220 input, signal quiesce. */
uint64_t vsclp_sclp_send_mask(const struct vsclp *s)
{
	uint64_t m = VSCLP_EV_BIT(VSCLP_EV_QUIESCE);

	if (s->consoles & VSCLP_CON_LINEMODE)
		m |= VSCLP_EV_BIT(VSCLP_EV_OPCMD);
	if (s->consoles & VSCLP_CON_VT220)
		m |= VSCLP_EV_BIT(VSCLP_EV_VT220);
	return m;
}

void vsclp_write_event_mask(struct vsclp *s, uint8_t *sccb, size_t n)
{
	size_t ml, masks = sizeof(struct vsclp_event_mask);

	if (n < masks) {
		vsclp_respond(sccb, VSCLP_RC_INSUFFICIENT_LENGTH);
		return;
	}
	ml = gmem_be16(sccb + VSCLP_OFF(vsclp_event_mask, mask_length));
	if (ml == 0 || ml > VSCLP_MASK_LENGTH_MAX) {
		vsclp_respond(sccb, VSCLP_RC_INVALID_MASK_LENGTH);
		return;
	}
	if (n < masks + 4 * ml) {
		vsclp_respond(sccb, VSCLP_RC_INSUFFICIENT_LENGTH);
		return;
	}
	s->cp_receive_mask = vsclp_mask_get(sccb + masks, ml);
	s->cp_send_mask = vsclp_mask_get(sccb + masks + ml, ml);
	s->mask_length = (uint16_t)ml;
	vsclp_mask_put(sccb + masks + 2 * ml, ml, vsclp_sclp_receive_mask(s));
	vsclp_mask_put(sccb + masks + 3 * ml, ml, vsclp_sclp_send_mask(s));
	vsclp_respond(sccb, VSCLP_RC_NORMAL);
}
