/*
 * The virtual channel subsystem of one guest. Hardware-free (also built for
 * host tests and fuzzers).
 *
 * It owns the guest's subchannels (subchannel set 0, numbers 0.. in attach
 * order, one device each), executes channel programs synchronously at START
 * SUBCHANNEL / RESUME SUBCHANNEL time against the devices of vdev.h, keeps
 * each subchannel's SCHIB and builds IRBs, and queues I/O interruptions in
 * architected order: by interruption subclass (ISC 0 first), FIFO within one.
 *
 * How the hypervisor uses it (the SIE intercept handler for B2xx I/O
 * instructions):
 *   - Recognize privileged operation (guest in problem state) itself, first.
 *   - Compute the second-operand effective address (B2 + D2) in the guest's
 *     addressing mode and translate it to a guest absolute address (DAT if on,
 *     then prefixing). Access exceptions of that translation are the caller's.
 *     The operand must not straddle a page whose absolute frame does not
 *     follow its predecessor (the SCHIB, ORB and IRB are at most 96 bytes and
 *     word aligned, so only a crossing of a page boundary can do that); the
 *     caller bounces such an operand or reflects it as it sees fit.
 *   - Pass GR1 bits 32-63 as `sid` (the subsystem-identification word).
 *   - A return value 0..3 is the condition code to set in the guest PSW; a
 *     negative value is a program-interruption code to present instead
 *     (-VCSS_PGM_ADDRESSING, -VCSS_PGM_SPECIFICATION, -VCSS_PGM_OPERAND), with
 *     the instruction nullified or suppressed, the PSW pointing past it as
 *     for those exceptions (ILC 4). SCHM returns 0 and leaves the cc alone.
 *   - TPI with a second-operand effective address of zero: pass lowcore=true;
 *     on cc 1 the caller stores out->sid, out->intparm, out->iiw at guest real
 *     0xB8, 0xBC and 0xC0 (through the guest's prefix).
 *   - CHSC, RCHP, SAL are not here (CHSC: "command not provided").
 *
 * Delivering an I/O interruption: when io_pending was called (or before each
 * SIE entry), if the guest PSW has the I/O mask (bit 6) on, call
 * vcss_next_interrupt with the ISC mask from guest CR6 bits 32-39
 * (`(uint8_t)(cr6 >> 24)`, 0x80 = ISC 0). If it returns true, store out.sid,
 * out.intparm and out.iiw at guest real 0xB8, 0xBC and 0xC0, store the
 * current PSW as the I/O old PSW at real 0x170 (16 bytes) and load the I/O
 * new PSW from real 0x1F0. The subchannel stays status pending until the
 * guest's TEST SUBCHANNEL.
 *
 * Locking: none inside. The caller serializes every call on one vcss (one
 * lock per guest), including vcss_device_interrupt from device back ends;
 * devices calling vcss_device_interrupt from their ccw handler already run
 * under it. A device's ccw handler calls no other vcss function.
 *
 * Cost: one SSCH or RSCH executes at most VCSS_CCW_LIMIT CCWs; the data moved
 * is what the devices ask for (up to a CCW's count per command).
 *
 * Not provided: transport mode, MIDAWs, channel measurement (SCHM and the
 * MSCH measurement fields are accepted and stored, nothing is counted),
 * channel reports (STCRW always stores zeros, cc 1), storage keys (the ORB key
 * is reported in the SCSW but not checked), subchannel sets other than 0.
 */
#ifndef PLEXVM_KERNEL_VDEV_VCSS_H
#define PLEXVM_KERNEL_VDEV_VCSS_H

#include "kernel/compiler.h"
#include "kernel/vdev/gmem.h"
#include "kernel/vdev/vdev.h"

struct vcss;

/* Program-interruption codes the instruction handlers return negated. */
#define VCSS_PGM_ADDRESSING    0x0005
#define VCSS_PGM_SPECIFICATION 0x0006
#define VCSS_PGM_OPERAND       0x0015

