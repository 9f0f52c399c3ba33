/*
 * virtio-blk as a PlexVM volume (the QEMU stand-in for a 3390): 4 KiB volume
 * blocks are eight 512-byte sectors. Requests from threads wait for their
 * completion; any number may be in flight.
 */
#include "drivers/virtio/virtio_ccw.h"
#include "kernel/io/io.h"
#include "kernel/volume.h"
#include "kernel/alloc.h"
#include "kernel/init.h"
#include "kernel/sched.h"
#include <stdio.h>
#include <string.h>

#define VIRTIO_BLK_T_IN    0
#define VIRTIO_BLK_T_OUT   1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_F_RO    5
#define VIRTIO_BLK_F_FLUSH 9
#define SECTORS_PER_BLOCK (VOLUME_BLOCK_SIZE / 512)
#define MAX_BLOCKS_PER_REQUEST 64

struct blk_req_header {
	uint32_t type;          /* 0x00 */
	uint32_t ioprio;        /* 0x04 */
	uint64_t sector;        /* 0x08 */
} __packed;

struct blk_request {
	struct blk_req_header hdr;
	uint8_t status;
	volatile bool done;
};

struct vblk {
	struct virtio_ccw_dev vdev;
	struct volume vol;
	struct spinlock lock;      /* protects the done flags waiters sleep on */
	bool read_only;
};

static void requests_done(struct virtio_ccw_dev *vdev, struct virtqueue *vq)
{
	struct vblk *b = vdev->driver_data;
	struct blk_request *r;

	while ((r = virtqueue_get(vq, NULL)) != NULL) {
		spin_lock(&b->lock);
		r->done = true;
		wakeup(r);
		spin_unlock(&b->lock);
	}
}

static int transfer(struct vblk *b, uint32_t type, uint64_t block, unsigned int count, void *buf)
{
	struct blk_request *r = io_alloc(sizeof(*r));
	struct vq_buffer bufs[3];
	unsigned int n = 0;
	int rc = VOLUME_OK;

	if (!r)
		return VOLUME_ENOMEM;
	r->hdr.type = type;
	r->hdr.ioprio = 0;
	r->hdr.sector = block * SECTORS_PER_BLOCK;
	r->status = 0xff;
	r->done = false;
	bufs[n++] = (struct vq_buffer){ &r->hdr, sizeof(r->hdr), false };
	if (count)
		bufs[n++] = (struct vq_buffer){ buf, count * VOLUME_BLOCK_SIZE, type == VIRTIO_BLK_T_IN };
	bufs[n++] = (struct vq_buffer){ &r->status, 1, true };
	while (virtqueue_add(&b->vdev.vqs[0], bufs, n, r) != 0)
		yield(); /* the queue is full: let earlier requests finish */
	virtqueue_kick(&b->vdev.vqs[0]);
	spin_lock(&b->lock);
	while (!r->done)
		sleep_on(r, &b->lock);
	spin_unlock(&b->lock);
	if (r->status != 0)
		rc = VOLUME_EIO;
	io_free(r);
	return rc;
}

static int vblk_rw(struct volume *v, uint32_t type, uint64_t block, unsigned int count, void *buf)
{
	struct vblk *b = v->priv;

	while (count) {
		unsigned int n = MIN(count, (unsigned int)MAX_BLOCKS_PER_REQUEST);
		int rc = transfer(b, type, block, n, buf);

		if (rc) {
			v->errors++;
			return rc;
		}
		block += n;
		count -= n;
		buf = (uint8_t *)buf + (size_t)n * VOLUME_BLOCK_SIZE;
	}
	return VOLUME_OK;
}

static int vblk_read(struct volume *v, uint64_t block, unsigned int count, void *buf)
{
	v->reads++;
	return vblk_rw(v, VIRTIO_BLK_T_IN, block, count, buf);
}

static int vblk_write(struct volume *v, uint64_t block, unsigned int count, const void *buf)
{
	struct vblk *b = v->priv;

	if (b->read_only)
		return VOLUME_EROFS;
	v->writes++;
	return vblk_rw(v, VIRTIO_BLK_T_OUT, block, count, (void *)(uintptr_t)buf);
}

/* Raw-format volumes keep the VOL1 label data at the start of block 0. */
static int vblk_read_label(struct volume *v, uint8_t vol1[80])
{
	uint8_t *blk = io_alloc(VOLUME_BLOCK_SIZE);
	int rc;

	if (!blk)
		return VOLUME_ENOMEM;
	rc = vblk_rw(v, VIRTIO_BLK_T_IN, 0, 1, blk);
	if (rc == VOLUME_OK)
		memcpy(vol1, blk, 80);
	io_free(blk);
	return rc;
}

static const struct volume_ops vblk_ops = {
	.kind = "VIRTIO",
	.read = vblk_read,
	.write = vblk_write,
	.read_label = vblk_read_label,
};

static bool vblk_match(const struct io_device *dev)
{
	return io_is_virtio(dev) && virtio_ccw_device_id(dev) == VIRTIO_ID_BLOCK;
}

static int vblk_probe(struct io_device *dev)
{
	static const vq_callback callbacks[1] = { requests_done };
	struct vblk *b = kzalloc(sizeof(*b));
	uint64_t capacity = 0;

	if (!b)
		return -1;
	b->vdev.io = dev;
	b->vdev.driver_data = b;
	dev->driver_data = b;
	if (virtio_ccw_setup(&b->vdev, (1U << VIRTIO_BLK_F_RO) | (1U << VIRTIO_BLK_F_FLUSH), 1,
			     callbacks) ||
	    virtio_ccw_read_config(&b->vdev, &capacity, sizeof(capacity)) ||
	    virtio_ccw_ready(&b->vdev)) {
		dev->driver_data = NULL;
		kfree(b);
		return -1;
	}
	b->read_only = b->vdev.guest_features & (1U << VIRTIO_BLK_F_RO);
	b->vol.dev = dev;
	b->vol.ops = &vblk_ops;
	b->vol.priv = b;
	b->vol.nblocks = capacity / SECTORS_PER_BLOCK;
	b->vol.cylinders = (uint32_t)(b->vol.nblocks / VOLUME_BLOCKS_PER_CYL);
	volume_register(&b->vol);
	return 0;
}

static void vblk_after_interrupt(struct io_device *dev)
{
	struct vblk *b = dev->driver_data;

	if (b)
		virtio_ccw_poll(&b->vdev);
}

static void vblk_describe(struct io_device *dev, char *buf, size_t size)
{
	struct vblk *b = dev->driver_data;

	if (!b) {
		snprintf(buf, size, "VIRTIO-BLK (not set up)");
		return;
	}
	snprintf(buf, size, "%-6s VIRTIO-BLK %u CYL%s%s%s%s%s", b->vol.volser[0] ? b->vol.volser : "(none)",
		 b->vol.cylinders, b->read_only ? " R/O" : "",
		 b->vol.map_valid && b->vol.map.owner_cluster[0] ? " OWNER " : "", b->vol.map.owner_cluster,
		 b->vol.map_valid && b->vol.map.owner_cluster[0] ? "." : "", b->vol.map.owner_system);
}

static struct io_driver vblk_driver = {
	.name = "virtio-blk",
	.device_class = "DASD",
	.match = vblk_match,
	.probe = vblk_probe,
	.after_interrupt = vblk_after_interrupt,
	.describe = vblk_describe,
};

static int vblk_register(void)
{
	io_driver_register(&vblk_driver);
	return 0;
}
INITCALL(3, vblk_register);
