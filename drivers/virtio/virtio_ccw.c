/*
 * virtio-ccw transport, legacy revision 0: channel commands for reset, status,
 * features, queue configuration and indicators; queue notification with
 * DIAGNOSE X'500'; completions signalled through classic indicators and an
 * I/O interruption.
 */
#include "drivers/virtio/virtio_ccw.h"
#include "kernel/io/io.h"
#include "kernel/alloc.h"
#include "kernel/console.h"
#include <string.h>

#define CCW_CMD_SET_VQ        0x13
#define CCW_CMD_VDEV_RESET    0x33
#define CCW_CMD_READ_FEAT     0x12
#define CCW_CMD_WRITE_FEAT    0x11
#define CCW_CMD_READ_CONF     0x22
#define CCW_CMD_WRITE_STATUS  0x31
#define CCW_CMD_READ_VQ_CONF  0x32
#define CCW_CMD_SET_IND       0x43

#define VIRTIO_STATUS_ACK       1
#define VIRTIO_STATUS_DRIVER    2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FAILED    0x80

#define KVM_S390_VIRTIO_CCW_NOTIFY 3
#define VRING_ALIGN 4096

struct feature_desc {
	uint32_t features;      /* 0x00 little-endian */
	uint8_t index;          /* 0x04 */
} __packed;

struct vq_config_block {
	uint16_t index;         /* 0x00 */
	uint16_t num;           /* 0x02 */
} __packed;

struct vq_info_block_legacy {
	uint64_t queue;         /* 0x00 ring address */
	uint32_t align;         /* 0x08 */
	uint16_t index;         /* 0x0c */
	uint16_t num;           /* 0x0e */
} __packed;
_Static_assert(sizeof(struct vq_info_block_legacy) == 16, "vq info");

/* DIAGNOSE X'500' function 3: notify the host of new buffers in a queue. */
static inline long diag500_notify(uint32_t schid, unsigned long queue)
{
	register unsigned long nr __asm__("1") = KVM_S390_VIRTIO_CCW_NOTIFY;
	register unsigned long r2 __asm__("2") = schid;
	register unsigned long r3 __asm__("3") = queue;
	register unsigned long r4 __asm__("4") = 0;

	__asm__ __volatile__("diag 2,4,0x500" : "+d"(r2) : "d"(nr), "d"(r3), "d"(r4) : "memory", "cc");
	return (long)r2;
}

static const char *command_name(uint8_t cmd)
{
	switch (cmd) {
	case CCW_CMD_SET_VQ: return "SET_VQ";
	case CCW_CMD_VDEV_RESET: return "RESET";
	case CCW_CMD_READ_FEAT: return "READ_FEAT";
	case CCW_CMD_WRITE_FEAT: return "WRITE_FEAT";
	case CCW_CMD_READ_CONF: return "READ_CONF";
	case CCW_CMD_WRITE_STATUS: return "WRITE_STATUS";
	case CCW_CMD_READ_VQ_CONF: return "READ_VQ_CONF";
	case CCW_CMD_SET_IND: return "SET_IND";
	default: return "?";
	}
}

static int command(struct virtio_ccw_dev *vdev, uint8_t cmd, void *data, uint16_t len)
{
	struct ccw1 *ccw = io_alloc(sizeof(*ccw));
	void *buf = len ? io_alloc(len) : NULL;
	struct io_request req = { .timeout_ms = 5000 };
	enum io_status st;

	if (!ccw || (len && !buf)) {
		io_free(ccw);
		io_free(buf);
		return -1;
	}
	if (len)
		memcpy(buf, data, len);
	ccw->cmd = cmd;
	ccw->flags = CCW_FLAG_SLI;
	ccw->count = len;
	ccw->cda = (uint32_t)(uintptr_t)buf;
	req.cp = ccw;
	st = io_run(vdev->io, &req);
	if (st == IO_OK && len)
		memcpy(data, buf, len);
	if (st != IO_OK)
		kprintf("PLXVIO001E Virtio device %04X: %s failed: %s (device status %02X, subchannel status %02X)\n",
			vdev->io->devno, command_name(cmd), io_status_name(st), req.scsw.dstat,
			req.scsw.cstat);
	io_free(ccw);
	io_free(buf);
	return st == IO_OK ? 0 : -1;
}

static int write_status(struct virtio_ccw_dev *vdev, uint8_t status)
{
	vdev->status = status;
	return command(vdev, CCW_CMD_WRITE_STATUS, &vdev->status, 1);
}