struct vcss_callbacks {
	/* A new I/O interruption became pending (called with the caller's lock held). May be NULL. */
	void (*io_pending)(void *ctx);
	/*
	 * The guest's channel-subsystem lock, which the caller holds around every
	 * other call: vcss_device_interrupt (from device back ends) takes it with
	 * these. May be NULL (single-threaded users).
	 */
	void (*lock)(void *ctx);
	void (*unlock)(void *ctx);
	void *ctx;
};

/* One I/O-interruption code: the words for lowcore 0xB8, 0xBC, 0xC0. */
struct vcss_io_int {
	uint32_t sid;              /* subsystem-identification word: 0x00010000 | schno */
	uint32_t intparm;          /* interruption parameter of the subchannel */
	uint32_t iiw;              /* interruption-identification word: ISC << 27 */
};

/* Most channel-command words (including TICs) one start or resume executes; then a program check. */
#define VCSS_CCW_LIMIT 10000
/* Subchannels per vcss (one subchannel set). */
#define VCSS_MAX_SUBCHANNELS 65536

/*
 * A channel subsystem over guest storage g (which must outlive it). NULL when
 * out of memory. cb may be NULL.
 */
struct vcss *vcss_create(const struct gmem *g, const struct vcss_callbacks *cb);
/* The guest is gone: every device's destroy (if any) is called, then all is freed. NULL is fine. */
void vcss_destroy(struct vcss *v);
/*
 * Give d the next subchannel number (sets d->css, d->schno); the subchannel
 * starts in its reset state (disabled, ISC 0). 0, or -1 when d is already
 * attached, its device number is taken, the set is full or memory ran out.
 */
int vcss_attach(struct vcss *v, struct vdev *d);
/*
 * I/O-system reset (guest reset, IPL): every subchannel to its initial state,
 * pending status and interruptions discarded, every device's reset called.
 */
void vcss_reset(struct vcss *v);
/* Number of subchannels attached. */
uint32_t vcss_count(const struct vcss *v);

/* ---- I/O instructions. addr: the operand's guest absolute address. ---- */
int vcss_stsch(struct vcss *v, uint32_t sid, uint64_t addr);  /* STORE SUBCHANNEL (SCHIB, 52 bytes) */
int vcss_msch(struct vcss *v, uint32_t sid, uint64_t addr);   /* MODIFY SUBCHANNEL */
int vcss_ssch(struct vcss *v, uint32_t sid, uint64_t addr);   /* START SUBCHANNEL (ORB) */
int vcss_tsch(struct vcss *v, uint32_t sid, uint64_t addr);   /* TEST SUBCHANNEL (IRB) */
int vcss_csch(struct vcss *v, uint32_t sid);                  /* CLEAR SUBCHANNEL */
int vcss_hsch(struct vcss *v, uint32_t sid);                  /* HALT SUBCHANNEL */
int vcss_xsch(struct vcss *v, uint32_t sid);                  /* CANCEL SUBCHANNEL */
int vcss_rsch(struct vcss *v, uint32_t sid);                  /* RESUME SUBCHANNEL */
int vcss_stcrw(struct vcss *v, uint64_t addr);                /* STORE CHANNEL REPORT WORD */
int vcss_schm(struct vcss *v, uint64_t gr1, uint64_t gr2);    /* SET CHANNEL MONITOR */
/*
 * TEST PENDING INTERRUPTION. isc_mask: guest CR6 bits 32-39. lowcore: the
 * operand's effective address was zero: on cc 1 the code is returned in *out
 * for the caller to store at 0xB8; otherwise the two-word code (SID,
 * intparm) is stored at addr. cc 1 stored, cc 0 nothing pending.
 */
int vcss_tpi(struct vcss *v, uint8_t isc_mask, bool lowcore, uint64_t addr, struct vcss_io_int *out);

/* The device on subchannel schno, or NULL. */
struct vdev *vcss_device(struct vcss *v, uint32_t schno);

/* ---- I/O interruptions ---- */
/* Dequeue the highest-priority pending interruption among the ISCs in isc_mask. */
bool vcss_next_interrupt(struct vcss *v, uint8_t isc_mask, struct vcss_io_int *out);
/* Whether one is pending for isc_mask (nothing dequeued). */
bool vcss_interrupt_pending(const struct vcss *v, uint8_t isc_mask);

#endif
