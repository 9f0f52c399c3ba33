/* Virtual channel subsystem: channel programs, their data and their ending status. */
#include <criterion/criterion.h>
#include <string.h>
#include "tests/unit/vcss_test_support.h"

static struct tenv E;

static void setup(void)
{
	tenv_init(&E, 2);
	enable(&E, 0, 3, 0x0a0a0a0a);
	enable(&E, 1, 3, 0x0b0b0b0b);
}

static void teardown(void) { tenv_fini(&E); }

TestSuite(vcss_ccw, .init = setup, .fini = teardown);

#define SC_DONE (SCSW_SC_PRIMARY | SCSW_SC_SECONDARY | SCSW_SC_PENDING)
#define SC_ALERT_DONE (SC_DONE | SCSW_SC_ALERT)

/* Run the program at cpa on subchannel 0 with ORB flags, then TSCH (cc 0 expected). */
static void run(uint32_t flags, uint32_t cpa, struct tirb *irb)
{
	cr_assert_eq(start(&E, 0, 0x11223344, flags, cpa), 0);
	cr_assert_eq(tsch(&E, 0, irb), 0);
}

static void fill(uint64_t a, uint32_t n, uint8_t seed)
{
	for (uint32_t i = 0; i < n; i++)
		E.mem[a + i] = (uint8_t)(seed + i * 7);
}

Test(vcss_ccw, linux_style_program)
{
	struct tirb irb;
	uint8_t expect[5100];

	/* Sense ID, a write of 5100 bytes over three IDAWs and a TIC'd data chain, a short read. */
	ccw1(&E, T_CCW + 0x00, CCW_CMD_SENSE_ID, CCWF_CC | CCWF_SLI, 40, T_DATA);
	ccw1(&E, T_CCW + 0x08, TCMD_WRITE, CCWF_CD | CCWF_IDA, 5000, T_IDAW);
	ccw1(&E, T_CCW + 0x10, CCW_CMD_TIC, 0, 0, T_CCW + 0x40);
	ccw1(&E, T_CCW + 0x40, 0x00 /* ignored in a data chain */, CCWF_CC, 100, 0x50000);
	ccw1(&E, T_CCW + 0x48, TCMD_READ, CCWF_SLI, 64, 0x60000);
	put64(&E, T_IDAW + 0, 0x20f00);   /* first IDAW: anywhere, 256 bytes to the 4K boundary */
	put64(&E, T_IDAW + 8, 0x30000);
	put64(&E, T_IDAW + 16, 0x40000);
	fill(0x20f00, 256, 1);
	fill(0x30000, 4096, 2);
	fill(0x40000, 648, 3);
	fill(0x50000, 100, 4);
	memcpy(expect, E.mem + 0x20f00, 256);
	memcpy(expect + 256, E.mem + 0x30000, 4096);
	memcpy(expect + 4352, E.mem + 0x40000, 648);
	memcpy(expect + 5000, E.mem + 0x50000, 100);
	E.dev[0].rlen = 10;
	memcpy(E.dev[0].rdata, "0123456789", 10);

	run(ORB_LINUX | (0x3U << 28), T_CCW, &irb);
	cr_assert_eq(memcmp(E.mem + T_DATA, "\xff\x38\x32\x01\x33\x90\x0c\x00", 8), 0, "sense ID by the fallback");
	cr_assert_eq(E.dev[0].seen_cmd, TCMD_READ);
	cr_assert_eq(E.dev[0].wlen, 5100);
	cr_assert_eq(memcmp(E.dev[0].wbuf, expect, 5100), 0, "the write crossed IDAWs and the data chain");
	cr_assert_eq(memcmp(E.mem + 0x60000, "0123456789", 10), 0);
	cr_assert_eq(irb.ctl & SCSW_KEY, 0x30000000, "key from the ORB");
	cr_assert_eq(irb.ctl & SCSW_F, SCSW_F, "format-1 CCWs");
	cr_assert_eq(irb.ctl & SCSW_FC, SCSW_FC_START);
	cr_assert_eq(irb.ctl & SCSW_AC, 0);
	cr_assert_eq(irb.ctl & SCSW_SC, SC_DONE);
	cr_assert_eq(irb.ctl & SCSW_DCC, 0);
	cr_assert_eq(irb.cpa, T_CCW + 0x50, "last CCW + 8");
	cr_assert_eq(irb.dstat, DSTAT_CE | DSTAT_DE);
	cr_assert_eq(irb.cstat, 0);
	cr_assert_eq(irb.count, 54, "residual of the read");
	cr_assert_eq(irb.esw0, 0x00800000, "LPUM");
	cr_assert_eq(irb.erw, 0);
}

