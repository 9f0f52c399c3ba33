/* Device side of split virtqueues: see vring_dev.h. */
#include "kernel/vdev/vring_dev.h"
#include "kernel/vdev/vendian.h"

bool vring_dev_size_ok(uint32_t num, uint32_t max)
{
	return num >= 1 && num <= max && num <= VRING_DEV_MAX_NUM && (num & (num - 1)) == 0;
}

void vring_dev_clear(struct vring_dev *q)
{
	const struct gmem *mem = q->mem;

	memset(q, 0, sizeof(*q));
	q->mem = mem;
}

int vring_dev_setup(struct vring_dev *q, const struct gmem *mem, uint64_t desc, uint64_t avail,
		    uint64_t used, uint16_t num, bool le, bool indirect)
{
	vring_dev_clear(q);
	q->mem = mem;
	if (!vring_dev_size_ok(num, VRING_DEV_MAX_NUM))
		return VRD_ERR_SETUP;
	/* Alignment the split ring requires: 16 / 2 / 4 bytes. */
	if ((desc & 15) || (avail & 1) || (used & 3))
		return VRD_ERR_SETUP;
	if (!gmem_valid(mem, desc, VRD_DESC_SIZE(num)) || !gmem_valid(mem, avail, VRD_AVAIL_SIZE(num)) ||
	    !gmem_valid(mem, used, VRD_USED_SIZE(num)))
		return VRD_ERR_SETUP;
	q->desc = desc;
	q->avail = avail;
	q->used = used;
	q->le = le;
	q->indirect = indirect;
	q->num = num;
	return VRD_OK;
}

int vring_dev_setup_legacy(struct vring_dev *q, const struct gmem *mem, uint64_t queue,
			   uint32_t align, uint16_t num, bool le, bool indirect)
{
	uint64_t avail, used;

	vring_dev_clear(q);
	q->mem = mem;
	if (align < 4 || (align & (align - 1)) || !vring_dev_size_ok(num, VRING_DEV_MAX_NUM))
		return VRD_ERR_SETUP;
	/* Keep the arithmetic below from wrapping; setup checks the areas themselves. */
	if (queue >= mem->size || mem->size - queue < VRD_DESC_SIZE(num) + VRD_AVAIL_SIZE(num))
		return VRD_ERR_SETUP;
	avail = queue + VRD_DESC_SIZE(num);
	used = ALIGN_UP(avail + VRD_AVAIL_SIZE(num), (uint64_t)align);
	if (used < avail)
		return VRD_ERR_SETUP;
	return vring_dev_setup(q, mem, queue, avail, used, num, le, indirect);
}

/*
 * The two 16-bit indexes are shared with a driver running on another CPU:
 * read and write them with single aligned accesses, never byte by byte.
 */
static bool ring_load16(const struct vring_dev *q, uint64_t gabs, uint16_t *out)
{
	uint8_t *p;
	uint16_t raw;

	if ((gabs & 1) || !gmem_valid(q->mem, gabs, 2))
		return false;
	p = q->mem->page(q->mem, gabs);
	if (!p)
		return false;
	if ((uintptr_t)p & 1)
		memcpy(&raw, p, 2);
	else
		raw = __atomic_load_n((const uint16_t *)(const void *)p, __ATOMIC_RELAXED);
	*out = vget16(&raw, q->le);
	return true;
}

static bool ring_store16(const struct vring_dev *q, uint64_t gabs, uint16_t v)
{
	uint8_t *p;
	uint16_t raw;

	if ((gabs & 1) || !gmem_valid(q->mem, gabs, 2))
		return false;
	p = q->mem->page(q->mem, gabs);
	if (!p)
		return false;
	vput16(&raw, v, q->le);
	if ((uintptr_t)p & 1)
		memcpy(p, &raw, 2);
	else
		__atomic_store_n((uint16_t *)(void *)p, raw, __ATOMIC_RELAXED);
	return true;
}

int vring_dev_pending(struct vring_dev *q)
{
	uint16_t idx, pending;

	if (!q->num)
		return 0;
	if (!ring_load16(q, q->avail + offsetof(struct vrd_avail_hdr, idx), &idx))
		return -1;
	pending = (uint16_t)(idx - q->last_avail);
	return pending > q->num ? -1 : pending;
}

struct desc_val {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
};

static int read_desc(const struct vring_dev *q, uint64_t table, uint32_t i, struct desc_val *d)
{
	uint8_t raw[sizeof(struct vrd_desc)];

	if (gmem_read(q->mem, table + (uint64_t)i * sizeof(raw), raw, sizeof(raw)))
		return -VRD_ERR_MEM;
	d->addr = vget64(raw + offsetof(struct vrd_desc, addr), q->le);
	d->len = vget32(raw + offsetof(struct vrd_desc, len), q->le);
	d->flags = vget16(raw + offsetof(struct vrd_desc, flags), q->le);
	d->next = vget16(raw + offsetof(struct vrd_desc, next), q->le);
	return 0;
}

static int add_seg(const struct vring_dev *q, struct vring_chain *c, const struct desc_val *d)
{
	struct vring_seg *s;

	if (!gmem_valid(q->mem, d->addr, d->len))
		return -VRD_ERR_BUFFER;
	if ((unsigned int)c->nout + c->nin >= VRING_DEV_MAX_SEGS)
		return -VRD_ERR_LOOP;
	s = &c->seg[c->nout + c->nin];
	s->addr = d->addr;
	s->len = d->len;
	if (d->flags & VRD_F_WRITE) {
		c->nin++;
		c->in_len += d->len;
	} else {
		if (c->nin)
			return -VRD_ERR_ORDER;
		c->nout++;
		c->out_len += d->len;
	}
	return 0;
}

