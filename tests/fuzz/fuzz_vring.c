/*
 * libFuzzer: hostile guests against the virtio devices. One guest storage of
 * 64 KiB holds everything the "guest" controls: rings, descriptors, buffers,
 * indicators. A virtio-blk device (in-memory backend that traps when called
 * outside its capacity) and two virtio-net devices coupled to one VSWITCH are
 * brought up the Linux way with queue addresses from the input, then the
 * input's operations run: notifications, storage pokes (a guest changing its
 * rings between notifications), raw channel commands, resets, re-setups,
 * frames from the switch side, uncouple/couple.
 *
 * Input: byte 0 flags (bit 0 virtio 1.0 else legacy, bit 1 refuse INDIRECT,
 * bit 2 refuse VERSION_1 in revision 2); 5 queue setups of 8 bytes (blk q0,
 * A q0, A q1, B q0, B q1: desc, avail, used big-endian 16-bit guest offsets,
 * log2 size, spare); a chunk count, then chunks (offset 16-bit, length 8-bit,
 * bytes) written into storage; the rest are operations (see run_ops).
 * tests/fuzz/make_vring_seeds.py writes the seeds in corpus/vring/.
 *
 * What must hold: no access outside storage (ASan on an exact-size buffer),
 * no backend call outside the disk (trap), no hang (libFuzzer timeout).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/vdev/virtio_blk_dev.h"
#include "kernel/vdev/virtio_net_dev.h"
#include "kernel/vdev/vswitch.h"

#define GSIZE 0x10000u
#define DISK_SECTORS 64u
#define IND_ADDR 0xff00u
#define MAX_OPS 256

struct input {
	const uint8_t *p;
	size_t n, off;
};

static uint8_t take8(struct input *in) { return in->off < in->n ? in->p[in->off++] : 0; }
static uint16_t take16(struct input *in) { return (uint16_t)(take8(in) << 8 | take8(in)); }

/* ---- The channel subsystem's part: one CCW over a buffer ---- */

struct fccw {
	struct vccw c;
	uint8_t *data;
};

static int fxfer(struct vccw *c, void *buf, size_t len, bool to_guest)
{
	struct fccw *x = (struct fccw *)c;
	size_t n = c->count - c->moved;

	if (c->moved > c->count)
		__builtin_trap();
	if (n > len)
		n = len;
	if (to_guest)
		memcpy(x->data + c->moved, buf, n);
	else
		memcpy(buf, x->data + c->moved, n);
	c->moved += (uint32_t)n;
	return (int)n;
}

static enum vccw_status ccw(struct vdev *d, uint8_t cmd, void *data, uint16_t count)
{
	struct fccw x;

	memset(&x, 0, sizeof(x));
	x.c.cmd = cmd;
	x.c.count = count;
	x.c.xfer = fxfer;
	x.data = data;
	return d->ops->ccw(d, &x.c);
}

static unsigned int interrupts;

static void count_interrupt(struct vdev *d)
{
	(void)d;
	interrupts++;
}

__attribute__((constructor)) static void count_detached_interrupts(void)
{
	vdev_detached_interrupt = count_interrupt;
}

/* ---- The block backend ---- */

static uint8_t disk[DISK_SECTORS * 512];

static void check_extent(uint64_t s, unsigned int n)
{
	if (!n || s >= DISK_SECTORS || n > DISK_SECTORS - s)
		__builtin_trap();
}

static int bk_read(void *ctx, uint64_t s, unsigned int n, void *buf)
{
	(void)ctx;
	check_extent(s, n);
	memcpy(buf, disk + s * 512, n * 512u);
	return 0;
}

static int bk_write(void *ctx, uint64_t s, unsigned int n, const void *buf)
{
	(void)ctx;
	check_extent(s, n);
	memcpy(disk + s * 512, buf, n * 512u);
	return 0;
}

static uint64_t bk_capacity(void *ctx)
{
	(void)ctx;
	return DISK_SECTORS;
}

static const struct vblk_backend_ops bk_ops = { .read = bk_read, .write = bk_write, .capacity_sectors = bk_capacity };

/* ---- Bringing a device up as Linux does, with the input's queue places ---- */

struct qsetup {
	uint16_t desc, avail, used;
	uint8_t lognum;
};

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, (uint16_t)(v >> 16)); put16(p + 2, (uint16_t)v); }
static void put64(uint8_t *p, uint64_t v) { put32(p, (uint32_t)(v >> 32)); put32(p + 4, (uint32_t)v); }

