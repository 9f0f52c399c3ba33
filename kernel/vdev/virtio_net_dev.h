/*
 * virtio-net device (virtio device id 1) for guests, a port on a VSWITCH.
 * Hardware-free.
 *
 * Offered: VIRTIO_NET_F_MAC (the MAC the hypervisor assigned), _STATUS (link
 * up while coupled to a switch), _MTU (1500 by default, so Linux caps its MTU
 * and sizes its receive buffers for it), VIRTIO_RING_F_INDIRECT_DESC and
 * VIRTIO_F_VERSION_1. No offloads, no mergeable receive buffers, no control
 * queue: queue 0 is receiveq1, queue 1 transmitq1.
 *
 * Every frame travels behind a struct virtio_net_hdr: 10 bytes for a legacy
 * driver, 12 with VIRTIO_F_VERSION_1 (num_buffers, which the device sets to 1
 * as MRG_RXBUF is not offered). Transmit: the header is read and checked
 * (no GSO), the frame copied out, the chain returned, then the frame goes to
 * the switch with no lock held. Receive (the switch's deliver): under the
 * device lock a receive chain is taken, header and frame written, the chain
 * returned and the indicator set; the interruption follows the unlock. No
 * receive buffer, a buffer too small, a frame over the MTU, a device not
 * running: the frame is dropped and counted.
 */
#ifndef PLEXVM_KERNEL_VDEV_VIRTIO_NET_DEV_H
#define PLEXVM_KERNEL_VDEV_VIRTIO_NET_DEV_H

#include "kernel/compiler.h"
#include "kernel/vdev/virtio_ccw_dev.h"
#include "kernel/vdev/vswitch.h"

#define VIRTIO_NET_F_MTU    3
#define VIRTIO_NET_F_MAC    5
#define VIRTIO_NET_F_STATUS 16

#define VIRTIO_NET_S_LINK_UP 1

#define VIRTIO_NET_HDR_F_NEEDS_CSUM 1
#define VIRTIO_NET_HDR_GSO_NONE 0

#define VNET_RXQ 0
#define VNET_TXQ 1
#define VNET_QUEUE_SIZE 256
#define VNET_DEFAULT_MTU 1500
#define VNET_MAX_MTU (VSWITCH_MAX_FRAME - 18)
#define VNET_ETH_OVERHEAD 18                    /* header 14 + one VLAN tag 4 */

/* Configuration space (fields in the guest's virtio byte order). */
struct virtio_net_config {
	uint8_t mac[6];                 /* 0x00 */
	uint16_t status;                /* 0x06 VIRTIO_NET_S_* (STATUS) */
	uint16_t max_virtqueue_pairs;   /* 0x08 (MQ, not offered: 1) */
	uint16_t mtu;                   /* 0x0a (MTU) */
} __packed;
_Static_assert(sizeof(struct virtio_net_config) == 0x0c, "virtio-net configuration");

struct virtio_net_hdr {
	uint8_t flags;                  /* 0x00 */
	uint8_t gso_type;               /* 0x01 VIRTIO_NET_HDR_GSO_* */
	uint16_t hdr_len;               /* 0x02 */
	uint16_t gso_size;              /* 0x04 */
	uint16_t csum_start;            /* 0x06 */
	uint16_t csum_offset;           /* 0x08 */
	uint16_t num_buffers;           /* 0x0a only with VERSION_1 (or MRG_RXBUF) */
} __packed;
_Static_assert(sizeof(struct virtio_net_hdr) == 12, "virtio-net header");
#define VNET_HDR_LEN_LEGACY 10

struct vnet_params {
	uint16_t devno;
	uint8_t mac[6];                 /* assigned by the hypervisor (NICDEF MACID, or generated) */
	uint16_t mtu;                   /* 0 = 1500; at most VNET_MAX_MTU */
};

struct vnet_stats {
	uint64_t tx_frames, tx_bytes, tx_errors;   /* errors: malformed, GSO, over the MTU, no switch */
	uint64_t rx_frames, rx_bytes;
	uint64_t rx_dropped;                       /* not running, no buffer, buffer too small, too long */
};

struct virtio_net_dev {
	struct virtio_ccw_dev v;        /* the transport; v.vdev goes to the channel subsystem */
	uint8_t mac[6];
	uint16_t mtu;
	struct vswitch_port *port;      /* NULL when not coupled; under v.lock */
	bool sending;                   /* the transmit path uses `port` outside the lock */
	struct vring_chain rx_chain;    /* under v.lock */
	struct vring_chain tx_chain;    /* the transmit queue's server */
	uint8_t *tx_frame;              /* mtu + VNET_ETH_OVERHEAD bytes */
	struct vnet_stats stats;        /* updated atomically */
};

/* Create a NIC over guest storage `mem`. vdev_ops.destroy uncouples and frees it. */
struct virtio_net_dev *virtio_net_dev_create(const struct gmem *mem, const struct vnet_params *p);
static inline struct vdev *virtio_net_dev_vdev(struct virtio_net_dev *n) { return &n->v.vdev; }

/*
 * COUPLE to a switch (one port): link up, configuration-change notification.
 * 0, or -1 when already coupled or the switch is full.
 */
int virtio_net_dev_couple(struct virtio_net_dev *n, struct vswitch *sw);
/* UNCOUPLE: link down, notification; waits for frames under way. No lock may be held. */
void virtio_net_dev_uncouple(struct virtio_net_dev *n);

/* One frame for the guest (the switch's deliver function): 0 taken, -1 dropped. */
int virtio_net_dev_receive(void *n, const uint8_t *frame, size_t len);

/* Largest frame the NIC sends or takes: mtu + header + VLAN tag. */
static inline size_t virtio_net_max_frame(const struct virtio_net_dev *n)
{
	return (size_t)n->mtu + VNET_ETH_OVERHEAD;
}

#endif
