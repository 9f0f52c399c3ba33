/* Virtual channel subsystem: the I/O instructions' condition codes and program checks. */
#include <criterion/criterion.h>
#include <string.h>
#include "tests/unit/vcss_test_support.h"

static struct tenv E;

#define OPERAND (-VCSS_PGM_OPERAND)
#define SPEC    (-VCSS_PGM_SPECIFICATION)
#define ADDR    (-VCSS_PGM_ADDRESSING)

static void setup(void) { tenv_init(&E, 3); }
static void teardown(void) { tenv_fini(&E); }

TestSuite(vcss_inst, .init = setup, .fini = teardown);

/* A NOP program for subchannel schno. */
static void nop_program(void)
{
	ccw1(&E, T_CCW, CCW_CMD_NOP, CCWF_SLI, 0, 0);
}

Test(vcss_inst, attach_numbers_and_rejects)
{
	struct vdev dup = E.dev[0].vd;
	struct vdev other = E.dev[0].vd;

	cr_assert_eq(vcss_count(E.v), 3);
	dup.css = NULL;
	cr_assert_eq(vcss_attach(E.v, &dup), -1, "device number 0100 is taken");
	cr_assert_eq(vcss_attach(E.v, &E.dev[1].vd), -1, "already attached");
	other.css = NULL;
	other.devno = 0x200;
	cr_assert_eq(vcss_attach(E.v, &other), 0);
	cr_assert_eq(other.schno, 3);
	cr_assert_eq(vcss_count(E.v), 4);
}

Test(vcss_inst, stsch_initial_schib)
{
	struct tschib s;

	cr_assert_eq(stsch(&E, 1, &s), 0);
	cr_assert_eq(s.intparm, 0);
	cr_assert_eq(s.flags, PMCW_V, "disabled, ISC 0, device number valid");
	cr_assert_eq(s.devno, 0x101);
	cr_assert_eq(s.lpm, 0x80);
	cr_assert_eq(s.pim, 0x80);
	cr_assert_eq(s.pam, 0x80);
	cr_assert_eq(s.pom, 0xff);
	cr_assert_eq(s.lpum, 0);
	cr_assert_eq(s.chars, 0, "I/O subchannel, no concurrent sense");
	cr_assert_eq(s.scsw.ctl, 0);
}

Test(vcss_inst, stsch_condition_codes_and_exceptions)
{
	cr_assert_eq(vcss_stsch(E.v, sid_of(3), T_SCHIB), 3, "beyond the last subchannel");
	cr_assert_eq(vcss_stsch(E.v, 0x00030000, T_SCHIB), 3, "subchannel set 1 is empty");
	cr_assert_eq(vcss_stsch(E.v, 0x00000000, T_SCHIB), OPERAND, "bit 47 zero");
	cr_assert_eq(vcss_stsch(E.v, 0x00090000, T_SCHIB), OPERAND, "M bit without MCSS-E");
	cr_assert_eq(vcss_stsch(E.v, 0x01010000, T_SCHIB), OPERAND, "CSSID bits");
	cr_assert_eq(vcss_stsch(E.v, sid_of(0), T_SCHIB + 2), SPEC);
	cr_assert_eq(vcss_stsch(E.v, 0, T_SCHIB + 2), SPEC, "specification before the operand exception");
	cr_assert_eq(vcss_stsch(E.v, sid_of(0), T_MEM_SIZE - 48), ADDR, "SCHIB crosses the end of storage");
	cr_assert_eq(vcss_stsch(E.v, 0, T_MEM_SIZE), ADDR, "access before the operand exception");
	cr_assert_eq(vcss_stsch(E.v, sid_of(0), T_MEM_SIZE - 52), 0);
}