static void notify(struct virtqueue *vq)
{
	struct virtio_ccw_dev *vdev = vq->priv;

	diag500_notify(vdev->io->schid, vq->index);
}

uint8_t virtio_ccw_device_id(const struct io_device *io)
{
	return io->id.cu_model;
}

static int setup_queue(struct virtio_ccw_dev *vdev, unsigned int index)
{
	struct vq_config_block conf = { .index = (uint16_t)index };
	struct vq_info_block_legacy info;
	unsigned int num;
	void **cookies;
	void *ring;

	if (command(vdev, CCW_CMD_READ_VQ_CONF, &conf, sizeof(conf)) || conf.num == 0)
		return -1;
	/* A legacy device takes only its own queue size. */
	num = conf.num;
	if (num > VIRTIO_QUEUE_MAX_NUM || (num & (num - 1)))
		return -1;
	ring = io_alloc(vring_size(num, VRING_ALIGN) + VRING_ALIGN);
	cookies = kzalloc(sizeof(void *) * num);
	if (!ring || !cookies)
		return -1;
	/* io_alloc blocks above 2048 bytes are whole frames, hence page-aligned. */
	memset(ring, 0, vring_size(num, VRING_ALIGN));
	virtqueue_init(&vdev->vqs[index], index, num, ring, VRING_ALIGN, cookies, notify);
	vdev->vqs[index].priv = vdev;
	info.queue = (uint64_t)(uintptr_t)ring;
	info.align = VRING_ALIGN;
	info.index = (uint16_t)index;
	info.num = (uint16_t)num;
	return command(vdev, CCW_CMD_SET_VQ, &info, sizeof(info));
}

int virtio_ccw_setup(struct virtio_ccw_dev *vdev, uint32_t wanted_features, unsigned int nvqs,
		     const vq_callback *callbacks)
{
	struct feature_desc feat = { 0, 0 };
	uint64_t ind_addr;

	if (nvqs > VIRTIO_MAX_QUEUES)
		return -1;
	vdev->device_id = virtio_ccw_device_id(vdev->io);
	if (command(vdev, CCW_CMD_VDEV_RESET, NULL, 0) ||
	    write_status(vdev, VIRTIO_STATUS_ACK) ||
	    write_status(vdev, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER))
		return -1;
	if (command(vdev, CCW_CMD_READ_FEAT, &feat, sizeof(feat)))
		goto failed;
	vdev->host_features = __builtin_bswap32(feat.features);
	vdev->guest_features = vdev->host_features & wanted_features;
	feat.features = __builtin_bswap32(vdev->guest_features);
	feat.index = 0;
	if (command(vdev, CCW_CMD_WRITE_FEAT, &feat, sizeof(feat)))
		goto failed;
	vdev->indicators = io_alloc(sizeof(uint64_t));
	if (!vdev->indicators)
		goto failed;
	*vdev->indicators = 0;
	for (unsigned int i = 0; i < nvqs; i++) {
		vdev->callbacks[i] = callbacks[i];
		if (setup_queue(vdev, i))
			goto failed;
	}
	vdev->nvqs = nvqs;
	ind_addr = (uint64_t)(uintptr_t)vdev->indicators;
	if (command(vdev, CCW_CMD_SET_IND, &ind_addr, sizeof(ind_addr)))
		goto failed;
	return 0;
failed:
	write_status(vdev, VIRTIO_STATUS_FAILED);
	return -1;
}

int virtio_ccw_ready(struct virtio_ccw_dev *vdev)
{
	return write_status(vdev, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_DRIVER_OK);
}

int virtio_ccw_read_config(struct virtio_ccw_dev *vdev, void *buf, unsigned int len)
{
	return command(vdev, CCW_CMD_READ_CONF, buf, (uint16_t)len);
}

void virtio_ccw_poll(struct virtio_ccw_dev *vdev)
{
	uint64_t bits;

	if (!vdev->indicators)
		return;
	bits = __atomic_exchange_n(vdev->indicators, 0, __ATOMIC_ACQ_REL);
	if (bits)
		vdev->notifications++;
	/* Every queue is looked at: a signal may have been merged with channel-command status. */
	for (unsigned int i = 0; i < vdev->nvqs; i++)
		if (vdev->callbacks[i])
			vdev->callbacks[i](vdev, &vdev->vqs[i]);
}