Test(vcss_ccw, device_sees_data_chain_count)
{
	ccw1(&E, T_CCW, TCMD_WRITE, CCWF_CD, 10, T_DATA);
	ccw1(&E, T_CCW + 8, TCMD_READ, CCWF_CD, 20, T_DATA + 10);
	ccw1(&E, T_CCW + 16, 0, 0, 30, T_DATA + 30);
	run(ORB_LINUX, T_CCW, NULL);
	cr_assert_eq(E.dev[0].seen_count, 60);
	cr_assert_eq(E.dev[0].wlen, 60);
}

Test(vcss_ccw, sense_id_by_device_with_ciw)
{
	struct tirb irb;

	E.dev[1].handles_basic = true;
	ccw1(&E, T_CCW, CCW_CMD_SENSE_ID, CCWF_SLI, 40, T_DATA);
	cr_assert_eq(start(&E, 1, 1, ORB_LINUX, T_CCW), 0);
	cr_assert_eq(tsch(&E, 1, &irb), 0);
	cr_assert_eq(memcmp(E.mem + T_DATA, "\xff\x38\x32\x01\x33\x90\x0c\x00\x40\x83\x00\x80", 12), 0);
	cr_assert_eq(irb.count, 28);
	cr_assert_eq(irb.cstat, 0);
}

Test(vcss_ccw, incorrect_length_short_without_sli_ends_the_chain)
{
	struct tirb irb;

	E.dev[0].rlen = 10;
	ccw1(&E, T_CCW, TCMD_READ, CCWF_CC, 64, T_DATA);
	ccw1(&E, T_CCW + 8, TCMD_CONTROL, 0, 0, 0);
	E.dev[0].commands = 0;
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(E.dev[0].commands, 1, "command chaining suppressed");
	cr_assert_eq(irb.cstat, CSTAT_IL);
	cr_assert_eq(irb.dstat, DSTAT_CE | DSTAT_DE);
	cr_assert_eq(irb.count, 54);
	cr_assert_eq(irb.cpa, T_CCW + 8);
}

Test(vcss_ccw, incorrect_length_suppressed_by_sli_chain_continues)
{
	struct tirb irb;

	E.dev[0].rlen = 10;
	ccw1(&E, T_CCW, TCMD_READ, CCWF_CC | CCWF_SLI, 64, T_DATA);
	ccw1(&E, T_CCW + 8, TCMD_CONTROL, 0, 0, 0);
	E.dev[0].commands = 0;
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(E.dev[0].commands, 2);
	cr_assert_eq(irb.cstat, 0);
	cr_assert_eq(irb.cpa, T_CCW + 16);
	cr_assert_eq(irb.count, 0);
}

Test(vcss_ccw, incorrect_length_device_wants_more)
{
	struct tirb irb;

	E.dev[0].rlen = 10;
	ccw1(&E, T_CCW, TCMD_READ, 0, 4, T_DATA);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(E.dev[0].last_rc, 4, "the store stops at the count");
	cr_assert_eq(irb.cstat, CSTAT_IL);
	cr_assert_eq(irb.count, 0);
	cr_assert_eq(irb.ctl & SCSW_SC, SC_ALERT_DONE);

	ccw1(&E, T_CCW, TCMD_READ, CCWF_SLI, 4, T_DATA);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, 0);
	cr_assert_eq(irb.ctl & SCSW_SC, SC_DONE);
}

Test(vcss_ccw, sli_is_ignored_with_chain_data)
{
	struct tirb irb;

	E.dev[0].rlen = 5;
	ccw1(&E, T_CCW, TCMD_READ, CCWF_CD | CCWF_SLI, 10, T_DATA);
	ccw1(&E, T_CCW + 8, 0, CCWF_SLI, 10, T_DATA + 10);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_IL);
	cr_assert_eq(irb.count, 5);
	cr_assert_eq(irb.cpa, T_CCW + 8, "the data chain's second CCW was never fetched");
}

