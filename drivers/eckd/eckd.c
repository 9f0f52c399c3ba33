/*
 * ECKD DASD (3390 on a 3990 control unit) as a PlexVM volume. Tracks carry
 * twelve 4 KiB records (records 1-12); cylinder 0 track 0 carries the IBM
 * label records R1-R3 (VOL1 in R3). Reads and writes are Define Extent +
 * Locate Record + Read Data / Write Update Data chains (Write Update Data
 * orients to each next record itself), one track per channel program;
 * formatting uses Locate Record's format-write operation with Write CKD.
 * RESERVE/RELEASE serialise shared volumes between systems; a reserve that
 * is not granted in time is halted by the I/O layer's timeout.
 */
#include "drivers/eckd/eckd.h"
#include "drivers/eckd/eckd_ccw.h"
#include "kernel/io/io.h"
#include "kernel/io/sense.h"
#include "kernel/volume.h"
#include "kernel/mutex.h"
#include "kernel/alloc.h"
#include "kernel/console.h"
#include "kernel/init.h"
#include "arch/s390x/ebcdic.h"
#include "kernel/vol/geometry.h"
#include "kernel/vol/label.h"
#include <stdio.h>
#include <string.h>

#define RECORDS_PER_TRACK 12
#define TRACKS_PER_CYL 15
#define BLOCKS_PER_CYL (RECORDS_PER_TRACK * TRACKS_PER_CYL)
#define IO_TIMEOUT_MS 15000

struct eckd {
	struct io_device *io;
	struct volume vol;
	struct mutex mutex;            /* one channel program at a time */
	uint16_t cylinders;
	uint16_t heads;
	/* Channel program and parameter areas (below 2 GiB, from the heap). */
	struct ccw1 *ccw;              /* RECORDS_PER_TRACK + 4 CCWs */
	struct define_extent *de;
	struct locate_record *lr;
	uint8_t *sense;                /* RESERVE/RELEASE data */
	uint8_t *fmt;                  /* format buffers: count fields and data */
};


static void set_ccw(struct ccw1 *c, uint8_t cmd, uint8_t flags, uint16_t count, const void *data)
{
	c->cmd = cmd;
	c->flags = flags;
	c->count = count;
	c->cda = (uint32_t)(uintptr_t)data;
}

static void report(struct eckd *e, const char *what, const struct io_request *req, enum io_status st)
{
	char text[96];

	if (st == IO_UNIT_CHECK && req->sense_valid)
		sense_format(req->sense, IO_SENSE_BYTES, text, sizeof(text));
	else
		snprintf(text, sizeof(text), "%s (device status %02X, subchannel status %02X)",
			 io_status_name(st), req->scsw.dstat, req->scsw.cstat);
	kprintf("PLXECK010E DASD %04X %s failed: %s\n", e->io->devno, what, text);
}

static int to_volume_error(enum io_status st)
{
	switch (st) {
	case IO_OK: return VOLUME_OK;
	case IO_TIMEOUT: return VOLUME_ETIMEDOUT;
	case IO_NOT_OPERATIONAL: return VOLUME_ENODEV;
	default: return VOLUME_EIO;
	}
}

static int run(struct eckd *e, const char *what, uint64_t timeout_ms)
{
	struct io_request req = { .cp = e->ccw, .timeout_ms = timeout_ms };
	enum io_status st = io_run(e->io, &req);

	if (st != IO_OK) {
		e->vol.errors++;
		report(e, what, &req, st);
	}
	return to_volume_error(st);
}

static void build_extent(struct eckd *e, uint8_t mask, uint16_t cyl, uint16_t head)
{
	memset(e->de, 0, sizeof(*e->de));
	e->de->mask = mask;
	e->de->global = DE_GLOBAL_NORMAL_CACHE;
	e->de->beg_cyl = e->de->end_cyl = cyl;
	e->de->beg_head = e->de->end_head = head;
}

static void build_locate(struct eckd *e, uint8_t op, uint16_t cyl, uint16_t head, uint8_t rec,
			 uint8_t count, uint16_t length)
{
	memset(e->lr, 0, sizeof(*e->lr));
	e->lr->operation = op;
	e->lr->auxiliary = length ? LR_AUX_LENGTH_VALID : 0;
	e->lr->count = count;
	e->lr->seek_cyl = e->lr->search_cyl = cyl;
	e->lr->seek_head = e->lr->search_head = head;
	e->lr->search_record = rec;
	e->lr->length = length;
}

