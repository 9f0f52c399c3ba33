/*
 * Split virtqueues in the legacy layout (virtio 0.9.5 / virtio-ccw revision
 * 0): descriptor table, available ring, then the used ring on the next
 * `align` boundary; fields in the guest's native byte order, which on
 * z/Architecture is big-endian. Hardware-free: the transport supplies the
 * notification; unit-tested on the host with a simulated device.
 */
#ifndef PLEXVM_DRIVERS_VIRTIO_VIRTQUEUE_H
#define PLEXVM_DRIVERS_VIRTIO_VIRTQUEUE_H

#include "kernel/compiler.h"
#include "kernel/spinlock.h"

#define VRING_DESC_F_NEXT  1
#define VRING_DESC_F_WRITE 2

struct vring_desc {
	uint64_t addr;     /* 0x00 */
	uint32_t len;      /* 0x08 */
	uint16_t flags;    /* 0x0c */
	uint16_t next;     /* 0x0e */
} __packed;
_Static_assert(sizeof(struct vring_desc) == 16, "vring desc");

struct vring_used_elem {
	uint32_t id;       /* 0x00 head of the chain */
	uint32_t len;      /* 0x04 bytes written by the device */
} __packed;
_Static_assert(sizeof(struct vring_used_elem) == 8, "vring used elem");

struct virtqueue {
	unsigned int index;
	unsigned int num;             /* power of two */
	void *ring;                   /* the whole legacy ring */
	size_t ring_size;
	struct vring_desc *desc;
	uint16_t *avail_flags, *avail_idx, *avail_ring;
	volatile uint16_t *used_flags, *used_idx;
	volatile struct vring_used_elem *used_ring;
	uint16_t free_head;           /* first free descriptor */
	unsigned int num_free;
	uint16_t last_used;           /* used entries consumed */
	void **cookies;               /* per head descriptor: the caller's token */
	void (*notify)(struct virtqueue *vq);
	void *priv;                   /* the transport's */
	struct spinlock lock;
	uint64_t kicks, completions;
};

/* Bytes of a legacy ring with num entries aligned to align. */
size_t vring_size(unsigned int num, unsigned long align);
/*
 * Lay a virtqueue over `ring` (zeroed, vring_size bytes, align-aligned) with
 * `cookies` room for num pointers.
 */
void virtqueue_init(struct virtqueue *vq, unsigned int index, unsigned int num, void *ring,
		    unsigned long align, void **cookies, void (*notify)(struct virtqueue *));

struct vq_buffer {
	void *addr;
	uint32_t len;
	bool device_writes;           /* in (device -> driver) */
};

/* Queue a chain of buffers with `token`; returns 0 or -1 when descriptors are short. */
int virtqueue_add(struct virtqueue *vq, const struct vq_buffer *bufs, unsigned int n, void *token);
/* Tell the device about queued buffers. */
void virtqueue_kick(struct virtqueue *vq);
/* Next completed chain's token (and bytes the device wrote), or NULL. */
void *virtqueue_get(struct virtqueue *vq, uint32_t *len);

#endif
