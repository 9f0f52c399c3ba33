/*
 * The contract between a guest's virtual channel subsystem (kernel/vdev/vcss.c)
 * and the virtual devices on it (virtio-ccw, later others). Hardware-free.
 *
 * The channel subsystem owns the subchannels: it checks and fetches the ORB and
 * the CCWs (format 0 and 1, command and data chaining, TIC, SKIP, SLI, IDAWs),
 * keeps the SCSW and builds the IRB, and queues I/O interruptions. A device sees
 * one command at a time through vdev_ops.ccw with a `struct vccw` whose data it
 * moves with vccw_fetch/vccw_store (the channel subsystem applies the CCW's count,
 * IDAWs and storage bounds there). Commands complete synchronously: the device
 * returns the outcome and, for a data transfer, how many bytes it moved.
 */
#ifndef PLEXVM_KERNEL_VDEV_VDEV_H
#define PLEXVM_KERNEL_VDEV_VDEV_H

#include "kernel/compiler.h"
#include "kernel/vdev/gmem.h"

struct vdev;
struct vccw;

/* What the device made of one command. */
enum vccw_status {
	VCCW_OK,             /* channel end + device end; the residual count follows from what was moved */
	VCCW_UNIT_CHECK,     /* channel end + device end + unit check; the device's sense data (vdev.sense) says why */
	VCCW_UNIT_EXCEPTION, /* channel end + device end + unit exception */
};

/* One CCW as the device sees it. The device moves data only through these helpers. */
struct vccw {
	uint8_t cmd;                 /* command code */
	uint8_t flags;               /* CCW flags (CD, CC, SLI, SKIP, PCI, IDA, S) */
	uint16_t count;              /* byte count of this CCW; with chain data (CD) the whole
	                                data chain's as far as it is valid (at most 65535) */
	uint32_t moved;              /* bytes moved so far by vccw_fetch/vccw_store */
	/* Channel-subsystem private: how to reach the data area. */
	int (*xfer)(struct vccw *c, void *buf, size_t len, bool to_guest);
	void *cs_priv;
};

/*
 * Take len bytes of the CCW's data area from the guest (a device's "write"
 * commands), or give them (its "read" commands), continuing where the last call
 * ended, across a data chain and its IDAWs (a store to a CCW with SKIP uses up
 * the count without storing). Returns the bytes moved (less than len when the
 * count runs out), or -1
 * on a channel program check (address outside guest storage, bad IDAW): the
 * device then returns VCCW_OK and the channel subsystem reports the check.
 */
static inline int vccw_fetch(struct vccw *c, void *buf, size_t len) { return c->xfer(c, buf, len, false); }
static inline int vccw_store(struct vccw *c, const void *buf, size_t len)
{
	return c->xfer(c, (void *)(uintptr_t)buf, len, true);
}

/*
 * Sense ID data from d's cu_type/cu_model/dev_type/dev_model: 0xFF, control
 * unit type and model, device type and model, 0, then ciw_len bytes of
 * command-information words (4 bytes each, at most 8; NULL/0 for none),
 * stored with vccw_store. For a device's SENSE ID (0xE4) command; returns
 * VCCW_OK. Defined in vcss_sense.c.
 */
enum vccw_status vdev_sense_id(struct vdev *d, struct vccw *c, const uint8_t *ciw, size_t ciw_len);

/*
 * Start the data area again at its first byte, for commands whose data area is
 * input and output at once (virtio-ccw READ_FEAT: the device reads the bank
 * index at offset 4, then stores the bits at offset 0). The channel subsystem's
 * xfer takes its position in the data area (across data chaining and IDAWs)
 * from c->moved, so rewinding is c->moved = 0; the bytes moved afterwards
 * decide the residual count.
 */
static inline void vccw_rewind(struct vccw *c) { c->moved = 0; }

struct vdev_ops {
	/*
	 * Execute one command. Unknown commands: set sense byte 0 to 0x80 (command
	 * reject), VCCW_UNIT_CHECK. The channel subsystem zeroes vdev.sense before
	 * every command other than SENSE (0x04). If the device rejects NO
	 * OPERATION (0x03), SENSE (0x04) or SENSE ID (0xE4) that way without moving
	 * data, the channel subsystem performs it instead: NOP ends normally, SENSE
	 * stores vdev.sense (then zeroes it), SENSE ID stores vdev_sense_id's data.
	 */
	enum vccw_status (*ccw)(struct vdev *d, struct vccw *c);
	/* Clear / reset (CSCH, subsystem or guest reset): forget device state as the architecture requires. */
	void (*reset)(struct vdev *d);
	/* The guest's storage went away (logoff): release everything. May be NULL. */
	void (*destroy)(struct vdev *d);
	/*
	 * MODIFY SUBCHANNEL turned the subchannel's enable bit off. May be NULL.
	 * virtio-ccw forgets the negotiated revision here (the virtio spec ties it
	 * to the subchannel being enabled): Linux sets a device offline this way
	 * and negotiates the revision again when it comes back online.
	 */
	void (*disable)(struct vdev *d);
};

#define VDEV_SENSE_LEN 32

struct vdev {
	uint16_t devno;              /* device number, subchannel set 0 */
	uint16_t cu_type;            /* Sense ID: control unit type and model */
	uint8_t cu_model;
	uint16_t dev_type;           /* device type and model */
	uint8_t dev_model;
	uint8_t sense[VDEV_SENSE_LEN];
	const struct vdev_ops *ops;
	void *priv;                  /* the device model's state */
	struct vcss *css;            /* set by vcss_attach */
	uint32_t schno;              /* subchannel number, set by vcss_attach */
};

/*
 * A device-initiated status (e.g. virtio-ccw classic indicators after the device
 * used a queue): the channel subsystem makes the subchannel status pending with
 * an unsolicited interruption, unless one is already pending. Defined in vcss.c.
 */
void vcss_device_interrupt(struct vdev *d);
/* Called instead for a device on no channel subsystem (d->css NULL): device-model tests count here. */
extern void (*vdev_detached_interrupt)(struct vdev *d);

#endif
