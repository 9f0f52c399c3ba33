/*
 * The SCHIB: STORE SUBCHANNEL and MODIFY SUBCHANNEL, and the big-endian image
 * of the SCSW shared with TEST SUBCHANNEL.
 *
 * Every subchannel is an I/O subchannel (type 0) with a valid device number
 * and one channel path (PIM = PAM = 0x80, CHPID vcss->chpid); MSCH sets the
 * interruption parameter, ISC, enabled, limit mode, measurement mode,
 * multipath mode, LPM, MBI, POM, measurement-block format and address, and
 * concurrent sense.
 */
#include <string.h>
#include "kernel/vdev/vcss_priv.h"

void vcss_scsw_encode(const struct vcss_status *st, uint8_t *out)
{
	gmem_put32(out + 0x00, st->ctl);
	gmem_put32(out + 0x04, st->cpa);
	out[0x08] = st->dstat;
	out[0x09] = st->cstat;
	gmem_put16(out + 0x0a, st->count);
}

static void schib_encode(const struct vcss_sch *s, uint8_t *b)
{
	memset(b, 0, SCHIB_LEN);
	gmem_put32(b + 0x00, s->intparm);
	gmem_put16(b + 0x04, (uint16_t)((s->pmcw_flags & PMCW_MSCH_SET) | PMCW_V));
	gmem_put16(b + 0x06, s->dev->devno);
	b[0x08] = s->lpm;
	b[0x09] = 0;                   /* PNOM */
	b[0x0a] = s->lpum;
	b[0x0b] = VCSS_PIM;
	gmem_put16(b + 0x0c, s->mbi);
	b[0x0e] = s->pom;
	b[0x0f] = VCSS_PAM;
	b[0x10] = s->css->chpid;       /* CHPID of path 0 */
	gmem_put32(b + 0x18, s->chars); /* subchannel type 0 (I/O) */
	vcss_scsw_encode(&s->st, b + SCHIB_SCSW_OFF);
	gmem_put64(b + SCHIB_MBA_OFF, s->mba);
}

/*
 * Priority: specification (operand alignment), access to the SCHIB, then the
 * subsystem-identification word (operand exception), then cc 3.
 */
int vcss_stsch(struct vcss *v, uint32_t sid, uint64_t addr)
{
	uint8_t b[SCHIB_LEN];
	struct vcss_sch *s;
	int rc;

	if (addr & 3)
		return -VCSS_PGM_SPECIFICATION;
	if (!gmem_valid(v->g, addr, SCHIB_LEN))
		return -VCSS_PGM_ADDRESSING;
	rc = vcss_lookup(v, sid, &s);
	if (rc)
		return rc;
	schib_encode(s, b);
	if (gmem_write(v->g, addr, b, SCHIB_LEN) < 0)
		return -VCSS_PGM_ADDRESSING;
	return 0;
}

/*
 * MSCH: bits 0, 1, 6 and 7 of PMCW word 1 and the reserved bits of word 6
 * must be zero, extended-measurement-word mode is not provided, and with
 * measurement-block format 1 the MBA must be on a 64-byte boundary; otherwise
 * an operand exception. cc 1 status pending, cc 2 a function in progress.
 */
int vcss_msch(struct vcss *v, uint32_t sid, uint64_t addr)
{
	uint8_t b[SCHIB_LEN];
	struct vcss_sch *s;
	uint16_t flags;
	uint32_t chars;
	uint64_t mba;
	int rc;

	if (addr & 3)
		return -VCSS_PGM_SPECIFICATION;
	if (gmem_read(v->g, addr, b, SCHIB_LEN) < 0)
		return -VCSS_PGM_ADDRESSING;
	rc = vcss_lookup(v, sid, &s);
	if (rc < 0)
		return rc;
	flags = gmem_be16(b + 0x04);
	chars = gmem_be32(b + 0x18);
	mba = gmem_be64(b + SCHIB_MBA_OFF);
	if ((flags & PMCW_MSCH_ZERO) || (chars & (PMCW_CHARS_ZERO | PMCW_CHARS_X)))
		return -VCSS_PGM_OPERAND;
	if ((chars & PMCW_CHARS_F) && (mba & 0x3f))
		return -VCSS_PGM_OPERAND;
	if (rc)
		return rc;
	if (s->st.ctl & SCSW_SC_PENDING)
		return 1;
	if (s->st.ctl & SCSW_FC)
		return 2;
	s->intparm = gmem_be32(b + 0x00);
	if ((s->pmcw_flags & PMCW_E) && !(flags & PMCW_E) && s->dev->ops->disable)
		s->dev->ops->disable(s->dev); /* set offline: a virtio device forgets its revision */
	s->pmcw_flags = flags & PMCW_MSCH_SET;
	s->lpm = b[0x08];
	s->mbi = gmem_be16(b + 0x0c);
	s->pom = b[0x0e];
	s->chars = chars & (PMCW_CHARS_F | PMCW_CHARS_S);
	s->mba = mba;
	return 0;
}