Test(vcss_inst, msch_sets_the_modifiable_fields_only)
{
	struct tschib s;

	cr_assert_eq(stsch(&E, 2, &s), 0);
	put32(&E, T_SCHIB, 0xcafe0001);
	put16(&E, T_SCHIB + 4, PMCW_E | (5 << PMCW_ISC_SHIFT) | PMCW_D | PMCW_T | 0x0400 /* bit 5: ignored */);
	put16(&E, T_SCHIB + 6, 0x9999);  /* device number: not modifiable */
	put8(&E, T_SCHIB + 8, 0x80);
	put8(&E, T_SCHIB + 11, 0xff);    /* PIM: not modifiable */
	put16(&E, T_SCHIB + 12, 0x0042);
	put32(&E, T_SCHIB + 24, PMCW_CHARS_S | PMCW_CHARS_F | 0x00e00000 /* subchannel type: ignored */);
	put64(&E, T_SCHIB + 40, 0x12340);
	cr_assert_eq(vcss_msch(E.v, sid_of(2), T_SCHIB), 0);
	cr_assert_eq(stsch(&E, 2, &s), 0);
	cr_assert_eq(s.intparm, 0xcafe0001);
	cr_assert_eq(s.flags, PMCW_E | (5 << PMCW_ISC_SHIFT) | PMCW_D | PMCW_V);
	cr_assert_eq(s.devno, 0x102);
	cr_assert_eq(s.pim, 0x80);
	cr_assert_eq(s.mbi, 0x42);
	cr_assert_eq(s.chars, PMCW_CHARS_S | PMCW_CHARS_F);
	cr_assert_eq(s.mba, 0x12340);
}

Test(vcss_inst, msch_operand_exceptions)
{
	cr_assert_eq(stsch(&E, 0, NULL), 0);
	put16(&E, T_SCHIB + 4, PMCW_E | 0x0100);
	cr_assert_eq(vcss_msch(E.v, sid_of(0), T_SCHIB), OPERAND, "bit 7");
	put16(&E, T_SCHIB + 4, PMCW_E | PMCW_Q);
	cr_assert_eq(vcss_msch(E.v, sid_of(0), T_SCHIB), OPERAND, "bit 0");
	put16(&E, T_SCHIB + 4, PMCW_E);
	put32(&E, T_SCHIB + 24, PMCW_CHARS_X);
	cr_assert_eq(vcss_msch(E.v, sid_of(0), T_SCHIB), OPERAND, "extended measurement word mode");
	put32(&E, T_SCHIB + 24, 0x00000100);
	cr_assert_eq(vcss_msch(E.v, sid_of(0), T_SCHIB), OPERAND, "reserved word-6 bit");
	put32(&E, T_SCHIB + 24, PMCW_CHARS_F);
	put64(&E, T_SCHIB + 40, 0x1020);
	cr_assert_eq(vcss_msch(E.v, sid_of(0), T_SCHIB), OPERAND, "format-1 MBA not on 64 bytes");
	cr_assert_eq(vcss_msch(E.v, sid_of(3), T_SCHIB), OPERAND, "invalid SCHIB before cc 3");
	put64(&E, T_SCHIB + 40, 0x1040);
	cr_assert_eq(vcss_msch(E.v, sid_of(3), T_SCHIB), 3);
	cr_assert_eq(vcss_msch(E.v, sid_of(0), T_SCHIB + 1), SPEC);
	cr_assert_eq(vcss_msch(E.v, sid_of(0), T_MEM_SIZE - 4), ADDR);
	cr_assert_eq(vcss_msch(E.v, sid_of(0), T_SCHIB), 0);
}

