/* Device side of split virtqueues (kernel/vdev/vring_dev.c): layouts, byte orders, hostile rings. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>
#include "kernel/vdev/vring_dev.h"
#include "tests/unit/vdev_virtio_support.h"

#define GSIZE (1u << 20)

struct rfix {
	struct tguest g;
	struct vring_dev q;
	struct vring_chain c;
	uint16_t num;
	bool le;
	uint16_t aidx;
};

/* A virtio 1.0 style ring (separate areas) of num entries at fixed places. */
static void rfix_init(struct rfix *f, uint16_t num, bool le, bool indirect)
{
	memset(f, 0, sizeof(*f));
	tg_init(&f->g, GSIZE);
	f->num = num;
	f->le = le;
	cr_assert_eq(vring_dev_setup(&f->q, &f->g.g, 0x1000, 0x3000, 0x5000, num, le, indirect), VRD_OK);
}

static void rdesc_at(struct rfix *f, uint64_t table, uint16_t i, uint64_t addr, uint32_t len, uint16_t flags,
		     uint16_t next)
{
	uint8_t *p = tg_ptr(&f->g, table + 16ULL * i);

	tput64(p, addr, f->le);
	tput32(p + 8, len, f->le);
	tput16(p + 12, flags, f->le);
	tput16(p + 14, next, f->le);
}

static void rdesc(struct rfix *f, uint16_t i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
	rdesc_at(f, f->q.desc, i, addr, len, flags, next);
}

static void ravail(struct rfix *f, uint16_t head)
{
	tput16(tg_ptr(&f->g, f->q.avail + 4 + 2ULL * (f->aidx % f->num)), head, f->le);
	f->aidx++;
	tput16(tg_ptr(&f->g, f->q.avail + 2), f->aidx, f->le);
}

static int pop(struct rfix *f)
{
	return vring_dev_pop(&f->q, &f->c);
}

Test(vring_dev, setup_checks_size_alignment_and_bounds)
{
	struct tguest g;
	struct vring_dev q;

	tg_init(&g, GSIZE);
	memset(&q, 0, sizeof(q));
	cr_assert_eq(vring_dev_setup(&q, &g.g, 0x1000, 0x3000, 0x5000, 0, true, false), VRD_ERR_SETUP);
	cr_assert_eq(vring_dev_setup(&q, &g.g, 0x1000, 0x3000, 0x5000, 3, true, false), VRD_ERR_SETUP);
	cr_assert_eq(vring_dev_setup(&q, &g.g, 0x1000, 0x3000, 0x5000, 512, true, false), VRD_ERR_SETUP);
	cr_assert_eq(vring_dev_setup(&q, &g.g, 0x1008, 0x3000, 0x5000, 8, true, false), VRD_ERR_SETUP);
	cr_assert_eq(vring_dev_setup(&q, &g.g, 0x1000, 0x3001, 0x5000, 8, true, false), VRD_ERR_SETUP);
	cr_assert_eq(vring_dev_setup(&q, &g.g, 0x1000, 0x3000, 0x5002, 8, true, false), VRD_ERR_SETUP);
	/* Areas that end beyond storage, or wrap around. */
	cr_assert_eq(vring_dev_setup(&q, &g.g, GSIZE - 64, 0x3000, 0x5000, 8, true, false), VRD_ERR_SETUP);
	cr_assert_eq(vring_dev_setup(&q, &g.g, 0x1000, GSIZE - 8, 0x5000, 8, true, false), VRD_ERR_SETUP);
	cr_assert_eq(vring_dev_setup(&q, &g.g, 0x1000, 0x3000, GSIZE - 40, 8, true, false), VRD_ERR_SETUP);
	cr_assert_eq(vring_dev_setup(&q, &g.g, 0xfffffffffffffff0ULL, 0x3000, 0x5000, 8, true, false),
		     VRD_ERR_SETUP);
	cr_assert_not(vring_dev_ready(&q), "a refused setup leaves the queue down");
	cr_assert_eq(vring_dev_setup(&q, &g.g, 0x1000, 0x3000, 0x5000, 256, true, false), VRD_OK);
	cr_assert(vring_dev_ready(&q));
	vring_dev_clear(&q);
	cr_assert_not(vring_dev_ready(&q));
	tg_free(&g);
}

