/*
 * virtio-blk device (kernel/vdev/virtio_blk_dev.c) driven end to end the way
 * Linux does, in virtio 1.0 (revision 2) and legacy (revision 0), against an
 * in-memory backend that refuses to be called outside its capacity.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/vdev/virtio_blk_dev.h"
#include "tests/unit/vdev_virtio_support.h"

#define GSIZE (8u << 20)
#define DISK_SECTORS 2048ULL       /* 1 MiB */

struct membk {
	uint8_t *data;
	uint64_t sectors;
	unsigned int reads, writes, flushes, max_n;
	bool fail;
	struct vdev *reset_during_read;  /* reset this device from inside read (another CPU's reset) */
};

static int mb_read(void *ctx, uint64_t s, unsigned int n, void *buf)
{
	struct membk *m = ctx;

	cr_assert(n >= 1 && s < m->sectors && n <= m->sectors - s, "read %llu+%u outside the disk",
		  (unsigned long long)s, n);
	m->reads++;
	if (n > m->max_n)
		m->max_n = n;
	if (m->fail)
		return -5;
	memcpy(buf, m->data + s * 512, n * 512ULL);
	if (m->reset_during_read) {
		cr_assert_eq(tccw(m->reset_during_read, VCCW_CMD_VDEV_RESET, NULL, 0, NULL), VCCW_OK);
		m->reset_during_read = NULL;
	}
	return 0;
}

static int mb_write(void *ctx, uint64_t s, unsigned int n, const void *buf)
{
	struct membk *m = ctx;

	cr_assert(n >= 1 && s < m->sectors && n <= m->sectors - s, "write outside the disk");
	m->writes++;
	if (n > m->max_n)
		m->max_n = n;
	if (m->fail)
		return -5;
	memcpy(m->data + s * 512, buf, n * 512ULL);
	return 0;
}

static uint64_t mb_capacity(void *ctx)
{
	return ((struct membk *)ctx)->sectors;
}

static int mb_flush(void *ctx)
{
	struct membk *m = ctx;

	m->flushes++;
	return m->fail ? -5 : 0;
}

static const struct vblk_backend_ops mb_ops = {
	.read = mb_read, .write = mb_write, .capacity_sectors = mb_capacity, .flush = mb_flush,
};
static const struct vblk_backend_ops mb_ro_ops = {
	.read = mb_read, .write = mb_write, .capacity_sectors = mb_capacity, .flush = mb_flush,
	.read_only = true,
};

static struct tguest g;
static struct membk mb;
static struct virtio_blk_dev *blk;
static struct tdrv t;

static void make_disk(const struct vblk_backend_ops *ops)
{
	struct vblk_params p = { .devno = 0x0100, .ops = ops, .ctx = &mb, .serial = "PLEXVM0100" };

	tg_init(&g, GSIZE);
	memset(&mb, 0, sizeof(mb));
	mb.sectors = DISK_SECTORS;
	mb.data = malloc(DISK_SECTORS * 512);
	for (uint64_t i = 0; i < DISK_SECTORS * 512; i++)
		mb.data[i] = (uint8_t)(i * 13 + (i >> 9));
	blk = virtio_blk_dev_create(&g.g, &p);
	cr_assert_not_null(blk);
	tirq_count = 0;
}

static void free_disk(void)
{
	virtio_blk_dev_vdev(blk)->ops->destroy(virtio_blk_dev_vdev(blk));
	free(mb.data);
	tg_free(&g);
}

/* A request: header, data buffers, status byte. Returns the status address. */
static uint64_t request(uint32_t type, uint64_t sector, const struct tbuf *data, unsigned int n, bool indirect)
{
	struct tbuf b[8];
	uint64_t hdr = tg_alloc(&g, 16, 8), st = tg_alloc(&g, 1, 1);

	cr_assert(n <= 6);
	tput32(tg_ptr(&g, hdr), type, t.le);
	tput32(tg_ptr(&g, hdr + 4), 0, t.le);
	tput64(tg_ptr(&g, hdr + 8), sector, t.le);
	*tg_ptr(&g, st) = 0xee;
	b[0] = (struct tbuf){ hdr, 16, false };
	if (n)
		memcpy(b + 1, data, n * sizeof(*data));
	b[n + 1] = (struct tbuf){ st, 1, true };
	if (indirect)
		tdrv_add_indirect(&t, 0, b, n + 2);
	else
		tdrv_add(&t, 0, b, n + 2);
	return st;
}

