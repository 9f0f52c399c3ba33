/* Helpers for the virtual channel subsystem tests (vcss_test_support.h). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "tests/unit/vcss_test_support.h"

static enum vccw_status tdev_ccw(struct vdev *d, struct vccw *c)
{
	struct tdev *t = d->priv;
	uint8_t chunk[16];
	int n;

	t->commands++;
	t->seen_cmd = c->cmd;
	t->seen_count = c->count;
	switch (c->cmd) {
	case TCMD_WRITE:
		t->last_rc = vccw_fetch(c, t->wbuf, c->count);
		t->wlen = t->last_rc > 0 ? (uint32_t)t->last_rc : 0;
		return VCCW_OK;
	case TCMD_READ:
		t->last_rc = vccw_store(c, t->rdata, t->rlen);
		return VCCW_OK;
	case TCMD_CONTROL:
		return VCCW_OK;
	case TCMD_UNIT_EXC:
		return VCCW_UNIT_EXCEPTION;
	case TCMD_UNIT_CHECK:
		d->sense[0] = 0x10;
		d->sense[1] = 0x42;
		return VCCW_UNIT_CHECK;
	case TCMD_KICK_SELF:
		vcss_device_interrupt(d);
		return VCCW_OK;
	case TCMD_WRITE_ALL:
		t->wlen = 0;
		while ((n = vccw_fetch(c, chunk, sizeof(chunk))) > 0 && t->wlen + (uint32_t)n <= sizeof(t->wbuf)) {
			memcpy(t->wbuf + t->wlen, chunk, (size_t)n);
			t->wlen += (uint32_t)n;
			if (n < (int)sizeof(chunk))
				break;
		}
		t->last_rc = n;
		return VCCW_OK;
	case CCW_CMD_SENSE_ID:
		if (t->handles_basic)
			return vdev_sense_id(d, c, (const uint8_t *)"\x40\x83\x00\x80", 4);
		break;
	case CCW_CMD_NOP:
		if (t->handles_basic)
			return VCCW_OK;
		break;
	default:
		break;
	}
	d->sense[0] = 0x80;
	return VCCW_UNIT_CHECK;
}

static void tdev_reset(struct vdev *d)
{
	((struct tdev *)d->priv)->resets++;
}

static void tdev_destroy(struct vdev *d)
{
	((struct tdev *)d->priv)->destroys++;
}

static const struct vdev_ops tdev_ops = {
	.ccw = tdev_ccw,
	.reset = tdev_reset,
	.destroy = tdev_destroy,
};

static void count_pending(void *ctx)
{
	((struct tenv *)ctx)->io_pending_calls++;
}

void tenv_init(struct tenv *e, unsigned n)
{
	struct vcss_callbacks cb = { .io_pending = count_pending, .ctx = e };

	memset(e, 0, sizeof(*e));
	e->mem = calloc(1, T_MEM_SIZE);
	cr_assert(e->mem);
	gmem_flat_init(&e->g, e->mem, T_MEM_SIZE);
	e->v = vcss_create(&e->g, &cb);
	cr_assert(e->v);
	e->ndev = n;
	for (unsigned i = 0; i < n; i++) {
		struct tdev *t = &e->dev[i];

		t->vd.devno = (uint16_t)(0x100 + i);
		t->vd.cu_type = 0x3832;
		t->vd.cu_model = 0x01;
		t->vd.dev_type = 0x3390;
		t->vd.dev_model = 0x0c;
		t->vd.ops = &tdev_ops;
		t->vd.priv = t;
		cr_assert_eq(vcss_attach(e->v, &t->vd), 0);
		cr_assert_eq(t->vd.schno, i);
		cr_assert_eq(t->vd.css, e->v);
	}
}

void tenv_fini(struct tenv *e)
{
	vcss_destroy(e->v);
	free(e->mem);
}

uint32_t sid_of(unsigned schno)
{
	return 0x00010000U | schno;
}

void put8(struct tenv *e, uint64_t a, uint8_t v)
{
	e->mem[a] = v;
}

void put16(struct tenv *e, uint64_t a, uint16_t v)
{
	gmem_put16(e->mem + a, v);
}

void put32(struct tenv *e, uint64_t a, uint32_t v)
{
	gmem_put32(e->mem + a, v);
}

void put64(struct tenv *e, uint64_t a, uint64_t v)
{
	gmem_put64(e->mem + a, v);
}

uint32_t get32(struct tenv *e, uint64_t a)
{
	return gmem_be32(e->mem + a);
}

void ccw1(struct tenv *e, uint64_t a, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t cda)
{
	e->mem[a] = cmd;
	e->mem[a + 1] = flags;
	put16(e, a + 2, count);
	put32(e, a + 4, cda);
}

void ccw0(struct tenv *e, uint64_t a, uint8_t cmd, uint32_t cda, uint8_t flags, uint16_t count)
{
	e->mem[a] = cmd;
	e->mem[a + 1] = (uint8_t)(cda >> 16);
	e->mem[a + 2] = (uint8_t)(cda >> 8);
	e->mem[a + 3] = (uint8_t)cda;
	e->mem[a + 4] = flags;
	e->mem[a + 5] = 0;
	put16(e, a + 6, count);
}

void orb(struct tenv *e, uint64_t a, uint32_t intparm, uint32_t flags, uint32_t cpa)
{
	memset(e->mem + a, 0, 32);
	put32(e, a, intparm);
	put32(e, a + 4, flags);
	put32(e, a + 8, cpa);
}

void enable(struct tenv *e, unsigned schno, unsigned isc, uint32_t intparm)
{
	struct tschib s;
	uint16_t flags;

	cr_assert_eq(stsch(e, schno, &s), 0);
	flags = (uint16_t)((s.flags & ~PMCW_ISC) | PMCW_E | (isc << PMCW_ISC_SHIFT));
	put32(e, T_SCHIB, intparm);
	put16(e, T_SCHIB + 4, flags);
	cr_assert_eq(vcss_msch(e->v, sid_of(schno), T_SCHIB), 0);
}

int start(struct tenv *e, unsigned schno, uint32_t intparm, uint32_t flags, uint32_t cpa)
{
	orb(e, T_ORB, intparm, flags, cpa);
	return vcss_ssch(e->v, sid_of(schno), T_ORB);
}

static void scsw_decode(const uint8_t *b, struct tirb *o)
{
	o->ctl = gmem_be32(b);
	o->cpa = gmem_be32(b + 4);
	o->dstat = b[8];
	o->cstat = b[9];
	o->count = gmem_be16(b + 10);
}

int tsch(struct tenv *e, unsigned schno, struct tirb *irb)
{
	int cc;

	memset(e->mem + T_IRB, 0xee, IRB_LEN);
	cc = vcss_tsch(e->v, sid_of(schno), T_IRB);
	if (irb) {
		memset(irb, 0, sizeof(*irb));
		scsw_decode(e->mem + T_IRB, irb);
		irb->esw0 = get32(e, T_IRB + 0x0c);
		irb->erw = get32(e, T_IRB + 0x10);
		memcpy(irb->ecw, e->mem + T_IRB + 0x20, 32);
	}
	return cc;
}

int stsch(struct tenv *e, unsigned schno, struct tschib *s)
{
	const uint8_t *b = e->mem + T_SCHIB;
	int cc = vcss_stsch(e->v, sid_of(schno), T_SCHIB);

	if (s) {
		memset(s, 0, sizeof(*s));
		s->intparm = gmem_be32(b);
		s->flags = gmem_be16(b + 4);
		s->devno = gmem_be16(b + 6);
		s->lpm = b[8];
		s->pnom = b[9];
		s->lpum = b[10];
		s->pim = b[11];
		s->mbi = gmem_be16(b + 12);
		s->pom = b[14];
		s->pam = b[15];
		s->chpid0 = b[16];
		s->chars = gmem_be32(b + 24);
		scsw_decode(b + 28, &s->scsw);
		s->mba = gmem_be64(b + 40);
	}
	return cc;
}
