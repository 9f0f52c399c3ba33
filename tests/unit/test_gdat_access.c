/*
 * Guest operand access at logical addresses (gdat_read, gdat_write, gdat_check):
 * ranges across pages and address wrap, and a store that faults in any part
 * stores nothing.
 */
#include <criterion/criterion.h>
#include <string.h>
#include "tests/unit/gdat_test_support.h"

static struct gguest t;
static struct gdat_fault f;

static void setup(void) { gt_init(&t); }
static void teardown(void) { gt_fini(&t); }

TestSuite(gdat_access, .init = setup, .fini = teardown);

static void fill(uint64_t abs, size_t len, uint8_t seed)
{
	for (size_t i = 0; i < len; i++)
		t.mem[abs + i] = (uint8_t)(seed + i * 7);
}

static bool all_zero(uint64_t abs, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (t.mem[abs + i])
			return false;
	return true;
}

/* Segment-table space: 0x10000 -> 0x200000, 0x11000 -> 0x150000 (lower, not adjacent). */
static void two_pages(void)
{
	t.r.cr1 = gt_new_asce(&t, 0, 0);
	gt_map(&t, t.r.cr1, 0x10000, 0x200000);
	gt_map(&t, t.r.cr1, 0x11000, 0x150000);
	gt_dat_on(&t, 0);
}

Test(gdat_access, read_crosses_a_page_into_another_frame)
{
	uint8_t buf[32];

	two_pages();
	fill(0x200ff0, 16, 1);
	fill(0x150000, 16, 100);
	cr_assert_eq(gdat_read(&t.g, &t.r, 0x10ff0, buf, sizeof(buf), &f), 0, "fault 0x%x", f.code);
	cr_assert(memcmp(buf, t.mem + 0x200ff0, 16) == 0);
	cr_assert(memcmp(buf + 16, t.mem + 0x150000, 16) == 0);
}

Test(gdat_access, write_crosses_a_page_into_another_frame)
{
	uint8_t buf[4096];

	two_pages();
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 13 + 5);
	cr_assert_eq(gdat_write(&t.g, &t.r, 0x10fe0, buf, sizeof(buf), &f), 0, "fault 0x%x", f.code);
	cr_assert(memcmp(t.mem + 0x200fe0, buf, 32) == 0);
	cr_assert(memcmp(t.mem + 0x150000, buf + 32, sizeof(buf) - 32) == 0);
	cr_assert(all_zero(0x200000, 0xfe0), "nothing before the operand");
	cr_assert(all_zero(0x150000 + sizeof(buf) - 32, 32), "nothing after it");
}

Test(gdat_access, write_into_an_invalid_second_page_stores_nothing)
{
	uint8_t buf[64];

	memset(buf, 0x5a, sizeof(buf));
	t.r.cr1 = gt_new_asce(&t, 0, 0);
	gt_map(&t, t.r.cr1, 0x10000, 0x200000);       /* 0x11000 stays invalid */
	gt_dat_on(&t, GT_PSW_SEC);
	t.r.cr7 = t.r.cr1;
	cr_assert_eq(gdat_write(&t.g, &t.r, 0x10fe0, buf, sizeof(buf), &f), -1);
	cr_assert_eq(f.code, 0x11);
	cr_assert(f.teid_valid);
	cr_assert_eq(f.teid, 0x11000 | GT_TEID_STORE | 2, "the second page, store, secondary: 0x%llx",
		     (unsigned long long)f.teid);
	cr_assert(all_zero(0x200fe0, 32), "first page must not be stored into");
	/* And the first page alone is fine. */
	cr_assert_eq(gdat_write(&t.g, &t.r, 0x10fe0, buf, 32, &f), 0);
	cr_assert(memcmp(t.mem + 0x200fe0, buf, 32) == 0);
}

Test(gdat_access, write_into_a_protected_second_page_stores_nothing)
{
	uint8_t buf[64];

	memset(buf, 0xa5, sizeof(buf));
	two_pages();
	uint64_t pte = gt_entry(&t, t.r.cr1, 0x11000, -1);
	gt_put(&t, pte, 0x150000 | GT_P);
	cr_assert_eq(gdat_write(&t.g, &t.r, 0x10fe0, buf, sizeof(buf), &f), -1);
	cr_assert_eq(f.code, 0x04);
	cr_assert_eq(f.teid, 0x11000 | GT_TEID_STORE | GT_TEID_DATP);
	cr_assert(all_zero(0x200fe0, 32));
	cr_assert(all_zero(0x150000, 32));
	/* Reading across is allowed. */
	cr_assert_eq(gdat_read(&t.g, &t.r, 0x10fe0, buf, sizeof(buf), &f), 0);
}