/* Kick and take the one completion: its used length and status byte. */
static uint8_t complete(uint64_t st, uint32_t *len)
{
	uint32_t id;

	cr_assert_eq(tdrv_kick(&t, 0), 0);
	cr_assert(tdrv_used(&t, 0, &id, len), "request completed");
	return *tg_ptr(&g, st);
}

ParameterizedTestParameters(virtio_blk, linux_sequence_end_to_end)
{
	static int revs[] = { 2, 0 };

	return cr_make_param_array(int, revs, 2);
}

ParameterizedTest(int *rev, virtio_blk, linux_sequence_end_to_end)
{
	uint8_t cfg[sizeof(struct virtio_blk_config)];
	struct tbuf d[2];
	uint64_t st, w0, w1, r0, r1, id;
	uint32_t len;
	bool le;

	make_disk(&mb_ops);
	tdrv_probe(&t, &g, virtio_blk_dev_vdev(blk), *rev, ~0ULL, 1);
	le = t.le;
	cr_assert_eq(t.rev, *rev);
	cr_assert_eq(t.features & VIRTIO_FEATURE(VIRTIO_F_VERSION_1), *rev ? VIRTIO_FEATURE(VIRTIO_F_VERSION_1) : 0);
	cr_assert(t.features & VIRTIO_FEATURE(VIRTIO_BLK_F_BLK_SIZE));
	cr_assert(t.features & VIRTIO_FEATURE(VIRTIO_BLK_F_FLUSH));
	cr_assert(t.features & VIRTIO_FEATURE(VIRTIO_BLK_F_SEG_MAX));
	cr_assert_not(t.features & VIRTIO_FEATURE(VIRTIO_BLK_F_RO));

	/* Configuration in the revision's byte order: capacity is the first field, raw bytes checked. */
	tdrv_read_conf(&t, cfg, sizeof(cfg));
	cr_assert_eq(tget64(cfg, le), DISK_SECTORS);
	cr_assert_eq(cfg[le ? 1 : 6], DISK_SECTORS >> 8, "capacity 0x800: byte order");
	cr_assert_eq(tget32(cfg + 0x14, le), 4096, "blk_size: whole minidisk blocks");
	cr_assert_eq(tget32(cfg + 0x0c, le), VBLK_SEG_MAX);
	cr_assert_eq(tget32(cfg + 0x08, le), VBLK_SIZE_MAX);

	/* Write 8 KiB at sector 8 in two buffers, read it back in two other buffers. */
	w0 = tdrv_buffer(&t, 4096, 1);
	w1 = tdrv_buffer(&t, 4096, 2);
	d[0] = (struct tbuf){ w0, 4096, false };
	d[1] = (struct tbuf){ w1, 4096, false };
	st = request(VIRTIO_BLK_T_OUT, 8, d, 2, false);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_OK);
	cr_assert_eq(len, 1, "only the status byte written");
	cr_assert_arr_eq(mb.data + 8 * 512, tg_ptr(&g, w0), 4096);
	cr_assert_arr_eq(mb.data + 16 * 512, tg_ptr(&g, w1), 4096);
	cr_assert_eq(tirq_count, 1);
	cr_assert_eq(tdrv_take_ind(&t), 1, "queue 0 indicator");

	r0 = tg_alloc(&g, 4096, 8);
	r1 = tg_alloc(&g, 4096, 8);
	d[0] = (struct tbuf){ r0, 4096, true };
	d[1] = (struct tbuf){ r1, 4096, true };
	st = request(VIRTIO_BLK_T_IN, 8, d, 2, false);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_OK);
	cr_assert_eq(len, 8193);
	cr_assert_arr_eq(tg_ptr(&g, r0), tg_ptr(&g, w0), 4096);
	cr_assert_arr_eq(tg_ptr(&g, r1), tg_ptr(&g, w1), 4096);
	cr_assert_eq(blk->stats.bytes_read, 8192);
	cr_assert_eq(blk->stats.bytes_written, 8192);

	/* GET_ID: the serial, padded with zeros. */
	id = tg_alloc(&g, 20, 1);
	memset(tg_ptr(&g, id), 0xaa, 20);
	d[0] = (struct tbuf){ id, 20, true };
	st = request(VIRTIO_BLK_T_GET_ID, 0, d, 1, false);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_OK);
	cr_assert_eq(len, 21);
	cr_assert_arr_eq(tg_ptr(&g, id), "PLEXVM0100\0\0\0\0\0\0\0\0\0\0", 20);

	/* FLUSH reaches the backend. */
	st = request(VIRTIO_BLK_T_FLUSH, 0, NULL, 0, false);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_OK);
	cr_assert_eq(mb.flushes, 1);

	/* Bad requests: unknown type, a length not in sectors, beyond the capacity (backend untouched). */
	st = request(99, 0, NULL, 0, false);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_UNSUPP);
	cr_assert_eq(len, 1);
	d[0] = (struct tbuf){ r0, 100, false };
	st = request(VIRTIO_BLK_T_OUT, 0, d, 1, false);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_IOERR);
	mb.reads = 0;
	d[0] = (struct tbuf){ r0, 1024, true };
	st = request(VIRTIO_BLK_T_IN, DISK_SECTORS - 1, d, 1, false);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_IOERR);
	st = request(VIRTIO_BLK_T_IN, 0xffffffffffffffffULL, d, 1, false);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_IOERR, "sector + count must not wrap");
	cr_assert_eq(mb.reads, 0);
	d[0] = (struct tbuf){ r0, 512, true };
	st = request(VIRTIO_BLK_T_IN, DISK_SECTORS - 1, d, 1, false);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_OK, "the last sector is fine");
	cr_assert_eq(blk->stats.unsupported, 1);
	cr_assert_eq(blk->stats.ioerrors, 3);
	cr_assert_not(tdrv_status(&t) & VIRTIO_S_DEVICE_NEEDS_RESET, "answered requests do not break the device");
	free_disk();
}

