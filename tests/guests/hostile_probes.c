/* The hostile probes that need one instruction each (the channel program is in hostile_ccw.c). */
#include "tests/guests/hostile.h"
#include "tests/guests/lib/insn.h"
#include "tests/guests/lib/probe.h"
#include "tests/guests/lib/sclp.h"
#include <string.h>
#include <stdio.h>

#define SCHID_NONE       0x0001ffffU /* subchannel set 0, number 0xffff: no such device */
#define SCHID_BAD_FORMAT 0x0000ffffU /* bit 15 (the "one" bit) off */
#define CPU_ADDR_NONE    0xffff
#define SIGP_ORDER_UNDEFINED 0xff
#define DIAG_UNDEFINED   0x0fff
#define ADDR_1TIB        0x10000000000ULL
#define ADDR_TOP         0xfffffffffffff000ULL
#define SCLP_CMD_UNDEFINED 0x00ff0001U
/* Loads and stores set no condition code. */
#define NO_CC            -1
#define PATTERN          0x484f5354494c4521ULL /* "HOSTILE!" */

/* A page of the guest's own for the SCLP probes, apart from the console's SCCB. */
static uint8_t scratch[SCCB_SIZE] __aligned(4096);

void outcome_record(struct outcome *out, uint32_t mark, int cc)
{
	out->cc = cc;
	out->pgm = pgm_since(mark, &out->code);
}

static bool need_storage(const struct hostile_ctx *ctx, struct outcome *out)
{
	if (!ctx->have_storage)
		out->skip = "storage size unknown (no SCLP read info, no mem=)";
	return ctx->have_storage;
}

/* ---- Storage ---- */
void probe_mem_last(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint64_t v = 0;
	uint32_t mark;

	if (!need_storage(ctx, out))
		return;
	mark = pgm_mark();
	if (probe_load64(ctx->storage - 8, &v) >= 0)
		(void)probe_store64(ctx->storage - 8, v); /* the same value back */
	outcome_record(out, mark, NO_CC);
}

void probe_mem_load_end(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint64_t v;
	uint32_t mark;

	if (!need_storage(ctx, out))
		return;
	mark = pgm_mark();
	(void)probe_load64(ctx->storage, &v);
	outcome_record(out, mark, NO_CC);
}

void probe_mem_store_end(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint32_t mark;

	if (!need_storage(ctx, out))
		return;
	mark = pgm_mark();
	(void)probe_store64(ctx->storage, PATTERN);
	outcome_record(out, mark, NO_CC);
}

static void load_beyond(const struct hostile_ctx *ctx, struct outcome *out, uint64_t addr)
{
	uint64_t v;
	uint32_t mark;

	if (!need_storage(ctx, out))
		return;
	if (ctx->storage > addr) {
		out->skip = "storage reaches the address";
		return;
	}
	mark = pgm_mark();
	(void)probe_load64(addr, &v);
	outcome_record(out, mark, NO_CC);
}

void probe_mem_load_1t(const struct hostile_ctx *ctx, struct outcome *out)
{
	load_beyond(ctx, out, ADDR_1TIB);
}

void probe_mem_load_top(const struct hostile_ctx *ctx, struct outcome *out)
{
	load_beyond(ctx, out, ADDR_TOP);
}

/* ---- Channel subsystem ---- */
void probe_stsch_nodev(const struct hostile_ctx *ctx, struct outcome *out)
{
	struct schib schib;
	uint32_t mark = pgm_mark();

	(void)ctx;
	outcome_record(out, mark, probe_stsch(SCHID_NONE, &schib));
}

void probe_ssch_nodev(const struct hostile_ctx *ctx, struct outcome *out)
{
	static struct ccw1 nop = { .cmd = CCW_CMD_NOOP, .flags = CCW_FLAG_SLI };
	struct orb orb = { .intparm = 0, .flags = ORB_FMT1 | ORB_LPM(0xff),
			   .cpa = (uint32_t)(uintptr_t)&nop };
	uint32_t mark = pgm_mark();

	(void)ctx;
	outcome_record(out, mark, probe_ssch(SCHID_NONE, &orb));
}