Test(vcss_inst, msch_status_pending_and_busy)
{
	enable(&E, 0, 3, 1);
	nop_program();
	cr_assert_eq(start(&E, 0, 7, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(stsch(&E, 0, NULL), 0);
	cr_assert_eq(vcss_msch(E.v, sid_of(0), T_SCHIB), 1, "status pending");
	cr_assert_eq(tsch(&E, 0, NULL), 0);
	/* A suspended program keeps the start function: busy. */
	ccw1(&E, T_CCW, CCW_CMD_NOP, CCWF_SLI | CCWF_S, 0, 0);
	cr_assert_eq(start(&E, 0, 7, ORB_LINUX | ORB_S | ORB_U, T_CCW), 0);
	cr_assert_eq(stsch(&E, 0, NULL), 0);
	cr_assert_eq(vcss_msch(E.v, sid_of(0), T_SCHIB), 2);
}

Test(vcss_inst, ssch_condition_codes)
{
	nop_program();
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX, T_CCW), 3, "disabled");
	cr_assert_eq(start(&E, 5, 1, ORB_LINUX, T_CCW), 3, "not provided");
	enable(&E, 0, 0, 1);
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX, T_CCW), 1, "status pending");
	cr_assert_eq(tsch(&E, 0, NULL), 0);
	ccw1(&E, T_CCW, CCW_CMD_NOP, CCWF_SLI | CCWF_S, 0, 0);
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX | ORB_S | ORB_U, T_CCW), 0);
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX, T_CCW), 2, "start function (suspended) in progress");
}

Test(vcss_inst, ssch_orb_checks)
{
	enable(&E, 0, 0, 1);
	nop_program();
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX | ORB_B, T_CCW), OPERAND, "transport mode");
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX | ORB_D, T_CCW), OPERAND, "MIDAW");
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX | 0x00000004, T_CCW), OPERAND, "bit 29");
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX, 0x80000000 | T_CCW), OPERAND, "CPA bit 0");
	cr_assert_eq(start(&E, 9, 1, ORB_LINUX | ORB_B, T_CCW), OPERAND, "invalid ORB before cc 3");
	cr_assert_eq(vcss_ssch(E.v, 0x00000005, T_ORB), OPERAND, "invalid SID");
	cr_assert_eq(vcss_ssch(E.v, sid_of(0), T_ORB + 2), SPEC);
	cr_assert_eq(vcss_ssch(E.v, sid_of(0), T_MEM_SIZE - 8), ADDR);
	put32(&E, T_MEM_SIZE - 16, 1);
	put32(&E, T_MEM_SIZE - 12, ORB_LINUX | ORB_X);
	put32(&E, T_MEM_SIZE - 8, T_CCW);
	cr_assert_eq(vcss_ssch(E.v, sid_of(0), T_MEM_SIZE - 16), ADDR, "an extended ORB is 32 bytes");
	cr_assert_eq(E.dev[0].commands, 0, "nothing started");
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX | ORB_C | ORB_M | ORB_Y | ORB_P | ORB_A | ORB_L | ORB_X, T_CCW), 0,
		     "accepted controls");
}

Test(vcss_inst, ssch_without_logical_path_is_deferred_cc3)
{
	struct tirb irb;

	enable(&E, 1, 0, 0x55);
	nop_program();
	cr_assert_eq(start(&E, 1, 0x66, ORB_F, T_CCW), 0, "LPM 0: the instruction succeeds");
	cr_assert_eq(tsch(&E, 1, &irb), 0);
	cr_assert_eq((irb.ctl & SCSW_DCC) >> SCSW_DCC_SHIFT, 3);
	cr_assert_eq(irb.ctl & SCSW_SC, SCSW_SC_ALERT | SCSW_SC_PENDING);
	cr_assert_eq(E.dev[1].commands, 0);
}

Test(vcss_inst, tsch_codes_and_priorities)
{
	struct tirb irb;

	cr_assert_eq(tsch(&E, 0, &irb), 1, "not status pending: IRB stored, cc 1");
	cr_assert_eq(irb.ctl, 0);
	cr_assert_eq(get32(&E, T_IRB + 0x40), 0xeeeeeeee, "no extended measurement word stored");
	cr_assert_eq(vcss_tsch(E.v, sid_of(3), T_IRB), 3);
	cr_assert_eq(vcss_tsch(E.v, 0x00100000, T_IRB + 1), OPERAND, "SID before specification");
	cr_assert_eq(vcss_tsch(E.v, sid_of(3), T_IRB + 1), SPEC, "specification before cc 3");
	cr_assert_eq(vcss_tsch(E.v, sid_of(3), T_MEM_SIZE - 32), ADDR, "access before cc 3");
	enable(&E, 0, 0, 1);
	nop_program();
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(vcss_tsch(E.v, sid_of(0), T_MEM_SIZE - 32), ADDR);
	cr_assert_eq(tsch(&E, 0, &irb), 0, "status kept when the IRB could not be stored");
	cr_assert_eq(tsch(&E, 0, &irb), 1, "status cleared by the previous TSCH");
	cr_assert_eq(irb.ctl & (SCSW_FC | SCSW_AC | SCSW_SC), 0, "start function complete and cleared");
}