Test(vring_dev, legacy_layout_puts_used_ring_on_the_alignment)
{
	struct tguest g;
	struct vring_dev q;

	tg_init(&g, GSIZE);
	memset(&q, 0, sizeof(q));
	cr_assert_eq(vring_dev_setup_legacy(&q, &g.g, 0x20000, 4096, 256, false, false), VRD_OK);
	cr_assert_eq(q.desc, 0x20000);
	cr_assert_eq(q.avail, 0x21000, "avail follows 256 descriptors");
	cr_assert_eq(q.used, 0x22000, "0x21000 + 6 + 512 rounded up to 4 KiB");
	cr_assert_eq(vring_dev_setup_legacy(&q, &g.g, 0x20000, 4096, 8, false, false), VRD_OK);
	cr_assert_eq(q.avail, 0x20080);
	cr_assert_eq(q.used, 0x21000);
	cr_assert_eq(vring_dev_setup_legacy(&q, &g.g, 0x20000, 64, 8, false, false), VRD_OK);
	cr_assert_eq(q.used, 0x200c0, "0x20080 + 22 rounded up to 64");
	cr_assert_eq(vring_dev_setup_legacy(&q, &g.g, 0x20000, 3, 8, false, false), VRD_ERR_SETUP);
	cr_assert_eq(vring_dev_setup_legacy(&q, &g.g, 0x20000, 2, 8, false, false), VRD_ERR_SETUP);
	cr_assert_eq(vring_dev_setup_legacy(&q, &g.g, GSIZE - 4096, 4096, 256, false, false), VRD_ERR_SETUP);
	cr_assert_eq(vring_dev_setup_legacy(&q, &g.g, 0xfffffffffffff000ULL, 4096, 8, false, false),
		     VRD_ERR_SETUP);
	tg_free(&g);
}

ParameterizedTestParameters(vring_dev, pop_and_push_in_both_byte_orders)
{
	static bool orders[] = { true, false };

	return cr_make_param_array(bool, orders, 2);
}

ParameterizedTest(bool *le, vring_dev, pop_and_push_in_both_byte_orders)
{
	struct rfix f;
	uint8_t *u;

	rfix_init(&f, 8, *le, false);
	cr_assert_eq(pop(&f), 0, "empty ring");
	rdesc(&f, 5, 0x10000, 16, VRD_F_NEXT, 2);
	rdesc(&f, 2, 0x10100, 512, VRD_F_NEXT, 7);
	rdesc(&f, 7, 0x10400, 1, VRD_F_WRITE, 0);
	ravail(&f, 5);
	cr_assert_eq(pop(&f), 1);
	cr_assert_eq(f.c.head, 5);
	cr_assert_eq(f.c.nout, 2);
	cr_assert_eq(f.c.nin, 1);
	cr_assert_eq(f.c.out_len, 528);
	cr_assert_eq(f.c.in_len, 1);
	cr_assert_eq(f.c.seg[1].addr, 0x10100);
	cr_assert_eq(f.c.seg[2].addr, 0x10400);
	cr_assert_eq(pop(&f), 0, "one entry only");

	cr_assert_eq(vring_dev_push(&f.q, 5, 0x01020304), 0);
	u = tg_ptr(&f.g, f.q.used);
	/* The raw bytes, not just a round trip: index 1, element {5, 0x01020304}. */
	if (*le) {
		cr_assert(u[2] == 1 && u[3] == 0, "used idx little-endian");
		cr_assert(u[4] == 5 && u[5] == 0 && u[6] == 0 && u[7] == 0);
		cr_assert(u[8] == 4 && u[9] == 3 && u[10] == 2 && u[11] == 1);
	} else {
		cr_assert(u[2] == 0 && u[3] == 1, "used idx big-endian");
		cr_assert(u[4] == 0 && u[5] == 0 && u[6] == 0 && u[7] == 5);
		cr_assert(u[8] == 1 && u[9] == 2 && u[10] == 3 && u[11] == 4);
	}
	tg_free(&f.g);
}

