/*
 * The device side of split virtqueues in a guest's storage: the legacy layout
 * (one area, used ring on an alignment boundary, guest-native big-endian
 * fields) and the virtio 1.0 layout (three separately placed areas,
 * little-endian fields). Hardware-free.
 *
 * A hostile guest owns every byte the ring lives in. So: each descriptor is
 * read once into a local copy and checked there (address and length inside
 * guest storage, `next` inside the table), chain walks are bounded by the
 * queue size or the indirect table size, indirect descriptors are refused
 * unless VIRTIO_RING_F_INDIRECT_DESC was negotiated, the available index may
 * not run more than the queue size ahead of the device, and every failure is
 * reported as a guest error (negative return) for the transport to turn into
 * DEVICE_NEEDS_RESET. Nothing here loops on guest data without a bound.
 *
 * No locking: the owner (virtio_ccw_dev.c and the device models) serializes
 * access to one queue.
 */
#ifndef PLEXVM_KERNEL_VDEV_VRING_DEV_H
#define PLEXVM_KERNEL_VDEV_VRING_DEV_H

#include "kernel/compiler.h"
#include "kernel/vdev/gmem.h"

/* Descriptor flags. */
#define VRD_F_NEXT     1
#define VRD_F_WRITE    2      /* device-writable ("in") buffer */
#define VRD_F_INDIRECT 4

/* Available ring flag: the driver does not want interrupts for this queue. */
#define VRD_AVAIL_F_NO_INTERRUPT 1

/* Largest queue size a device here offers; also the most segments in one chain. */
#define VRING_DEV_MAX_NUM  256
#define VRING_DEV_MAX_SEGS VRING_DEV_MAX_NUM

/* Guest layouts (byte order decided at run time: see vendian.h). */
struct vrd_desc {
	uint64_t addr;     /* 0x00 guest absolute address of the buffer */
	uint32_t len;      /* 0x08 */
	uint16_t flags;    /* 0x0c VRD_F_* */
	uint16_t next;     /* 0x0e index of the next descriptor when VRD_F_NEXT */
} __packed;
_Static_assert(sizeof(struct vrd_desc) == 16, "virtq descriptor");

struct vrd_avail_hdr {
	uint16_t flags;    /* 0x00 VRD_AVAIL_F_* */
	uint16_t idx;      /* 0x02 where the driver puts the next entry (free-running) */
	/* 0x04 uint16_t ring[num]; then uint16_t used_event (EVENT_IDX only) */
} __packed;
_Static_assert(sizeof(struct vrd_avail_hdr) == 4, "virtq avail header");

struct vrd_used_elem {
	uint32_t id;       /* 0x00 head descriptor of the chain */
	uint32_t len;      /* 0x04 bytes the device wrote into the chain's writable buffers */
} __packed;
_Static_assert(sizeof(struct vrd_used_elem) == 8, "virtq used element");

struct vrd_used_hdr {
	uint16_t flags;    /* 0x00 */
	uint16_t idx;      /* 0x02 */
	/* 0x04 struct vrd_used_elem ring[num]; then uint16_t avail_event */
} __packed;
_Static_assert(sizeof(struct vrd_used_hdr) == 4, "virtq used header");

/* Sizes of the areas for num entries, including the event index fields. */
#define VRD_DESC_SIZE(num)  (16ULL * (num))
#define VRD_AVAIL_SIZE(num) (6ULL + 2ULL * (num))
#define VRD_USED_SIZE(num)  (6ULL + 8ULL * (num))