Test(vcss_inst, csch_clears_everything)
{
	struct tirb irb;

	cr_assert_eq(vcss_csch(E.v, sid_of(0)), 3, "disabled");
	cr_assert_eq(vcss_csch(E.v, sid_of(7)), 3);
	cr_assert_eq(vcss_csch(E.v, 0x00010000 | 0x00040000 | 0x00100000), OPERAND);
	enable(&E, 0, 0, 1);
	ccw1(&E, T_CCW, TCMD_UNIT_CHECK, 0, 0, 0);
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(vcss_csch(E.v, sid_of(0)), 0, "clear is never refused");
	cr_assert_eq(E.dev[0].resets, 1, "the clear signal resets the device");
	cr_assert_eq(tsch(&E, 0, &irb), 0);
	cr_assert_eq(irb.ctl & (SCSW_FC | SCSW_AC | SCSW_SC), SCSW_FC_CLEAR | SCSW_SC_PENDING);
	cr_assert_eq(irb.dstat, 0, "the unit check status is gone");
	cr_assert_eq(irb.cstat, 0);
	cr_assert_eq(tsch(&E, 0, &irb), 1);
}

Test(vcss_inst, hsch_codes)
{
	struct tirb irb;

	cr_assert_eq(vcss_hsch(E.v, sid_of(1)), 3, "disabled");
	enable(&E, 1, 0, 1);
	cr_assert_eq(vcss_hsch(E.v, sid_of(1)), 0, "idle subchannel: halt signal");
	cr_assert_eq(vcss_hsch(E.v, sid_of(1)), 1, "status pending alone");
	cr_assert_eq(tsch(&E, 1, &irb), 0);
	cr_assert_eq(irb.ctl & (SCSW_FC | SCSW_AC | SCSW_SC), SCSW_FC_HALT | SCSW_SC_PENDING);
	nop_program();
	cr_assert_eq(start(&E, 1, 1, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(vcss_hsch(E.v, sid_of(1)), 1, "primary status pending");
	cr_assert_eq(tsch(&E, 1, NULL), 0);
}

Test(vcss_inst, hsch_ends_a_suspended_program)
{
	struct tirb irb;

	enable(&E, 0, 0, 1);
	ccw1(&E, T_CCW, CCW_CMD_NOP, CCWF_SLI | CCWF_CC, 0, 0);
	ccw1(&E, T_CCW + 8, CCW_CMD_NOP, CCWF_SLI | CCWF_S, 0, 0);
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX | ORB_S, T_CCW), 0);
	cr_assert(vcss_interrupt_pending(E.v, 0xff), "intermediate status");
	cr_assert_eq(vcss_hsch(E.v, sid_of(0)), 0, "intermediate status alone does not give cc 1");
	cr_assert_eq(vcss_hsch(E.v, sid_of(0)), 1);
	cr_assert_eq(tsch(&E, 0, &irb), 0);
	cr_assert(irb.ctl & SCSW_FC_HALT);
	cr_assert_eq(irb.ctl & SCSW_SC, SCSW_SC_PENDING);
	cr_assert_eq(irb.cpa, T_CCW + 16, "suspension point");
	cr_assert_eq(tsch(&E, 0, &irb), 1);
	cr_assert_eq(irb.ctl & (SCSW_FC | SCSW_AC), 0, "idle again");
	cr_assert_eq(vcss_rsch(E.v, sid_of(0)), 2);
}

