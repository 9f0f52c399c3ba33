/*
 * virtio-ccw, device side: the transport a guest's virtio devices (virtio-blk,
 * virtio-net, ...) present on its virtual channel subsystem. Hardware-free.
 *
 * What the guest sees (virtio 1.x "Virtio over channel I/O", as Linux's
 * drivers/s390/virtio/virtio_ccw.c drives it):
 *  - Sense ID: control unit type 0x3832, CU model = virtio device id, device
 *    type/model 0 (Linux matches the CU type only, and wants byte 0 = 0xff).
 *  - Revisions 0 (legacy), 1 (virtio 1.0) and 2 (adds READ_STATUS). Linux 6.1
 *    asks for 2 and steps down on command reject. The revision is unset from
 *    subchannel enable (vdev_ops.disable / reset) until SET_VIRTIO_REV; any
 *    other virtio command in that state fixes revision 0.
 *  - Classic indicators only: SET_IND_ADAPTER is command-rejected, so Linux
 *    falls back to SET_IND (queue q = bit 1<<q of the big-endian doubleword)
 *    and SET_CONF_IND (bit 1<<0 = configuration change), followed by an
 *    unsolicited I/O interruption (vcss_device_interrupt).
 *  - Notifications: DIAG 0x500 function 3 (see virtio_ccw_notify).
 *
 * Locking. Each device has one spinlock (virtio_ccw_lock/unlock) over its
 * transport state and rings. vdev_ops.ccw and .reset take it for the whole
 * command and never raise interruptions. Queue processing (the device model's
 * queue_notify) runs without it, serialized per queue by virtio_ccw_notify,
 * and takes it around each ring or guest-storage step, checking the queue's
 * generation so a reset in between is noticed; it may block in between
 * (block backends). Interruptions raised under the lock are delivered by
 * virtio_ccw_unlock after the lock is dropped, so vcss_device_interrupt is
 * never called with a device lock held.
 */
#ifndef PLEXVM_KERNEL_VDEV_VIRTIO_CCW_DEV_H
#define PLEXVM_KERNEL_VDEV_VIRTIO_CCW_DEV_H

#include "kernel/compiler.h"
#include "kernel/spinlock.h"
#include "kernel/vdev/vdev.h"
#include "kernel/vdev/vring_dev.h"

#define VIRTIO_CCW_CU_TYPE 0x3832

/* Channel commands. */
#define VCCW_CMD_NOP             0x03
#define VCCW_CMD_SENSE           0x04
#define VCCW_CMD_SENSE_ID        0xe4
#define VCCW_CMD_SET_VQ          0x13
#define VCCW_CMD_VDEV_RESET      0x33
#define VCCW_CMD_SET_IND         0x43
#define VCCW_CMD_SET_CONF_IND    0x53
#define VCCW_CMD_SET_IND_ADAPTER 0x73
#define VCCW_CMD_READ_FEAT       0x12
#define VCCW_CMD_WRITE_FEAT      0x11
#define VCCW_CMD_READ_CONF       0x22
#define VCCW_CMD_WRITE_CONF      0x21
#define VCCW_CMD_WRITE_STATUS    0x31
#define VCCW_CMD_READ_VQ_CONF    0x32
#define VCCW_CMD_READ_STATUS     0x72
#define VCCW_CMD_SET_VIRTIO_REV  0x83

#define VIRTIO_CCW_REV_MAX 2

/* Sense byte 0. */
#define VCCW_SENSE_CMD_REJECT 0x80

/* Device status. */
#define VIRTIO_S_ACKNOWLEDGE        0x01
#define VIRTIO_S_DRIVER             0x02
#define VIRTIO_S_DRIVER_OK          0x04
#define VIRTIO_S_FEATURES_OK        0x08
#define VIRTIO_S_DEVICE_NEEDS_RESET 0x40
#define VIRTIO_S_FAILED             0x80

/* Transport and ring feature bits. */
#define VIRTIO_RING_F_INDIRECT_DESC 28
#define VIRTIO_RING_F_EVENT_IDX     29
#define VIRTIO_F_VERSION_1          32
#define VIRTIO_FEATURE(bit)         (1ULL << (bit))

/* Device ids (Sense ID CU model). */
#define VIRTIO_ID_NET   1
#define VIRTIO_ID_BLOCK 2