Test(vring_dev, indexes_wrap_around)
{
	struct rfix f;

	rfix_init(&f, 4, true, false);
	f.aidx = 65534;
	f.q.last_avail = 65534;
	f.q.used_idx = 65534;
	for (uint16_t i = 0; i < 3; i++) {
		rdesc(&f, i, 0x10000, 8, 0, 0);
		ravail(&f, i);
	}
	for (uint16_t i = 0; i < 3; i++) {
		cr_assert_eq(pop(&f), 1);
		cr_assert_eq(f.c.head, i);
		cr_assert_eq(vring_dev_push(&f.q, f.c.head, 0), 0);
	}
	cr_assert_eq(pop(&f), 0);
	cr_assert_eq(tget16(tg_ptr(&f.g, f.q.used + 2), true), 1, "65534 + 3");
	tg_free(&f.g);
}

Test(vring_dev, unpop_gives_the_chain_back)
{
	struct rfix f;

	rfix_init(&f, 4, true, false);
	rdesc(&f, 1, 0x10000, 8, 0, 0);
	ravail(&f, 1);
	cr_assert_eq(pop(&f), 1);
	vring_dev_unpop(&f.q);
	cr_assert_eq(vring_dev_pending(&f.q), 1);
	cr_assert_eq(pop(&f), 1);
	cr_assert_eq(f.c.head, 1);
	tg_free(&f.g);
}

Test(vring_dev, a_full_length_chain_is_fine_a_loop_is_not)
{
	struct rfix f;

	rfix_init(&f, 8, true, false);
	for (uint16_t i = 0; i < 8; i++)
		rdesc(&f, i, 0x10000 + 0x100ULL * i, 0x100, i < 7 ? VRD_F_NEXT : 0, (uint16_t)(i + 1));
	ravail(&f, 0);
	cr_assert_eq(pop(&f), 1, "8 descriptors in an 8-entry table");
	cr_assert_eq(f.c.nout, 8);
	cr_assert_eq(f.c.out_len, 0x800);

	rdesc(&f, 7, 0x10700, 0x100, VRD_F_NEXT, 0);     /* 7 -> 0: a loop */
	ravail(&f, 0);
	cr_assert_eq(pop(&f), -VRD_ERR_LOOP);
	cr_assert_eq(f.q.last_avail, 1, "nothing consumed on a guest error");
	rdesc(&f, 3, 0x10000, 8, VRD_F_NEXT, 3);         /* a self loop */
	f.q.last_avail = 1;
	f.aidx = 1;
	ravail(&f, 3);
	cr_assert_eq(pop(&f), -VRD_ERR_LOOP);
	tg_free(&f.g);
}

Test(vring_dev, hostile_indexes_and_buffers)
{
	struct rfix f;

	rfix_init(&f, 8, true, false);
	/* next beyond the table */
	rdesc(&f, 0, 0x10000, 8, VRD_F_NEXT, 8);
	ravail(&f, 0);
	cr_assert_eq(pop(&f), -VRD_ERR_NEXT);
	/* head beyond the table */
	f.aidx = 0;
	ravail(&f, 8);
	cr_assert_eq(pop(&f), -VRD_ERR_HEAD);
	/* the available index more than a ring ahead */
	tput16(tg_ptr(&f.g, f.q.avail + 2), 9, true);
	cr_assert_eq(pop(&f), -VRD_ERR_AVAIL_IDX);
	cr_assert_eq(vring_dev_pending(&f.q), -1);
	tput16(tg_ptr(&f.g, f.q.avail + 2), 0xffff, true);
	cr_assert_eq(pop(&f), -VRD_ERR_AVAIL_IDX, "behind the device is as bad");
	/* buffers outside guest storage, also wrapping */
	f.aidx = 0;
	rdesc(&f, 0, GSIZE - 10, 20, 0, 0);
	ravail(&f, 0);
	cr_assert_eq(pop(&f), -VRD_ERR_BUFFER);
	f.aidx = 0;
	rdesc(&f, 0, 0xfffffffffffffff8ULL, 16, 0, 0);
	ravail(&f, 0);
	cr_assert_eq(pop(&f), -VRD_ERR_BUFFER);
	f.aidx = 0;
	rdesc(&f, 0, GSIZE - 16, 16, 0, 0);
	ravail(&f, 0);
	cr_assert_eq(pop(&f), 1, "the last bytes of storage are fine");
	/* device-readable after device-writable */
	rdesc(&f, 1, 0x10000, 8, VRD_F_WRITE | VRD_F_NEXT, 2);
	rdesc(&f, 2, 0x10000, 8, 0, 0);
	ravail(&f, 1);
	cr_assert_eq(pop(&f), -VRD_ERR_ORDER);
	tg_free(&f.g);
}