Test(vcss_inst, xsch_codes)
{
	struct tirb irb;

	cr_assert_eq(vcss_xsch(E.v, sid_of(2)), 3, "disabled");
	enable(&E, 2, 0, 1);
	cr_assert_eq(vcss_xsch(E.v, sid_of(2)), 2, "no start function");
	ccw1(&E, T_CCW, CCW_CMD_NOP, CCWF_SLI | CCWF_S, 0, 0);
	cr_assert_eq(start(&E, 2, 1, ORB_LINUX | ORB_S, T_CCW), 0);
	cr_assert_eq(vcss_xsch(E.v, sid_of(2)), 1, "intermediate status present");
	cr_assert_eq(tsch(&E, 2, &irb), 0);
	cr_assert_eq(irb.ctl & SCSW_AC_SUSPENDED, SCSW_AC_SUSPENDED);
	cr_assert_eq(vcss_xsch(E.v, sid_of(2)), 0, "cancelled");
	cr_assert_eq(tsch(&E, 2, &irb), 1, "no interruption for a cancel");
	cr_assert_eq(irb.ctl & (SCSW_FC | SCSW_AC), 0);
	cr_assert_eq(vcss_xsch(E.v, sid_of(2)), 2);
	cr_assert_eq(start(&E, 2, 1, ORB_LINUX, T_CCW + 8), 0, "the subchannel takes a new start");
}

Test(vcss_inst, rsch_codes_and_resume)
{
	struct tirb irb;

	cr_assert_eq(vcss_rsch(E.v, sid_of(0)), 3, "disabled");
	enable(&E, 0, 0, 1);
	cr_assert_eq(vcss_rsch(E.v, sid_of(0)), 2, "no start function");
	nop_program();
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX | ORB_S, T_CCW), 0);
	cr_assert_eq(vcss_rsch(E.v, sid_of(0)), 1, "status pending");
	cr_assert_eq(tsch(&E, 0, NULL), 0);
	cr_assert_eq(vcss_rsch(E.v, sid_of(0)), 2, "not suspended");

	ccw1(&E, T_CCW, TCMD_CONTROL, CCWF_CC, 0, 0);
	ccw1(&E, T_CCW + 8, TCMD_CONTROL, CCWF_S, 0, 0);
	E.dev[0].commands = 0;
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX | ORB_S | ORB_U, T_CCW), 0);
	cr_assert_eq(E.dev[0].commands, 1, "suspended before the second command");
	cr_assert_eq(tsch(&E, 0, &irb), 1, "U: no intermediate interruption");
	cr_assert_eq(irb.ctl & (SCSW_FC | SCSW_AC), SCSW_FC_START | SCSW_AC_SUSPENDED);
	cr_assert_eq(vcss_rsch(E.v, sid_of(0)), 0, "S still set: suspends again");
	cr_assert_eq(E.dev[0].commands, 1);
	put8(&E, T_CCW + 9, 0);
	cr_assert_eq(vcss_rsch(E.v, sid_of(0)), 0);
	cr_assert_eq(E.dev[0].commands, 2);
	cr_assert_eq(tsch(&E, 0, &irb), 0);
	cr_assert_eq(irb.ctl & SCSW_SC, SCSW_SC_PRIMARY | SCSW_SC_SECONDARY | SCSW_SC_PENDING);
	cr_assert_eq(irb.cpa, T_CCW + 16);
	cr_assert_eq(irb.ctl & SCSW_S, SCSW_S, "suspend control reported");
}