/* Read or write `count` records of one track, starting at record `rec`. */
static int track_rw(struct eckd *e, bool write, uint16_t cyl, uint16_t head, uint8_t rec,
		    unsigned int count, uint8_t *buf, uint16_t reclen)
{
	struct ccw1 *c = e->ccw;

	build_extent(e, write ? DE_MASK_UPDATE_WRITES_ONLY : DE_MASK_INHIBIT_ALL_WRITES, cyl, head);
	build_locate(e, write ? LR_OP_WRITE_DATA : LR_OP_READ_DATA, cyl, head, rec, (uint8_t)count,
		     reclen);
	set_ccw(c++, ECKD_CMD_DEFINE_EXTENT, CCW_FLAG_CC, sizeof(*e->de), e->de);
	set_ccw(c++, ECKD_CMD_LOCATE_RECORD, CCW_FLAG_CC, sizeof(*e->lr), e->lr);
	for (unsigned int i = 0; i < count; i++)
		set_ccw(c++, write ? ECKD_CMD_WRITE_UPDATE_DATA : ECKD_CMD_READ_DATA,
			i + 1 < count ? CCW_FLAG_CC : 0, reclen, buf + (size_t)i * reclen);
	return run(e, write ? "write" : "read", IO_TIMEOUT_MS);
}

static int eckd_rw(struct volume *v, bool write, uint64_t block, unsigned int count, uint8_t *buf)
{
	struct eckd *e = v->priv;
	int rc = VOLUME_OK;

	mutex_lock(&e->mutex);
	while (count && rc == VOLUME_OK) {
		struct vol_chr chr;
		uint16_t cyl, head;
		uint8_t rec;
		unsigned int n;

		vol_block_to_chr((uint32_t)block, &chr);
		cyl = (uint16_t)chr.cyl;
		head = chr.head;
		rec = chr.rec;
		if (cyl == 0 && head == 0) {
			rc = VOLUME_ERANGE; /* track 0 holds the label, not blocks */
			break;
		}
		n = MIN(count, (unsigned int)(RECORDS_PER_TRACK - rec + 1));
		rc = track_rw(e, write, cyl, head, rec, n, buf, VOLUME_BLOCK_SIZE);
		block += n;
		count -= n;
		buf += (size_t)n * VOLUME_BLOCK_SIZE;
	}
	mutex_unlock(&e->mutex);
	return rc;
}

static int eckd_read(struct volume *v, uint64_t block, unsigned int count, void *buf)
{
	v->reads++;
	return eckd_rw(v, false, block, count, buf);
}

static int eckd_write(struct volume *v, uint64_t block, unsigned int count, const void *buf)
{
	v->writes++;
	return eckd_rw(v, true, block, count, (uint8_t *)(uintptr_t)buf);
}

static int eckd_read_label(struct volume *v, uint8_t vol1[80])
{
	struct eckd *e = v->priv;
	uint8_t *data = io_alloc(80);
	int rc;

	if (!data)
		return VOLUME_ENOMEM;
	mutex_lock(&e->mutex);
	rc = track_rw(e, false, 0, 0, 3, 1, data, 80);
	mutex_unlock(&e->mutex);
	if (rc == VOLUME_OK)
		memcpy(vol1, data, 80);
	io_free(data);
	return rc;
}

static int reserve_release(struct eckd *e, uint8_t cmd, uint64_t timeout_ms, const char *what)
{
	int rc;

	mutex_lock(&e->mutex);
	set_ccw(e->ccw, cmd, CCW_FLAG_SLI, 32, e->sense);
	rc = run(e, what, timeout_ms);
	mutex_unlock(&e->mutex);
	return rc;
}

static int eckd_reserve(struct volume *v, uint64_t timeout_ms)
{
	int rc = reserve_release(v->priv, ECKD_CMD_RESERVE, timeout_ms, "reserve");

	if (rc == VOLUME_OK)
		v->reserved = true;
	return rc;
}