static void status(struct vdev *d, uint8_t s)
{
	ccw(d, VCCW_CMD_WRITE_STATUS, &s, 1);
}

static void bring_up(struct vdev *d, uint8_t flags, const struct qsetup *qs, unsigned int nq, uint16_t ind)
{
	bool modern = flags & 1;
	uint8_t b[32];
	uint64_t want = ~0ULL;

	if (flags & 2)
		want &= ~VIRTIO_FEATURE(VIRTIO_RING_F_INDIRECT_DESC);
	if (flags & 4)
		want &= ~VIRTIO_FEATURE(VIRTIO_F_VERSION_1);
	put16(b, modern ? 2 : 0);
	put16(b + 2, 0);
	ccw(d, VCCW_CMD_SET_VIRTIO_REV, b, 4);
	status(d, 0);
	status(d, VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER);
	for (uint8_t bank = 0; bank < (modern ? 2 : 1); bank++) {
		uint32_t f;

		memset(b, 0, 5);
		b[4] = bank;
		ccw(d, VCCW_CMD_READ_FEAT, b, 5);
		f = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
		f &= (uint32_t)(want >> (32 * bank));
		b[0] = (uint8_t)f; b[1] = (uint8_t)(f >> 8); b[2] = (uint8_t)(f >> 16); b[3] = (uint8_t)(f >> 24);
		ccw(d, VCCW_CMD_WRITE_FEAT, b, 5);
	}
	if (modern)
		status(d, VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER | VIRTIO_S_FEATURES_OK);
	for (unsigned int i = 0; i < nq; i++) {
		uint16_t num;

		put16(b, (uint16_t)i);
		ccw(d, VCCW_CMD_READ_VQ_CONF, b, 4);
		num = (uint16_t)(b[2] << 8 | b[3]);
		memset(b, 0, sizeof(b));
		if (modern) {
			put64(b, qs[i].desc & ~15u);
			put16(b + 12, (uint16_t)i);
			put16(b + 14, (uint16_t)(1u << (qs[i].lognum % 9)));
			put64(b + 16, qs[i].avail & ~1u);
			put64(b + 24, qs[i].used & ~3u);
			ccw(d, VCCW_CMD_SET_VQ, b, 32);
		} else {
			put64(b, qs[i].desc & ~0xfffu);
			put32(b + 8, 4096);
			put16(b + 12, (uint16_t)i);
			put16(b + 14, num);
			ccw(d, VCCW_CMD_SET_VQ, b, 16);
		}
	}
	put64(b, ind);
	ccw(d, VCCW_CMD_SET_IND, b, 8);
	put64(b, ind + 8u);
	ccw(d, VCCW_CMD_SET_CONF_IND, b, 8);
	status(d, VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER | VIRTIO_S_DRIVER_OK | (modern ? VIRTIO_S_FEATURES_OK : 0));
}

/* ---- The operations ---- */

struct world {
	uint8_t flags;
	struct qsetup qs[5];
	struct virtio_blk_dev *blk;
	struct virtio_net_dev *a, *b;
	struct vswitch *sw;
	uint8_t *mem;
};

static struct vdev *pick(struct world *w, uint8_t which)
{
	switch (which % 3) {
	case 0: return virtio_blk_dev_vdev(w->blk);
	case 1: return virtio_net_dev_vdev(w->a);
	default: return virtio_net_dev_vdev(w->b);
	}
}

static void setup_dev(struct world *w, uint8_t which)
{
	switch (which % 3) {
	case 0: bring_up(virtio_blk_dev_vdev(w->blk), w->flags, &w->qs[0], 1, IND_ADDR); break;
	case 1: bring_up(virtio_net_dev_vdev(w->a), w->flags, &w->qs[1], 2, IND_ADDR + 16); break;
	default: bring_up(virtio_net_dev_vdev(w->b), w->flags, &w->qs[3], 2, IND_ADDR + 32); break;
	}
}