void probe_stsch_badid(const struct hostile_ctx *ctx, struct outcome *out)
{
	struct schib schib;
	uint32_t mark = pgm_mark();

	(void)ctx;
	outcome_record(out, mark, probe_stsch(SCHID_BAD_FORMAT, &schib));
}

/* ---- SIGP ---- */
static void sigp_probe(struct outcome *out, uint16_t cpu, unsigned int order)
{
	uint32_t status = 0;
	uint32_t mark = pgm_mark();

	outcome_record(out, mark, probe_sigp(cpu, order, 0, &status));
	if (out->cc == 1) {
		out->has_value = true;
		out->value = status;
		out->value_name = "status";
	}
}

void probe_sigp_nocpu(const struct hostile_ctx *ctx, struct outcome *out)
{
	(void)ctx;
	sigp_probe(out, CPU_ADDR_NONE, SIGP_SENSE);
}

void probe_sigp_badorder(const struct hostile_ctx *ctx, struct outcome *out)
{
	sigp_probe(out, ctx->cpu_address, SIGP_ORDER_UNDEFINED);
}

/* ---- SCLP ---- */
/* SERVC of a bad SCCB address; if it is accepted anyway, let its completion pass. */
static void servc_probe(struct outcome *out, uint32_t command, uint64_t sccb)
{
	uint32_t mark = pgm_mark();

	outcome_record(out, mark, probe_servc(command, sccb));
	if (out->cc == 0 && !sclp_wait_completion(sccb & ~7ULL, SCLP_TIMEOUT_US))
		snprintf(out->note, sizeof(out->note), "and no completion interruption either");
}

void probe_servc_misaligned(const struct hostile_ctx *ctx, struct outcome *out)
{
	(void)ctx;
	memset(scratch, 0, sizeof(scratch));
	servc_probe(out, SCLP_CMD_READ_SCP_INFO, (uint64_t)(uintptr_t)scratch + 4);
}

void probe_servc_beyond(const struct hostile_ctx *ctx, struct outcome *out)
{
	if (!need_storage(ctx, out))
		return;
	if (ctx->storage >= 0x80000000ULL) {
		out->skip = "storage reaches 2 GiB: an SCCB beyond it is also beyond 31 bits";
		return;
	}
	servc_probe(out, SCLP_CMD_READ_SCP_INFO, ALIGN_UP(ctx->storage, 4096));
}

/* An undefined command with a good SCCB: accepted, completed with response 0x01f0. */
void probe_servc_badcmd(const struct hostile_ctx *ctx, struct outcome *out)
{
	struct sccb_header *h = (struct sccb_header *)scratch;
	uint32_t mark;

	(void)ctx;
	memset(scratch, 0, sizeof(scratch));
	h->length = SCCB_SIZE;
	mark = pgm_mark();
	outcome_record(out, mark, probe_servc(SCLP_CMD_UNDEFINED, (uint64_t)(uintptr_t)scratch));
	if (out->cc != 0)
		return;
	if (!sclp_wait_completion((uint64_t)(uintptr_t)scratch, SCLP_TIMEOUT_US)) {
		out->failure = "accepted, but no completion interruption";
		return;
	}
	out->has_value = true;
	out->value = ((volatile struct sccb_header *)scratch)->response_code;
	out->value_name = "response";
}

/* ---- DIAGNOSE ---- */
void probe_diag_undefined(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint32_t mark = pgm_mark();

	(void)ctx;
	outcome_record(out, mark, probe_diag(DIAG_UNDEFINED));
}

/* ---- PSW ---- */
void probe_lpswe_ea_only(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint32_t mark = pgm_mark();

	(void)ctx;
	/* Extended addressing without basic addressing is not a valid mode. */
	outcome_record(out, mark, probe_lpswe(PSW_MASK_EA, 0));
}

