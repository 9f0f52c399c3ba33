/*
 * The subchannel functions: START, RESUME, HALT, CLEAR and CANCEL SUBCHANNEL.
 * Devices complete synchronously, so every function is performed to its end
 * inside the instruction: a start ends status pending (or suspended), a halt
 * or clear ends status pending; the interruption is queued at once.
 *
 * Not operational (cc 3) also covers a disabled subchannel for these five.
 */
#include <string.h>
#include "kernel/vdev/vcss_priv.h"

/*
 * ORB checks (operand exception): transport mode (B) and MIDAW (D) are not
 * provided, bits 26-30 of word 1 and bit 0 of the channel-program address
 * must be zero. Other controls are accepted: C, M, Y and P have no effect on
 * synchronous virtual devices, A (address-limit checking) is not provided
 * and ignored, and the key is reported but storage keys are not checked.
 */
static bool orb_valid(uint32_t flags, uint32_t cpa)
{
	return !(flags & (ORB_B | ORB_D | ORB_RESERVED)) && !(cpa & ORB_CPA_HIGH);
}

int vcss_ssch(struct vcss *v, uint32_t sid, uint64_t addr)
{
	uint8_t orb[ORB_LEN];
	struct vcss_sch *s;
	uint32_t flags, cpa;
	int rc;

	if (addr & 3)
		return -VCSS_PGM_SPECIFICATION;
	if (gmem_read(v->g, addr, orb, ORB_LEN) < 0)
		return -VCSS_PGM_ADDRESSING;
	flags = gmem_be32(orb + 4);
	cpa = gmem_be32(orb + 8);
	if ((flags & ORB_X) && !gmem_valid(v->g, addr, ORB_LEN_X))
		return -VCSS_PGM_ADDRESSING;
	rc = vcss_lookup(v, sid, &s);
	if (rc < 0)
		return rc;
	if (!orb_valid(flags, cpa))
		return -VCSS_PGM_OPERAND;
	if (rc)
		return rc;
	if (!vcss_enabled(s))
		return 3;
	if (s->st.ctl & SCSW_SC_PENDING)
		return 1;
	if (s->st.ctl & SCSW_FC)
		return 2;

	s->intparm = gmem_be32(orb);
	s->orb_flags = flags;
	s->sense_valid = false;
	memset(&s->st, 0, sizeof(s->st));
	s->st.ctl = (flags & SCSW_FROM_ORB) | SCSW_FC_START | SCSW_AC_START;
	if (!(ORB_GET_LPM(flags) & s->lpm & VCSS_PAM)) {
		/* No logical path: the start ends with deferred condition code 3. */
		s->st.ctl &= ~SCSW_AC_START;
		s->st.ctl |= (3U << SCSW_DCC_SHIFT) | SCSW_SC_ALERT | SCSW_SC_PENDING;
		vcss_irq_queue(s);
		return 0;
	}
	vcss_run(s, cpa);
	return 0;
}

/* RSCH: cc 2 unless a start function is the only function and the subchannel is suspended. */
int vcss_rsch(struct vcss *v, uint32_t sid)
{
	struct vcss_sch *s;
	int rc = vcss_lookup(v, sid, &s);

	if (rc)
		return rc;
	if (!vcss_enabled(s))
		return 3;
	if (s->st.ctl & SCSW_SC_PENDING)
		return 1;
	if ((s->st.ctl & SCSW_FC) != SCSW_FC_START || (s->st.ctl & SCSW_AC_RESUME) ||
	    !(s->st.ctl & SCSW_AC_SUSPENDED))
		return 2;
	s->st.ctl |= SCSW_AC_RESUME;
	vcss_run(s, s->resume_ccw);
	return 0;
}

/*
 * HSCH: cc 1 when status pending alone or with alert, primary or secondary
 * status (intermediate status alone does not prevent it), cc 2 when a halt or
 * clear function is already indicated. A suspended channel program ends
 * there; an idle subchannel just sees the halt signal. Either way the
 * subchannel becomes status pending (status pending alone) with the halt
 * function; the SCSW of a suspended program keeps the CCW address and count
 * of the suspension point. An intermediate status still pending is
 * superseded.
 */
int vcss_hsch(struct vcss *v, uint32_t sid)
{
	struct vcss_sch *s;
	uint32_t sc;
	int rc = vcss_lookup(v, sid, &s);

	if (rc)
		return rc;
	if (!vcss_enabled(s))
		return 3;
	sc = s->st.ctl & SCSW_SC;
	if (sc == SCSW_SC_PENDING ||
	    ((sc & SCSW_SC_PENDING) && (sc & (SCSW_SC_ALERT | SCSW_SC_PRIMARY | SCSW_SC_SECONDARY))))
		return 1;
	if (s->st.ctl & (SCSW_FC_HALT | SCSW_FC_CLEAR))
		return 2;
	vcss_irq_withdraw(s);
	if (!(s->st.ctl & SCSW_AC_SUSPENDED)) {
		s->st.cpa = 0;
		s->st.count = 0;
	}
	s->st.ctl &= ~(SCSW_AC | SCSW_SC);
	s->st.ctl |= SCSW_FC_HALT | SCSW_SC_PENDING;
	s->st.dstat = 0;
	s->st.cstat = 0;
	s->lpum = VCSS_PATH;
	vcss_irq_queue(s);
	return 0;
}

/*
 * CSCH: any pending status and interruption request are withdrawn, the
 * function in progress ends, the clear signal resets the device, and the
 * subchannel becomes status pending (alone) with the clear function; path
 * management: POM all ones, LPUM the path of the clear signal.
 */
int vcss_csch(struct vcss *v, uint32_t sid)
{
	struct vcss_sch *s;
	int rc = vcss_lookup(v, sid, &s);

	if (rc)
		return rc;
	if (!vcss_enabled(s))
		return 3;
	vcss_irq_withdraw(s);
	memset(&s->st, 0, sizeof(s->st));
	s->st.ctl = SCSW_FC_CLEAR | SCSW_SC_PENDING;
	s->pom = 0xff;
	s->lpum = VCSS_PATH;
	s->sense_valid = false;
	if (s->dev->ops && s->dev->ops->reset)
		s->dev->ops->reset(s->dev);
	vcss_irq_queue(s);
	return 0;
}

/*
 * XSCH: cc 1 when any status is present, cc 2 unless a start function alone
 * is start pending, resume pending or suspended (here: suspended) and the
 * subchannel is not active. The start function is then withdrawn without an
 * interruption.
 */
int vcss_xsch(struct vcss *v, uint32_t sid)
{
	struct vcss_sch *s;
	int rc = vcss_lookup(v, sid, &s);

	if (rc)
		return rc;
	if (!vcss_enabled(s))
		return 3;
	if (s->st.ctl & SCSW_SC)
		return 1;
	if ((s->st.ctl & SCSW_FC) != SCSW_FC_START ||
	    !(s->st.ctl & (SCSW_AC_RESUME | SCSW_AC_START | SCSW_AC_SUSPENDED)) ||
	    (s->st.ctl & SCSW_AC_SCH_ACT))
		return 2;
	s->st.ctl &= ~(SCSW_FC | SCSW_AC);
	s->st.dstat = 0;
	s->st.cstat = 0;
	return 0;
}
