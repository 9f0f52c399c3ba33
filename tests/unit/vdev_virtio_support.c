/* Test side of the virtio device tests: see vdev_virtio_support.h. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/vdev/virtio_ccw_dev.h"
#include "tests/unit/vdev_virtio_support.h"

/* ---- Guest storage ---- */

void tg_init(struct tguest *t, uint64_t size)
{
	t->mem = calloc(1, size);
	cr_assert_not_null(t->mem);
	gmem_flat_init(&t->g, t->mem, size);
	t->brk = 0x10000;              /* keep low storage out of the way */
}

void tg_free(struct tguest *t)
{
	free(t->mem);
	t->mem = NULL;
}

uint64_t tg_alloc(struct tguest *t, uint64_t size, uint64_t align)
{
	uint64_t a = (t->brk + align - 1) & ~(align - 1);

	cr_assert(a + size <= t->g.size, "guest storage exhausted");
	t->brk = a + size;
	memset(t->mem + a, 0, size);
	return a;
}

uint8_t *tg_ptr(struct tguest *t, uint64_t gabs)
{
	cr_assert(gabs < t->g.size);
	return t->mem + gabs;
}

/* ---- Byte order ---- */

uint16_t tget16(const uint8_t *p, bool le)
{
	return le ? (uint16_t)(p[0] + 256 * p[1]) : (uint16_t)(p[1] + 256 * p[0]);
}

uint32_t tget32(const uint8_t *p, bool le)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++)
		v = v * 256 + p[le ? 3 - i : i];
	return v;
}

uint64_t tget64(const uint8_t *p, bool le)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v * 256 + p[le ? 7 - i : i];
	return v;
}

static void tput(uint8_t *p, uint64_t v, int n, bool le)
{
	for (int i = 0; i < n; i++)
		p[le ? i : n - 1 - i] = (uint8_t)(v >> (8 * i));
}

void tput16(uint8_t *p, uint16_t v, bool le) { tput(p, v, 2, le); }
void tput32(uint8_t *p, uint32_t v, bool le) { tput(p, v, 4, le); }
void tput64(uint8_t *p, uint64_t v, bool le) { tput(p, v, 8, le); }

/* ---- One CCW ---- */

bool tccw_fail_xfer;

struct tccw_ctx {
	struct vccw c;
	uint8_t *data;
};

bool tccw_overrun;

/* Continue at c->moved, never beyond the count: what vdev.h asks of the channel subsystem. */
static int tccw_xfer(struct vccw *c, void *buf, size_t len, bool to_guest)
{
	struct tccw_ctx *x = (struct tccw_ctx *)c;
	size_t n;

	if (tccw_fail_xfer)
		return -1;
	cr_assert(c->moved <= c->count);
	n = c->count - c->moved;
	if (n < len)
		tccw_overrun = true; /* a real channel subsystem reports incorrect length (no SLI) */
	if (n > len)
		n = len;
	if (to_guest)
		memcpy(x->data + c->moved, buf, n);
	else
		memcpy(buf, x->data + c->moved, n);
	c->moved += (uint32_t)n;
	return (int)n;
}

enum vccw_status tccw(struct vdev *d, uint8_t cmd, void *data, uint16_t count, uint32_t *moved)
{
	struct tccw_ctx x;
	enum vccw_status st;

	memset(&x, 0, sizeof(x));
	tccw_overrun = false;
	x.c.cmd = cmd;
	x.c.count = count;
	x.c.xfer = tccw_xfer;
	x.data = data;
	st = d->ops->ccw(d, &x.c);
	if (moved)
		*moved = x.c.moved;
	return st;
}

/* ---- Interruptions ---- */

unsigned int tirq_count;
struct vdev *tirq_last;

static void count_interrupt(struct vdev *d)
{
	tirq_count++;
	tirq_last = d;
}

/* The devices here sit on no channel subsystem: their interruptions are counted. */
__attribute__((constructor)) static void count_detached_interrupts(void)
{
	vdev_detached_interrupt = count_interrupt;
}

/* ---- The guest driver ---- */

static void expect_ok(enum vccw_status st, const char *what)
{
	cr_assert_eq(st, VCCW_OK, "%s: status %d", what, st);
}

static void write_status(struct tdrv *t, uint8_t s)
{
	expect_ok(tccw(t->d, VCCW_CMD_WRITE_STATUS, &s, 1, NULL), "WRITE_STATUS");
}

uint8_t tdrv_status(struct tdrv *t)
{
	uint8_t s = 0xee;

	expect_ok(tccw(t->d, VCCW_CMD_READ_STATUS, &s, 1, NULL), "READ_STATUS");
	return s;
}

static uint32_t read_feat(struct tdrv *t, uint8_t index)
{
	uint8_t f[5] = { 0, 0, 0, 0, index };

	expect_ok(tccw(t->d, VCCW_CMD_READ_FEAT, f, 5, NULL), "READ_FEAT");
	cr_assert_eq(f[4], index, "READ_FEAT keeps the index byte");
	return tget32(f, true);      /* feature bits are little-endian in every revision */
}

