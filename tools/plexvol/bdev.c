/* Block access to 3390 CKD and raw volume images. */
#include "bdev.h"
#include "ckd.h"
#include "kernel/vol/geometry.h"
#include "kernel/vol/label.h"
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CYL_BYTES ((uint64_t)VOL_BLOCKS_PER_CYL * VOL_BLOCK_SIZE)

static int fail(struct bdev *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct bdev *b, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(b->err, sizeof(b->err), "%s: %s", b->path, what);
	return -1;
}

static int pread_full(struct bdev *b, void *buf, size_t n, uint64_t off)
{
	uint8_t *p = buf;

	while (n) {
		ssize_t got = pread(b->fd, p, n, (off_t)off);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return fail(b, "read at offset %llu: %s", (unsigned long long)off,
				    strerror(errno));
		if (got == 0)
			return fail(b, "unexpected end of file at offset %llu",
				    (unsigned long long)off);
		p += got;
		n -= (size_t)got;
		off += (uint64_t)got;
	}
	return 0;
}

static int pwrite_full(struct bdev *b, const void *buf, size_t n, uint64_t off)
{
	const uint8_t *p = buf;

	while (n) {
		ssize_t put = pwrite(b->fd, p, n, (off_t)off);

		if (put < 0 && errno == EINTR)
			continue;
		if (put <= 0)
			return fail(b, "write at offset %llu: %s", (unsigned long long)off,
				    put < 0 ? strerror(errno) : "no progress");
		p += put;
		n -= (size_t)put;
		off += (uint64_t)put;
	}
	return 0;
}

const char *bdev_type_name(const struct bdev *b)
{
	return b->type == BDEV_CKD ? "3390" : "raw";
}

static void init(struct bdev *b, const char *path)
{
	memset(b, 0, sizeof(*b));
	b->fd = -1;
	b->trk_no = -1;
	snprintf(b->path, sizeof(b->path), "%s", path);
}

static int setup_ckd(struct bdev *b, const uint8_t *hdr, uint64_t size)
{
	struct ckd_devhdr_info h;
	char msg[200];
	uint64_t tracks;

	if (ckd_devhdr_parse(hdr, CKD_DEVHDR_SIZE, &h, msg, sizeof(msg)))
		return fail(b, "%s", msg);
	if (h.devtype != CKD_3390_DEVTYPE)
		return fail(b, "CKD image of device type 33%02X, not a 3390", h.devtype);
	if (h.heads != CKD_3390_HEADS)
		return fail(b, "CKD image with %u heads, a 3390 has %u", h.heads, CKD_3390_HEADS);
	if (h.trksize != CKD_3390_TRKSIZE)
		return fail(b, "CKD image with track size %u, a 3390 image has %u", h.trksize,
			    CKD_3390_TRKSIZE);
	if (h.fileseq != 0 || h.highcyl != 0)
		return fail(b, "CKD image is part of a multi-file volume (sequence %u, high "
			    "cylinder %u): not supported", h.fileseq, h.highcyl);
	if (size < CKD_DEVHDR_SIZE || (size - CKD_DEVHDR_SIZE) % h.trksize)
		return fail(b, "CKD image of %llu bytes is not a header plus whole tracks",
			    (unsigned long long)size);
	tracks = (size - CKD_DEVHDR_SIZE) / h.trksize;
	if (tracks % h.heads)
		return fail(b, "CKD image has %llu tracks, not whole cylinders of %u",
			    (unsigned long long)tracks, h.heads);
	if (tracks / h.heads < VOL_MIN_CYLS || tracks / h.heads > VOL_MAX_CYLS)
		return fail(b, "CKD image has %llu cylinders, PlexVM volumes have %u-%u",
			    (unsigned long long)(tracks / h.heads), VOL_MIN_CYLS, VOL_MAX_CYLS);
	b->type = BDEV_CKD;
	b->cyls = (uint32_t)(tracks / h.heads);
	b->trksize = h.trksize;
	b->trk = malloc(b->trksize);
	if (!b->trk)
		return fail(b, "out of memory");
	return 0;
}

