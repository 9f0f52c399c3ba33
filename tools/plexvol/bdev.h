/*
 * plexvol's block device: 4096-byte block n of a volume image, either a
 * Hercules 3390 CKD image (the record located by walking the track's count
 * fields) or a raw image (block n at byte n * 4096), plus the VOL1 label in
 * its place on each.
 */
#ifndef PLEXVOL_BDEV_H
#define PLEXVOL_BDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum bdev_type { BDEV_RAW, BDEV_CKD };

struct bdev {
	int fd;
	enum bdev_type type;
	bool writable;
	uint32_t cyls;
	uint32_t trksize;        /* CKD */
	uint8_t *trk;            /* CKD: one cached track image */
	int64_t trk_no;          /* track in trk, -1 = none */
	char path[4096];
	char err[4096 + 600];    /* the last error, "path: what" */
};

#define BDEV_ERR_MAX sizeof(((struct bdev *)0)->err)

/* Open an existing image, detecting its type (CKD_P370 header or raw). */
int bdev_open(struct bdev *b, const char *path, bool writable);

/*
 * Create an image of cyls cylinders with every track formatted (CKD: R1-R3
 * label records on track 0, twelve 4096-byte records on every other track;
 * raw: a sparse file) and the 80-byte VOL1 label in its place. With
 * overwrite an existing file is replaced, otherwise it is an error.
 */
int bdev_create(struct bdev *b, const char *path, enum bdev_type type, uint32_t cyls,
		const uint8_t *label, bool overwrite);

/* Re-format every track of an open writable image in place, as bdev_create. */
int bdev_format(struct bdev *b, const uint8_t *label);

int bdev_read_block(struct bdev *b, uint32_t block, void *buf);
int bdev_write_block(struct bdev *b, uint32_t block, const void *buf);

/* The 80-byte VOL1 label data (CKD: record 3 of track 0, key "VOL1"). */
int bdev_read_label(struct bdev *b, uint8_t *label);

int bdev_close(struct bdev *b);

const char *bdev_type_name(const struct bdev *b);

#endif
