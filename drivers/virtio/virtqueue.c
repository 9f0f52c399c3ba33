/* Legacy split virtqueues (see virtqueue.h). */
#include "drivers/virtio/virtqueue.h"
#include <string.h>

/* Native byte order: on s390x the fields are big-endian; the host build simulates that. */
#ifdef PLEXVM_HOST
static inline uint16_t vq16(uint16_t v) { return __builtin_bswap16(v); }
static inline uint32_t vq32(uint32_t v) { return __builtin_bswap32(v); }
static inline uint64_t vq64(uint64_t v) { return __builtin_bswap64(v); }
#else
static inline uint16_t vq16(uint16_t v) { return v; }
static inline uint32_t vq32(uint32_t v) { return v; }
static inline uint64_t vq64(uint64_t v) { return v; }
#endif

static inline void mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

size_t vring_size(unsigned int num, unsigned long align)
{
	size_t first = sizeof(struct vring_desc) * num + sizeof(uint16_t) * (3 + num);

	first = (first + align - 1) & ~(align - 1);
	return first + sizeof(uint16_t) * 3 + sizeof(struct vring_used_elem) * num;
}

void virtqueue_init(struct virtqueue *vq, unsigned int index, unsigned int num, void *ring,
		    unsigned long align, void **cookies, void (*notify)(struct virtqueue *))
{
	uint8_t *p = ring;
	size_t avail_end;

	memset(vq, 0, sizeof(*vq));
	vq->index = index;
	vq->num = num;
	vq->ring = ring;
	vq->ring_size = vring_size(num, align);
	vq->desc = ring;
	vq->avail_flags = (uint16_t *)(void *)(p + sizeof(struct vring_desc) * num);
	vq->avail_idx = vq->avail_flags + 1;
	vq->avail_ring = vq->avail_flags + 2;
	avail_end = sizeof(struct vring_desc) * num + sizeof(uint16_t) * (3 + num);
	avail_end = (avail_end + align - 1) & ~(align - 1);
	vq->used_flags = (volatile uint16_t *)(void *)(p + avail_end);
	vq->used_idx = vq->used_flags + 1;
	vq->used_ring = (volatile struct vring_used_elem *)(void *)(p + avail_end + 4);
	vq->cookies = cookies;
	vq->notify = notify;
	for (unsigned int i = 0; i < num; i++) {
		vq->desc[i].next = vq16((uint16_t)(i + 1));
		cookies[i] = NULL;
	}
	vq->free_head = 0;
	vq->num_free = num;
}

int virtqueue_add(struct virtqueue *vq, const struct vq_buffer *bufs, unsigned int n, void *token)
{
	uint16_t head, idx, prev = 0;
	uint16_t avail;

	if (n == 0 || !token)
		return -1;
	spin_lock(&vq->lock);
	if (vq->num_free < n) {
		spin_unlock(&vq->lock);
		return -1;
	}
	head = idx = vq->free_head;
	for (unsigned int i = 0; i < n; i++) {
		struct vring_desc *d = &vq->desc[idx];

		d->addr = vq64((uint64_t)(uintptr_t)bufs[i].addr);
		d->len = vq32(bufs[i].len);
		d->flags = vq16((uint16_t)((bufs[i].device_writes ? VRING_DESC_F_WRITE : 0) |
					   (i + 1 < n ? VRING_DESC_F_NEXT : 0)));
		prev = idx;
		idx = vq16(d->next);
	}
	(void)prev;
	vq->free_head = idx;
	vq->num_free -= n;
	vq->cookies[head] = token;
	avail = vq16(*vq->avail_idx);
	vq->avail_ring[avail & (vq->num - 1)] = vq16(head);
	mb(); /* the descriptors before the index */
	*vq->avail_idx = vq16((uint16_t)(avail + 1));
	spin_unlock(&vq->lock);
	return 0;
}

void virtqueue_kick(struct virtqueue *vq)
{
	mb();
	vq->kicks++;
	vq->notify(vq);
}

void *virtqueue_get(struct virtqueue *vq, uint32_t *len)
{
	uint16_t used, head, idx;
	void *token;
	uint32_t id;

	spin_lock(&vq->lock);
	used = vq16(*vq->used_idx);
	if (used == vq->last_used) {
		spin_unlock(&vq->lock);
		return NULL;
	}
	mb(); /* the index before the entry */
	id = vq32(vq->used_ring[vq->last_used & (vq->num - 1)].id);
	if (len)
		*len = vq32(vq->used_ring[vq->last_used & (vq->num - 1)].len);
	vq->last_used++;
	if (id >= vq->num || !vq->cookies[id]) {
		spin_unlock(&vq->lock);
		return NULL; /* a device returning garbage: ignore the entry */
	}
	head = (uint16_t)id;
	token = vq->cookies[head];
	vq->cookies[head] = NULL;
	/* Return the chain to the free list. */
	idx = head;
	for (unsigned int n = 1;; n++) {
		struct vring_desc *d = &vq->desc[idx];

		vq->num_free++;
		if (!(vq16(d->flags) & VRING_DESC_F_NEXT) || n >= vq->num)
			break;
		idx = vq16(d->next);
	}
	vq->desc[idx].next = vq16(vq->free_head);
	vq->free_head = head;
	vq->completions++;
	spin_unlock(&vq->lock);
	return token;
}