int bdev_open(struct bdev *b, const char *path, bool writable)
{
	uint8_t hdr[CKD_DEVHDR_SIZE];
	struct stat st;
	ssize_t got;

	init(b, path);
	b->writable = writable;
	b->fd = open(path, writable ? O_RDWR : O_RDONLY);
	if (b->fd < 0)
		return fail(b, "%s", strerror(errno));
	if (fstat(b->fd, &st) < 0)
		return fail(b, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fail(b, "not a regular file");
	got = pread(b->fd, hdr, sizeof(hdr), 0);
	if (got < 0)
		return fail(b, "%s", strerror(errno));
	if (got >= 8 && memcmp(hdr, CKD_DEVID_COMPRESSED, 8) == 0)
		return fail(b, "compressed CCKD image: convert it with cckd2ckd first");
	if (got >= 8 && memcmp(hdr, CKD_DEVID, 8) == 0)
		return setup_ckd(b, hdr, (uint64_t)st.st_size);
	/* Anything else is a raw image: whole cylinders of 4K blocks. */
	if ((uint64_t)st.st_size % CYL_BYTES)
		return fail(b, "neither a CKD image (no CKD_P370 header) nor a raw image "
			    "(%llu bytes is not a multiple of %llu, one cylinder)",
			    (unsigned long long)st.st_size, (unsigned long long)CYL_BYTES);
	b->type = BDEV_RAW;
	b->cyls = (uint32_t)MIN((uint64_t)st.st_size / CYL_BYTES, (uint64_t)UINT32_MAX);
	if (b->cyls < VOL_MIN_CYLS || b->cyls > VOL_MAX_CYLS)
		return fail(b, "raw image of %llu cylinders, PlexVM volumes have %u-%u",
			    (unsigned long long)st.st_size / CYL_BYTES, VOL_MIN_CYLS, VOL_MAX_CYLS);
	return 0;
}

static uint64_t track_offset(const struct bdev *b, uint64_t trk)
{
	return CKD_DEVHDR_SIZE + trk * b->trksize;
}

static int load_track(struct bdev *b, uint64_t trk)
{
	if (b->trk_no == (int64_t)trk)
		return 0;
	b->trk_no = -1;
	if (pread_full(b, b->trk, b->trksize, track_offset(b, trk)))
		return -1;
	b->trk_no = (int64_t)trk;
	return 0;
}

/* Locate the 4K record of a block in the cached track. */
static int find_block(struct bdev *b, uint32_t block, struct ckd_rec_loc *loc)
{
	struct vol_chr c;
	char msg[300];
	int rc;

	vol_block_to_chr(block, &c);
	if (load_track(b, (uint64_t)c.cyl * VOL_TRACKS_PER_CYL + c.head))
		return -1;
	rc = ckd_track_find(b->trk, b->trksize, (uint16_t)c.cyl, c.head, c.rec, loc, msg,
			    sizeof(msg));
	if (rc < 0)
		return fail(b, "%s", msg);
	if (rc > 0)
		return fail(b, "block %u: cylinder %u head %u has no record %u (the track holds "
			    "%u records): not formatted for PlexVM", block, c.cyl, c.head, c.rec,
			    loc->nrecs);
	if (loc->klen != 0 || loc->dlen != VOL_BLOCK_SIZE)
		return fail(b, "block %u: cylinder %u head %u record %u has key length %u and "
			    "data length %u, not a %u-byte block: not formatted for PlexVM",
			    block, c.cyl, c.head, c.rec, loc->klen, loc->dlen, VOL_BLOCK_SIZE);
	return 0;
}

static int check_block(struct bdev *b, uint32_t block)
{
	uint64_t total = (uint64_t)b->cyls * VOL_BLOCKS_PER_CYL;

	if (block >= total)
		return fail(b, "block %u is past the end of the volume (%llu blocks)", block,
			    (unsigned long long)total);
	if (b->type == BDEV_CKD && vol_block_on_label_track(block))
		return fail(b, "block %u is on track 0, which holds the label records and no "
			    "4096-byte blocks on a 3390", block);
	return 0;
}

int bdev_read_block(struct bdev *b, uint32_t block, void *buf)
{
	struct ckd_rec_loc loc;

	if (check_block(b, block))
		return -1;
	if (b->type == BDEV_RAW)
		return pread_full(b, buf, VOL_BLOCK_SIZE, (uint64_t)block * VOL_BLOCK_SIZE);
	if (find_block(b, block, &loc))
		return -1;
	memcpy(buf, b->trk + loc.data_off, VOL_BLOCK_SIZE);
	return 0;
}

int bdev_write_block(struct bdev *b, uint32_t block, const void *buf)
{
	struct ckd_rec_loc loc;

	if (!b->writable)
		return fail(b, "opened read-only");
	if (check_block(b, block))
		return -1;
	if (b->type == BDEV_RAW)
		return pwrite_full(b, buf, VOL_BLOCK_SIZE, (uint64_t)block * VOL_BLOCK_SIZE);
	if (find_block(b, block, &loc))
		return -1;
	/* Write the record's data field only; keep the cached track in step. */
	memcpy(b->trk + loc.data_off, buf, VOL_BLOCK_SIZE);
	if (pwrite_full(b, buf, VOL_BLOCK_SIZE, track_offset(b, (uint64_t)b->trk_no) + loc.data_off)) {
		b->trk_no = -1;
		return -1;
	}
	return 0;
}

int bdev_read_label(struct bdev *b, uint8_t *label)
{
	struct ckd_rec_loc loc;
	uint8_t key[VOL_LABEL_KEY_LEN];
	char msg[300];
	int rc;

	if (b->type == BDEV_RAW)
		return pread_full(b, label, VOL_LABEL_LEN, 0);
	if (load_track(b, 0))
		return -1;
	rc = ckd_track_find(b->trk, b->trksize, 0, 0, VOL_LABEL_RECORD, &loc, msg, sizeof(msg));
	if (rc < 0)
		return fail(b, "%s", msg);
	if (rc > 0)
		return fail(b, "no volume label: cylinder 0 head 0 has no record 3");
	vol_label_key(VOL_LABEL_RECORD, key);
	if (loc.klen != VOL_LABEL_KEY_LEN || memcmp(b->trk + loc.key_off, key, sizeof(key)) != 0)
		return fail(b, "no volume label: cylinder 0 head 0 record 3 has no \"VOL1\" key");
	if (loc.dlen < VOL_LABEL_LEN)
		return fail(b, "volume label record has %u data bytes, need %u", loc.dlen,
			    VOL_LABEL_LEN);
	memcpy(label, b->trk + loc.data_off, VOL_LABEL_LEN);
	return 0;
}

/* Write every track (CKD) or the label block and the size (raw). */
static int format_all(struct bdev *b, const uint8_t *label)
{
	uint8_t keys[3][VOL_LABEL_KEY_LEN];
	struct ckd_rec_spec recs[VOL_BLOCKS_PER_TRACK];
	uint8_t *trk;

	if (b->type == BDEV_RAW) {
		static uint8_t blk0[VOL_BLOCK_SIZE];

		if (ftruncate(b->fd, 0) < 0 ||
		    ftruncate(b->fd, (off_t)((uint64_t)b->cyls * CYL_BYTES)) < 0)
			return fail(b, "set size: %s", strerror(errno));
		memset(blk0, 0, sizeof(blk0));
		memcpy(blk0, label, VOL_LABEL_LEN);
		if (pwrite_full(b, blk0, sizeof(blk0), 0))
			return -1;
		return 0;  /* blocks 1-11 and all others read as zeros (sparse) */
	}
	trk = malloc(b->trksize);
	if (!trk)
		return fail(b, "out of memory");
	for (unsigned r = 1; r <= 3; r++)
		vol_label_key(r, keys[r - 1]);
	b->trk_no = -1;
	for (uint32_t cyl = 0; cyl < b->cyls; cyl++) {
		for (uint16_t head = 0; head < VOL_TRACKS_PER_CYL; head++) {
			unsigned n;
			int rc;

			if (cyl == 0 && head == 0) {
				for (unsigned r = 1; r <= 3; r++) {
					recs[r - 1] = (struct ckd_rec_spec){
						.rec = (uint8_t)r, .klen = VOL_LABEL_KEY_LEN,
						.dlen = (uint16_t)vol_label_record_len(r),
						.key = keys[r - 1],
						.data = r == VOL_LABEL_RECORD ? label : NULL,
					};
				}
				n = 3;
			} else {
				for (unsigned r = 1; r <= VOL_BLOCKS_PER_TRACK; r++)
					recs[r - 1] = (struct ckd_rec_spec){
						.rec = (uint8_t)r, .dlen = VOL_BLOCK_SIZE,
					};
				n = VOL_BLOCKS_PER_TRACK;
			}
			rc = ckd_track_build(trk, b->trksize, (uint16_t)cyl, head, recs, n);
			if (rc == 0)
				rc = pwrite_full(b, trk, b->trksize,
						 track_offset(b, (uint64_t)cyl * VOL_TRACKS_PER_CYL + head));
			else
				fail(b, "records do not fit a %u-byte track", b->trksize);
			if (rc) {
				free(trk);
				return -1;
			}
		}
	}
	free(trk);
	return 0;
}

int bdev_create(struct bdev *b, const char *path, enum bdev_type type, uint32_t cyls,
		const uint8_t *label, bool overwrite)
{
	init(b, path);
	b->writable = true;
	b->type = type;
	b->cyls = cyls;
	if (cyls < VOL_MIN_CYLS || cyls > VOL_MAX_CYLS)
		return fail(b, "%u cylinders: a volume has %u to %u", cyls, VOL_MIN_CYLS,
			    VOL_MAX_CYLS);
	b->fd = open(path, O_RDWR | O_CREAT | (overwrite ? O_TRUNC : O_EXCL), 0644);
	if (b->fd < 0)
		return fail(b, "%s%s", strerror(errno),
			    errno == EEXIST ? " (use --force to replace it)" : "");
	if (type == BDEV_CKD) {
		uint8_t hdr[CKD_DEVHDR_SIZE];

		b->trksize = CKD_3390_TRKSIZE;
		b->trk = malloc(b->trksize);
		if (!b->trk)
			return fail(b, "out of memory");
		ckd_devhdr_build(hdr, CKD_3390_HEADS, CKD_3390_TRKSIZE, CKD_3390_DEVTYPE);
		if (pwrite_full(b, hdr, sizeof(hdr), 0))
			return -1;
	}
	return format_all(b, label);
}

int bdev_format(struct bdev *b, const uint8_t *label)
{
	if (!b->writable)
		return fail(b, "opened read-only");
	return format_all(b, label);
}

int bdev_close(struct bdev *b)
{
	int rc = 0;

	if (b->fd >= 0) {
		if (b->writable && fsync(b->fd) < 0)
			rc = fail(b, "fsync: %s", strerror(errno));
		if (close(b->fd) < 0 && !rc)
			rc = fail(b, "close: %s", strerror(errno));
	}
	b->fd = -1;
	free(b->trk);
	b->trk = NULL;
	return rc;
}