Test(vring_dev, indirect_only_when_negotiated)
{
	struct rfix f;

	rfix_init(&f, 8, true, false);
	rdesc_at(&f, 0x8000, 0, 0x10000, 8, 0, 0);
	rdesc(&f, 0, 0x8000, 16, VRD_F_INDIRECT, 0);
	ravail(&f, 0);
	cr_assert_eq(pop(&f), -VRD_ERR_INDIRECT);
	tg_free(&f.g);
}

Test(vring_dev, indirect_tables)
{
	struct rfix f;
	const uint64_t t = 0x8000;

	rfix_init(&f, 8, false, true);
	/* A good table: header, data, status. */
	rdesc_at(&f, t, 0, 0x10000, 16, VRD_F_NEXT, 1);
	rdesc_at(&f, t, 1, 0x11000, 4096, VRD_F_NEXT | VRD_F_WRITE, 2);
	rdesc_at(&f, t, 2, 0x12000, 1, VRD_F_WRITE, 0);
	rdesc(&f, 3, t, 48, VRD_F_INDIRECT | VRD_F_WRITE, 0);  /* WRITE on the indirect descriptor is ignored */
	ravail(&f, 3);
	cr_assert_eq(pop(&f), 1);
	cr_assert_eq(f.c.head, 3);
	cr_assert_eq(f.c.nout, 1);
	cr_assert_eq(f.c.nin, 2);
	cr_assert_eq(f.c.in_len, 4097);

	/* Nested. */
	rdesc_at(&f, t, 1, 0x9000, 16, VRD_F_INDIRECT, 0);
	ravail(&f, 3);
	cr_assert_eq(pop(&f), -VRD_ERR_INDIRECT);
	/* With NEXT. */
	rdesc_at(&f, t, 1, 0x11000, 4096, VRD_F_NEXT | VRD_F_WRITE, 2);
	rdesc(&f, 3, t, 48, VRD_F_INDIRECT | VRD_F_NEXT, 4);
	cr_assert_eq(pop(&f), -VRD_ERR_INDIRECT);
	/* Length not a multiple of 16, zero, more than VRING_DEV_MAX_SEGS entries. */
	rdesc(&f, 3, t, 40, VRD_F_INDIRECT, 0);
	cr_assert_eq(pop(&f), -VRD_ERR_INDIRECT);
	rdesc(&f, 3, t, 0, VRD_F_INDIRECT, 0);
	cr_assert_eq(pop(&f), -VRD_ERR_INDIRECT);
	rdesc(&f, 3, t, 16 * (VRING_DEV_MAX_SEGS + 1), VRD_F_INDIRECT, 0);
	cr_assert_eq(pop(&f), -VRD_ERR_INDIRECT);
	/* Table outside storage. */
	rdesc(&f, 3, GSIZE - 32, 48, VRD_F_INDIRECT, 0);
	cr_assert_eq(pop(&f), -VRD_ERR_BUFFER);
	/* A loop inside the table, next beyond the table. */
	rdesc(&f, 3, t, 48, VRD_F_INDIRECT, 0);
	rdesc_at(&f, t, 2, 0x12000, 1, VRD_F_WRITE | VRD_F_NEXT, 0);
	cr_assert_eq(pop(&f), -VRD_ERR_LOOP);
	rdesc_at(&f, t, 2, 0x12000, 1, VRD_F_WRITE | VRD_F_NEXT, 3);
	cr_assert_eq(pop(&f), -VRD_ERR_NEXT);
	/* Indirect after a direct descriptor. */
	rdesc_at(&f, t, 2, 0x12000, 1, VRD_F_WRITE, 0);
	rdesc(&f, 4, 0x10000, 16, VRD_F_NEXT, 3);
	f.aidx = f.q.last_avail;
	ravail(&f, 4);
	cr_assert_eq(pop(&f), -VRD_ERR_INDIRECT);
	tg_free(&f.g);
}

