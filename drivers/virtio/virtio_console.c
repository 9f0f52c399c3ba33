/*
 * virtconsole as a link channel: the QEMU stand-in for a CTC. Port 0 of a
 * virtio-serial device without multiport is a raw byte stream (queue 0
 * receives, queue 1 transmits) to whatever QEMU connects it to, here a UNIX
 * socket shared with another member's QEMU. Frames are found in the stream
 * by the link frame decoder.
 */
#include "drivers/virtio/virtio_ccw.h"
#include "kernel/io/io.h"
#include "kernel/link/link.h"
#include "kernel/link/frame.h"
#include "kernel/alloc.h"
#include "kernel/init.h"
#include "kernel/sched.h"
#include "arch/s390x/tod.h"
#include <stdio.h>
#include <string.h>

#define RX_BUFFERS 16
#define RX_BUFFER_SIZE 4096

struct vcon {
	struct virtio_ccw_dev vdev;
	struct link_channel ch;
	struct link_stream_decoder dec;
	uint8_t *dec_buf;
	uint8_t *rx[RX_BUFFERS];
	struct spinlock lock;          /* tx completion flags */
	struct spinlock rx_lock;       /* the stream decoder: interruptions may come on two CPUs */
	volatile bool gone;
	volatile bool tx_done;
	bool started;
};

static void post_rx(struct vcon *c, uint8_t *buf)
{
	struct vq_buffer b = { buf, RX_BUFFER_SIZE, true };

	virtqueue_add(&c->vdev.vqs[0], &b, 1, buf);
}

static void on_frame(void *arg, const struct link_frame_header *h, const uint8_t *payload)
{
	struct vcon *c = arg;

	link_channel_decoded(&c->ch, h, payload);
}

static void rx_done(struct virtio_ccw_dev *vdev, struct virtqueue *vq)
{
	struct vcon *c = vdev->driver_data;
	uint8_t *buf;
	uint32_t len;
	bool reposted = false;

	spin_lock(&c->rx_lock);
	while ((buf = virtqueue_get(vq, &len)) != NULL) {
		if (c->started && len <= RX_BUFFER_SIZE) {
			uint64_t bad = c->dec.bad_frames;

			link_stream_feed(&c->dec, buf, len, on_frame, c);
			c->ch.bad_frames += c->dec.bad_frames - bad;
		} else if (!c->started) {
			link_channel_kick(&c->ch); /* the peer is there: start at once */
		}
		post_rx(c, buf);
		reposted = true;
	}
	spin_unlock(&c->rx_lock);
	if (reposted)
		virtqueue_kick(vq);
}

static void tx_done(struct virtio_ccw_dev *vdev, struct virtqueue *vq)
{
	struct vcon *c = vdev->driver_data;

	while (virtqueue_get(vq, NULL) != NULL) {
		spin_lock(&c->lock);
		c->tx_done = true;
		wakeup(&c->tx_done);
		spin_unlock(&c->lock);
	}
}

static int vcon_start(struct link_channel *ch)
{
	struct vcon *c = ch->priv;

	spin_lock(&c->rx_lock);
	link_stream_init(&c->dec, c->dec_buf);
	c->started = true;
	spin_unlock(&c->rx_lock);
	return 0;
}

static void vcon_stop(struct link_channel *ch)
{
	struct vcon *c = ch->priv;

	spin_lock(&c->rx_lock);
	c->started = false;
	spin_unlock(&c->rx_lock);
}

static int vcon_send(struct link_channel *ch, const void *frame, size_t len)
{
	struct vcon *c = ch->priv;
	struct vq_buffer b = { (void *)(uintptr_t)frame, (uint32_t)len, false };

	uint64_t deadline = tod_now() + tod_from_ms(5000);

	if (c->gone)
		return -1;
	c->tx_done = false;
	if (virtqueue_add(&c->vdev.vqs[1], &b, 1, (void *)(uintptr_t)frame) != 0)
		return -1;
	virtqueue_kick(&c->vdev.vqs[1]);
	spin_lock(&c->lock);
	while (!c->tx_done && !c->gone && tod_now() < deadline)
		sleep_on_until(&c->tx_done, &c->lock, deadline);
	spin_unlock(&c->lock);
	/* A buffer the device never returns stays in the queue: the channel is finished. */
	return c->tx_done ? 0 : -1;
}

static int vcon_start_checked(struct link_channel *ch);

static const struct link_channel_ops vcon_ops = {
	.start = vcon_start_checked,
	.send = vcon_send,
	.stop = vcon_stop,
};

static bool vcon_match(const struct io_device *dev)
{
	return io_is_virtio(dev) && virtio_ccw_device_id(dev) == VIRTIO_ID_CONSOLE;
}

static int vcon_probe(struct io_device *dev)
{
	static const vq_callback callbacks[2] = { rx_done, tx_done };
	struct vcon *c = kzalloc(sizeof(*c));

	if (!c)
		return -1;
	c->dec_buf = kmalloc(LINK_MAX_FRAME);
	for (int i = 0; i < RX_BUFFERS; i++)
		c->rx[i] = io_alloc(RX_BUFFER_SIZE);
	c->vdev.io = dev;
	c->vdev.driver_data = c;
	dev->driver_data = c;
	if (!c->dec_buf || !c->rx[RX_BUFFERS - 1] || virtio_ccw_setup(&c->vdev, 0, 2, callbacks)) {
		dev->driver_data = NULL;
		return -1;
	}
	for (int i = 0; i < RX_BUFFERS; i++)
		post_rx(c, c->rx[i]);
	if (virtio_ccw_ready(&c->vdev))
		return -1;
	virtqueue_kick(&c->vdev.vqs[0]);
	c->ch.ops = &vcon_ops;
	c->ch.priv = c;
	c->ch.devno = dev->devno;
	c->ch.kind = "VIRTIO";
	/* QEMU drops console output its socket cannot take at once: stay well inside its buffers. */
	c->ch.window = 128 * 1024;
	link_channel_register(&c->ch);
	return 0;
}

static void vcon_after_interrupt(struct io_device *dev)
{
	struct vcon *c = dev->driver_data;

	if (c)
		virtio_ccw_poll(&c->vdev);
}

static void vcon_gone(struct io_device *dev)
{
	struct vcon *c = dev->driver_data;

	if (!c)
		return;
	c->gone = true;
	c->ch.disabled = true;
	link_channel_failed(&c->ch, "device not operational");
	spin_lock(&c->lock);
	wakeup(&c->tx_done);
	spin_unlock(&c->lock);
}

static int vcon_start_checked(struct link_channel *ch)
{
	struct vcon *c = ch->priv;

	return c->gone ? -1 : vcon_start(ch);
}

static void vcon_describe(struct io_device *dev, char *buf, size_t size)
{
	struct vcon *c = dev->driver_data;

	if (!c || !c->ch.link)
		snprintf(buf, size, "FREE (VIRTCONSOLE)");
	else
		snprintf(buf, size, "ISFC %s (VIRTCONSOLE)", link_channel_state_name(c->ch.state));
}

static struct io_driver vcon_driver = {
	.name = "virtio-console",
	.device_class = "CTCA",
	.match = vcon_match,
	.probe = vcon_probe,
	.after_interrupt = vcon_after_interrupt,
	.gone = vcon_gone,
	.describe = vcon_describe,
};

static int vcon_register(void)
{
	io_driver_register(&vcon_driver);
	return 0;
}
INITCALL(3, vcon_register);
