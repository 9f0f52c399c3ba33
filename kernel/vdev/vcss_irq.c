/*
 * I/O-interruption requests: one per status-pending enabled subchannel,
 * queued by interruption subclass (ISC 0 has the highest priority) and first
 * in, first out within one ISC. Delivery (vcss_next_interrupt) and TEST
 * PENDING INTERRUPTION take the request off the queue; the subchannel stays
 * status pending until TEST SUBCHANNEL, CLEAR SUBCHANNEL or reset, which
 * withdraw a request not yet taken.
 */
#include "kernel/vdev/vcss_priv.h"

void vcss_irq_queue(struct vcss_sch *s)
{
	struct vcss *v = s->css;

	if (s->queued || !vcss_enabled(s) || !(s->st.ctl & SCSW_SC_PENDING))
		return;
	list_add_tail(&v->queue[vcss_isc(s)], &s->qlink);
	s->queued = true;
	if (v->cb.io_pending)
		v->cb.io_pending(v->cb.ctx);
}

void vcss_irq_withdraw(struct vcss_sch *s)
{
	if (!s->queued)
		return;
	list_del(&s->qlink);
	s->queued = false;
}

static struct vcss_sch *first_pending(const struct vcss *v, uint8_t isc_mask)
{
	for (unsigned isc = 0; isc < VCSS_NISC; isc++) {
		if (!(isc_mask & (0x80 >> isc)) || list_empty(&v->queue[isc]))
			continue;
		return list_entry(v->queue[isc].next, struct vcss_sch, qlink);
	}
	return NULL;
}

static void int_code(const struct vcss_sch *s, struct vcss_io_int *out)
{
	out->sid = SID_MAKE(0, s->schno);
	out->intparm = s->intparm;
	out->iiw = (uint32_t)vcss_isc(s) << IIW_ISC_SHIFT;
}

bool vcss_interrupt_pending(const struct vcss *v, uint8_t isc_mask)
{
	return first_pending(v, isc_mask) != NULL;
}

bool vcss_next_interrupt(struct vcss *v, uint8_t isc_mask, struct vcss_io_int *out)
{
	struct vcss_sch *s = first_pending(v, isc_mask);

	if (!s)
		return false;
	int_code(s, out);
	vcss_irq_withdraw(s);
	return true;
}

/*
 * TPI: a nonzero second operand receives the two-word interruption code
 * (subsystem-identification word, interruption parameter) and must be on a
 * word boundary; the request is taken only once the store is known to
 * succeed. With a zero operand the caller stores the three words at 0xB8.
 */
int vcss_tpi(struct vcss *v, uint8_t isc_mask, bool lowcore, uint64_t addr, struct vcss_io_int *out)
{
	struct vcss_sch *s;
	struct vcss_io_int code;
	uint8_t b[8];

	if (!lowcore) {
		if (addr & 3)
			return -VCSS_PGM_SPECIFICATION;
		if (!gmem_valid(v->g, addr, sizeof(b)))
			return -VCSS_PGM_ADDRESSING;
	}
	s = first_pending(v, isc_mask);
	if (!s)
		return 0;
	int_code(s, &code);
	if (lowcore) {
		if (out)
			*out = code;
	} else {
		gmem_put32(b, code.sid);
		gmem_put32(b + 4, code.intparm);
		if (gmem_write(v->g, addr, b, sizeof(b)) < 0)
			return -VCSS_PGM_ADDRESSING;
	}
	vcss_irq_withdraw(s);
	return 1;
}