Test(vcss_inst, suspend_flag_without_orb_suspend_control)
{
	struct tirb irb;

	enable(&E, 0, 0, 1);
	ccw1(&E, T_CCW, CCW_CMD_NOP, CCWF_SLI | CCWF_S, 0, 0);
	cr_assert_eq(start(&E, 0, 1, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(tsch(&E, 0, &irb), 0);
	cr_assert_eq(irb.cstat, CSTAT_PROG);
	cr_assert_eq(irb.cpa, T_CCW + 8);
}

Test(vcss_inst, stcrw_and_schm)
{
	put32(&E, 0x500, 0xffffffff);
	cr_assert_eq(vcss_stcrw(E.v, 0x500), 1);
	cr_assert_eq(get32(&E, 0x500), 0, "zeros stored");
	cr_assert_eq(vcss_stcrw(E.v, 0x502), SPEC);
	cr_assert_eq(vcss_stcrw(E.v, T_MEM_SIZE), ADDR);
	cr_assert_eq(vcss_schm(E.v, 0xffffffff00000000ULL | 0xf0000003ULL, 0x20), 0, "bits 0-31 ignored");
	cr_assert_eq(vcss_schm(E.v, 0x4, 0), OPERAND);
	cr_assert_eq(vcss_schm(E.v, 0x2, 0x21), OPERAND, "origin not on 32 bytes");
	cr_assert_eq(vcss_schm(E.v, 0x1, 0x21), 0, "origin ignored without M");
}

Test(vcss_inst, tpi_operand)
{
	struct vcss_io_int code;

	cr_assert_eq(vcss_tpi(E.v, 0xff, false, 0x600, NULL), 0, "nothing pending");
	cr_assert_eq(vcss_tpi(E.v, 0xff, false, 0x602, NULL), SPEC);
	cr_assert_eq(vcss_tpi(E.v, 0xff, false, T_MEM_SIZE - 4, NULL), ADDR);
	enable(&E, 2, 4, 0xabcd0002);
	nop_program();
	cr_assert_eq(start(&E, 2, 0x12345678, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(vcss_tpi(E.v, 0xff, false, T_MEM_SIZE - 4, NULL), ADDR);
	cr_assert_eq(vcss_tpi(E.v, 0x08, false, 0x600, NULL), 1, "ISC 4 enabled");
	cr_assert_eq(get32(&E, 0x600), 0x00010002);
	cr_assert_eq(get32(&E, 0x604), 0x12345678, "the ORB's interruption parameter");
	cr_assert_eq(vcss_tpi(E.v, 0xff, false, 0x600, NULL), 0, "taken");
	cr_assert_eq(tsch(&E, 2, NULL), 0, "still status pending after TPI");

	cr_assert_eq(start(&E, 2, 0x9, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(vcss_tpi(E.v, 0xf7, true, 0, &code), 0, "ISC 4 masked");
	cr_assert_eq(vcss_tpi(E.v, 0x08, true, 0, &code), 1);
	cr_assert_eq(code.sid, 0x00010002);
	cr_assert_eq(code.intparm, 0x9);
	cr_assert_eq(code.iiw, 4U << 27);
}

Test(vcss_inst, reset_returns_subchannels_to_initial_state)
{
	struct tschib s;

	enable(&E, 1, 6, 0x77);
	nop_program();
	cr_assert_eq(start(&E, 1, 0x78, ORB_LINUX, T_CCW), 0);
	cr_assert(vcss_interrupt_pending(E.v, 0xff));
	vcss_reset(E.v);
	cr_assert(!vcss_interrupt_pending(E.v, 0xff), "interruption requests discarded");
	for (unsigned i = 0; i < 3; i++)
		cr_assert_eq(E.dev[i].resets, 1);
	cr_assert_eq(stsch(&E, 1, &s), 0);
	cr_assert_eq(s.flags, PMCW_V);
	cr_assert_eq(s.intparm, 0);
	cr_assert_eq(s.scsw.ctl, 0);
	cr_assert_eq(tsch(&E, 1, NULL), 1);
}

Test(vcss_inst, destroy_calls_device_destroy)
{
	struct vcss *v = E.v;

	vcss_destroy(v);
	E.v = vcss_create(&E.g, NULL);
	for (unsigned i = 0; i < 3; i++) {
		cr_assert_eq(E.dev[i].destroys, 1);
		cr_assert_null(E.dev[i].vd.css);
	}
}
