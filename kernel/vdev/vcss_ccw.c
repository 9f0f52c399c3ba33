/*
 * Channel-program execution: command chaining, suspension, incorrect length
 * and the ending status of a start (or resumed start) function.
 *
 * Each command goes to the device with the CCW in effect; a data chain is
 * followed inside the device's transfers (vcss_data.c). After the device
 * ends the command:
 *   - incorrect length: the data area was not used up (the residual count of
 *     the CCW in effect, or a data chain not exhausted) or the device wanted
 *     more than it held; the SLI flag suppresses it, except on a CCW with
 *     chain data, where SLI is ignored. For an immediate command (the device
 *     moved no data) it is not indicated with format-0 CCWs, nor with
 *     format 1 when the ORB asks for incorrect-length-suppression mode (L),
 *     and chain data is ignored.
 *   - unit check, unit exception or an indicated incorrect length end the
 *     program; otherwise command chaining continues at the CCW in effect + 8.
 */
#include <string.h>
#include "kernel/vdev/vcss_priv.h"

static void chan_init(struct vcss_chan *c, struct vcss_sch *s)
{
	uint32_t f = s->orb_flags;

	memset(c, 0, sizeof(*c));
	c->s = s;
	c->g = s->css->g;
	c->fmt1 = f & ORB_F;
	c->idaw2 = f & ORB_H;
	c->block = (c->idaw2 && !(f & ORB_T)) ? 4096 : 2048;
	c->budget = VCSS_CCW_LIMIT;
}

static bool alert_of(uint8_t dstat, uint8_t cstat)
{
	return (dstat & (DSTAT_ATTN | DSTAT_UC | DSTAT_UE)) || (cstat & (uint8_t)~CSTAT_PCI);
}

/* Primary and secondary status: the start function is complete. */
static void end_program(struct vcss_chan *c, uint32_t ccw, uint16_t count, uint8_t dstat, uint8_t cstat)
{
	struct vcss_sch *s = c->s;

	if (c->pci)
		cstat |= CSTAT_PCI;
	s->st.ctl &= ~(SCSW_AC | SCSW_SC);
	s->st.ctl |= SCSW_SC_PRIMARY | SCSW_SC_SECONDARY | SCSW_SC_PENDING;
	if (alert_of(dstat, cstat))
		s->st.ctl |= SCSW_SC_ALERT;
	s->st.cpa = ccw + 8;
	s->st.count = count;
	s->st.dstat = dstat;
	s->st.cstat = cstat;
	if (dstat & DSTAT_UC) {
		memcpy(s->sense, s->dev->sense, VDEV_SENSE_LEN);
		s->sense_valid = true;
	}
	vcss_irq_queue(s);
}

static void end_check(struct vcss_chan *c, uint8_t dstat)
{
	uint16_t count = 0;

	if (c->check_in_data && c->check_ccw == c->ccw_addr)
		count = (uint16_t)(c->count - c->pos);
	end_program(c, c->check_ccw, count, dstat, CSTAT_PROG);
}

/* The S flag on a CCW whose command would start next: intermediate status unless U. */
static void suspend(struct vcss_chan *c, uint32_t at, uint16_t count)
{
	struct vcss_sch *s = c->s;

	s->resume_ccw = at;
	s->st.ctl &= ~(SCSW_AC | SCSW_SC);
	s->st.ctl |= SCSW_AC_SUSPENDED;
	s->st.cpa = at + 8;
	s->st.count = count;
	s->st.dstat = 0;
	s->st.cstat = c->pci ? CSTAT_PCI : 0;
	if (!(s->orb_flags & ORB_U)) {
		s->st.ctl |= SCSW_SC_INTERMED | SCSW_SC_PENDING;
		vcss_irq_queue(s);
	}
}