Test(vcss_ccw, immediate_command_length_rules)
{
	struct tirb irb;

	ccw1(&E, T_CCW, TCMD_CONTROL, 0, 10, 0);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_IL, "format 1: a nonzero count is incorrect length");
	cr_assert_eq(irb.count, 10);
	run(ORB_LINUX | ORB_L, T_CCW, &irb);
	cr_assert_eq(irb.cstat, 0, "suppressed in incorrect-length-suppression mode");
	ccw1(&E, T_CCW, TCMD_CONTROL, CCWF_SLI, 10, 0);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, 0);
	ccw0(&E, T_CCW, TCMD_CONTROL, 0, 0, 10);
	run(0x8000, T_CCW, &irb);
	cr_assert_eq(irb.cstat, 0, "format 0: never for an immediate command");
	cr_assert_eq(irb.ctl & SCSW_F, 0);
	ccw1(&E, T_CCW, TCMD_CONTROL, 0, 0, 0);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, 0, "zero count");
}

Test(vcss_ccw, format0_program)
{
	struct tirb irb;

	memcpy(E.mem + 0x20000, "abc", 3);
	ccw0(&E, T_CCW, TCMD_WRITE, 0x20000, CCWF_CC, 3);
	ccw0(&E, T_CCW + 8, 0xf8 /* TIC: bits 0-3 ignored */, T_CCW + 0x20, 0xff, 0xffff);
	ccw0(&E, T_CCW + 0x20, TCMD_CONTROL, 0, CCWF_SLI, 1);
	run(0x8000, T_CCW, &irb);
	cr_assert_eq(E.dev[0].wlen, 3);
	cr_assert_eq(memcmp(E.dev[0].wbuf, "abc", 3), 0);
	cr_assert_eq(irb.cpa, T_CCW + 0x28);
	cr_assert_eq(irb.cstat, 0);
}

Test(vcss_ccw, format0_zero_count_and_24bit_limit)
{
	struct tirb irb;

	ccw0(&E, T_CCW, TCMD_CONTROL, 0, 0, 0);
	run(0x8000, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "format-0 count of zero");
	cr_assert_eq(irb.cpa, T_CCW + 8);

	ccw0(&E, 0x1000000, TCMD_CONTROL, 0, CCWF_SLI, 1);
	ccw1(&E, 0x1000000, TCMD_CONTROL, CCWF_SLI, 1, 0);
	run(0x8000, 0x1000000, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "format-0 program above 16M");
	run(ORB_LINUX, 0x1000000, &irb);
	cr_assert_eq(irb.cstat, 0, "format 1 reaches it");

	E.dev[0].rlen = 16;
	ccw0(&E, T_CCW, TCMD_READ, 0xfffff8, CCWF_SLI, 16);
	run(0x8000, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "format-0 data area wraps past 16M");
	cr_assert_eq(irb.dstat, DSTAT_CE | DSTAT_DE);
	cr_assert_eq(irb.count, 16);
}

Test(vcss_ccw, invalid_command_codes)
{
	struct tirb irb;

	ccw1(&E, T_CCW, 0x10, CCWF_SLI, 1, T_DATA);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "low-order four bits zero");
	cr_assert_eq(irb.ctl & SCSW_SC, SC_ALERT_DONE);
	cr_assert_eq(irb.dstat, 0);
	ccw1(&E, T_CCW, 0x18, 0, 0, T_CCW + 0x100);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "format-1 x8 with bits 0-3");
	ccw1(&E, T_CCW, TCMD_CONTROL, CCWF_MIDA, 0, 0);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "MIDAW flag");
	cr_assert_eq(E.dev[0].commands, 0);
}

Test(vcss_ccw, tic_rules)
{
	struct tirb irb;

	/* TIC first is fine. */
	ccw1(&E, T_CCW, CCW_CMD_TIC, 0, 0, T_CCW + 0x80);
	ccw1(&E, T_CCW + 0x80, TCMD_CONTROL, 0, 0, 0);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, 0);
	cr_assert_eq(irb.cpa, T_CCW + 0x88);

	/* TIC to TIC. */
	ccw1(&E, T_CCW + 0x80, CCW_CMD_TIC, 0, 0, T_CCW + 0x100);
	ccw1(&E, T_CCW + 0x100, TCMD_CONTROL, 0, 0, 0);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG);
	cr_assert_eq(irb.cpa, T_CCW + 0x88, "reported at the second TIC");

	/* TIC to an address not on a doubleword: reported at the TIC. */
	ccw1(&E, T_CCW, CCW_CMD_TIC, 0, 0, T_CCW + 0x84);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG);
	cr_assert_eq(irb.cpa, T_CCW + 8);

	/* TIC outside storage. */
	ccw1(&E, T_CCW, CCW_CMD_TIC, 0, 0, T_MEM_SIZE);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG);
	cr_assert_eq(irb.cpa, T_CCW + 8);

	/* Format-1 TIC with flags or count; bit 0 of the address. */
	ccw1(&E, T_CCW, CCW_CMD_TIC, CCWF_CC, 0, T_CCW + 0x100);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG);
	ccw1(&E, T_CCW, CCW_CMD_TIC, 0, 8, T_CCW + 0x100);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG);
	ccw1(&E, T_CCW, CCW_CMD_TIC, 0, 0, 0x80000000U | (uint32_t)(T_CCW + 0x100));
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG);
	cr_assert_eq(E.dev[0].commands, 1, "only the first program reached the device");
}

