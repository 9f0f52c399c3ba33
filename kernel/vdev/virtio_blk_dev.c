/* virtio-blk device for guests: see virtio_blk_dev.h. */
#include "kernel/vdev/virtio_blk_dev.h"
#include "kernel/vdev/vendian.h"
#include "kernel/alloc.h"

#define SECTOR 512u
/* Internal outcome: the queue was reset under the request, do not complete it. */
#define VBLK_DROPPED 0xff

static inline struct virtio_blk_dev *to_blk(struct virtio_ccw_dev *v)
{
	return container_of(v, struct virtio_blk_dev, v);
}

static uint64_t blk_features(struct virtio_ccw_dev *v)
{
	struct virtio_blk_dev *b = to_blk(v);
	uint64_t f = VIRTIO_FEATURE(VIRTIO_BLK_F_SIZE_MAX) | VIRTIO_FEATURE(VIRTIO_BLK_F_SEG_MAX) |
		     VIRTIO_FEATURE(VIRTIO_BLK_F_BLK_SIZE) | VIRTIO_FEATURE(VIRTIO_BLK_F_FLUSH);

	if (b->ops->read_only)
		f |= VIRTIO_FEATURE(VIRTIO_BLK_F_RO);
	return f;
}

static void blk_get_config(struct virtio_ccw_dev *v, uint8_t *buf)
{
	struct virtio_blk_dev *b = to_blk(v);
	bool le = virtio_ccw_le(v);

	vput64(buf + offsetof(struct virtio_blk_config, capacity), b->ops->capacity_sectors(b->ctx), le);
	vput32(buf + offsetof(struct virtio_blk_config, size_max), VBLK_SIZE_MAX, le);
	vput32(buf + offsetof(struct virtio_blk_config, seg_max), VBLK_SEG_MAX, le);
	vput32(buf + offsetof(struct virtio_blk_config, blk_size), b->block_size, le);
}

/* Lock held, queue generation gen still current: the final status and the used entry. */
static void complete(struct virtio_blk_dev *b, uint32_t gen, uint8_t status, uint32_t written)
{
	struct virtio_ccw_dev *v = &b->v;
	const struct vring_chain *c = &b->chain;
	struct vring_dev *q = virtio_ccw_ring(v, 0, &gen, NULL);
	int rc;

	if (!q)
		return;
	if (vring_chain_write(v->mem, c, c->in_len - 1, &status, 1)) {
		virtio_ccw_set_broken(v, VRD_ERR_BUFFER);
		return;
	}
	rc = vring_dev_push(q, c->head, written + 1);
	if (rc) {
		virtio_ccw_set_broken(v, rc);
		return;
	}
	virtio_ccw_queue_used(v, 0);
}

/* Check [sector, +len) against the capacity; the sector count, or -1. */
static int64_t extent_ok(struct virtio_blk_dev *b, uint64_t sector, uint64_t len)
{
	uint64_t cap = b->ops->capacity_sectors(b->ctx), n = len / SECTOR;

	if (len % SECTOR || sector > cap || n > cap - sector)
		return -1;
	return (int64_t)n;
}

/* IN: backend -> bounce -> the chain's writable part, chunk by chunk. */
static uint8_t blk_in(struct virtio_blk_dev *b, uint32_t gen, uint64_t sector, uint32_t *written)
{
	struct virtio_ccw_dev *v = &b->v;
	uint64_t len = b->chain.in_len - 1, off;

	if (extent_ok(b, sector, len) < 0)
		return VIRTIO_BLK_S_IOERR;
	for (off = 0; off < len;) {
		uint32_t chunk = (uint32_t)MIN(len - off, (uint64_t)VBLK_SIZE_MAX);
		int rc;

		if (b->ops->read(b->ctx, sector + off / SECTOR, chunk / SECTOR, b->bounce))
			return VIRTIO_BLK_S_IOERR;
		virtio_ccw_lock(v);
		if (!virtio_ccw_ring(v, 0, &gen, NULL)) {
			virtio_ccw_unlock(v);
			return VBLK_DROPPED;
		}
		rc = vring_chain_write(v->mem, &b->chain, off, b->bounce, chunk);
		if (rc)
			virtio_ccw_set_broken(v, VRD_ERR_BUFFER);
		virtio_ccw_unlock(v);
		if (rc)
			return VBLK_DROPPED;
		off += chunk;
		*written = (uint32_t)off;
		b->stats.bytes_read += chunk;
	}
	return VIRTIO_BLK_S_OK;
}

/* OUT: the chain's readable part after the header -> bounce -> backend. */
static uint8_t blk_out(struct virtio_blk_dev *b, uint64_t sector)
{
	const uint64_t hdr = sizeof(struct virtio_blk_req_hdr);
	uint64_t len = b->chain.out_len - hdr, off;

	if (b->ops->read_only || extent_ok(b, sector, len) < 0)
		return VIRTIO_BLK_S_IOERR;
	for (off = 0; off < len;) {
		uint32_t chunk = (uint32_t)MIN(len - off, (uint64_t)VBLK_SIZE_MAX);

		/* Reading guest storage needs no lock: a reset at worst writes what the guest left. */
		if (vring_chain_read(b->v.mem, &b->chain, hdr + off, b->bounce, chunk))
			return VIRTIO_BLK_S_IOERR;
		if (b->ops->write(b->ctx, sector + off / SECTOR, chunk / SECTOR, b->bounce))
			return VIRTIO_BLK_S_IOERR;
		off += chunk;
		b->stats.bytes_written += chunk;
	}
	return VIRTIO_BLK_S_OK;
}