Test(vring_dev, chain_copies_span_segments)
{
	struct rfix f;
	uint8_t buf[64], back[64];

	rfix_init(&f, 8, true, false);
	rdesc(&f, 0, 0x10000, 3, VRD_F_NEXT, 1);
	rdesc(&f, 1, 0x10100, 0, VRD_F_NEXT, 2);           /* empty segments are skipped */
	rdesc(&f, 2, 0x10200, 5, VRD_F_NEXT, 3);
	rdesc(&f, 3, 0x11000, 4, VRD_F_WRITE | VRD_F_NEXT, 4);
	rdesc(&f, 4, 0x11100, 4, VRD_F_WRITE, 0);
	memcpy(tg_ptr(&f.g, 0x10000), "abc", 3);
	memcpy(tg_ptr(&f.g, 0x10200), "defgh", 5);
	ravail(&f, 0);
	cr_assert_eq(pop(&f), 1);
	memset(buf, 0, sizeof(buf));
	cr_assert_eq(vring_chain_read(&f.g.g, &f.c, 0, buf, 8), 0);
	cr_assert_arr_eq(buf, "abcdefgh", 8);
	cr_assert_eq(vring_chain_read(&f.g.g, &f.c, 2, buf, 3), 0);
	cr_assert_arr_eq(buf, "cde", 3);
	cr_assert_eq(vring_chain_read(&f.g.g, &f.c, 6, buf, 3), -1, "beyond the readable part");
	cr_assert_eq(vring_chain_read(&f.g.g, &f.c, 8, buf, 0), 0);
	cr_assert_eq(vring_chain_write(&f.g.g, &f.c, 2, "WXYZ", 4), 0);
	memcpy(back, tg_ptr(&f.g, 0x11000), 4);
	memcpy(back + 4, tg_ptr(&f.g, 0x11100), 4);
	cr_assert_arr_eq(back, "\0\0WXYZ\0\0", 8);
	cr_assert_eq(vring_chain_write(&f.g.g, &f.c, 5, "WXYZ", 4), -1, "beyond the writable part");
	cr_assert_eq(vring_chain_write(&f.g.g, &f.c, ~0ULL, "W", 1), -1);
	tg_free(&f.g);
}

Test(vring_dev, interrupt_suppression_flag)
{
	struct rfix f;

	rfix_init(&f, 8, false, false);
	cr_assert(vring_dev_want_interrupt(&f.q));
	tput16(tg_ptr(&f.g, f.q.avail), VRD_AVAIL_F_NO_INTERRUPT, false);
	cr_assert_not(vring_dev_want_interrupt(&f.q));
	tput16(tg_ptr(&f.g, f.q.avail), VRD_AVAIL_F_NO_INTERRUPT, true);
	cr_assert(vring_dev_want_interrupt(&f.q), "the flag is read in the ring's byte order");
	tg_free(&f.g);
}

/* Storage with a hole: the page at 0x10000 is not mapped. */
static uint8_t *holey_page(const struct gmem *g, uint64_t gabs)
{
	if (gabs >= g->size || (gabs & ~0xfffULL) == 0x10000)
		return NULL;
	return (uint8_t *)g->priv + gabs;
}

Test(vring_dev, unmapped_storage_is_a_guest_error_not_a_crash)
{
	struct rfix f;
	uint8_t b[4];

	rfix_init(&f, 8, true, false);
	f.g.g.page = holey_page;
	rdesc(&f, 0, 0x10000, 8, 0, 0);
	ravail(&f, 0);
	cr_assert_eq(pop(&f), 1, "the buffer is only checked against the storage size");
	cr_assert_eq(vring_chain_read(&f.g.g, &f.c, 0, b, 4), -1, "but copying from it fails cleanly");
	cr_assert_eq(vring_dev_setup(&f.q, &f.g.g, 0x10000, 0x3000, 0x5000, 8, true, false), VRD_OK);
	f.aidx = 0;
	ravail(&f, 0);
	cr_assert_eq(pop(&f), -VRD_ERR_MEM, "descriptor table in the hole");
	cr_assert_eq(vring_dev_setup(&f.q, &f.g.g, 0x1000, 0x10000, 0x5000, 8, true, false), VRD_OK);
	cr_assert_eq(pop(&f), -VRD_ERR_AVAIL_IDX, "available index unreadable");
	cr_assert_eq(vring_dev_setup(&f.q, &f.g.g, 0x1000, 0x3000, 0x10000, 8, true, false), VRD_OK);
	cr_assert_eq(vring_dev_push(&f.q, 0, 0), -VRD_ERR_MEM, "used ring unwritable");
	tg_free(&f.g);
}