Test(vcss_ccw, endless_tic_loop_is_cut)
{
	struct tirb irb;

	ccw1(&E, T_CCW, TCMD_CONTROL, CCWF_CC, 0, 0);
	ccw1(&E, T_CCW + 8, CCW_CMD_TIC, 0, 0, T_CCW);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG);
	cr_assert_eq(E.dev[0].commands, VCSS_CCW_LIMIT / 2);
	cr_assert_eq(irb.ctl & SCSW_SC, SC_ALERT_DONE);
}

Test(vcss_ccw, ccw_address_checks)
{
	struct tirb irb;

	run(ORB_LINUX, T_CCW + 4, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "CPA not on a doubleword");
	cr_assert_eq(irb.cpa, T_CCW + 12);
	cr_assert_eq(irb.count, 0);
	run(ORB_LINUX, T_MEM_SIZE, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "CPA outside storage");
	cr_assert_eq(irb.cpa, T_MEM_SIZE + 8);
	ccw1(&E, T_MEM_SIZE - 8, TCMD_CONTROL, CCWF_CC, 0, 0);
	run(ORB_LINUX, T_MEM_SIZE - 8, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "chained into nonexistent storage");
	cr_assert_eq(irb.cpa, T_MEM_SIZE + 8);
	cr_assert_eq(E.dev[0].commands, 1);
}

Test(vcss_ccw, data_address_checks)
{
	struct tirb irb;

	E.dev[0].rlen = 16;
	ccw1(&E, T_CCW, TCMD_READ, CCWF_CC, 16, T_MEM_SIZE - 8);
	ccw1(&E, T_CCW + 8, TCMD_CONTROL, 0, 0, 0);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(E.dev[0].last_rc, -1);
	cr_assert_eq(irb.cstat, CSTAT_PROG);
	cr_assert_eq(irb.dstat, DSTAT_CE | DSTAT_DE);
	cr_assert_eq(irb.cpa, T_CCW + 8);
	cr_assert_eq(irb.count, 16);
	cr_assert_eq(E.dev[0].commands, 1, "no chaining after a check");

	ccw1(&E, T_CCW, TCMD_READ, CCWF_SLI, 16, 0x7ffffff8);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "beyond 2G");
	ccw1(&E, T_CCW, TCMD_READ, CCWF_SLI, 16, 0x80000000);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "data address bit 0");

	/* A data chain into a CCW with zero count, or through a bad TIC. */
	ccw1(&E, T_CCW, TCMD_READ, CCWF_CD, 8, T_DATA);
	ccw1(&E, T_CCW + 8, 0, 0, 0, T_DATA);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG);
	cr_assert_eq(irb.cpa, T_CCW + 16);
	cr_assert_eq(memcmp(E.mem + T_DATA, E.dev[0].rdata, 8), 0, "the first CCW's data went through");
	ccw1(&E, T_CCW + 8, CCW_CMD_TIC, 0, 0, T_CCW + 4);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG);
	cr_assert_eq(irb.cpa, T_CCW + 16);
	ccw1(&E, T_CCW + 8, 0, CCWF_S, 8, T_DATA);
	run(ORB_LINUX | ORB_S, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "suspend in a data chain");
}