/* The byte count the device sees: the data chain's total, as far as it can be seen now. */
static uint16_t chain_count(const struct vcss_chan *c, uint32_t at, const struct vcss_ccwd *first)
{
	uint32_t total = first->count;
	struct vcss_ccwd d = *first;
	unsigned steps = 0;

	while ((d.flags & CCWF_CD) && total < 0xffff && steps++ < 64) {
		if (!vcss_chan_peek(c, at + 8, &d, &at) || d.count == 0)
			break;
		total += d.count;
	}
	return (uint16_t)MIN(total, 0xffffU);
}

static bool command_valid(const struct vcss_chan *c, const struct vcss_ccwd *d)
{
	if ((d->cmd & 0x0f) == 0)
		return false;                      /* invalid command code */
	if (c->fmt1 && (d->cmd & 0x0f) == CCW_CMD_TIC)
		return false;                      /* x8 with bits 0-3 set */
	if (!c->fmt1 && d->count == 0)
		return false;                      /* format 0: zero count */
	return !(d->flags & CCWF_MIDA);
}

/* Incorrect length for the command just ended; *flags gets the flags that govern chaining. */
static bool incorrect_length(const struct vcss_chan *c, uint8_t *flags)
{
	uint8_t f = c->flags;
	bool data_left;

	if (!c->xfer_used) {
		*flags = f & (uint8_t)~CCWF_CD;
		if (!c->fmt1 || (c->s->orb_flags & ORB_L) || c->count == 0)
			return false;
		return !(f & CCWF_SLI);
	}
	*flags = f;
	data_left = c->pos < c->count || (f & CCWF_CD);
	if (!data_left && !c->overrun)
		return false;
	return !(f & CCWF_SLI) || (f & CCWF_CD);
}

void vcss_run(struct vcss_sch *s, uint32_t addr)
{
	struct vcss_chan c;
	struct vcss_ccwd d;
	uint32_t at;

	chan_init(&c, s);
	s->running = true;
	s->lpum = VCSS_PATH;
	s->st.ctl &= ~(SCSW_AC_START | SCSW_AC_RESUME | SCSW_AC_SUSPENDED);
	s->st.ctl |= SCSW_AC_SCH_ACT | SCSW_AC_DEV_ACT;
	for (;;) {
		struct vccw v;
		enum vccw_status st;
		uint8_t dstat, flags;

		if (vcss_chan_fetch(&c, addr, &d, &at) < 0) {
			end_check(&c, 0);
			break;
		}
		if (!command_valid(&c, &d)) {
			vcss_chan_fail(&c, at);
			end_check(&c, 0);
			break;
		}
		if (d.flags & CCWF_S) {
			if (!(s->orb_flags & ORB_S) || (d.flags & CCWF_CD)) {
				vcss_chan_fail(&c, at);
				end_check(&c, 0);
			} else {
				suspend(&c, at, d.count);
			}
			break;
		}
		vcss_chan_begin(&c, at, &d);
		c.first_at = at;
		c.first = d;
		c.total_moved = 0;
		c.xfer_used = false;
		c.overrun = false;
		memset(&v, 0, sizeof(v));
		v.cmd = d.cmd;
		v.flags = d.flags;
		v.count = chain_count(&c, at, &d);
		v.xfer = vcss_xfer;
		v.cs_priv = &c;
		if (s->orb_flags & ORB_I)
			s->st.ctl |= SCSW_Z;
		st = vcss_device_command(&c, &v);
		dstat = DSTAT_CE | DSTAT_DE;
		if (st == VCCW_UNIT_CHECK)
			dstat |= DSTAT_UC;
		else if (st == VCCW_UNIT_EXCEPTION)
			dstat |= DSTAT_UE;
		if (c.check) {
			end_check(&c, dstat);
			break;
		}
		if (incorrect_length(&c, &flags)) {
			end_program(&c, c.ccw_addr, (uint16_t)(c.count - c.pos), dstat, CSTAT_IL);
			break;
		}
		if (st != VCCW_OK || !(flags & CCWF_CC) || (flags & CCWF_CD)) {
			end_program(&c, c.ccw_addr, (uint16_t)(c.count - c.pos), dstat, 0);
			break;
		}
		addr = c.ccw_addr + 8;
	}
	s->running = false;
}
