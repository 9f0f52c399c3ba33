/*
 * hostile: checks that a hypervisor confines its guest. Each probe of the
 * table prints "HOSTILE <name> PASS", "HOSTILE <name> FAIL <details>" or
 * "HOSTILE <name> SKIP <why>"; the last line is
 * "HOSTILE DONE <passed> passed <failed> failed".
 * Parameters: mem=<MiB> (storage size, else SCLP read SCP info),
 * skip=<name>,<name>... (probes not to run).
 * The expected results are the architected ones, which bare QEMU (TCG) gives too.
 */
#include "tests/guests/hostile.h"
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/cmdline.h"
#include "tests/guests/lib/insn.h"
#include "tests/guests/lib/print.h"
#include "tests/guests/lib/storage.h"
#include <stdio.h>

const char guest_name[] = "HOSTILE";

/* QEMU 7.2 TCG loads any PSW; bare QEMU runs pass skip=lpswe-ea-only,lpswe-bit12. */
#define QEMU_TCG_PSW_GAP "QEMU 7.2 TCG does not check PSW validity"
/* and does not check storage keys on accesses (checked below on real SIE). */
#define QEMU_TCG_KEY_GAP "QEMU 7.2 TCG has no key-controlled protection"

#define PROBE(n, fn, exp, ...) { .name = (n), .run = (fn), .expect = exp, __VA_ARGS__ }

static const struct probe probes[] = {
	/* (a) storage: the last doubleword is there, the next one is not */
	PROBE("mem-last", probe_mem_last, EXPECT_NOTHING()),
	PROBE("mem-load-end", probe_mem_load_end, EXPECT_PROGRAM_CHECK(PGM_ADDRESSING)),
	PROBE("mem-store-end", probe_mem_store_end, EXPECT_PROGRAM_CHECK(PGM_ADDRESSING)),
	PROBE("mem-load-1t", probe_mem_load_1t, EXPECT_PROGRAM_CHECK(PGM_ADDRESSING)),
	PROBE("mem-load-top", probe_mem_load_top, EXPECT_PROGRAM_CHECK(PGM_ADDRESSING)),
	/* (b), (c) channel subsystem: no such subchannel; a malformed subchannel id */
	PROBE("stsch-nodev", probe_stsch_nodev, EXPECT_COND(3)),
	PROBE("ssch-nodev", probe_ssch_nodev, EXPECT_COND(3)),
	PROBE("stsch-badid", probe_stsch_badid, EXPECT_PROGRAM_CHECK(PGM_OPERAND)),
	/* (d) SIGP: no such CPU; an undefined order ("invalid order" status) */
	PROBE("sigp-nocpu", probe_sigp_nocpu, EXPECT_COND(3)),
	PROBE("sigp-badorder", probe_sigp_badorder, EXPECT_COND_VALUE(1, 0x00000002, 0xffffffff)),
	/* (e) SCLP: a misaligned SCCB; an SCCB beyond storage; an undefined command */
	PROBE("servc-misaligned", probe_servc_misaligned, EXPECT_PROGRAM_CHECK(PGM_SPECIFICATION)),
	PROBE("servc-beyond", probe_servc_beyond, EXPECT_PROGRAM_CHECK(PGM_ADDRESSING)),
	PROBE("servc-badcmd", probe_servc_badcmd, EXPECT_COND_VALUE(0, 0x01f0, 0xffff)),
	/* (f) an undefined DIAGNOSE code */
	PROBE("diag-undefined", probe_diag_undefined, EXPECT_PROGRAM_CHECK(PGM_SPECIFICATION)),
	/* (g) invalid PSWs: odd instruction address; EA without BA; bit 12 on */
	PROBE("lpswe-odd", probe_lpswe_odd, EXPECT_PROGRAM_CHECK(PGM_SPECIFICATION)),
	PROBE("lpswe-ea-only", probe_lpswe_ea_only, EXPECT_PROGRAM_CHECK(PGM_SPECIFICATION),
	      .known_gap = QEMU_TCG_PSW_GAP),
	PROBE("lpswe-bit12", probe_lpswe_bit12, EXPECT_PROGRAM_CHECK(PGM_SPECIFICATION),
	      .known_gap = QEMU_TCG_PSW_GAP),
	/* (h) a channel program whose data address is beyond storage: subchannel program check */
	PROBE("ccw-data-beyond", probe_ccw_data_beyond, EXPECT_COND_VALUE(0, 0x20, 0x20)),
	/* (i) privileged instructions in problem state */
	PROBE("priv-stctg", probe_priv_stctg, EXPECT_PROGRAM_CHECK(PGM_PRIVILEGED_OP)),
	PROBE("priv-sigp", probe_priv_sigp, EXPECT_PROGRAM_CHECK(PGM_PRIVILEGED_OP)),
	PROBE("priv-diag", probe_priv_diag, EXPECT_PROGRAM_CHECK(PGM_PRIVILEGED_OP)),
	/* (j) storage keys: SSKE/RRBE/ISKE, key-controlled protection of stores and fetches */
	PROBE("key-sske-rrbe-iske", probe_key_sske_rrbe_iske, EXPECT_COND_VALUE(3, 0x32, 0xfe)),
	PROBE("key-store-protected", probe_key_store_protected, EXPECT_PROGRAM_CHECK(PGM_PROTECTION),
	      .known_gap = QEMU_TCG_KEY_GAP),
	PROBE("key-fetch-protected", probe_key_fetch_protected, EXPECT_PROGRAM_CHECK(PGM_PROTECTION),
	      .known_gap = QEMU_TCG_KEY_GAP),
	PROBE("key-fetch-unprotected", probe_key_fetch_unprotected, EXPECT_NOTHING()),
	PROBE("key-store-matching", probe_key_store_matching, EXPECT_COND_VALUE(3, 0x3a, 0xfe)),
	/* (k) control blocks with reserved bits set */
	PROBE("ssch-orb-reserved", probe_ssch_orb_reserved, EXPECT_PROGRAM_CHECK(PGM_OPERAND)),
	PROBE("msch-schib-reserved", probe_msch_schib_reserved, EXPECT_PROGRAM_CHECK(PGM_OPERAND)),
};

