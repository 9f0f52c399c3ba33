/*
 * Probe (h): a channel program on a real device of the guest whose CCW data
 * address lies beyond the guest's storage. The channel subsystem must end it
 * with a program check in the subchannel status (invalid data address), not
 * read or write anybody's storage. Skipped when the guest has no I/O device.
 * Probes (k): control blocks with reserved bits set (an ORB for SSCH, a SCHIB
 * for MSCH) on that device: operand exception, and the subchannel unchanged.
 */
#include "tests/guests/hostile.h"
#include "tests/guests/lib/insn.h"
#include "tests/guests/lib/interrupt.h"
#include "tests/guests/lib/probe.h"
#include "tests/guests/lib/wait.h"
#include <stdio.h>

#define ISC            3
#define CR6_ISC(isc)   (0x80000000ULL >> (isc))
#define INTPARM        0x484f5354U /* "HOST" */
#define IO_TIMEOUT_US  2000000ULL
#define SENSE_ID_LEN   256

static struct ccw1 ccw;
static struct orb orb;
static struct irb irb;

/* The first operational I/O subchannel in subchannel set 0; false if there is none. */
static bool find_device(uint32_t *schid, struct schib *schib)
{
	for (unsigned int n = 0; n <= 0xffff; n++) {
		uint32_t id = schid_make(0, n);
		int cc = stsch(id, schib);

		if (cc == 3)
			return false;
		if (cc == 0 && (schib->pmcw.flags & PMCW_DNV) && PMCW_ST(schib->pmcw.flags2) == 0) {
			*schid = id;
			return true;
		}
	}
	return false;
}

struct io_wait {
	uint32_t schid;
	uint32_t count_before;
};

static bool io_arrived(void *arg)
{
	const struct io_wait *w = arg;

	return io_last.count != w->count_before && io_last.schid == w->schid;
}

/* Enable or disable the subchannel for I/O interruptions on ISC 3; returns the MSCH cc. */
static int set_enabled(uint32_t schid, struct schib *schib, bool enable)
{
	schib->pmcw.intparm = INTPARM;
	schib->pmcw.flags = (uint16_t)((schib->pmcw.flags & ~(PMCW_ISC_MASK | PMCW_ENABLED)) |
				       (ISC << PMCW_ISC_SHIFT) | (enable ? PMCW_ENABLED : 0));
	return msch(schid, schib);
}

/* Clear status left pending from before (at most a few TSCH). */
static void drain_status(uint32_t schid)
{
	for (int i = 0; i < 4 && tsch(schid, &irb) == 0; i++)
		;
}

static void run_channel_program(const struct hostile_ctx *ctx, struct outcome *out, uint32_t schid,
				const struct schib *schib)
{
	struct io_wait w = { .schid = schid, .count_before = io_last.count };
	uint32_t mark;
	int cc;

	ccw = (struct ccw1){ .cmd = CCW_CMD_SENSE_ID, .flags = CCW_FLAG_SLI, .count = SENSE_ID_LEN,
			     .cda = (uint32_t)ctx->storage };
	orb = (struct orb){ .intparm = INTPARM, .flags = ORB_FMT1 | ORB_LPM(schib->pmcw.pam),
			    .cpa = (uint32_t)(uintptr_t)&ccw };
	mark = pgm_mark();
	outcome_record(out, mark, probe_ssch(schid, &orb));
	if (out->pgm || out->cc != 0)
		return;
	if (!wait_until(io_arrived, &w, 0, true, IO_TIMEOUT_US)) {
		out->failure = "no I/O interruption within 2 s";
		(void)csch(schid);
		(void)wait_until(io_arrived, &w, 0, true, IO_TIMEOUT_US);
		return;
	}
	cc = tsch(schid, &irb);
	if (cc != 0) {
		out->failure = "TSCH found no status after the interruption";
		return;
	}
	out->has_value = true;
	out->value = irb.scsw.cstat;
	out->value_name = "subchannel status";
	snprintf(out->note, sizeof(out->note), "(device %04x: device status %02x, count %u)",
		 schib->pmcw.devno, irb.scsw.dstat, irb.scsw.count);
}

void probe_ccw_data_beyond(const struct hostile_ctx *ctx, struct outcome *out)
{
	struct schib schib;
	uint64_t cr6 = cr_read(6);
	uint32_t schid;
	int cc;

	if (!ctx->have_storage) {
		out->skip = "storage size unknown";
		return;
	}
	if (ctx->storage >= 0x80000000ULL) {
		out->skip = "storage reaches 2 GiB: no 31-bit data address beyond it";
		return;
	}
	if (!find_device(&schid, &schib)) {
		out->skip = "no I/O device";
		return;
	}
	cc = set_enabled(schid, &schib, true);
	if (cc != 0) {
		snprintf(out->note, sizeof(out->note), "(MSCH cc %d)", cc);
		out->failure = "cannot enable the subchannel";
		return;
	}
	drain_status(schid);
	cr_write(6, cr6 | CR6_ISC(ISC));
	run_channel_program(ctx, out, schid, &schib);
	cr_write(6, cr6);
	if (stsch(schid, &schib) == 0)
		(void)set_enabled(schid, &schib, false);
	drain_status(schid);
}

#define ORB_RESERVED_BIT  0x00000010U /* word 1 bit 27: one of bits 26-30, which must be zero */
#define PMCW_RESERVED_BIT 0x8000U     /* word 1 bit 0: must be zero */

void probe_ssch_orb_reserved(const struct hostile_ctx *ctx, struct outcome *out)
{
	struct schib schib;
	uint32_t schid, mark;

	(void)ctx;
	if (!find_device(&schid, &schib)) {
		out->skip = "no I/O device";
		return;
	}
	ccw = (struct ccw1){ .cmd = CCW_CMD_SENSE_ID, .flags = CCW_FLAG_SLI, .count = SENSE_ID_LEN,
			     .cda = (uint32_t)(uintptr_t)&irb };
	orb = (struct orb){ .intparm = INTPARM, .flags = ORB_FMT1 | ORB_LPM(schib.pmcw.pam) | ORB_RESERVED_BIT,
			    .cpa = (uint32_t)(uintptr_t)&ccw };
	mark = pgm_mark();
	outcome_record(out, mark, probe_ssch(schid, &orb));
	if (!out->pgm && out->cc == 0) {
		/* It started after all: let it end before the next probe. */
		for (int i = 0; i < 1000 && tsch(schid, &irb) != 0; i++)
			;
	}
}

void probe_msch_schib_reserved(const struct hostile_ctx *ctx, struct outcome *out)
{
	struct schib schib, after;
	uint32_t schid, mark;

	(void)ctx;
	if (!find_device(&schid, &schib)) {
		out->skip = "no I/O device";
		return;
	}
	schib.pmcw.flags |= PMCW_RESERVED_BIT;
	schib.pmcw.intparm = 0x42414421; /* "BAD!" must not stick */
	mark = pgm_mark();
	outcome_record(out, mark, probe_msch(schid, &schib));
	if (stsch(schid, &after) == 0 && after.pmcw.intparm == 0x42414421) {
		out->failure = "the subchannel took the rejected SCHIB";
	}
}
