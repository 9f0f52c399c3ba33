/*
 * Volumes: disks with a VOL1 label addressed in 4 KiB blocks of PlexVM's
 * 3390 geometry (see docs/volume-format.md), whatever the device underneath:
 * an ECKD 3390 (Hercules, LPAR) or a virtio-blk disk (QEMU stand-in). Drivers
 * register volumes; everything above uses this interface.
 */
#ifndef PLEXVM_KERNEL_VOLUME_H
#define PLEXVM_KERNEL_VOLUME_H

#include "kernel/compiler.h"
#include "kernel/list.h"
#include "kernel/vol/allocmap.h"

#define VOLUME_BLOCK_SIZE 4096
#define VOLUME_BLOCKS_PER_CYL 180
#define VOLSER_LEN 6

struct volume;
struct io_device;

enum volume_error {
	VOLUME_OK = 0,
	VOLUME_EIO = -1,          /* the device reported an error */
	VOLUME_ERANGE = -2,       /* block outside the volume */
	VOLUME_ENOTSUP = -3,      /* e.g. reserve on a device that has none */
	VOLUME_ETIMEDOUT = -4,    /* reserve not granted in time, or the device hung */
	VOLUME_ENODEV = -5,       /* the device is gone */
	VOLUME_ENOMEM = -6,
	VOLUME_EROFS = -7,
};

struct volume_ops {
	const char *kind;                                       /* "3390", "VIRTIO" */
	int (*read)(struct volume *v, uint64_t block, unsigned int count, void *buf);
	int (*write)(struct volume *v, uint64_t block, unsigned int count, const void *buf);
	/* The 80-byte VOL1 label data (EBCDIC). */
	int (*read_label)(struct volume *v, uint8_t vol1[80]);
	/* Device reservation for shared DASD (NULL where the device has none). */
	int (*reserve)(struct volume *v, uint64_t timeout_ms);
	int (*release)(struct volume *v);
};

struct volume {
	char volser[VOLSER_LEN + 1];   /* ASCII, blank-trimmed; "" if unlabelled */
	uint64_t nblocks;              /* addressable 4 KiB blocks */
	uint32_t cylinders;
	struct io_device *dev;
	const struct volume_ops *ops;
	void *priv;
	bool reserved;                 /* this system holds the device reservation */
	bool map_valid;                /* block 12 holds a valid PlexVM allocation map */
	struct vol_map_info map;       /* its header */
	uint8_t *map_block;            /* and the block itself (NULL if none) */
	char map_error[128];           /* why there is no valid map */
	uint64_t reads, writes, errors;
	struct list link;
};

/* Register a volume: reads its label and allocation map. Thread context. */
int volume_register(struct volume *v);
/* Read the label and allocation map again (after formatting). */
void volume_refresh(struct volume *v);
/* Write a new allocation map (cylinders 1..end as one PERM extent) and re-read it. */
int volume_write_default_map(struct volume *v, const char *owner_cluster, const char *owner_system);
struct volume *volume_by_volser(const char *volser);
struct volume *volume_by_devno(uint16_t devno);
/* Iterate registered volumes. */
struct volume *volume_next(struct volume *prev);
const char *volume_error_name(int err);

static inline int volume_read(struct volume *v, uint64_t block, unsigned int count, void *buf)
{
	if (block >= v->nblocks || count > v->nblocks - block)
		return VOLUME_ERANGE;
	return v->ops->read(v, block, count, buf);
}

static inline int volume_write(struct volume *v, uint64_t block, unsigned int count, const void *buf)
{
	if (block >= v->nblocks || count > v->nblocks - block)
		return VOLUME_ERANGE;
	return v->ops->write(v, block, count, buf);
}

#endif