static int eckd_release(struct volume *v)
{
	int rc = reserve_release(v->priv, ECKD_CMD_RELEASE, IO_TIMEOUT_MS, "release");

	if (rc == VOLUME_OK)
		v->reserved = false;
	return rc;
}

static const struct volume_ops eckd_ops = {
	.kind = "3390",
	.read = eckd_read,
	.write = eckd_write,
	.read_label = eckd_read_label,
	.reserve = eckd_reserve,
	.release = eckd_release,
};

/* Put one CKD record (count, key, data) at p for Write CKD; returns its length. */
static size_t put_record(uint8_t *p, uint16_t cyl, uint16_t head, uint8_t rec, const uint8_t *key,
			 uint8_t keylen, const uint8_t *data, uint16_t datalen)
{
	struct ckd_count *c = (struct ckd_count *)(void *)p;

	c->cyl = cyl;
	c->head = head;
	c->record = rec;
	c->key_len = keylen;
	c->data_len = datalen;
	if (keylen)
		memcpy(p + sizeof(*c), key, keylen);
	if (data)
		memcpy(p + sizeof(*c) + keylen, data, datalen);
	else
		memset(p + sizeof(*c) + keylen, 0, datalen);
	return sizeof(*c) + keylen + datalen;
}

/* Format one track: records after R0, written with Write CKD under a format-write locate. */
static int format_track(struct eckd *e, uint16_t cyl, uint16_t head, const char *volser)
{
	struct ccw1 *c = e->ccw;
	uint8_t *p = e->fmt;
	unsigned int n = 0;

	build_extent(e, DE_MASK_PERMIT_ALL_WRITES, cyl, head);
	if (cyl == 0 && head == 0) {
		uint8_t key[4], vol1[80];
		size_t len;

		n = 3;
		build_locate(e, LR_OP_FORMAT_WRITE, cyl, head, 0, 3, 0);
		set_ccw(c++, ECKD_CMD_DEFINE_EXTENT, CCW_FLAG_CC, sizeof(*e->de), e->de);
		set_ccw(c++, ECKD_CMD_LOCATE_RECORD, CCW_FLAG_CC, sizeof(*e->lr), e->lr);
		vol_label_key(1, key);
		len = put_record(p, 0, 0, 1, key, 4, NULL, 24);
		set_ccw(c++, ECKD_CMD_WRITE_CKD, CCW_FLAG_CC, (uint16_t)len, p);
		p += len;
		vol_label_key(2, key);
		len = put_record(p, 0, 0, 2, key, 4, NULL, 144);
		set_ccw(c++, ECKD_CMD_WRITE_CKD, CCW_FLAG_CC, (uint16_t)len, p);
		p += len;
		if (vol_label_encode(vol1, sizeof(vol1), volser, NULL) != 0)
			return VOLUME_ERANGE;
		vol_label_key(3, key);
		len = put_record(p, 0, 0, 3, key, 4, vol1, 80);
		set_ccw(c, ECKD_CMD_WRITE_CKD, 0, (uint16_t)len, p);
		return run(e, "format", IO_TIMEOUT_MS);
	}
	n = RECORDS_PER_TRACK;
	build_locate(e, LR_OP_FORMAT_WRITE, cyl, head, 0, (uint8_t)n, 0);
	set_ccw(c++, ECKD_CMD_DEFINE_EXTENT, CCW_FLAG_CC, sizeof(*e->de), e->de);
	set_ccw(c++, ECKD_CMD_LOCATE_RECORD, CCW_FLAG_CC, sizeof(*e->lr), e->lr);
	/* One zeroed data area serves every record: only the count fields differ. */
	for (unsigned int i = 0; i < n; i++) {
		struct ckd_count *cnt = (struct ckd_count *)(void *)(p + i * sizeof(*cnt));

		cnt->cyl = cyl;
		cnt->head = head;
		cnt->record = (uint8_t)(i + 1);
		cnt->key_len = 0;
		cnt->data_len = VOLUME_BLOCK_SIZE;
		set_ccw(c++, ECKD_CMD_WRITE_CKD, CCW_FLAG_CC | CCW_FLAG_CD, sizeof(*cnt), cnt);
		set_ccw(c++, 0, i + 1 < n ? CCW_FLAG_CC : 0, VOLUME_BLOCK_SIZE,
			e->fmt + RECORDS_PER_TRACK * sizeof(*cnt));
	}
	return run(e, "format", IO_TIMEOUT_MS);
}