Test(virtio_blk, indirect_requests_and_large_transfers)
{
	struct tbuf d[3];
	uint64_t st, a, b, c;
	uint32_t len;

	make_disk(&mb_ops);
	tdrv_probe(&t, &g, virtio_blk_dev_vdev(blk), 2, ~0ULL, 1);
	cr_assert(t.features & VIRTIO_FEATURE(VIRTIO_RING_F_INDIRECT_DESC));
	/* 200 KiB in odd-sized buffers: 1000 + 100000 + 103800 bytes, sectors split across buffers. */
	a = tg_alloc(&g, 1000, 8);
	b = tg_alloc(&g, 100000, 8);
	c = tg_alloc(&g, 103800, 8);
	d[0] = (struct tbuf){ a, 1000, true };
	d[1] = (struct tbuf){ b, 100000, true };
	d[2] = (struct tbuf){ c, 103800, true };
	st = request(VIRTIO_BLK_T_IN, 100, d, 3, true);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_OK);
	cr_assert_eq(len, 204801);
	cr_assert_arr_eq(tg_ptr(&g, a), mb.data + 100 * 512, 1000);
	cr_assert_arr_eq(tg_ptr(&g, b), mb.data + 100 * 512 + 1000, 100000);
	cr_assert_arr_eq(tg_ptr(&g, c), mb.data + 100 * 512 + 101000, 103800);
	cr_assert_eq(mb.reads, 4, "64 KiB at a time");
	cr_assert_eq(mb.max_n, VBLK_SIZE_MAX / 512);

	/* The status byte may share the last data buffer. */
	a = tg_alloc(&g, 513, 8);
	b = tg_alloc(&g, 16, 8);
	tput32(tg_ptr(&g, b), VIRTIO_BLK_T_IN, true);
	tput64(tg_ptr(&g, b + 8), 3, true);
	d[0] = (struct tbuf){ b, 16, false };
	d[1] = (struct tbuf){ a, 513, true };
	tdrv_add(&t, 0, d, 2);
	cr_assert_eq(complete(a + 512, &len), VIRTIO_BLK_S_OK);
	cr_assert_eq(len, 513);
	cr_assert_arr_eq(tg_ptr(&g, a), mb.data + 3 * 512, 512);
	free_disk();
}

Test(virtio_blk, read_only_backend)
{
	struct tbuf d;
	uint64_t st;
	uint32_t len;

	make_disk(&mb_ro_ops);
	tdrv_probe(&t, &g, virtio_blk_dev_vdev(blk), 2, ~0ULL, 1);
	cr_assert(t.features & VIRTIO_FEATURE(VIRTIO_BLK_F_RO));
	d = (struct tbuf){ tdrv_buffer(&t, 512, 9), 512, false };
	st = request(VIRTIO_BLK_T_OUT, 0, &d, 1, false);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_IOERR);
	cr_assert_eq(mb.writes, 0);
	free_disk();
}