Test(gdat_access, write_into_a_second_frame_outside_storage_stores_nothing)
{
	uint8_t buf[64];

	memset(buf, 0x33, sizeof(buf));
	two_pages();
	gt_put(&t, gt_entry(&t, t.r.cr1, 0x11000, -1), GT_SIZE);
	cr_assert_eq(gdat_write(&t.g, &t.r, 0x10fe0, buf, sizeof(buf), &f), -1);
	cr_assert_eq(f.code, 0x05);
	cr_assert(!f.teid_valid);
	cr_assert(all_zero(0x200fe0, 32));
}

Test(gdat_access, write_into_low_address_protection_stores_nothing)
{
	uint8_t buf[16];

	memset(buf, 0x77, sizeof(buf));
	t.r.cr0 = GT_CR0_LAP;
	/* 4088-4095 may be stored, 4096-4103 may not. */
	cr_assert_eq(gdat_write(&t.g, &t.r, 4088, buf, sizeof(buf), &f), -1);
	cr_assert_eq(f.code, 0x04);
	cr_assert_eq(f.teid, 0x1000 | GT_TEID_STORE | GT_TEID_LAP);
	cr_assert(all_zero(4088, 16));
	cr_assert_eq(gdat_write(&t.g, &t.r, 4088, buf, 8, &f), 0);
	cr_assert(memcmp(t.mem + 4088, buf, 8) == 0);
}

Test(gdat_access, read_into_an_invalid_second_page_faults)
{
	uint8_t buf[64];

	t.r.cr1 = gt_new_asce(&t, 0, 0);
	gt_map(&t, t.r.cr1, 0x10000, 0x200000);
	gt_dat_on(&t, 0);
	cr_assert_eq(gdat_read(&t.g, &t.r, 0x10fe0, buf, sizeof(buf), &f), -1);
	cr_assert_eq(f.code, 0x11);
	cr_assert_eq(f.teid, 0x11000 | GT_TEID_FETCH);
}

Test(gdat_access, amode24_range_wraps_to_zero)
{
	uint8_t in[16], out[16];

	t.r.psw_mask = 0;
	fill(0xfffff8, 8, 10);
	fill(0, 8, 50);
	cr_assert_eq(gdat_read(&t.g, &t.r, 0xfffff8, out, sizeof(out), &f), 0, "fault 0x%x", f.code);
	cr_assert(memcmp(out, t.mem + 0xfffff8, 8) == 0);
	cr_assert(memcmp(out + 8, t.mem, 8) == 0);
	memset(in, 0xee, sizeof(in));
	cr_assert_eq(gdat_write(&t.g, &t.r, 0x1fffffff8ULL, in, sizeof(in), &f), 0);
	cr_assert(memcmp(t.mem + 0xfffff8, in, 8) == 0);
	cr_assert(memcmp(t.mem, in, 8) == 0);
	/* In 64-bit mode the same range runs off the end of storage. */
	t.r.psw_mask = GT_PSW_64;
	cr_assert_eq(gdat_read(&t.g, &t.r, 0xfffff8, out, sizeof(out), &f), -1);
	cr_assert_eq(f.code, 0x05);
}

Test(gdat_access, amode31_range_wraps_through_dat)
{
	uint8_t out[16];

	t.r.cr1 = gt_new_asce(&t, 0, 3);
	gt_map(&t, t.r.cr1, 0x7ffff000, 0x300000);
	gt_map(&t, t.r.cr1, 0x0, 0x301000);
	t.r.psw_mask = GT_PSW_DAT | GT_PSW_BA;
	fill(0x300ff8, 8, 1);
	fill(0x301000, 8, 2);
	cr_assert_eq(gdat_read(&t.g, &t.r, 0x7ffffff8, out, sizeof(out), &f), 0, "fault 0x%x", f.code);
	cr_assert(memcmp(out, t.mem + 0x300ff8, 8) == 0);
	cr_assert(memcmp(out + 8, t.mem + 0x301000, 8) == 0);
}

Test(gdat_access, zero_length_accesses_nothing)
{
	uint8_t b = 0;

	t.r.cr0 = GT_CR0_LAP;
	cr_assert_eq(gdat_read(&t.g, &t.r, GT_SIZE * 4, &b, 0, &f), 0);
	cr_assert_eq(gdat_write(&t.g, &t.r, 0, &b, 0, &f), 0);
	cr_assert_eq(gdat_check(&t.g, &t.r, GT_SIZE * 4, 0, true, &f), 0);
}