/* Queues per device; classic indicators have 64 bits. */
#define VIRTIO_CCW_MAX_QUEUES 8
_Static_assert(VIRTIO_CCW_MAX_QUEUES <= 64, "classic indicators have 64 bits");

/* ---- Command data areas (big-endian except virtio_feature_desc.features) ---- */

struct vccw_senseid {
	uint8_t reserved;        /* 0x00 0xff */
	uint16_t cu_type;        /* 0x01 */
	uint8_t cu_model;        /* 0x03 */
	uint16_t dev_type;       /* 0x04 */
	uint8_t dev_model;       /* 0x06 */
} __packed;
_Static_assert(sizeof(struct vccw_senseid) == 7, "basic Sense ID data");

struct vccw_rev_info {
	uint16_t revision;       /* 0x00 */
	uint16_t length;         /* 0x02 bytes of data that follow (0 for revisions 0-2) */
} __packed;
_Static_assert(sizeof(struct vccw_rev_info) == 4, "SET_VIRTIO_REV data");

struct vccw_feature_desc {
	uint32_t features;       /* 0x00 little-endian: bits 32*index .. 32*index+31 */
	uint8_t index;           /* 0x04 */
} __packed;
_Static_assert(sizeof(struct vccw_feature_desc) == 5, "READ_FEAT/WRITE_FEAT data");

struct vccw_vq_info_legacy {
	uint64_t queue;          /* 0x00 the whole ring; 0 = drop the queue */
	uint32_t align;          /* 0x08 used ring alignment */
	uint16_t index;          /* 0x0c */
	uint16_t num;            /* 0x0e */
} __packed;
_Static_assert(sizeof(struct vccw_vq_info_legacy) == 16, "SET_VQ data, revision 0");

struct vccw_vq_info {
	uint64_t desc;           /* 0x00 descriptor table; 0 = drop the queue */
	uint32_t res0;           /* 0x08 */
	uint16_t index;          /* 0x0c */
	uint16_t num;            /* 0x0e */
	uint64_t avail;          /* 0x10 driver area */
	uint64_t used;           /* 0x18 device area */
} __packed;
_Static_assert(sizeof(struct vccw_vq_info) == 32, "SET_VQ data, revision 1+");

struct vccw_vq_config {
	uint16_t index;          /* 0x00 in */
	uint16_t num_max;        /* 0x02 out: the queue's maximum size, 0 = no such queue */
} __packed;
_Static_assert(sizeof(struct vccw_vq_config) == 4, "READ_VQ_CONF data");

/* ---- Device models plug in here ---- */

struct virtio_ccw_dev;

struct virtio_dev_type {
	const char *name;
	uint8_t device_id;                     /* VIRTIO_ID_* */
	unsigned int num_queues;
	uint16_t queue_max[VIRTIO_CCW_MAX_QUEUES];
	uint32_t config_len;                   /* bytes of device configuration space */
	/* Device-specific feature bits offered (VERSION_1 and ring bits are added by the transport). */
	uint64_t (*features)(struct virtio_ccw_dev *v);
	/* Fill config_len bytes; multi-byte fields in virtio_ccw_le(v) order. Lock held. */
	void (*get_config)(struct virtio_ccw_dev *v, uint8_t *buf);
	/* The driver wrote [off, off+len) of the configuration. Lock held. May be NULL (read-only). */
	void (*set_config)(struct virtio_ccw_dev *v, uint32_t off, const uint8_t *buf, uint32_t len);
	/* Virtio reset (queues are already forgotten). Lock held. May be NULL. */
	void (*reset)(struct virtio_ccw_dev *v);
	/* Serve queue q after a notification. Lock NOT held; one caller per queue at a time. */
	void (*queue_notify)(struct virtio_ccw_dev *v, unsigned int q);
	/* Release the device model (vdev_ops.destroy), after which v is freed by it. */
	void (*destroy)(struct virtio_ccw_dev *v);
};

struct virtio_ccw_queue {
	struct vring_dev ring;
	uint32_t gen;              /* changes whenever the queue is set up, dropped or reset */
	bool busy, again;          /* virtio_ccw_notify: someone serves the queue / notified meanwhile */
	uint64_t notifies, interrupts;
};