int eckd_format(struct volume *v, uint32_t first_cyl, uint32_t last_cyl, const char *volser)
{
	struct eckd *e = v->priv;
	int rc = VOLUME_OK;

	if (v->ops != &eckd_ops)
		return VOLUME_ENOTSUP;
	if (last_cyl >= e->cylinders || first_cyl > last_cyl)
		return VOLUME_ERANGE;
	mutex_lock(&e->mutex);
	memset(e->fmt, 0, RECORDS_PER_TRACK * sizeof(struct ckd_count) + VOLUME_BLOCK_SIZE);
	for (uint32_t cyl = first_cyl; cyl <= last_cyl && rc == VOLUME_OK; cyl++)
		for (uint16_t head = 0; head < e->heads && rc == VOLUME_OK; head++)
			rc = format_track(e, (uint16_t)cyl, head, volser);
	mutex_unlock(&e->mutex);
	return rc;
}

bool eckd_is_eckd(const struct volume *v)
{
	return v->ops == &eckd_ops;
}

static bool eckd_match(const struct io_device *dev)
{
	return dev->id_valid && dev->id.cu_type == 0x3990 && dev->id.dev_type == 0x3390;
}

static int eckd_probe(struct io_device *dev)
{
	struct eckd *e = kzalloc(sizeof(*e));
	struct eckd_rdc *rdc;

	if (!e)
		return -1;
	e->io = dev;
	mutex_init(&e->mutex);
	e->ccw = io_alloc(sizeof(struct ccw1) * (2 * RECORDS_PER_TRACK + 4));
	e->de = io_alloc(sizeof(*e->de));
	e->lr = io_alloc(sizeof(*e->lr));
	e->sense = io_alloc(32);
	e->fmt = io_alloc(RECORDS_PER_TRACK * sizeof(struct ckd_count) + VOLUME_BLOCK_SIZE + 512);
	rdc = io_alloc(sizeof(*rdc));
	if (!e->ccw || !e->de || !e->lr || !e->sense || !e->fmt || !rdc)
		goto fail;
	set_ccw(e->ccw, ECKD_CMD_RDC, CCW_FLAG_SLI, sizeof(*rdc), rdc);
	if (run(e, "read device characteristics", IO_TIMEOUT_MS) != VOLUME_OK)
		goto fail;
	e->cylinders = rdc->cylinders;
	e->heads = rdc->tracks_per_cyl;
	io_free(rdc);
	rdc = NULL;
	if (e->heads != TRACKS_PER_CYL) {
		kprintf("PLXECK001E DASD %04X has %u tracks per cylinder; only 3390 geometry is supported\n",
			dev->devno, e->heads);
		goto fail;
	}
	dev->driver_data = e;
	e->vol.dev = dev;
	e->vol.ops = &eckd_ops;
	e->vol.priv = e;
	e->vol.cylinders = e->cylinders;
	e->vol.nblocks = (uint64_t)e->cylinders * BLOCKS_PER_CYL;
	volume_register(&e->vol);
	return 0;
fail:
	io_free(rdc);
	io_free(e->ccw);
	io_free(e->de);
	io_free(e->lr);
	io_free(e->sense);
	io_free(e->fmt);
	kfree(e);
	return -1;
}

static void eckd_describe(struct io_device *dev, char *buf, size_t size)
{
	struct eckd *e = dev->driver_data;
	struct volume *v = &e->vol;

	snprintf(buf, size, "%-6s 3390 %u CYL%s%s%s%s%s", v->volser[0] ? v->volser : "(none)",
		 e->cylinders, v->reserved ? " RESERVED" : "",
		 v->map_valid && v->map.owner_cluster[0] ? " OWNER " : "", v->map.owner_cluster,
		 v->map_valid && v->map.owner_cluster[0] ? "." : "", v->map.owner_system);
}

static struct io_driver eckd_driver = {
	.name = "eckd",
	.device_class = "DASD",
	.match = eckd_match,
	.probe = eckd_probe,
	.describe = eckd_describe,
};

static int eckd_register(void)
{
	io_driver_register(&eckd_driver);
	return 0;
}
INITCALL(3, eckd_register);
