/*
 * TEST SUBCHANNEL: the IRB (SCSW, ESW, ECW; the EMW needs extended-
 * measurement-word mode, which is not provided, so 64 bytes are stored), and
 * the clearing of status that TSCH performs when the subchannel is status
 * pending.
 */
#include <string.h>
#include "kernel/vdev/vcss_priv.h"

static void irb_encode(const struct vcss_sch *s, uint8_t *b)
{
	struct vcss_status st = s->st;
	bool csense = (st.ctl & SCSW_SC_PENDING) && (st.dstat & DSTAT_UC) &&
		      (s->chars & PMCW_CHARS_S) && s->sense_valid;

	memset(b, 0, IRB_STORED_LEN);
	if (st.ctl & SCSW_SC_PENDING) {
		/* Format-1 ESW (format 0 with concurrent sense): LPUM in byte 1. */
		gmem_put32(b + IRB_ESW_OFF, (uint32_t)s->lpum << ESW0_LPUM_SHIFT);
		if (csense) {
			st.ctl |= SCSW_L | SCSW_E;
			gmem_put32(b + IRB_ESW_OFF + 4, ERW_S | ((uint32_t)VDEV_SENSE_LEN << ERW_SCNT_SHIFT));
			memcpy(b + IRB_ECW_OFF, s->sense, VDEV_SENSE_LEN);
		}
	}
	vcss_scsw_encode(&st, b);
}

/*
 * The status-clearing part of TSCH. Status control is cleared; unless only
 * intermediate status was pending, the function and activity controls are
 * cleared too (the function ended). Intermediate status of a suspended start
 * function leaves it suspended (resume pending cleared), unless a halt
 * function was also indicated, which ends it.
 */
static void clear_status(struct vcss_sch *s)
{
	uint32_t ctl = s->st.ctl;
	uint32_t sc = ctl & SCSW_SC;
	const uint32_t pend = SCSW_AC_RESUME | SCSW_AC_START | SCSW_AC_HALT | SCSW_AC_CLEAR |
			      SCSW_AC_SUSPENDED;

	ctl &= ~SCSW_SC;
	if (sc != (SCSW_SC_INTERMED | SCSW_SC_PENDING)) {
		ctl &= ~(SCSW_FC | pend | SCSW_N);
	} else if ((ctl & SCSW_AC_SUSPENDED) && (ctl & SCSW_FC_START)) {
		ctl &= ~SCSW_N;
		if (ctl & SCSW_FC_HALT)
			ctl &= ~(SCSW_FC | pend);
		else
			ctl &= ~SCSW_AC_RESUME;
	}
	s->st.ctl = ctl;
	s->sense_valid = false;
	vcss_irq_withdraw(s);
}

/*
 * Priority: operand exception (subsystem-identification word), specification
 * (IRB alignment), access to the IRB, then cc 3. cc 0: status was pending and
 * is now cleared; cc 1: not status pending (the IRB shows the current SCSW).
 */
int vcss_tsch(struct vcss *v, uint32_t sid, uint64_t addr)
{
	uint8_t b[IRB_STORED_LEN];
	struct vcss_sch *s;
	int rc = vcss_lookup(v, sid, &s);

	if (rc < 0)
		return rc;
	if (addr & 3)
		return -VCSS_PGM_SPECIFICATION;
	if (!gmem_valid(v->g, addr, IRB_STORED_LEN))
		return -VCSS_PGM_ADDRESSING;
	if (rc)
		return rc;
	irb_encode(s, b);
	if (gmem_write(v->g, addr, b, IRB_STORED_LEN) < 0)
		return -VCSS_PGM_ADDRESSING;
	if (!(s->st.ctl & SCSW_SC_PENDING))
		return 1;
	clear_status(s);
	return 0;
}
