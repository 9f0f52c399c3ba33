/*
 * Internals shared by the vcss*.c files: the subchannel, the channel
 * subsystem, and the state of one channel program in execution.
 */
#ifndef PLEXVM_KERNEL_VDEV_VCSS_PRIV_H
#define PLEXVM_KERNEL_VDEV_VCSS_PRIV_H

#include "kernel/list.h"
#include "kernel/vdev/vcss.h"
#include "kernel/vdev/vcss_hw.h"

#define VCSS_NISC  8
#define VCSS_PATH  0x80      /* the one channel path of every subchannel */
#define VCSS_PIM   VCSS_PATH
#define VCSS_PAM   VCSS_PATH

/* SCSW as kept by the subchannel (host byte order; ctl uses the SCSW_* masks). */
struct vcss_status {
	uint32_t ctl;
	uint32_t cpa;
	uint8_t dstat;
	uint8_t cstat;
	uint16_t count;
};

struct vcss_sch {
	struct vcss *css;
	struct vdev *dev;
	uint16_t schno;
	/* PMCW: the program-modifiable fields (the rest is constant). */
	uint32_t intparm;
	uint16_t pmcw_flags;         /* PMCW_MSCH_SET bits */
	uint8_t lpm;
	uint8_t lpum;
	uint8_t pom;
	uint16_t mbi;
	uint32_t chars;              /* PMCW_CHARS_F | PMCW_CHARS_S */
	uint64_t mba;
	struct vcss_status st;
	/* The start function in progress. */
	uint32_t orb_flags;          /* ORB word 1 */
	uint32_t resume_ccw;         /* suspended: the CCW refetched by RSCH */
	bool running;                /* its channel program is being executed */
	/* Sense data captured with a unit check, for concurrent sense (PMCW S). */
	uint8_t sense[VDEV_SENSE_LEN];
	bool sense_valid;
	/* Pending I/O interruption. */
	struct list qlink;
	bool queued;
};

struct vcss {
	const struct gmem *g;
	struct vcss_callbacks cb;
	struct vcss_sch **sch;
	uint32_t nsch;
	uint32_t cap;
	struct list queue[VCSS_NISC];  /* interruption requests per ISC, FIFO */
	uint8_t chpid;
	/* SET CHANNEL MONITOR state (stored, not used). */
	uint64_t mbo;
	uint8_t mbk;
	bool mb_update;
	bool mb_dct;
};

/* vcss.c */
int vcss_lookup(struct vcss *v, uint32_t sid, struct vcss_sch **out);  /* 0, 3, or -PGM */
void vcss_sch_reset(struct vcss_sch *s);
static inline bool vcss_enabled(const struct vcss_sch *s) { return s->pmcw_flags & PMCW_E; }
static inline uint8_t vcss_isc(const struct vcss_sch *s)
{
	return (uint8_t)((s->pmcw_flags & PMCW_ISC) >> PMCW_ISC_SHIFT);
}

/* vcss_irq.c: the subchannel just became status pending / stopped being so. */
void vcss_irq_queue(struct vcss_sch *s);
void vcss_irq_withdraw(struct vcss_sch *s);

/* vcss_schib.c */
void vcss_scsw_encode(const struct vcss_status *st, uint8_t *out);

/* ---- Channel-program execution (vcss_ccw.c, vcss_data.c, vcss_sense.c) ---- */

/* One decoded CCW (either format). */
struct vcss_ccwd {
	uint8_t cmd;
	uint8_t flags;
	uint16_t count;
	uint32_t cda;
	bool tic;
};

struct vcss_chan {
	struct vcss_sch *s;
	const struct gmem *g;
	bool fmt1;                   /* format-1 CCWs (else format 0) */
	bool idaw2;                  /* format-2 IDAWs (else format 1) */
	uint32_t block;              /* IDAW block size: 2K or 4K */
	uint32_t budget;             /* CCW fetches left (VCSS_CCW_LIMIT) */
	/* The CCW in effect (the current one of a data chain). */
	uint32_t ccw_addr;
	uint8_t flags;
	uint16_t count;
	uint32_t cda;
	uint32_t pos;                /* bytes of count used */
	uint32_t idaw_addr;          /* next IDAW */
	uint64_t idaw_data;          /* next data byte in the current IDAW block */
	uint32_t idaw_left;          /* bytes left in that block; 0: fetch the next IDAW */
	bool idaw_first;
	/* The command's first CCW, for vccw_rewind (the device starts its data area again). */
	uint32_t first_at;
	struct vcss_ccwd first;
	uint32_t total_moved;        /* bytes moved for this command so far */
	/* What happened. */
	bool xfer_used;              /* the device asked to move data */
	bool overrun;                /* ... more than the count (data chain) held */
	bool pci;                    /* a CCW with PCI became current */
	bool check;                  /* channel-program check */
	uint32_t check_ccw;          /* the CCW it is reported for (SCSW CCW address - 8) */
	bool check_in_data;          /* found while the device ran (else at CCW fetch) */
};

/* vcss_data.c */
void vcss_chan_begin(struct vcss_chan *c, uint32_t at, const struct vcss_ccwd *d);
int vcss_chan_fetch(struct vcss_chan *c, uint32_t addr, struct vcss_ccwd *d, uint32_t *at);
bool vcss_chan_peek(const struct vcss_chan *c, uint32_t addr, struct vcss_ccwd *d, uint32_t *at);
int vcss_chan_fail(struct vcss_chan *c, uint32_t ccw);
int vcss_xfer(struct vccw *v, void *buf, size_t len, bool to_guest);

/* vcss_sense.c: run one command on the device, with the basic-command fallbacks. */
enum vccw_status vcss_device_command(struct vcss_chan *c, struct vccw *v);

/* vcss_ccw.c: execute from CCW address `addr` (start or resume) to an ending status. */
void vcss_run(struct vcss_sch *s, uint32_t addr);

#endif
