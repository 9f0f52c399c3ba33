/*
 * libFuzzer: random I/O-instruction sequences against the virtual channel
 * subsystem over random guest storage, with three test devices (a well
 * behaved one, one that rejects the basic commands and abuses the transfer
 * helpers, one that ends commands with unit check or exception and kicks
 * unsolicited status). Guest storage is an exact-size heap buffer with one
 * unmapped page, so any access outside it is caught by ASan or the gmem
 * bounds; the CCW limit keeps every instruction finite. After every call the
 * return value, the interruption codes and the subchannels' internal state
 * are checked for consistency.
 *
 * Input: byte 0 = number of operations (mod 33), then 12 bytes per operation
 * (op, subchannel, two small parameters, address, parameter; see the switch),
 * then the guest storage contents (repeated to fill it).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/vdev/vcss_priv.h"

#define MEM_SIZE   0x10000u
#define HOLE_PAGE  5            /* unmapped page inside storage */
#define NDEV       3
#define OP_LEN     12
#define MAX_XFER   4096

static uint8_t *mem;
static unsigned pending_calls;

static uint8_t *hole_page(const struct gmem *g, uint64_t gabs)
{
	if (gabs >= g->size)
		__builtin_trap();        /* gmem_valid must have refused it */
	if (gabs / GMEM_PAGE == HOLE_PAGE)
		return NULL;
	return (uint8_t *)g->priv + gabs;
}

struct fdev {
	struct vdev vd;
	unsigned kind;
	uint8_t buf[MAX_XFER];
};

static struct fdev devs[NDEV];

static enum vccw_status fdev_ccw(struct vdev *d, struct vccw *c)
{
	struct fdev *f = d->priv;
	uint32_t n = MIN((uint32_t)c->count, (uint32_t)MAX_XFER);

	switch (f->kind) {
	case 0:                                    /* well behaved */
		switch (c->cmd) {
		case 0x01:
			vccw_fetch(c, f->buf, n);
			return VCCW_OK;
		case 0x02:
			vccw_store(c, f->buf, 100);
			return VCCW_OK;
		case 0x03:
			return VCCW_OK;
		case 0xe4:
			return vdev_sense_id(d, c, f->buf, c->count & 0x3f);
		default:
			break;
		}
		break;
	case 1:                                    /* rude */
		switch (c->cmd & 0x0f) {
		case 0x01:
			while (vccw_fetch(c, f->buf, 7) == 7)
				;
			vccw_fetch(c, f->buf, 0);
			vccw_fetch(c, f->buf, MAX_XFER);  /* again, after the end or a check */
			return VCCW_OK;
		case 0x02:
			vccw_store(c, f->buf, MAX_XFER);
			vccw_store(c, f->buf, 3);
			return VCCW_OK;
		case 0x05:
			vcss_device_interrupt(d);
			vcss_device_interrupt(&devs[2].vd);
			return VCCW_OK;
		case 0x06:
			return (enum vccw_status)77;    /* a device bug */
		default:
			break;
		}
		break;
	default:                                   /* errors */
		switch (c->cmd & 0x03) {
		case 1:
			d->sense[0] = 0x10;
			d->sense[31] = c->cmd;
			return VCCW_UNIT_CHECK;
		case 2:
			for (unsigned i = 0; i < 5; i++)
				vccw_store(c, f->buf, 9);
			return VCCW_UNIT_EXCEPTION;
		case 3:
			vcss_device_interrupt(&devs[0].vd);
			return VCCW_OK;
		default:
			break;
		}
		break;
	}
	d->sense[0] = 0x80;
	return VCCW_UNIT_CHECK;
}

static void fdev_reset(struct vdev *d) { memset(d->sense, 0, sizeof(d->sense)); }

static const struct vdev_ops fdev_ops = { .ccw = fdev_ccw, .reset = fdev_reset };

static void on_pending(void *ctx) { (void)ctx; pending_calls++; }

static uint32_t be32at(const uint8_t *p) { return gmem_be32(p); }

static void check_rc(int rc)
{
	if (!(rc >= 0 && rc <= 3) && rc != -VCSS_PGM_ADDRESSING && rc != -VCSS_PGM_SPECIFICATION &&
	    rc != -VCSS_PGM_OPERAND)
		__builtin_trap();
}

static void check_code(const struct vcss *v, const struct vcss_io_int *c)
{
	if ((c->sid & 0xffff0000u) != SID_ONE || (c->sid & 0xffff) >= v->nsch || (c->iiw & ~0x38000000u))
		__builtin_trap();
	if (c->intparm != v->sch[c->sid & 0xffff]->intparm)
		__builtin_trap();
}

