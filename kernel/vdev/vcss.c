/*
 * The virtual channel subsystem: creation, subchannels (attach, lookup by
 * subsystem-identification word, reset), destruction, and unsolicited status
 * from devices.
 */
#include <string.h>
#include "kernel/alloc.h"
#include "kernel/vdev/vcss_priv.h"

struct vcss *vcss_create(const struct gmem *g, const struct vcss_callbacks *cb)
{
	struct vcss *v;

	if (!g)
		return NULL;
	v = kzalloc(sizeof(*v));
	if (!v)
		return NULL;
	v->g = g;
	if (cb)
		v->cb = *cb;
	for (unsigned i = 0; i < VCSS_NISC; i++)
		list_init(&v->queue[i]);
	return v;
}

void vcss_destroy(struct vcss *v)
{
	if (!v)
		return;
	for (uint32_t i = 0; i < v->nsch; i++) {
		struct vcss_sch *s = v->sch[i];
		struct vdev *d = s->dev;

		d->css = NULL;
		kfree(s);
		if (d->ops && d->ops->destroy)
			d->ops->destroy(d);
	}
	kfree(v->sch);
	kfree(v);
}

/* The initial state: I/O-system reset and a newly attached subchannel. */
void vcss_sch_reset(struct vcss_sch *s)
{
	vcss_irq_withdraw(s);
	s->intparm = 0;
	s->pmcw_flags = 0;
	s->lpm = VCSS_PIM;
	s->lpum = 0;
	s->pom = 0xff;
	s->mbi = 0;
	s->chars = 0;
	s->mba = 0;
	memset(&s->st, 0, sizeof(s->st));
	s->orb_flags = 0;
	s->resume_ccw = 0;
	s->running = false;
	memset(s->sense, 0, sizeof(s->sense));
	s->sense_valid = false;
}

static int grow(struct vcss *v)
{
	uint32_t cap = v->cap ? v->cap * 2 : 8;
	struct vcss_sch **n;

	if (cap > VCSS_MAX_SUBCHANNELS)
		cap = VCSS_MAX_SUBCHANNELS;
	n = kmalloc(cap * sizeof(*n));
	if (!n)
		return -1;
	if (v->nsch)
		memcpy(n, v->sch, v->nsch * sizeof(*n));
	kfree(v->sch);
	v->sch = n;
	v->cap = cap;
	return 0;
}

int vcss_attach(struct vcss *v, struct vdev *d)
{
	struct vcss_sch *s;

	if (!v || !d || d->css || v->nsch >= VCSS_MAX_SUBCHANNELS)
		return -1;
	for (uint32_t i = 0; i < v->nsch; i++) {
		if (v->sch[i]->dev == d || v->sch[i]->dev->devno == d->devno)
			return -1;
	}
	if (v->nsch == v->cap && grow(v) < 0)
		return -1;
	s = kzalloc(sizeof(*s));
	if (!s)
		return -1;
	s->css = v;
	s->dev = d;
	s->schno = (uint16_t)v->nsch;
	list_init(&s->qlink);
	vcss_sch_reset(s);
	v->sch[v->nsch++] = s;
	d->css = v;
	d->schno = s->schno;
	return 0;
}

void vcss_reset(struct vcss *v)
{
	v->mbo = 0;
	v->mbk = 0;
	v->mb_update = false;
	v->mb_dct = false;
	for (uint32_t i = 0; i < v->nsch; i++) {
		struct vcss_sch *s = v->sch[i];

		vcss_sch_reset(s);
		if (s->dev->ops && s->dev->ops->reset)
			s->dev->ops->reset(s->dev);
	}
}

uint32_t vcss_count(const struct vcss *v)
{
	return v->nsch;
}

/*
 * GR1 bits 32-63: bits 32-44 zero (no multiple-subchannel-set extension
 * numbering with a CSSID), bits 45-46 the subchannel-set id, bit 47 one, then
 * the subchannel number. A malformed word is an operand exception; a
 * subchannel not provided is condition code 3.
 */
int vcss_lookup(struct vcss *v, uint32_t sid, struct vcss_sch **out)
{
	uint32_t n = SID_SCHNO(sid);

	*out = NULL;
	if (!(sid & SID_ONE) || (sid & SID_RESERVED))
		return -VCSS_PGM_OPERAND;
	if (SID_SSID(sid) != 0 || n >= v->nsch)
		return 3;
	*out = v->sch[n];
	return 0;
}

/*
 * Device-initiated status (e.g. virtio-ccw classic indicators). The
 * subchannel becomes status pending with alert status alone and no device or
 * subchannel status: Linux recognizes that as unsolicited (cc 0, status
 * control alert + status pending), calls the driver's interrupt handler with
 * no error, and virtio_ccw_int_handler then scans its indicators. Dropped
 * when the subchannel is disabled (it cannot become status pending), already
 * status pending, running a channel program (which ends status pending) or
 * holding a suspended one: in each case the guest's next interruption for
 * this subchannel already makes the driver look at its indicators.
 */
void (*vdev_detached_interrupt)(struct vdev *d);

void vcss_device_interrupt(struct vdev *d)
{
	struct vcss *v;
	struct vcss_sch *s;

	if (d && !d->css && vdev_detached_interrupt)
		vdev_detached_interrupt(d);
	if (!d || !d->css)
		return;
	v = d->css;
	if (v->cb.lock)
		v->cb.lock(v->cb.ctx);
	if (d->schno < v->nsch && v->sch[d->schno]->dev == d) {
		s = v->sch[d->schno];
		if (vcss_enabled(s) && !(s->st.ctl & (SCSW_SC_PENDING | SCSW_FC)) && !s->running) {
			memset(&s->st, 0, sizeof(s->st));
			s->st.ctl = SCSW_SC_ALERT | SCSW_SC_PENDING;
			vcss_irq_queue(s);
		}
	}
	if (v->cb.unlock)
		v->cb.unlock(v->cb.ctx);
}

struct vdev *vcss_device(struct vcss *v, uint32_t schno)
{
	return v && schno < v->nsch ? v->sch[schno]->dev : NULL;
}