Test(gdat_access, writes_are_limited_to_gdat_write_max)
{
	static uint8_t big[GDAT_WRITE_MAX + 1];

	memset(big, 0x11, sizeof(big));
	/* The longest write, unaligned: 17 pages. */
	cr_assert_eq(gdat_write(&t.g, &t.r, 0x100800, big, GDAT_WRITE_MAX, &f), 0, "fault 0x%x", f.code);
	cr_assert(memcmp(t.mem + 0x100800, big, GDAT_WRITE_MAX) == 0);
	cr_assert_eq(gdat_write(&t.g, &t.r, 0x200000, big, sizeof(big), &f), -1);
	cr_assert_eq(f.code, GDAT_CODE_TOO_LONG);
	cr_assert(!f.teid_valid);
	cr_assert(all_zero(0x200000, sizeof(big)));
}

Test(gdat_access, a_write_over_its_own_page_table_keeps_its_translations)
{
	uint8_t buf[4096 + 16];

	t.r.cr1 = gt_new_asce(&t, 0, 0);
	uint64_t pte2 = gt_map(&t, t.r.cr1, 0x21000, 0x160000);
	/* The first page of the operand is the frame holding the page table. */
	gt_map(&t, t.r.cr1, 0x20000, pte2 & ~0xfffULL);
	gt_dat_on(&t, 0);
	memset(buf, 0xff, sizeof(buf));       /* turns every PTE it covers invalid */
	cr_assert_eq(gdat_write(&t.g, &t.r, 0x20000 + 16, buf, sizeof(buf), &f), 0, "fault 0x%x", f.code);
	cr_assert(memcmp(t.mem + 0x160000, buf, 32) == 0, "the second page went where it was translated to");
	cr_assert_eq(gt_get(&t, pte2), ~0ULL, "and the table was overwritten");
}

Test(gdat_access, check_reports_without_storing)
{
	two_pages();
	gt_put(&t, gt_entry(&t, t.r.cr1, 0x11000, -1), 0x150000 | GT_P);
	cr_assert_eq(gdat_check(&t.g, &t.r, 0x10f00, 0x200, false, &f), 0);
	cr_assert_eq(gdat_check(&t.g, &t.r, 0x10f00, 0x100, true, &f), 0);
	cr_assert_eq(gdat_check(&t.g, &t.r, 0x10f00, 0x101, true, &f), -1);
	cr_assert_eq(f.code, 0x04);
	cr_assert_eq(f.teid, 0x11000 | GT_TEID_STORE | GT_TEID_DATP);
}

Test(gdat_access, storage_that_ends_inside_a_frame)
{
	struct gmem small;
	uint8_t buf[32];

	gmem_flat_init(&small, t.mem, GT_SIZE - 100);
	uint64_t abs;
	cr_assert_eq(gdat_translate(&small, &t.r, GT_SIZE - 101, false, &abs, &f), 0);
	cr_assert_eq(abs, GT_SIZE - 101);
	cr_assert_eq(gdat_translate(&small, &t.r, GT_SIZE - 100, false, &abs, &f), -1);
	cr_assert_eq(f.code, 0x05);
	/* A range whose frame is in storage but whose last bytes are not. */
	cr_assert_eq(gdat_read(&small, &t.r, GT_SIZE - 120, buf, sizeof(buf), &f), -1);
	cr_assert_eq(f.code, 0x05);
	cr_assert_eq(gdat_read(&small, &t.r, GT_SIZE - 132, buf, sizeof(buf), &f), 0);
	memset(buf, 0x42, sizeof(buf));
	cr_assert_eq(gdat_write(&small, &t.r, GT_SIZE - 120, buf, sizeof(buf), &f), -1);
	cr_assert(all_zero(GT_SIZE - 120, 20));
	/* Two pages, the second one short: nothing is stored in the first either. */
	static uint8_t page[4096];
	memset(page, 0x42, sizeof(page));
	cr_assert_eq(gdat_write(&small, &t.r, GT_SIZE - 4096 - 16, page, sizeof(page), &f), -1);
	cr_assert_eq(f.code, 0x05);
	cr_assert(all_zero(GT_SIZE - 4096 - 16, 4096));
	cr_assert_eq(gdat_write(&small, &t.r, GT_SIZE - 4096 - 16, page, 4096 - 84, &f), 0);
}