static void check_state(const struct vcss *v)
{
	unsigned queued = 0, listed = 0;

	for (uint32_t i = 0; i < v->nsch; i++) {
		const struct vcss_sch *s = v->sch[i];
		uint32_t ctl = s->st.ctl;

		if (s->running)
			__builtin_trap();
		if ((ctl & SCSW_SC) && !(ctl & SCSW_SC_PENDING))
			__builtin_trap();                 /* status without status pending */
		if ((ctl & SCSW_SC_PENDING) && !vcss_enabled(s))
			__builtin_trap();                 /* a disabled subchannel is never status pending */
		if (s->queued && !(ctl & SCSW_SC_PENDING))
			__builtin_trap();
		if ((ctl & SCSW_AC_SUSPENDED) && !(ctl & SCSW_FC_START))
			__builtin_trap();
		if (ctl & (SCSW_AC_SCH_ACT | SCSW_AC_DEV_ACT | SCSW_AC_START))
			__builtin_trap();                 /* synchronous: never left active */
		if (s->queued)
			queued++;
		if (s->dev->css != v || s->dev->schno != i)
			__builtin_trap();
	}
	for (unsigned isc = 0; isc < VCSS_NISC; isc++) {
		const struct list *p;

		list_for_each(p, &v->queue[isc]) {
			const struct vcss_sch *s = list_entry(p, struct vcss_sch, qlink);

			if (!s->queued || vcss_isc(s) != isc || listed++ > v->nsch)
				__builtin_trap();
		}
	}
	if (listed != queued)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gmem g;
	struct vcss_callbacks cb = { .io_pending = on_pending };
	struct vcss *v;
	size_t nops, body;

	if (size < 1)
		return 0;
	nops = data[0] % 33;
	if (size < 1 + nops * OP_LEN)
		nops = (size - 1) / OP_LEN;
	body = 1 + nops * OP_LEN;

	mem = malloc(MEM_SIZE);
	if (size > body) {
		for (size_t i = 0; i < MEM_SIZE; i++)
			mem[i] = data[body + i % (size - body)];
	} else {
		memset(mem, 0, MEM_SIZE);
	}
	g.size = MEM_SIZE;
	g.page = hole_page;
	g.priv = mem;
	v = vcss_create(&g, &cb);
	if (!v)
		__builtin_trap();
	for (unsigned i = 0; i < NDEV; i++) {
		memset(&devs[i], 0, sizeof(devs[i]));
		devs[i].vd.devno = (uint16_t)(0x600 + i);
		devs[i].vd.cu_type = 0x3832;
		devs[i].vd.dev_type = (uint16_t)i;
		devs[i].vd.ops = &fdev_ops;
		devs[i].vd.priv = &devs[i];
		devs[i].kind = i;
		for (unsigned j = 0; j < MAX_XFER; j++)
			devs[i].buf[j] = (uint8_t)(j * 13 + i);
		if (vcss_attach(v, &devs[i].vd) < 0)
			__builtin_trap();
	}

	for (size_t k = 0; k < nops; k++) {
		const uint8_t *op = data + 1 + k * OP_LEN;
		uint32_t addr = be32at(op + 4) % (MEM_SIZE + 0x100);
		uint32_t param = be32at(op + 8);
		uint32_t sid = op[1] >= 0xf0 ? param : SID_MAKE(0, op[1] % (NDEV + 1));
		struct vcss_io_int code;
		uint8_t schib[SCHIB_LEN];
		int rc = 0;

		if (op[3] & 1)
			addr = be32at(op + 4);          /* anywhere at all */
		switch (op[0] % 17) {
		case 0:
			rc = vcss_stsch(v, sid, addr);
			break;
		case 1:
			rc = vcss_msch(v, sid, addr);
			break;
		case 2:                                  /* enable with an ISC, from a stored SCHIB */
			if (vcss_stsch(v, sid, 0x100) == 0) {
				gmem_read(&g, 0x100, schib, sizeof(schib));
				gmem_put32(schib, param);
				gmem_put16(schib + 4, (uint16_t)(PMCW_E | ((op[2] & 7) << PMCW_ISC_SHIFT)));
				schib[8] = (op[2] & 0x80) ? 0 : 0x80;
				gmem_put32(schib + 0x18, op[2] & 0x08 ? PMCW_CHARS_S : 0);
				gmem_write(&g, 0x100, schib, sizeof(schib));
				rc = vcss_msch(v, sid, 0x100);
			}
			break;
		case 3:
			rc = vcss_ssch(v, sid, addr);
			break;
		case 4: {                                /* a well-formed ORB at 0x200 for the program at addr */
			uint8_t orb[ORB_LEN];

			gmem_put32(orb, param);
			/* key and S from op[3] bits 0-4, F P I A U H T from op[2], L from op[3] bit 5 */
			gmem_put32(orb + 4, ((uint32_t)(op[3] & 0xf8) << 24) | (((uint32_t)op[2] << 16) & 0x00fb0000u) |
					    0x8000u | ((op[3] & 0x04) ? ORB_L : 0));
			gmem_put32(orb + 8, addr & ~7u);
			gmem_write(&g, 0x200, orb, sizeof(orb));
			rc = vcss_ssch(v, sid, 0x200);
			break;
		}
		case 5:
			rc = vcss_tsch(v, sid, addr);
			break;
		case 6:
			rc = vcss_csch(v, sid);
			break;
		case 7:
			rc = vcss_hsch(v, sid);
			break;
		case 8:
			rc = vcss_xsch(v, sid);
			break;
		case 9:
			rc = vcss_rsch(v, sid);
			break;
		case 10:
			rc = vcss_stcrw(v, addr);
			break;
		case 11:
			rc = vcss_schm(v, ((uint64_t)param << 32) | be32at(op + 4), param);
			break;
		case 12:
			memset(&code, 0, sizeof(code));
			rc = vcss_tpi(v, op[2], op[3] & 2, addr, &code);
			if (rc == 1 && (op[3] & 2))
				check_code(v, &code);
			break;
		case 13:
			while (vcss_next_interrupt(v, op[2], &code))
				check_code(v, &code);
			if (vcss_interrupt_pending(v, op[2]))
				__builtin_trap();
			break;
		case 14:
			vcss_device_interrupt(&devs[op[1] % NDEV].vd);
			break;
		case 15:
			vcss_reset(v);
			break;
		default:
			rc = vcss_tsch(v, sid, 0x300);
			break;
		}
		check_rc(rc);
		check_state(v);
	}
	vcss_destroy(v);
	for (unsigned i = 0; i < NDEV; i++) {
		if (devs[i].vd.css)
			__builtin_trap();
	}
	free(mem);
	return 0;
}
