/*
 * VSWITCH: a named, learning Ethernet switch between guests' virtual NICs
 * (one port per virtio-net device). Hardware-free.
 *
 * Forwarding: the source MAC of every frame a port sends is learned for that
 * port (a bounded table, least recently used entries give way). A unicast
 * frame to a learned MAC goes to that port only (or nowhere, when that is the
 * sending port); broadcast, multicast and unknown unicast frames are flooded
 * to every other port. A port that cannot take a frame (its device has no
 * receive buffer, or does not run) drops it and counts it.
 *
 * Locking rule (the switch is used from several CPUs): the switch state (port
 * table, MAC table, switch counters) is behind the switch lock. The lock is
 * NEVER held while calling a port's deliver function: the sender takes the
 * destination's in-flight count under the lock, drops the lock, delivers,
 * drops the count and takes the lock again. So a deliver function may take
 * its device's lock, and a device cannot deadlock against the switch:
 *  - vswitch_send(p): the caller holds no device lock and no switch lock
 *    (another port's deliver takes that device's lock), and p stays attached
 *    for the duration (the owner stops sending before it detaches);
 *  - deliver: must not call any vswitch function (it runs on the sender's
 *    CPU, inside the sender's vswitch_send);
 *  - vswitch_detach(p): waits until no delivery to p is in flight, so it must
 *    not be called from a deliver function nor while holding a lock p's
 *    deliver takes.
 * Lock order: registry lock -> switch lock; the switch lock is dropped before
 * any device lock is taken, and no path takes the switch lock while holding a
 * device lock.
 */
#ifndef PLEXVM_KERNEL_VDEV_VSWITCH_H
#define PLEXVM_KERNEL_VDEV_VSWITCH_H

#include "kernel/compiler.h"
#include "kernel/spinlock.h"

#define VSWITCH_NAME_LEN  8            /* as z/VM: up to 8 characters, kept upper case */
#define VSWITCH_MAC_BUCKETS 64
#define VSWITCH_MAC_WAYS    4          /* 256 learned MACs per switch */
#define VSWITCH_MIN_FRAME   14         /* destination, source, ethertype */
#define VSWITCH_MAX_FRAME   9018       /* jumbo frames at most; devices enforce their MTU */
#define VSWITCH_DEFAULT_PORTS 64

/* Take one frame for the port's device: 0 taken, -1 dropped. Runs without the switch lock. */
typedef int (*vswitch_deliver_fn)(void *owner, const uint8_t *frame, size_t len);

struct vswitch_port_stats {
	uint64_t tx_frames, tx_bytes;      /* sent by the port into the switch */
	uint64_t tx_errors;                /* refused: shorter than a header or over VSWITCH_MAX_FRAME */
	uint64_t rx_frames, rx_bytes;      /* delivered to the port */
	uint64_t rx_dropped;               /* meant for the port, which could not take them */
};

struct vswitch;

struct vswitch_port {
	struct vswitch *sw;
	unsigned int slot;
	vswitch_deliver_fn deliver;
	void *owner;
	uint8_t mac[6];                    /* the NIC's assigned MAC (for display; forwarding learns) */
	uint32_t inflight;                 /* deliveries to this port under way (atomic) */
	struct vswitch_port_stats stats;   /* updated atomically */
};

struct vswitch_mac_entry {
	uint8_t mac[6];
	uint16_t port;                     /* slot + 1; 0 = free */
	uint32_t stamp;                    /* last time seen as a source */
};

struct vswitch_stats {
	uint64_t flooded;                  /* broadcast, multicast, unknown unicast */
	uint64_t unicast;                  /* to a learned port */
	uint64_t filtered;                 /* unicast to a MAC learned on the sending port */
	uint64_t learned, moved;           /* new MAC entries; MACs seen on another port */
};

struct vswitch {
	char name[VSWITCH_NAME_LEN + 1];
	struct spinlock lock;
	unsigned int max_ports, nports;
	struct vswitch_port **ports;       /* max_ports slots */
	struct vswitch_mac_entry mac[VSWITCH_MAC_BUCKETS][VSWITCH_MAC_WAYS];
	uint32_t clock;                    /* learning stamps */
	struct vswitch_stats stats;
	struct vswitch *next;              /* the registry */
};

/* The switch lock, a spinlock in the hypervisor (single-threaded on the host). */
static inline void vswitch_lock(struct vswitch *sw) { spin_lock(&sw->lock); }
static inline void vswitch_unlock(struct vswitch *sw) { spin_unlock(&sw->lock); }

/*
 * DEFINE VSWITCH name: create and register a switch with room for max_ports
 * ports (0 = VSWITCH_DEFAULT_PORTS). NULL when the name is empty, longer than
 * 8 characters or not alphanumeric/national (@#$), already defined, or
 * storage is short.
 */
struct vswitch *vswitch_create(const char *name, unsigned int max_ports);
/* The switch registered under name (any case), or NULL. */
struct vswitch *vswitch_find(const char *name);
/* Unregister and free a switch. -1 (nothing done) while ports are attached. */
int vswitch_destroy(struct vswitch *sw);

/* A port for a NIC (NICDEF ... LAN SYSTEM name): NULL when the switch is full or storage short. */
struct vswitch_port *vswitch_attach(struct vswitch *sw, vswitch_deliver_fn deliver, void *owner,
				    const uint8_t mac[6]);
/* Remove a port: its MACs are forgotten; waits for deliveries to it to finish; frees it. */
void vswitch_detach(struct vswitch_port *p);

/*
 * A frame from port `from`: learn its source, forward it. Returns the number
 * of ports that took it, or -1 for a malformed frame (counted in tx_errors).
 */
int vswitch_send(struct vswitch_port *from, const void *frame, size_t len);

/* The slot of the port a MAC was learned on, or -1. */
int vswitch_lookup(struct vswitch *sw, const uint8_t mac[6]);
/* A consistent-enough copy of a port's counters. */
void vswitch_port_stats(const struct vswitch_port *p, struct vswitch_port_stats *out);

#endif