/* "program check 0005", "cc 3", "cc 1 status 00000002" */
static void describe(char *buf, size_t size, const struct outcome *o)
{
	if (o->pgm)
		snprintf(buf, size, "program check %04x", o->code);
	else if (o->cc < 0)
		snprintf(buf, size, "no program check");
	else if (o->has_value)
		snprintf(buf, size, "cc %d %s %08x", o->cc, o->value_name, o->value);
	else
		snprintf(buf, size, "cc %d", o->cc);
}

static void describe_expected(char *buf, size_t size, const struct expect *e)
{
	switch (e->kind) {
	case EXPECT_PGM:
		snprintf(buf, size, "program check %04x", e->code);
		break;
	case EXPECT_CC:
		if (e->check_value)
			snprintf(buf, size, "cc %d value %08x (mask %08x)", e->cc, e->value, e->value_mask);
		else
			snprintf(buf, size, "cc %d", e->cc);
		break;
	default:
		snprintf(buf, size, "no program check");
		break;
	}
}

static bool verdict(const struct expect *e, const struct outcome *o)
{
	if (o->failure)
		return false;
	switch (e->kind) {
	case EXPECT_PGM:
		/* The PER bit (0x80) may accompany the code. */
		return o->pgm && (o->code & ~0x0080) == e->code;
	case EXPECT_CC:
		if (o->pgm || o->cc != e->cc)
			return false;
		return !e->check_value || (o->has_value && (o->value & e->value_mask) == e->value);
	default:
		return !o->pgm;
	}
}

/* Runs one probe and prints its line; returns 1 if it passed, 0 if it failed, -1 if skipped. */
static int run_probe(const struct probe *p, const struct hostile_ctx *ctx)
{
	struct outcome out = { .cc = -1 };
	char got[64], want[64];

	if (cmdline_list_has("skip", p->name)) {
		gprintf("HOSTILE %s SKIP skip= on the command line\n", p->name);
		return -1;
	}
	p->run(ctx, &out);
	if (out.skip) {
		gprintf("HOSTILE %s SKIP %s\n", p->name, out.skip);
		return -1;
	}
	if (verdict(&p->expect, &out)) {
		gprintf("HOSTILE %s PASS\n", p->name);
		return 1;
	}
	describe(got, sizeof(got), &out);
	describe_expected(want, sizeof(want), &p->expect);
	if (out.failure)
		gprintf("HOSTILE %s FAIL %s: %s%s%s\n", p->name, out.failure, got,
			out.note[0] ? " " : "", out.note);
	else
		gprintf("HOSTILE %s FAIL expected %s, got %s%s%s%s%s\n", p->name, want, got,
			out.note[0] ? " " : "", out.note, p->known_gap ? "; known gap: " : "",
			p->known_gap ? p->known_gap : "");
	return 0;
}

int guest_main(void)
{
	struct hostile_ctx ctx = { .cpu_address = stap() };
	int passed = 0, failed = 0;

	ctx.have_storage = storage_size(&ctx.storage, &ctx.storage_source) == 0;
	if (ctx.have_storage)
		gprintf("HOSTILE storage %lu MiB (%s)\n", ctx.storage >> 20, ctx.storage_source);
	else
		gprintf("HOSTILE storage size unknown: the storage probes are skipped\n");
	for (size_t i = 0; i < ARRAY_SIZE(probes); i++) {
		int r = run_probe(&probes[i], &ctx);

		if (r > 0)
			passed++;
		else if (r == 0)
			failed++;
	}
	gprintf("HOSTILE DONE %d passed %d failed\n", passed, failed);
	return failed;
}