void probe_lpswe_bit12(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint32_t mark = pgm_mark();

	(void)ctx;
	/* Bit 12 must be zero in a z/Architecture PSW. */
	outcome_record(out, mark, probe_lpswe(PSW_MASK_EA | PSW_MASK_BA | 0x0008000000000000ULL, 0));
}

void probe_lpswe_odd(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint32_t mark = pgm_mark();

	(void)ctx;
	/* A valid 64-bit PSW whose instruction address is odd. */
	outcome_record(out, mark, probe_lpswe(PSW_MASK_EA | PSW_MASK_BA, 1));
}

/* ---- Problem state ---- */
void probe_priv_stctg(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint32_t mark = pgm_mark();

	(void)ctx;
	outcome_record(out, mark, probe_pstate_stctg());
}

void probe_priv_sigp(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint32_t mark = pgm_mark();

	(void)ctx;
	outcome_record(out, mark, probe_pstate_sigp());
}

void probe_priv_diag(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint32_t mark = pgm_mark();

	(void)ctx;
	outcome_record(out, mark, probe_pstate_diag());
}

/* ---- Storage keys: one page of the guest's own, key 0 again after each probe ---- */
#define KEY_ACC(k)   ((uint8_t)((k) << 4))
#define KEY_FETCH    0x08
#define KEY_REF      0x04
#define KEY_CHANGE   0x02

static uint8_t key_page[4096] __aligned(4096);

static uint64_t key_page_addr(void)
{
	return (uint64_t)(uintptr_t)key_page;
}

/* SSKE sets R and C; RRBE reports both (cc 3) and clears R; ISKE shows the rest. */
void probe_key_sske_rrbe_iske(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint64_t a = key_page_addr();
	uint32_t mark = pgm_mark();

	(void)ctx;
	sske(a, KEY_ACC(3) | KEY_REF | KEY_CHANGE);
	outcome_record(out, mark, rrbe(a));
	out->has_value = true;
	out->value = iske(a);
	out->value_name = "key";
	sske(a, 0);
}

/* A store under a PSW key that does not match the page's: protection. */
void probe_key_store_protected(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint64_t a = key_page_addr();
	uint32_t mark;

	(void)ctx;
	sske(a, KEY_ACC(3));
	mark = pgm_mark();
	(void)probe_keyed_store64(a, 5, PATTERN);
	outcome_record(out, mark, NO_CC);
	sske(a, 0);
}

/* A fetch under a mismatched key from a fetch-protected page: protection. */
void probe_key_fetch_protected(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint64_t a = key_page_addr(), v;
	uint32_t mark;

	(void)ctx;
	sske(a, KEY_ACC(3) | KEY_FETCH);
	mark = pgm_mark();
	(void)probe_keyed_load64(a, 5, &v);
	outcome_record(out, mark, NO_CC);
	sske(a, 0);
}

/* A fetch under a mismatched key from a page without fetch protection is allowed. */
void probe_key_fetch_unprotected(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint64_t a = key_page_addr(), v;
	uint32_t mark;

	(void)ctx;
	sske(a, KEY_ACC(3));
	mark = pgm_mark();
	(void)probe_keyed_load64(a, 5, &v);
	outcome_record(out, mark, NO_CC);
	sske(a, 0);
}

/* A store under the matching key succeeds and sets the reference and change bits. */
void probe_key_store_matching(const struct hostile_ctx *ctx, struct outcome *out)
{
	uint64_t a = key_page_addr();
	uint32_t mark;
	int cc;

	(void)ctx;
	sske(a, KEY_ACC(3) | KEY_FETCH);
	mark = pgm_mark();
	cc = probe_keyed_store64(a, 3, PATTERN);
	if (cc >= 0)
		cc = rrbe(a);
	outcome_record(out, mark, cc);
	out->has_value = true;
	out->value = iske(a);
	out->value_name = "key";
	sske(a, 0);
}