static void run_ops(struct world *w, struct input *in)
{
	uint8_t buf[64], frame[2048];

	for (int i = 0; i < MAX_OPS && in->off < in->n; i++) {
		uint8_t op = take8(in), arg = take8(in);

		switch (op % 10) {
		case 0: case 1: case 2:
			/* DIAG 0x500 for device op, queue arg (3 is past every device's queues). */
			virtio_ccw_notify(pick(w, op), arg % 4);
			break;
		case 3:
			w->mem[take16(in) % GSIZE] = arg;
			break;
		case 4: {
			/* A 16-bit store, as a driver bumping an index. */
			uint16_t at = take16(in) & (GSIZE - 2);

			w->mem[at] = arg;
			w->mem[at + 1] = take8(in);
			break;
		}
		case 5: {
			uint8_t cmd = take8(in), count = arg % sizeof(buf);

			for (unsigned int k = 0; k < count; k++)
				buf[k] = take8(in);
			ccw(pick(w, op / 10), cmd, buf, count);
			break;
		}
		case 6:
			setup_dev(w, arg);
			break;
		case 7: {
			uint16_t len = take16(in) % sizeof(frame);

			for (unsigned int k = 0; k < len; k++)
				frame[k] = take8(in);
			virtio_net_dev_receive(arg & 1 ? w->a : w->b, frame, len);
			break;
		}
		case 8:
			if (w->a->port)
				virtio_net_dev_uncouple(w->a);
			else
				virtio_net_dev_couple(w->a, w->sw);
			break;
		default: {
			struct vdev *d = pick(w, arg);

			if (arg & 0x80)
				d->ops->disable(d);
			else
				d->ops->reset(d);
			break;
		}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size, 0 };
	struct vnet_params pa = { .devno = 2, .mac = { 0x02, 0, 0, 0, 0, 0xa } };
	struct vnet_params pb = { .devno = 3, .mac = { 0x02, 0, 0, 0, 0, 0xb } };
	struct vblk_params pk = { .devno = 1, .ops = &bk_ops, .serial = "FUZZ" };
	struct world w;
	struct gmem g;
	unsigned int chunks;

	memset(&w, 0, sizeof(w));
	w.mem = calloc(1, GSIZE);
	gmem_flat_init(&g, w.mem, GSIZE);
	w.flags = take8(&in);
	for (int i = 0; i < 5; i++) {
		w.qs[i].desc = take16(&in);
		w.qs[i].avail = take16(&in);
		w.qs[i].used = take16(&in);
		w.qs[i].lognum = take8(&in);
		take8(&in);
	}
	chunks = take8(&in);
	for (unsigned int c = 0; c < chunks; c++) {
		uint16_t off = take16(&in);
		uint8_t len = take8(&in);

		for (unsigned int k = 0; k < len; k++)
			w.mem[(off + k) % GSIZE] = take8(&in);
	}

	w.sw = vswitch_create("FUZZ", 4);
	w.blk = virtio_blk_dev_create(&g, &pk);
	w.a = virtio_net_dev_create(&g, &pa);
	w.b = virtio_net_dev_create(&g, &pb);
	if (!w.sw || !w.blk || !w.a || !w.b)
		__builtin_trap();
	virtio_net_dev_couple(w.a, w.sw);
	virtio_net_dev_couple(w.b, w.sw);
	for (uint8_t d = 0; d < 3; d++)
		setup_dev(&w, d);

	run_ops(&w, &in);
#ifdef FUZZ_VRING_TRACE
	/* cc -DFUZZ_VRING_TRACE ... to check what a seed reaches (see make_vring_seeds.py). */
	fprintf(stderr, "blk: reads %llu writes %llu flushes %llu get_id %llu ioerr %llu status %02x broken %u\n",
		(unsigned long long)w.blk->stats.reads, (unsigned long long)w.blk->stats.writes,
		(unsigned long long)w.blk->stats.flushes, (unsigned long long)w.blk->stats.get_ids,
		(unsigned long long)w.blk->stats.ioerrors, w.blk->v.status, w.blk->v.broken_reason);
	fprintf(stderr, "A: tx %llu rx %llu drop %llu status %02x broken %u; B: tx %llu rx %llu drop %llu status %02x broken %u; irqs %u\n",
		(unsigned long long)w.a->stats.tx_frames, (unsigned long long)w.a->stats.rx_frames,
		(unsigned long long)w.a->stats.rx_dropped, w.a->v.status, w.a->v.broken_reason,
		(unsigned long long)w.b->stats.tx_frames, (unsigned long long)w.b->stats.rx_frames,
		(unsigned long long)w.b->stats.rx_dropped, w.b->v.status, w.b->v.broken_reason, interrupts);
#endif

	for (uint8_t d = 0; d < 3; d++) {
		struct vdev *v = pick(&w, d);

		v->ops->destroy(v);
	}
	if (vswitch_destroy(w.sw))
		__builtin_trap();           /* the NICs' destroy must have detached their ports */
	free(w.mem);
	return 0;
}