struct virtio_ccw_dev {
	struct vdev vdev;          /* vdev.priv points back here */
	const struct virtio_dev_type *type;
	const struct gmem *mem;
	struct spinlock lock;
	int revision;              /* -1: not set yet */
	uint8_t status;
	uint64_t host_features;    /* offered */
	uint64_t guest_features;   /* accepted by the driver (a subset of the offer) */
	uint64_t ind_addr;         /* SET_IND doubleword, 0 = none */
	uint64_t conf_ind_addr;    /* SET_CONF_IND doubleword, 0 = none */
	bool irq_pending;          /* raise an interruption at the next virtio_ccw_unlock */
	uint8_t broken_reason;     /* the first ring error (enum vring_dev_err), for diagnostics */
	struct virtio_ccw_queue q[VIRTIO_CCW_MAX_QUEUES];
	uint64_t interrupts;       /* vcss_device_interrupt calls */
};

/*
 * Initialize the transport part of a device model's state (normally embedded
 * in it). mem stays the guest's storage for the device's life. 0, or -1 when
 * the type is malformed.
 */
int virtio_ccw_dev_init(struct virtio_ccw_dev *v, const struct virtio_dev_type *type,
			const struct gmem *mem, uint16_t devno);

/* The virtio-ccw device behind a vdev, or NULL when it is not one. */
struct virtio_ccw_dev *virtio_ccw_from_vdev(struct vdev *d);

/*
 * DIAG 0x500 function code 3 (KVM_S390_VIRTIO_CCW_NOTIFY). The guest passes
 * GR1 = 3, GR2 = subchannel identifier (the SSCH-style word 0x0001nnnn for
 * subchannel set 0), GR3 = queue index, GR4 = a cookie; GR2 returns the new
 * cookie (>= 0) or a negative value, which Linux takes as a broken queue.
 * The hypervisor's DIAG handler: virtio_ccw_diag500_schid(GR2) -> subchannel
 * number -> its vdev -> virtio_ccw_notify(vdev, GR3) -> GR2 = result.
 * Function codes other than 3: specification exception (not handled here).
 *
 * virtio_ccw_notify serves the queue synchronously (all available chains)
 * and returns 0, or -22 (EINVAL, what KVM and QEMU return) for a device that
 * is not virtio-ccw or a queue index it does not have. A notification before
 * DRIVER_OK, for a queue not set up, or to a broken device is ignored (0).
 */
#define VIRTIO_CCW_DIAG500_NOTIFY 3
int virtio_ccw_notify(struct vdev *d, unsigned int queue);
/* Subchannel number from a DIAG 0x500 GR2 (bit 15 "one" set, set 0, cssid 0); 0 or -1. */
int virtio_ccw_diag500_schid(uint64_t gr2, uint32_t *schno);

/* ---- For device models ---- */

void virtio_ccw_lock(struct virtio_ccw_dev *v);
/* Drop the lock, then raise the interruption requested under it, if any. */
void virtio_ccw_unlock(struct virtio_ccw_dev *v);

/* Lock held: ring fields are little-endian (virtio 1.0) rather than legacy big-endian. */
static inline bool virtio_ccw_le(const struct virtio_ccw_dev *v) { return v->revision >= 1; }
static inline bool virtio_ccw_has(const struct virtio_ccw_dev *v, unsigned int bit)
{
	return (v->guest_features & VIRTIO_FEATURE(bit)) != 0;
}
/* Lock held: DRIVER_OK, not FAILED, not DEVICE_NEEDS_RESET. */
bool virtio_ccw_running(const struct virtio_ccw_dev *v);
/*
 * Lock held: queue q's ring when the device runs and the queue is set up and
 * still has generation gen (pass NULL for gen to accept any and learn none),
 * else NULL. *gen_out, if given, receives the current generation.
 */
struct vring_dev *virtio_ccw_ring(struct virtio_ccw_dev *v, unsigned int q, const uint32_t *gen,
				  uint32_t *gen_out);
/* Lock held: a guest error (enum vring_dev_err): DEVICE_NEEDS_RESET, config-change notification. */
void virtio_ccw_set_broken(struct virtio_ccw_dev *v, int err);
/* Lock held: chains were pushed to queue q: set its indicator and request an interruption unless suppressed. */
void virtio_ccw_queue_used(struct virtio_ccw_dev *v, unsigned int q);
/* Lock held: the configuration changed (e.g. link status): configuration indicator + interruption. */
void virtio_ccw_config_changed_locked(struct virtio_ccw_dev *v);
/* The same from outside: takes the lock. */
void virtio_ccw_config_changed(struct virtio_ccw_dev *v);

#endif