Test(virtio_blk, backend_errors_are_ioerr)
{
	struct tbuf d;
	uint64_t st;
	uint32_t len;

	make_disk(&mb_ops);
	tdrv_probe(&t, &g, virtio_blk_dev_vdev(blk), 2, ~0ULL, 1);
	mb.fail = true;
	d = (struct tbuf){ tg_alloc(&g, 512, 8), 512, true };
	st = request(VIRTIO_BLK_T_IN, 0, &d, 1, false);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_IOERR);
	cr_assert_eq(len, 1, "no data counted as written");
	d.write = false;
	st = request(VIRTIO_BLK_T_OUT, 0, &d, 1, false);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_IOERR);
	st = request(VIRTIO_BLK_T_FLUSH, 0, NULL, 0, false);
	cr_assert_eq(complete(st, &len), VIRTIO_BLK_S_IOERR);
	free_disk();
}

Test(virtio_blk, a_request_without_header_or_status_breaks_the_device)
{
	struct tbuf b[2];
	uint32_t id, len;

	make_disk(&mb_ops);
	tdrv_probe(&t, &g, virtio_blk_dev_vdev(blk), 2, ~0ULL, 1);
	b[0] = (struct tbuf){ tg_alloc(&g, 8, 8), 8, false };          /* half a header */
	b[1] = (struct tbuf){ tg_alloc(&g, 1, 1), 1, true };
	tdrv_add(&t, 0, b, 2);
	cr_assert_eq(tdrv_kick(&t, 0), 0);
	cr_assert_not(tdrv_used(&t, 0, &id, &len));
	cr_assert(tdrv_status(&t) & VIRTIO_S_DEVICE_NEEDS_RESET);
	tdrv_restart(&t, ~0ULL, 1);
	b[0] = (struct tbuf){ tg_alloc(&g, 16, 8), 16, false };         /* no status byte */
	tdrv_add(&t, 0, b, 1);
	cr_assert_eq(tdrv_kick(&t, 0), 0);
	cr_assert(tdrv_status(&t) & VIRTIO_S_DEVICE_NEEDS_RESET);
	cr_assert_eq(mb.reads + mb.writes, 0);
	free_disk();
}

Test(virtio_blk, a_reset_during_a_request_drops_it)
{
	struct tbuf d;
	uint64_t st, buf;
	uint32_t id, len;

	make_disk(&mb_ops);
	tdrv_probe(&t, &g, virtio_blk_dev_vdev(blk), 2, ~0ULL, 1);
	buf = tg_alloc(&g, 512, 8);
	memset(tg_ptr(&g, buf), 0x5a, 512);
	d = (struct tbuf){ buf, 512, true };
	st = request(VIRTIO_BLK_T_IN, 0, &d, 1, false);
	mb.reset_during_read = virtio_blk_dev_vdev(blk);
	cr_assert_eq(tdrv_kick(&t, 0), 0);
	cr_assert_eq(mb.reads, 1);
	cr_assert_not(tdrv_used(&t, 0, &id, &len), "nothing completed into a ring the driver dropped");
	cr_assert_eq(*tg_ptr(&g, st), 0xee, "status untouched");
	cr_assert_eq(tg_ptr(&g, buf)[0], 0x5a, "data untouched");
	free_disk();
}

Test(virtio_blk, create_checks_parameters)
{
	struct vblk_params p = { .ops = &mb_ops, .ctx = &mb, .block_size = 1000 };
	struct vblk_backend_ops no_read = mb_ops;

	tg_init(&g, GSIZE);
	cr_assert_null(virtio_blk_dev_create(&g.g, &p), "block size not a power of two");
	p.block_size = 256;
	cr_assert_null(virtio_blk_dev_create(&g.g, &p));
	no_read.read = NULL;
	p.block_size = 512;
	p.ops = &no_read;
	cr_assert_null(virtio_blk_dev_create(&g.g, &p));
	p.ops = &mb_ops;
	blk = virtio_blk_dev_create(&g.g, &p);
	cr_assert_not_null(blk);
	cr_assert_eq(blk->block_size, 512);
	cr_assert_eq(virtio_blk_dev_vdev(blk)->cu_model, VIRTIO_ID_BLOCK);
	virtio_blk_dev_vdev(blk)->ops->destroy(virtio_blk_dev_vdev(blk));
	tg_free(&g);
}
