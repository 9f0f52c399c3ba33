/*
 * virtio-blk device (virtio device id 2) for guests, on a block backend the
 * hypervisor provides (minidisks: extents of 4 KiB blocks on real volumes).
 * Hardware-free. One request queue; requests are served synchronously from
 * the notification (virtio_ccw_notify), and the backend may block.
 *
 * Offered: VIRTIO_BLK_F_SIZE_MAX, SEG_MAX, BLK_SIZE, FLUSH, RO (read-only
 * backends), VIRTIO_RING_F_INDIRECT_DESC and VIRTIO_F_VERSION_1.
 * Requests: IN, OUT, FLUSH, GET_ID; others answer VIRTIO_BLK_S_UNSUPP. The
 * data length must be a multiple of 512 and inside the capacity, else
 * VIRTIO_BLK_S_IOERR. The status byte is written after the data, then the
 * chain goes to the used ring.
 *
 * Block size: blk_size in the configuration is what Linux takes as the logical
 * block size. A minidisk is made of 4 KiB blocks, so the default is 4096:
 * the guest then only issues 4 KiB-aligned requests in multiples of 4 KiB and
 * every request maps onto whole backend blocks (no read-modify-write). The
 * `sector` of a request and `capacity` stay in 512-byte units as virtio
 * defines them, and a guest that ignores blk_size may still send any multiple
 * of 512: the backend interface is in 512-byte sectors and must handle that.
 */
#ifndef PLEXVM_KERNEL_VDEV_VIRTIO_BLK_DEV_H
#define PLEXVM_KERNEL_VDEV_VIRTIO_BLK_DEV_H

#include "kernel/compiler.h"
#include "kernel/vdev/virtio_ccw_dev.h"

/* Feature bits. */
#define VIRTIO_BLK_F_SIZE_MAX 1
#define VIRTIO_BLK_F_SEG_MAX  2
#define VIRTIO_BLK_F_RO       5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH    9

/* Request types and status. */
#define VIRTIO_BLK_T_IN     0
#define VIRTIO_BLK_T_OUT    1
#define VIRTIO_BLK_T_FLUSH  4
#define VIRTIO_BLK_T_GET_ID 8
#define VIRTIO_BLK_S_OK     0
#define VIRTIO_BLK_S_IOERR  1
#define VIRTIO_BLK_S_UNSUPP 2

#define VIRTIO_BLK_ID_BYTES 20

/* Configuration space (fields in the guest's virtio byte order). */
struct virtio_blk_config {
	uint64_t capacity;                  /* 0x00 512-byte sectors */
	uint32_t size_max;                  /* 0x08 largest segment (SIZE_MAX) */
	uint32_t seg_max;                   /* 0x0c most data segments per request (SEG_MAX) */
	uint16_t cylinders;                 /* 0x10 geometry (not offered) */
	uint8_t heads;                      /* 0x12 */
	uint8_t sectors;                    /* 0x13 */
	uint32_t blk_size;                  /* 0x14 logical block size (BLK_SIZE) */
	uint8_t physical_block_exp;         /* 0x18 topology (not offered) */
	uint8_t alignment_offset;           /* 0x19 */
	uint16_t min_io_size;               /* 0x1a */
	uint32_t opt_io_size;               /* 0x1c */
	uint8_t writeback;                  /* 0x20 (CONFIG_WCE, not offered) */
	uint8_t unused0;                    /* 0x21 */
	uint16_t num_queues;                /* 0x22 (MQ, not offered) */
	uint32_t max_discard_sectors;       /* 0x24 (DISCARD, not offered) */
	uint32_t max_discard_seg;           /* 0x28 */
	uint32_t discard_sector_alignment;  /* 0x2c */
	uint32_t max_write_zeroes_sectors;  /* 0x30 (WRITE_ZEROES, not offered) */
	uint32_t max_write_zeroes_seg;      /* 0x34 */
	uint8_t write_zeroes_may_unmap;     /* 0x38 */
	uint8_t unused1[3];                 /* 0x39 */
} __packed;
_Static_assert(sizeof(struct virtio_blk_config) == 0x3c, "virtio-blk configuration");

/* Request header at the start of the device-readable part. */
struct virtio_blk_req_hdr {
	uint32_t type;                      /* 0x00 VIRTIO_BLK_T_* */
	uint32_t ioprio;                    /* 0x04 (legacy "reserved") */
	uint64_t sector;                    /* 0x08 512-byte units */
} __packed;
_Static_assert(sizeof(struct virtio_blk_req_hdr) == 16, "virtio-blk request header");

#define VBLK_QUEUE_SIZE 256
#define VBLK_SEG_MAX    (VBLK_QUEUE_SIZE - 2)   /* + header + status = one full chain */
#define VBLK_SIZE_MAX   65536u                  /* largest segment; also the copy chunk */

/*
 * The block backend. Calls may block. Sectors are 512 bytes; nsectors >= 1 and
 * [sector, sector + nsectors) lies inside capacity_sectors (checked before).
 * read/write/flush return 0 or a negative error (the guest sees IOERR).
 */
struct vblk_backend_ops {
	int (*read)(void *ctx, uint64_t sector512, unsigned int nsectors, void *buf);
	int (*write)(void *ctx, uint64_t sector512, unsigned int nsectors, const void *buf);
	uint64_t (*capacity_sectors)(void *ctx);
	int (*flush)(void *ctx);            /* may be NULL: writes are stable when write returns */
	bool read_only;
};

struct vblk_params {
	uint16_t devno;
	const struct vblk_backend_ops *ops;
	void *ctx;
	uint32_t block_size;                /* 512 or 4096 (power of two 512..65536); 0 = 4096 */
	const char *serial;                 /* GET_ID answer, up to 20 bytes; NULL = none */
};

struct vblk_stats {
	uint64_t reads, writes, flushes, get_ids, unsupported, ioerrors;
	uint64_t bytes_read, bytes_written;
};

struct virtio_blk_dev {
	struct virtio_ccw_dev v;            /* the transport; v.vdev goes to the channel subsystem */
	const struct vblk_backend_ops *ops;
	void *ctx;
	uint32_t block_size;
	char serial[VIRTIO_BLK_ID_BYTES];
	struct vring_chain chain;           /* the request being served */
	uint8_t *bounce;                    /* VBLK_SIZE_MAX bytes between backend and guest */
	struct vblk_stats stats;
};

/*
 * Create a virtio-blk device over guest storage `mem`; attach &dev->v.vdev to
 * the guest's channel subsystem. vdev_ops.destroy frees it. NULL when the
 * parameters are bad or storage is short.
 */
struct virtio_blk_dev *virtio_blk_dev_create(const struct gmem *mem, const struct vblk_params *p);

static inline struct vdev *virtio_blk_dev_vdev(struct virtio_blk_dev *b) { return &b->v.vdev; }

#endif