static void write_feat(struct tdrv *t, uint8_t index, uint32_t bits)
{
	uint8_t f[5];

	tput32(f, bits, true);
	f[4] = index;
	expect_ok(tccw(t->d, VCCW_CMD_WRITE_FEAT, f, 5, NULL), "WRITE_FEAT");
}

static void setup_queue(struct tdrv *t, unsigned int qi)
{
	struct tq *q = &t->q[qi];
	uint8_t cfg[4];
	uint16_t num;

	tput16(cfg, (uint16_t)qi, false);
	tput16(cfg + 2, 0xdead, false);
	expect_ok(tccw(t->d, VCCW_CMD_READ_VQ_CONF, cfg, 4, NULL), "READ_VQ_CONF");
	num = tget16(cfg + 2, false);
	cr_assert(num && !(num & (num - 1)), "queue %u size %u", qi, num);
	memset(q, 0, sizeof(*q));
	q->num = num;
	if (t->rev == 0) {
		uint8_t info[16];
		uint64_t size = ((16ULL * num + 2ULL * (3 + num) + 4095) & ~4095ULL) + 6 + 8ULL * num;

		q->desc = tg_alloc(t->g, size, 4096);
		q->avail = q->desc + 16ULL * num;
		q->used = (q->avail + 2ULL * (3 + num) + 4095) & ~4095ULL;
		tput64(info, q->desc, false);
		tput32(info + 8, 4096, false);
		tput16(info + 12, (uint16_t)qi, false);
		tput16(info + 14, num, false);
		expect_ok(tccw(t->d, VCCW_CMD_SET_VQ, info, 16, NULL), "SET_VQ legacy");
	} else {
		uint8_t info[32];

		/* Three separate areas, deliberately not adjacent. */
		q->used = tg_alloc(t->g, 6 + 8ULL * num, 4);
		tg_alloc(t->g, 64, 8);
		q->desc = tg_alloc(t->g, 16ULL * num, 16);
		tg_alloc(t->g, 64, 8);
		q->avail = tg_alloc(t->g, 6 + 2ULL * num, 2);
		memset(info, 0, sizeof(info));
		tput64(info, q->desc, false);
		tput16(info + 12, (uint16_t)qi, false);
		tput16(info + 14, num, false);
		tput64(info + 16, q->avail, false);
		tput64(info + 24, q->used, false);
		expect_ok(tccw(t->d, VCCW_CMD_SET_VQ, info, 32, NULL), "SET_VQ");
	}
}

void tdrv_probe(struct tdrv *t, struct tguest *g, struct vdev *d, int max_rev, uint64_t want,
		unsigned int nq)
{
	uint8_t id[7], rev[4];

	memset(t, 0, sizeof(*t));
	t->g = g;
	t->d = d;
	/* The channel subsystem's part of recognition: Sense ID. */
	memset(id, 0, sizeof(id));
	expect_ok(tccw(d, VCCW_CMD_SENSE_ID, id, sizeof(id), NULL), "SENSE ID");
	cr_assert_eq(id[0], 0xff);
	cr_assert_eq(tget16(id + 1, false), 0x3832, "control unit type");
	/* virtio_ccw_online: revision, highest first, stepping down on command reject. */
	for (t->rev = max_rev;; t->rev--) {
		enum vccw_status st;

		tput16(rev, (uint16_t)t->rev, false);
		tput16(rev + 2, 0, false);
		st = tccw(d, VCCW_CMD_SET_VIRTIO_REV, rev, 4, NULL);
		if (st == VCCW_OK)
			break;
		cr_assert_eq(st, VCCW_UNIT_CHECK);
		cr_assert_eq(d->sense[0], 0x80, "command reject");
		cr_assert(t->rev > 0, "revision 0 refused");
	}
	t->le = t->rev >= 1;
	tdrv_restart(t, want, nq);
}

void tdrv_restart(struct tdrv *t, uint64_t want, unsigned int nq)
{
	struct vdev *d = t->d;
	struct tguest *g = t->g;
	uint8_t ind[8], thin[25];
	uint8_t s;

	/* register_virtio_device and virtio_dev_probe. */
	write_status(t, 0);
	write_status(t, VIRTIO_S_ACKNOWLEDGE);
	write_status(t, VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER);
	t->offered = read_feat(t, 0);
	if (t->rev >= 1)
		t->offered |= (uint64_t)read_feat(t, 1) << 32;
	t->features = t->offered & want;
	write_feat(t, 0, (uint32_t)t->features);
	if (t->rev >= 1) {
		write_feat(t, 1, (uint32_t)(t->features >> 32));
		s = VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER | VIRTIO_S_FEATURES_OK;
		write_status(t, s);
		if (t->rev >= 2)
			cr_assert(tdrv_status(t) & VIRTIO_S_FEATURES_OK, "device kept FEATURES_OK");
	}
	/* find_vqs. */
	t->nq = nq;
	for (unsigned int i = 0; i < nq; i++)
		setup_queue(t, i);
	memset(thin, 0, sizeof(thin));
	cr_assert_eq(tccw(d, VCCW_CMD_SET_IND_ADAPTER, thin, sizeof(thin), NULL), VCCW_UNIT_CHECK);
	cr_assert_eq(d->sense[0], 0x80, "adapter interruptions: command reject");
	t->ind = tg_alloc(g, 8, 8);
	tput64(ind, t->ind, false);
	expect_ok(tccw(d, VCCW_CMD_SET_IND, ind, 8, NULL), "SET_IND");
	t->conf_ind = tg_alloc(g, 8, 8);
	tput64(ind, t->conf_ind, false);
	expect_ok(tccw(d, VCCW_CMD_SET_CONF_IND, ind, 8, NULL), "SET_CONF_IND");
	/* virtio_device_ready. */
	s = VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER | VIRTIO_S_DRIVER_OK |
	    (t->rev >= 1 ? VIRTIO_S_FEATURES_OK : 0);
	write_status(t, s);
}