/* Guest errors: what vring_dev_pop and the setup functions found wrong. */
enum vring_dev_err {
	VRD_OK = 0,
	VRD_ERR_SETUP = 1,       /* bad size, alignment, or ring outside guest storage */
	VRD_ERR_MEM,             /* a ring area could not be accessed */
	VRD_ERR_AVAIL_IDX,       /* available index more than the queue size ahead */
	VRD_ERR_HEAD,            /* head index not below the queue size */
	VRD_ERR_NEXT,            /* next index not inside the table */
	VRD_ERR_LOOP,            /* chain longer than its table (a loop) or than VRING_DEV_MAX_SEGS */
	VRD_ERR_BUFFER,          /* buffer outside guest storage */
	VRD_ERR_INDIRECT,        /* indirect descriptor not negotiated, nested, with NEXT, or a bad table */
	VRD_ERR_ORDER,           /* device-readable descriptor after a device-writable one */
};

struct vring_seg {
	uint64_t addr;     /* guest absolute */
	uint32_t len;
};

/* One descriptor chain taken from the available ring. */
struct vring_chain {
	uint16_t head;
	uint16_t nout;              /* seg[0 .. nout-1]: device-readable */
	uint16_t nin;               /* seg[nout .. nout+nin-1]: device-writable */
	uint64_t out_len, in_len;   /* their total bytes */
	struct vring_seg seg[VRING_DEV_MAX_SEGS];
};

struct vring_dev {
	const struct gmem *mem;
	uint16_t num;               /* queue size; 0 = not set up */
	bool le;                    /* little-endian fields (VIRTIO_F_VERSION_1) */
	bool indirect;              /* VIRTIO_RING_F_INDIRECT_DESC negotiated */
	uint64_t desc, avail, used; /* guest absolute addresses of the three areas */
	uint16_t last_avail;        /* next available entry the device takes */
	uint16_t used_idx;          /* next used entry the device fills */
};

/*
 * Set a queue up over guest storage. Legacy: one area at `queue`, used ring at
 * the next `align` boundary after the available ring. The ring state starts at
 * index 0. Return VRD_OK or VRD_ERR_SETUP (the queue is left not set up).
 */
int vring_dev_setup_legacy(struct vring_dev *q, const struct gmem *mem, uint64_t queue,
			   uint32_t align, uint16_t num, bool le, bool indirect);
int vring_dev_setup(struct vring_dev *q, const struct gmem *mem, uint64_t desc, uint64_t avail,
		    uint64_t used, uint16_t num, bool le, bool indirect);
/* Forget the queue (reset, or SET_VQ with address 0). */
void vring_dev_clear(struct vring_dev *q);
static inline bool vring_dev_ready(const struct vring_dev *q) { return q->num != 0; }

/* Whether num is a queue size the ring code accepts (power of two, 1..max). */
bool vring_dev_size_ok(uint32_t num, uint32_t max);

/*
 * Take the next available chain into *c. Returns 1 with a chain, 0 when the
 * ring is empty, or -enum vring_dev_err for a guest error (nothing consumed;
 * the caller must stop using the queue).
 */
int vring_dev_pop(struct vring_dev *q, struct vring_chain *c);
/* Give the last popped chain back (it will be popped again). */
void vring_dev_unpop(struct vring_dev *q);
/* Return a chain to the driver: used element {head, len}, then the used index. 0 or -VRD_ERR_MEM. */
int vring_dev_push(struct vring_dev *q, uint16_t head, uint32_t len);
/* After pushing: whether the driver wants an interrupt (no NO_INTERRUPT flag). */
bool vring_dev_want_interrupt(struct vring_dev *q);
/* Entries the driver made available and the device has not taken (0..num), or -1 on a guest error. */
int vring_dev_pending(struct vring_dev *q);

/*
 * Copy out of the chain's device-readable bytes / into its device-writable
 * bytes, starting `off` bytes into that part. 0, or -1 when the range is
 * outside the part or guest storage went away.
 */
int vring_chain_read(const struct gmem *mem, const struct vring_chain *c, uint64_t off, void *buf,
		     size_t len);
int vring_chain_write(const struct gmem *mem, const struct vring_chain *c, uint64_t off,
		      const void *buf, size_t len);

#endif