Test(vcss_ccw, idaw_checks)
{
	struct tirb irb;

	E.dev[0].rlen = 300;
	ccw1(&E, T_CCW, TCMD_READ, CCWF_IDA, 300, T_IDAW);
	put64(&E, T_IDAW, 0x20f00);
	put64(&E, T_IDAW + 8, 0x30010);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "second IDAW not on a 4K boundary");
	cr_assert_eq(irb.count, 300 - 256);

	put64(&E, T_IDAW + 8, 0x30800);
	run(ORB_LINUX | ORB_T, T_CCW, &irb);
	cr_assert_eq(irb.cstat, 0, "2K format-2 IDAWs: 0x30800 is a block start");
	cr_assert_eq(memcmp(E.mem + 0x30800, E.dev[0].rdata + 256, 44), 0);

	ccw1(&E, T_CCW, TCMD_READ, CCWF_IDA, 300, T_IDAW + 4);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "format-2 IDAW list not on a doubleword");

	/* Format-1 IDAWs: 31-bit, 2K blocks. */
	ccw1(&E, T_CCW, TCMD_READ, CCWF_IDA, 300, T_IDAW);
	put32(&E, T_IDAW, 0x20700);
	put32(&E, T_IDAW + 4, 0x31800);
	run(ORB_F | 0x8000, T_CCW, &irb);
	cr_assert_eq(irb.cstat, 0);
	cr_assert_eq(memcmp(E.mem + 0x20700, E.dev[0].rdata, 256), 0);
	cr_assert_eq(memcmp(E.mem + 0x31800, E.dev[0].rdata + 256, 44), 0);
	put32(&E, T_IDAW + 4, 0x80031800);
	run(ORB_F | 0x8000, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "format-1 IDAW bit 0");
	put32(&E, T_IDAW, 0x00fffff0);
	put32(&E, T_IDAW + 4, T_MEM_SIZE);
	run(ORB_F | 0x8000, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PROG, "IDAW outside storage");
	cr_assert_eq(irb.count, 300 - 16);
}

Test(vcss_ccw, skip_stores_nothing)
{
	struct tirb irb;

	E.dev[0].rlen = 8;
	memset(E.mem + T_DATA, 0x5a, 8);
	ccw1(&E, T_CCW, TCMD_READ, CCWF_SKIP, 8, T_DATA);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.count, 0);
	cr_assert_eq(irb.cstat, 0);
	cr_assert_eq(E.mem[T_DATA], 0x5a);
	ccw1(&E, T_CCW, TCMD_READ, CCWF_SKIP, 8, T_MEM_SIZE);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.cstat, 0, "no storage reference at all");
}

Test(vcss_ccw, unit_check_concurrent_and_basic_sense)
{
	struct tirb irb;
	struct tschib s;

	ccw1(&E, T_CCW, TCMD_UNIT_CHECK, CCWF_CC, 0, 0);
	ccw1(&E, T_CCW + 8, TCMD_CONTROL, 0, 0, 0);
	E.dev[0].commands = 0;
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(E.dev[0].commands, 1, "unit check ends the chain");
	cr_assert_eq(irb.dstat, DSTAT_CE | DSTAT_DE | DSTAT_UC);
	cr_assert_eq(irb.ctl & SCSW_SC, SC_ALERT_DONE);
	cr_assert_eq(irb.ctl & (SCSW_L | SCSW_E), 0, "no concurrent sense unless asked");
	cr_assert_eq(irb.erw, 0);
	cr_assert_eq(irb.cpa, T_CCW + 8);

	/* Basic sense, answered by the channel subsystem for this device. */
	ccw1(&E, T_CCW + 0x40, CCW_CMD_SENSE, CCWF_SLI, 32, T_DATA);
	memset(E.mem + T_DATA, 0xaa, 32);
	run(ORB_LINUX, T_CCW + 0x40, &irb);
	cr_assert_eq(irb.dstat, DSTAT_CE | DSTAT_DE);
	cr_assert_eq(E.mem[T_DATA], 0x10);
	cr_assert_eq(E.mem[T_DATA + 1], 0x42);
	cr_assert_eq(E.mem[T_DATA + 2], 0);
	cr_assert_eq(irb.count, 0);
	run(ORB_LINUX, T_CCW + 0x40, &irb);
	cr_assert_eq(E.mem[T_DATA], 0, "sense data reset once sensed");

	/* Concurrent sense, as Linux enables it. */
	cr_assert_eq(stsch(&E, 0, &s), 0);
	put32(&E, T_SCHIB + 24, PMCW_CHARS_S);
	cr_assert_eq(vcss_msch(E.v, sid_of(0), T_SCHIB), 0);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.dstat, DSTAT_CE | DSTAT_DE | DSTAT_UC);
	cr_assert_eq(irb.ctl & (SCSW_L | SCSW_E), SCSW_L | SCSW_E);
	cr_assert_eq(irb.erw, ERW_S | (32U << ERW_SCNT_SHIFT));
	cr_assert_eq(irb.ecw[0], 0x10);
	cr_assert_eq(irb.ecw[1], 0x42);
	cr_assert_eq(irb.esw0, 0x00800000);

	/* Any other command resets the sense data. */
	ccw1(&E, T_CCW + 0x80, TCMD_CONTROL, CCWF_CC, 0, 0);
	ccw1(&E, T_CCW + 0x88, CCW_CMD_SENSE, CCWF_SLI, 32, T_DATA);
	memset(E.mem + T_DATA, 0xaa, 32);
	run(ORB_LINUX, T_CCW + 0x80, &irb);
	cr_assert_eq(E.mem[T_DATA], 0);
}