static uint8_t blk_get_id(struct virtio_blk_dev *b, uint32_t gen, uint32_t *written)
{
	struct virtio_ccw_dev *v = &b->v;
	uint32_t n = (uint32_t)MIN(b->chain.in_len - 1, (uint64_t)VIRTIO_BLK_ID_BYTES);
	int rc;

	virtio_ccw_lock(v);
	if (!virtio_ccw_ring(v, 0, &gen, NULL)) {
		virtio_ccw_unlock(v);
		return VBLK_DROPPED;
	}
	rc = vring_chain_write(v->mem, &b->chain, 0, b->serial, n);
	if (rc)
		virtio_ccw_set_broken(v, VRD_ERR_BUFFER);
	virtio_ccw_unlock(v);
	if (rc)
		return VBLK_DROPPED;
	*written = n;
	return VIRTIO_BLK_S_OK;
}

/* Serve the chain in b->chain, popped under generation gen. */
static void blk_request(struct virtio_blk_dev *b, uint32_t gen, bool le)
{
	struct virtio_ccw_dev *v = &b->v;
	uint8_t hdr[sizeof(struct virtio_blk_req_hdr)];
	uint32_t type, written = 0;
	uint64_t sector;
	uint8_t status;

	/* A request without header or status byte is malformed beyond an answer. */
	if (b->chain.out_len < sizeof(hdr) || b->chain.in_len < 1 ||
	    vring_chain_read(v->mem, &b->chain, 0, hdr, sizeof(hdr))) {
		virtio_ccw_lock(v);
		if (virtio_ccw_ring(v, 0, &gen, NULL))
			virtio_ccw_set_broken(v, VRD_ERR_BUFFER);
		virtio_ccw_unlock(v);
		return;
	}
	type = vget32(hdr + offsetof(struct virtio_blk_req_hdr, type), le);
	sector = vget64(hdr + offsetof(struct virtio_blk_req_hdr, sector), le);
	switch (type) {
	case VIRTIO_BLK_T_IN:
		b->stats.reads++;
		status = blk_in(b, gen, sector, &written);
		break;
	case VIRTIO_BLK_T_OUT:
		b->stats.writes++;
		status = blk_out(b, sector);
		break;
	case VIRTIO_BLK_T_FLUSH:
		b->stats.flushes++;
		status = b->ops->flush && b->ops->flush(b->ctx) ? VIRTIO_BLK_S_IOERR : VIRTIO_BLK_S_OK;
		break;
	case VIRTIO_BLK_T_GET_ID:
		b->stats.get_ids++;
		status = blk_get_id(b, gen, &written);
		break;
	default:
		b->stats.unsupported++;
		status = VIRTIO_BLK_S_UNSUPP;
		break;
	}
	if (status == VBLK_DROPPED)
		return;
	if (status == VIRTIO_BLK_S_IOERR)
		b->stats.ioerrors++;
	virtio_ccw_lock(v);
	complete(b, gen, status, written);
	virtio_ccw_unlock(v);
}

static void blk_queue_notify(struct virtio_ccw_dev *v, unsigned int qi)
{
	struct virtio_blk_dev *b = to_blk(v);

	(void)qi;
	for (;;) {
		struct vring_dev *q;
		uint32_t gen;
		bool le;
		int r;

		virtio_ccw_lock(v);
		q = virtio_ccw_ring(v, 0, NULL, &gen);
		if (!q) {
			virtio_ccw_unlock(v);
			return;
		}
		r = vring_dev_pop(q, &b->chain);
		if (r < 0)
			virtio_ccw_set_broken(v, r);
		le = virtio_ccw_le(v);
		virtio_ccw_unlock(v);
		if (r <= 0)
			return;
		blk_request(b, gen, le);
	}
}

static void blk_destroy(struct virtio_ccw_dev *v)
{
	struct virtio_blk_dev *b = to_blk(v);

	kfree(b->bounce);
	kfree(b);
}

static const struct virtio_dev_type virtio_blk_type = {
	.name = "virtio-blk",
	.device_id = VIRTIO_ID_BLOCK,
	.num_queues = 1,
	.queue_max = { VBLK_QUEUE_SIZE },
	.config_len = sizeof(struct virtio_blk_config),
	.features = blk_features,
	.get_config = blk_get_config,
	.queue_notify = blk_queue_notify,
	.destroy = blk_destroy,
};

struct virtio_blk_dev *virtio_blk_dev_create(const struct gmem *mem, const struct vblk_params *p)
{
	uint32_t bs = p->block_size ? p->block_size : 4096;
	struct virtio_blk_dev *b;

	if (!p->ops || !p->ops->read || !p->ops->write || !p->ops->capacity_sectors)
		return NULL;
	if (bs < SECTOR || bs > 65536 || (bs & (bs - 1)))
		return NULL;
	b = kzalloc(sizeof(*b));
	if (!b)
		return NULL;
	b->bounce = kmalloc(VBLK_SIZE_MAX);
	b->ops = p->ops;
	b->ctx = p->ctx;
	b->block_size = bs;
	if (p->serial)
		strncpy(b->serial, p->serial, sizeof(b->serial));
	if (!b->bounce || virtio_ccw_dev_init(&b->v, &virtio_blk_type, mem, p->devno)) {
		kfree(b->bounce);
		kfree(b);
		return NULL;
	}
	return b;
}