static void put_desc(struct tdrv *t, uint64_t table, uint16_t i, uint64_t addr, uint32_t len, uint16_t flags,
		     uint16_t next)
{
	uint8_t *p = tg_ptr(t->g, table + 16ULL * i);

	tput64(p, addr, t->le);
	tput32(p + 8, len, t->le);
	tput16(p + 12, flags, t->le);
	tput16(p + 14, next, t->le);
}

static void publish(struct tdrv *t, struct tq *q, uint16_t head)
{
	tput16(tg_ptr(t->g, q->avail + 4 + 2ULL * (q->avail_idx % q->num)), head, t->le);
	q->avail_idx++;
	tput16(tg_ptr(t->g, q->avail + 2), q->avail_idx, t->le);
}

uint16_t tdrv_add(struct tdrv *t, unsigned int qi, const struct tbuf *b, unsigned int n)
{
	struct tq *q = &t->q[qi];
	uint16_t head = q->next_desc;

	for (unsigned int i = 0; i < n; i++) {
		uint16_t at = (uint16_t)((head + i) % q->num), next = (uint16_t)((head + i + 1) % q->num);
		uint16_t flags = (uint16_t)((b[i].write ? VRD_F_WRITE : 0) | (i + 1 < n ? VRD_F_NEXT : 0));

		put_desc(t, q->desc, at, b[i].addr, b[i].len, flags, i + 1 < n ? next : 0);
	}
	q->next_desc = (uint16_t)((head + n) % q->num);
	publish(t, q, head);
	return head;
}

uint16_t tdrv_add_indirect(struct tdrv *t, unsigned int qi, const struct tbuf *b, unsigned int n)
{
	struct tq *q = &t->q[qi];
	uint64_t table = tg_alloc(t->g, 16ULL * n, 16);
	uint16_t head = q->next_desc;

	for (unsigned int i = 0; i < n; i++)
		put_desc(t, table, (uint16_t)i, b[i].addr, b[i].len,
			 (uint16_t)((b[i].write ? VRD_F_WRITE : 0) | (i + 1 < n ? VRD_F_NEXT : 0)),
			 (uint16_t)(i + 1 < n ? i + 1 : 0));
	put_desc(t, q->desc, head, table, 16 * n, VRD_F_INDIRECT, 0);
	q->next_desc = (uint16_t)((head + 1) % q->num);
	publish(t, q, head);
	return head;
}

bool tdrv_used(struct tdrv *t, unsigned int qi, uint32_t *id, uint32_t *len)
{
	struct tq *q = &t->q[qi];
	uint8_t *e;

	if (tget16(tg_ptr(t->g, q->used + 2), t->le) == q->last_used)
		return false;
	e = tg_ptr(t->g, q->used + 4 + 8ULL * (q->last_used % q->num));
	*id = tget32(e, t->le);
	*len = tget32(e + 4, t->le);
	q->last_used++;
	return true;
}

int tdrv_kick(struct tdrv *t, unsigned int qi)
{
	return virtio_ccw_notify(t->d, qi);
}

static uint64_t take(struct tdrv *t, uint64_t at)
{
	uint64_t v = tget64(tg_ptr(t->g, at), false);

	memset(tg_ptr(t->g, at), 0, 8);
	return v;
}

uint64_t tdrv_take_ind(struct tdrv *t) { return take(t, t->ind); }
uint64_t tdrv_take_conf_ind(struct tdrv *t) { return take(t, t->conf_ind); }

void tdrv_read_conf(struct tdrv *t, void *buf, uint16_t len)
{
	expect_ok(tccw(t->d, VCCW_CMD_READ_CONF, buf, len, NULL), "READ_CONF");
}

uint64_t tdrv_buffer(struct tdrv *t, uint32_t len, uint8_t seed)
{
	uint64_t a = tg_alloc(t->g, len, 8);

	for (uint32_t i = 0; i < len; i++)
		tg_ptr(t->g, a)[i] = (uint8_t)(seed + i * 7 + (i >> 8));
	return a;
}