Test(vcss_ccw, command_reject_of_unknown_command)
{
	struct tirb irb;

	ccw1(&E, T_CCW, 0x77, 0, 0, 0);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.dstat, DSTAT_CE | DSTAT_DE | DSTAT_UC);
	cr_assert_eq(E.dev[0].vd.sense[0], 0x80);
}

Test(vcss_ccw, unit_exception_ends_the_chain)
{
	struct tirb irb;

	ccw1(&E, T_CCW, TCMD_UNIT_EXC, CCWF_CC, 0, 0);
	ccw1(&E, T_CCW + 8, TCMD_CONTROL, 0, 0, 0);
	E.dev[0].commands = 0;
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(E.dev[0].commands, 1);
	cr_assert_eq(irb.dstat, DSTAT_CE | DSTAT_DE | DSTAT_UE);
	cr_assert_eq(irb.ctl & SCSW_SC, SC_ALERT_DONE);
}

Test(vcss_ccw, pci_and_initial_status_flags)
{
	struct tirb irb;

	ccw1(&E, T_CCW, TCMD_CONTROL, CCWF_CC | CCWF_PCI, 0, 0);
	ccw1(&E, T_CCW + 8, TCMD_CONTROL, 0, 0, 0);
	run(ORB_LINUX | ORB_I, T_CCW, &irb);
	cr_assert_eq(irb.cstat, CSTAT_PCI);
	cr_assert_eq(irb.ctl & SCSW_SC, SC_DONE, "PCI alone is no alert");
	cr_assert_eq(irb.ctl & (SCSW_Z | SCSW_I), SCSW_Z | SCSW_I);
}

Test(vcss_ccw, suspend_intermediate_status_and_resume)
{
	struct tirb irb;

	ccw1(&E, T_CCW, TCMD_CONTROL, CCWF_CC, 0, 0);
	ccw1(&E, T_CCW + 8, TCMD_CONTROL, CCWF_S | CCWF_SLI, 5, 0);
	cr_assert_eq(start(&E, 0, 0x42, ORB_LINUX | ORB_S, T_CCW), 0);
	cr_assert_eq(tsch(&E, 0, &irb), 0);
	cr_assert_eq(irb.ctl & SCSW_SC, SCSW_SC_INTERMED | SCSW_SC_PENDING);
	cr_assert_eq(irb.ctl & SCSW_AC, SCSW_AC_SUSPENDED);
	cr_assert_eq(irb.ctl & SCSW_FC, SCSW_FC_START);
	cr_assert_eq(irb.cpa, T_CCW + 16);
	cr_assert_eq(irb.count, 5);
	cr_assert_eq(irb.dstat, 0);
	cr_assert_eq(tsch(&E, 0, &irb), 1);
	cr_assert_eq(irb.ctl & (SCSW_FC | SCSW_AC), SCSW_FC_START | SCSW_AC_SUSPENDED, "still suspended");
	put8(&E, T_CCW + 9, CCWF_SLI);
	cr_assert_eq(vcss_rsch(E.v, sid_of(0)), 0);
	cr_assert_eq(tsch(&E, 0, &irb), 0);
	cr_assert_eq(irb.ctl & SCSW_SC, SC_DONE);
	cr_assert_eq(irb.cpa, T_CCW + 16);
	cr_assert_eq(irb.count, 5);
}

Test(vcss_ccw, device_without_ccw_handler)
{
	static const struct vdev_ops none = { 0 };
	struct tirb irb;

	E.dev[0].vd.ops = &none;
	ccw1(&E, T_CCW, TCMD_WRITE, 0, 4, T_DATA);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.dstat, DSTAT_CE | DSTAT_DE | DSTAT_UC);
	ccw1(&E, T_CCW, CCW_CMD_SENSE_ID, CCWF_SLI, 40, T_DATA);
	run(ORB_LINUX, T_CCW, &irb);
	cr_assert_eq(irb.dstat, DSTAT_CE | DSTAT_DE, "sense ID still answered");
	cr_assert_eq(E.mem[T_DATA], 0xff);
}
