/* The virtio-ccw transport (legacy revision 0), as QEMU's virtio-*-ccw devices offer it. */
#ifndef PLEXVM_DRIVERS_VIRTIO_VIRTIO_CCW_H
#define PLEXVM_DRIVERS_VIRTIO_VIRTIO_CCW_H

#include "kernel/compiler.h"
#include "drivers/virtio/virtqueue.h"

struct io_device;

#define VIRTIO_ID_NET     1
#define VIRTIO_ID_BLOCK   2
#define VIRTIO_ID_CONSOLE 3

#define VIRTIO_MAX_QUEUES 4
#define VIRTIO_QUEUE_MAX_NUM 1024

struct virtio_ccw_dev;
typedef void (*vq_callback)(struct virtio_ccw_dev *vdev, struct virtqueue *vq);

struct virtio_ccw_dev {
	struct io_device *io;
	uint8_t device_id;                 /* VIRTIO_ID_* */
	uint32_t host_features;
	uint32_t guest_features;
	uint64_t *indicators;              /* classic queue indicators, below 2 GiB */
	unsigned int nvqs;
	struct virtqueue vqs[VIRTIO_MAX_QUEUES];
	vq_callback callbacks[VIRTIO_MAX_QUEUES];
	uint8_t status;
	void *driver_data;
	uint64_t notifications;
};

/* Reset the device, negotiate features (wanted & offered) and set up nvqs queues. */
int virtio_ccw_setup(struct virtio_ccw_dev *vdev, uint32_t wanted_features, unsigned int nvqs,
		     const vq_callback *callbacks);
/* Declare the driver ready (after any device-specific set-up). */
int virtio_ccw_ready(struct virtio_ccw_dev *vdev);
/* Read `len` bytes of the device's configuration space from offset 0. */
int virtio_ccw_read_config(struct virtio_ccw_dev *vdev, void *buf, unsigned int len);
/* Look at the indicators and run the callbacks of queues the device signalled. */
void virtio_ccw_poll(struct virtio_ccw_dev *vdev);
/* The virtio device id of a bound io_device (cu model of SENSE ID). */
uint8_t virtio_ccw_device_id(const struct io_device *io);

#endif