/*
 * Walk a chain through a table of `size` descriptors starting at `first`.
 * Each step visits a new descriptor or the chain has a loop: more than `size`
 * steps is an error, so the walk ends after at most `size` reads.
 */
static int walk(const struct vring_dev *q, struct vring_chain *c, uint64_t table, uint32_t size,
		uint32_t first, bool in_indirect)
{
	uint32_t i = first, steps = 0;
	struct desc_val d;
	int rc;

	for (;;) {
		rc = read_desc(q, table, i, &d);
		if (rc)
			return rc;
		if (d.flags & VRD_F_INDIRECT) {
			/* Only as the whole chain, once, and only when negotiated. */
			if (in_indirect || !q->indirect || (d.flags & VRD_F_NEXT) || steps)
				return -VRD_ERR_INDIRECT;
			if (!d.len || d.len % sizeof(struct vrd_desc) ||
			    d.len / sizeof(struct vrd_desc) > VRING_DEV_MAX_SEGS)
				return -VRD_ERR_INDIRECT;
			if (!gmem_valid(q->mem, d.addr, d.len))
				return -VRD_ERR_BUFFER;
			return walk(q, c, d.addr, d.len / sizeof(struct vrd_desc), 0, true);
		}
		rc = add_seg(q, c, &d);
		if (rc)
			return rc;
		if (!(d.flags & VRD_F_NEXT))
			return 0;
		if (d.next >= size)
			return -VRD_ERR_NEXT;
		if (++steps >= size)
			return -VRD_ERR_LOOP;
		i = d.next;
	}
}

int vring_dev_pop(struct vring_dev *q, struct vring_chain *c)
{
	uint16_t head;
	int pending, rc;

	if (!q->num)
		return 0;
	pending = vring_dev_pending(q);
	if (pending < 0)
		return -VRD_ERR_AVAIL_IDX;
	if (!pending)
		return 0;
	/* The entry and the descriptors were written before the index. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (!ring_load16(q, q->avail + sizeof(struct vrd_avail_hdr) + 2ULL * (q->last_avail % q->num),
			 &head))
		return -VRD_ERR_MEM;
	if (head >= q->num)
		return -VRD_ERR_HEAD;
	c->head = head;
	c->nout = c->nin = 0;
	c->out_len = c->in_len = 0;
	rc = walk(q, c, q->desc, q->num, head, false);
	if (rc)
		return rc;
	q->last_avail++;
	return 1;
}

void vring_dev_unpop(struct vring_dev *q)
{
	q->last_avail--;
}

int vring_dev_push(struct vring_dev *q, uint16_t head, uint32_t len)
{
	uint8_t elem[sizeof(struct vrd_used_elem)];
	uint64_t at;

	if (!q->num)
		return -VRD_ERR_MEM;
	at = q->used + sizeof(struct vrd_used_hdr) + sizeof(elem) * (uint64_t)(q->used_idx % q->num);
	vput32(elem + offsetof(struct vrd_used_elem, id), head, q->le);
	vput32(elem + offsetof(struct vrd_used_elem, len), len, q->le);
	if (gmem_write(q->mem, at, elem, sizeof(elem)))
		return -VRD_ERR_MEM;
	/* The element (and the data before it) must be visible before the index. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	if (!ring_store16(q, q->used + offsetof(struct vrd_used_hdr, idx), (uint16_t)(q->used_idx + 1)))
		return -VRD_ERR_MEM;
	q->used_idx++;
	return 0;
}

bool vring_dev_want_interrupt(struct vring_dev *q)
{
	uint16_t flags;

	/* The used index store must be ordered before the flags load. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!q->num || !ring_load16(q, q->avail + offsetof(struct vrd_avail_hdr, flags), &flags))
		return true;
	return !(flags & VRD_AVAIL_F_NO_INTERRUPT);
}

/* Find the segment holding byte `off` of the part [first, first+n); -1 if beyond it. */
static int seek(const struct vring_chain *c, unsigned int first, unsigned int n, uint64_t *off)
{
	for (unsigned int i = first; i < first + n; i++) {
		if (*off < c->seg[i].len)
			return (int)i;
		*off -= c->seg[i].len;
	}
	return -1;
}

static int chain_copy(const struct gmem *mem, const struct vring_chain *c, bool to_guest, uint64_t off,
		      uint8_t *buf, size_t len)
{
	unsigned int first = to_guest ? c->nout : 0;
	unsigned int n = to_guest ? c->nin : c->nout;
	uint64_t total = to_guest ? c->in_len : c->out_len;
	int i;

	if (off > total || len > total - off)
		return -1;
	if (!len)
		return 0;
	i = seek(c, first, n, &off);
	if (i < 0)
		return -1;
	for (; len && (unsigned int)i < first + n; i++, off = 0) {
		size_t chunk = (size_t)MIN((uint64_t)len, c->seg[i].len - off);
		int rc = to_guest ? gmem_write(mem, c->seg[i].addr + off, buf, chunk)
				  : gmem_read(mem, c->seg[i].addr + off, buf, chunk);

		if (rc)
			return -1;
		buf += chunk;
		len -= chunk;
	}
	return len ? -1 : 0;
}

int vring_chain_read(const struct gmem *mem, const struct vring_chain *c, uint64_t off, void *buf,
		     size_t len)
{
	return chain_copy(mem, c, false, off, buf, len);
}

int vring_chain_write(const struct gmem *mem, const struct vring_chain *c, uint64_t off,
		      const void *buf, size_t len)
{
	return chain_copy(mem, c, true, off, (uint8_t *)(uintptr_t)buf, len);
}
