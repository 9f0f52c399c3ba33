/*
 * Test side of the virtio device tests: a flat guest storage, a channel
 * subsystem stand-in that runs one CCW against a buffer (struct vccw with an
 * xfer that copies), a recorder for vcss_device_interrupt, and a small guest
 * driver that does what Linux's virtio_ccw + virtio_ring do: Sense ID,
 * revision negotiation, features, queues, indicators, DRIVER_OK, and split
 * rings in either byte order. It is written for the tests (its own byte order
 * helpers, its own ring code) so that it checks the device code rather than
 * sharing its mistakes.
 */
#ifndef PLEXVM_TESTS_VDEV_VIRTIO_SUPPORT_H
#define PLEXVM_TESTS_VDEV_VIRTIO_SUPPORT_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/vdev/vdev.h"

/* ---- Guest storage ---- */
struct tguest {
	uint8_t *mem;
	struct gmem g;
	uint64_t brk;                  /* next free byte for tg_alloc */
};
void tg_init(struct tguest *t, uint64_t size);
void tg_free(struct tguest *t);
/* Zeroed guest storage, aligned; asserts when storage runs out. */
uint64_t tg_alloc(struct tguest *t, uint64_t size, uint64_t align);
uint8_t *tg_ptr(struct tguest *t, uint64_t gabs);

/* Byte order, written independently of kernel/vdev/vendian.h. */
uint16_t tget16(const uint8_t *p, bool le);
uint32_t tget32(const uint8_t *p, bool le);
uint64_t tget64(const uint8_t *p, bool le);
void tput16(uint8_t *p, uint16_t v, bool le);
void tput32(uint8_t *p, uint32_t v, bool le);
void tput64(uint8_t *p, uint64_t v, bool le);

/* ---- One CCW ---- */
/* When set, the data transfer fails as on a bad IDAW (xfer returns -1). */
extern bool tccw_fail_xfer;
/* Run cmd with data area `data` of `count` bytes; *moved (may be NULL) gets the bytes moved. */
enum vccw_status tccw(struct vdev *d, uint8_t cmd, void *data, uint16_t count, uint32_t *moved);
/* The last tccw offered more data than its count (incorrect length without SLI). */
extern bool tccw_overrun;

/* ---- vcss_device_interrupt recorder (a weak stand-in for the channel subsystem's) ---- */
extern unsigned int tirq_count;
extern struct vdev *tirq_last;

/* ---- The guest driver ---- */
#define TDRV_MAX_Q 4

struct tq {
	uint16_t num;
	uint64_t desc, avail, used;
	uint16_t next_desc;            /* descriptors are handed out in a circle */
	uint16_t avail_idx;
	uint16_t last_used;
};

struct tdrv {
	struct tguest *g;
	struct vdev *d;
	int rev;
	bool le;                       /* ring and config byte order: rev >= 1 */
	uint64_t offered, features;
	unsigned int nq;
	struct tq q[TDRV_MAX_Q];
	uint64_t ind, conf_ind;        /* guest addresses of the indicator doublewords */
};

struct tbuf {
	uint64_t addr;
	uint32_t len;
	bool write;                    /* device-writable */
};

/*
 * Bring a device up the way Linux does; asserts at each step. max_rev: the
 * highest revision to ask for (Linux 6.1 asks for 2 and steps down on command
 * reject). want: the driver's feature bits (intersected with the offer).
 */
void tdrv_probe(struct tdrv *t, struct tguest *g, struct vdev *d, int max_rev, uint64_t want,
		unsigned int nq);
/* Reset and bring the device up again in the revision already negotiated (no SET_VIRTIO_REV). */
void tdrv_restart(struct tdrv *t, uint64_t want, unsigned int nq);
/* Queue a direct chain; returns its head. */
uint16_t tdrv_add(struct tdrv *t, unsigned int qi, const struct tbuf *b, unsigned int n);
/* Queue one indirect descriptor whose table holds the chain; returns its head. */
uint16_t tdrv_add_indirect(struct tdrv *t, unsigned int qi, const struct tbuf *b, unsigned int n);
/* The next used element, if the device returned one. */
bool tdrv_used(struct tdrv *t, unsigned int qi, uint32_t *id, uint32_t *len);
/* DIAG 0x500 notify. */
int tdrv_kick(struct tdrv *t, unsigned int qi);
uint8_t tdrv_status(struct tdrv *t);
/* Read and clear the queue / configuration indicators (as Linux's interrupt handler). */
uint64_t tdrv_take_ind(struct tdrv *t);
uint64_t tdrv_take_conf_ind(struct tdrv *t);
/* READ_CONF of len bytes. */
void tdrv_read_conf(struct tdrv *t, void *buf, uint16_t len);
/* A guest buffer filled with a pattern derived from seed. */
uint64_t tdrv_buffer(struct tdrv *t, uint32_t len, uint8_t seed);

#endif
