/*
 * Guest address translation (kernel/vm/gdat.h): prefixing, addressing modes,
 * address spaces, every ASCE type, the exception of each table level with its
 * TEID, table length and offset, translation specification, EDAT-1/-2 frames,
 * DAT and low-address protection. Expected values are literals worked out from
 * the Principles of Operation, not from the implementation's constants.
 */
#include <criterion/criterion.h>
#include <string.h>
#include "tests/unit/gdat_test_support.h"

static struct gguest t;

static void setup(void) { gt_init(&t); }
static void teardown(void) { gt_fini(&t); }

TestSuite(gdat, .init = setup, .fini = teardown);

/* Expect a fault with code and, when teid is not ~0, that TEID. */
static void expect_fault(uint64_t logical, bool write, uint32_t code, uint64_t teid)
{
	cr_assert_eq(gt_xlate(&t, logical, write), -1, "0x%llx translated to 0x%llx",
		     (unsigned long long)logical, (unsigned long long)t.abs);
	cr_assert_eq(t.f.code, code, "0x%llx: code 0x%x, expected 0x%x", (unsigned long long)logical,
		     t.f.code, code);
	cr_assert_eq(t.abs, 0xdeadbeefULL, "absolute changed on a fault");
	cr_assert_eq(t.f.exc_access_id, 0);
	if (teid == ~0ULL) {
		cr_assert(!t.f.teid_valid);
		cr_assert_eq(t.f.teid, 0);
	} else {
		cr_assert(t.f.teid_valid);
		cr_assert_eq(t.f.teid, teid, "TEID 0x%llx, expected 0x%llx",
			     (unsigned long long)t.f.teid, (unsigned long long)teid);
	}
}

static void expect_abs(uint64_t logical, bool write, uint64_t abs)
{
	cr_assert_eq(gt_xlate(&t, logical, write), 0, "0x%llx: fault 0x%x",
		     (unsigned long long)logical, t.f.code);
	cr_assert_eq(t.abs, abs, "0x%llx -> 0x%llx, expected 0x%llx", (unsigned long long)logical,
		     (unsigned long long)t.abs, (unsigned long long)abs);
}

#define NO_TEID (~0ULL)

/* ---- Prefixing ------------------------------------------------------------------------ */

Test(gdat, real_to_abs_swaps_the_prefix_area_both_ways)
{
	cr_assert_eq(gdat_real_to_abs(0x0, 0x20000), 0x20000);
	cr_assert_eq(gdat_real_to_abs(0x1fff, 0x20000), 0x21fff);
	cr_assert_eq(gdat_real_to_abs(0x2000, 0x20000), 0x2000);
	cr_assert_eq(gdat_real_to_abs(0x20000, 0x20000), 0x0);
	cr_assert_eq(gdat_real_to_abs(0x21fff, 0x20000), 0x1fff);
	cr_assert_eq(gdat_real_to_abs(0x22000, 0x20000), 0x22000);
	cr_assert_eq(gdat_real_to_abs(0x1ffff, 0x20000), 0x1ffff);
	cr_assert_eq(gdat_real_to_abs(0x100020000ULL, 0x20000), 0x100020000ULL);
	/* Prefix zero: nothing moves. */
	cr_assert_eq(gdat_real_to_abs(0x0, 0), 0x0);
	cr_assert_eq(gdat_real_to_abs(0x1fff, 0), 0x1fff);
	cr_assert_eq(gdat_real_to_abs(0x5000, 0), 0x5000);
	/* Only prefix bits 1-18 count (an 8 KiB boundary below 2 GiB). */
	cr_assert_eq(gdat_real_to_abs(0x10, 0x80021fffu), 0x20010);
	cr_assert_eq(gdat_real_to_abs(0x20010, 0x80021fffu), 0x10);
	cr_assert_eq(gdat_real_to_abs(0x7fffe010ULL, 0x7fffe000u), 0x10);
}

Test(gdat, dat_off_logical_is_real_then_prefixed)
{
	t.r.prefix = 0x30000;
	expect_abs(0x123, false, 0x30123);
	expect_abs(0x1fff, true, 0x31fff);
	expect_abs(0x30456, false, 0x456);
	expect_abs(0x5000, true, 0x5000);
}

Test(gdat, outside_storage_is_addressing_without_teid)
{
	expect_abs(GT_SIZE - 1, false, GT_SIZE - 1);
	expect_fault(GT_SIZE, false, 0x05, NO_TEID);
	expect_fault(0xfffffffffffff000ULL, true, 0x05, NO_TEID);
	/* A prefix beyond storage makes real 0-8191 unaddressable. */
	t.r.prefix = 0x2000000;
	expect_fault(0x100, false, 0x05, NO_TEID);
	expect_abs(0x2000, false, 0x2000);
}

/* ---- Addressing modes ------------------------------------------------------------------- */

Test(gdat, amode24_wraps_the_logical_address)
{
	t.r.psw_mask = 0;
	expect_abs(0xff001234ULL, false, 0x1234);
	expect_abs(0xffffffffff000010ULL, true, 0x10);
	expect_abs(0x00ffffffULL, false, 0xffffff);
	cr_assert_eq(gdat_amode_mask(0), 0xffffff);
}

Test(gdat, amode31_wraps_the_logical_address)
{
	t.r.psw_mask = GT_PSW_BA;
	expect_abs(0x80005678ULL, false, 0x5678);
	expect_abs(0xffffffff80005678ULL, true, 0x5678);
	cr_assert_eq(gdat_amode_mask(GT_PSW_BA), 0x7fffffff);
}

Test(gdat, amode64_does_not_wrap)
{
	expect_fault(0x100005678ULL, false, 0x05, NO_TEID);
	cr_assert_eq(gdat_amode_mask(GT_PSW_64), ~0ULL);
}

Test(gdat, ea_without_ba_is_a_specification_exception)
{
	t.r.psw_mask = GT_PSW_EA;
	expect_fault(0x1000, false, 0x06, NO_TEID);
	cr_assert_eq(gdat_amode_mask(GT_PSW_EA), 0);
}

/* ---- ASCE types -------------------------------------------------------------------------- */

Test(gdat, segment_table_asce_maps_4k_pages_below_2g)
{
	uint64_t asce = gt_new_asce(&t, 0, 3);

	t.r.cr1 = asce;
	gt_dat_on(&t, 0);
	gt_map(&t, asce, 0x12345000, 0x400000);
	gt_map(&t, asce, 0x7ffff000, 0x401000);
	expect_abs(0x12345abc, false, 0x400abc);
	expect_abs(0x12345000, true, 0x400000);
	expect_abs(0x7fffffff, false, 0x401fff);
	/* Beyond the 2 GiB a segment table covers: ASCE-type exception. */
	expect_fault(0x80000000ULL, false, 0x38, 0x80000000ULL | GT_TEID_FETCH);
	expect_fault(0x100000000abcULL, true, 0x38, 0x100000000000ULL | GT_TEID_STORE);
}

Test(gdat, region_third_asce_covers_4t)
{
	uint64_t asce = gt_new_asce(&t, 1, 3);

	t.r.cr1 = asce;
	gt_dat_on(&t, 0);
	gt_map(&t, asce, 0x3fffffff000ULL, 0x402000);
	gt_map(&t, asce, 0x5000, 0x403000);
	expect_abs(0x3fffffff008ULL, false, 0x402008);
	expect_abs(0x5ff8, false, 0x403ff8);
	expect_fault(0x40000000000ULL, false, 0x38, 0x40000000000ULL | GT_TEID_FETCH);
}

Test(gdat, region_second_asce_covers_8p)
{
	uint64_t asce = gt_new_asce(&t, 2, 3);

	t.r.cr1 = asce;
	gt_dat_on(&t, 0);
	gt_map(&t, asce, 0x1ffffffffff000ULL, 0x404000);
	expect_abs(0x1ffffffffff123ULL, true, 0x404123);
	expect_fault(0x20000000000000ULL, false, 0x38, 0x20000000000000ULL | GT_TEID_FETCH);
}

Test(gdat, region_first_asce_covers_everything)
{
	uint64_t asce = gt_new_asce(&t, 3, 3);

	t.r.cr1 = asce;
	gt_dat_on(&t, 0);
	gt_map(&t, asce, 0xfffffffffffff000ULL, 0x405000);
	gt_map(&t, asce, 0x0123456789abc000ULL, 0x406000);
	gt_map(&t, asce, 0x0, 0x407000);
	expect_abs(0xffffffffffffffffULL, false, 0x405fff);
	expect_abs(0x0123456789abcdefULL, true, 0x406def);
	expect_abs(0x10, false, 0x407010);
	/* Unmapped neighbours fault at the first level without a table behind them. */
	expect_fault(0x0123456789abd000ULL, false, 0x11, 0x0123456789abd000ULL | GT_TEID_FETCH);
	expect_fault(0x0123476789abc000ULL, false, 0x3b, 0x0123476789abc000ULL | GT_TEID_FETCH);
	expect_fault(0x0100000000000000ULL, false, 0x39, 0x0100000000000000ULL | GT_TEID_FETCH);
}

/* ---- Invalid entries at each level ---------------------------------------------------- */

Test(gdat, invalid_entry_at_each_level_raises_its_exception_with_teid)
{
	const uint64_t v = 0x0123456789abc123ULL;
	const uint64_t teid = 0x0123456789abc000ULL | GT_TEID_FETCH;
	uint64_t asce = gt_new_asce(&t, 3, 3);
	static const uint32_t code[] = { 0x11, 0x10, 0x3b, 0x3a, 0x39 };   /* page .. region first */
	static const uint64_t invalid[] = { GT_PTE_I, GT_I, GT_I, GT_I, GT_I };

	t.r.cr1 = asce;
	gt_dat_on(&t, 0);
	gt_map(&t, asce, v, 0x408000);
	expect_abs(v, false, 0x408123);
	for (int level = -1; level <= 3; level++) {
		uint64_t at = gt_entry(&t, asce, v, level);
		uint64_t saved = gt_get(&t, at);

		gt_put(&t, at, saved | invalid[level + 1]);
		expect_fault(v, false, code[level + 1], teid);
		expect_fault(v, true, code[level + 1], (teid & ~0xc00ULL) | GT_TEID_STORE);
		gt_put(&t, at, saved);
		expect_abs(v, false, 0x408123);
	}
}

/* ---- Address spaces ------------------------------------------------------------------- */

Test(gdat, address_space_selects_cr1_cr7_or_cr13)
{
	const uint64_t v = 0x777000;

	t.r.cr1 = gt_new_asce(&t, 0, 0);
	t.r.cr7 = gt_new_asce(&t, 1, 0);
	t.r.cr13 = gt_new_asce(&t, 2, 0);
	gt_map(&t, t.r.cr1, v, 0x410000);
	gt_map(&t, t.r.cr7, v, 0x411000);
	gt_map(&t, t.r.cr13, v, 0x412000);
	gt_dat_on(&t, 0);
	expect_abs(v + 4, false, 0x410004);
	gt_dat_on(&t, GT_PSW_SEC);
	expect_abs(v + 4, false, 0x411004);
	gt_dat_on(&t, GT_PSW_HOME);
	expect_abs(v + 4, false, 0x412004);
	/* The TEID's bits 62-63 name the space: 10 secondary, 11 home. */
	gt_dat_on(&t, GT_PSW_SEC);
	expect_fault(v + 0x1000, false, 0x11, (v + 0x1000) | GT_TEID_FETCH | 2);
	gt_dat_on(&t, GT_PSW_HOME);
	expect_fault(v + 0x1000, true, 0x11, (v + 0x1000) | GT_TEID_STORE | 3);
	gt_dat_on(&t, 0);
	expect_fault(v + 0x1000, true, 0x11, (v + 0x1000) | GT_TEID_STORE | 0);
}

Test(gdat, access_register_mode_is_reported_as_unsupported)
{
	t.r.cr1 = gt_new_asce(&t, 0, 0);
	gt_map(&t, t.r.cr1, 0x5000, 0x410000);
	gt_dat_on(&t, GT_PSW_AR);
	expect_fault(0x5000, false, GDAT_CODE_AR_MODE, NO_TEID);
	cr_assert_geq(GDAT_CODE_AR_MODE, 0x10000u, "must not look like a program interruption code");
	/* With DAT off the address-space control does not matter. */
	t.r.psw_mask = GT_PSW_64 | GT_PSW_AR;
	expect_abs(0x5000, false, 0x5000);
}

Test(gdat, real_space_designation_makes_the_address_real)
{
	t.r.cr1 = 0x7654321000ULL | GT_ASCE_R | 0xc;   /* origin and type are ignored */
	t.r.prefix = 0x40000;
	gt_dat_on(&t, 0);
	expect_abs(0x5123, true, 0x5123);
	expect_abs(0x10, false, 0x40010);
	expect_abs(0x40010, false, 0x10);
	expect_fault(GT_SIZE, false, 0x05, NO_TEID);
}

/* ---- Table length and offset ---------------------------------------------------------- */

Test(gdat, asce_table_length_limits_the_first_index)
{
	/* Segment table of one block: 512 entries, 512 MiB. */
	t.r.cr1 = gt_new_asce(&t, 0, 0);
	gt_dat_on(&t, 0);
	gt_map(&t, t.r.cr1, 0x1ffff000, 0x413000);
	expect_abs(0x1ffff000, false, 0x413000);
	expect_fault(0x20000000, false, 0x10, 0x20000000 | GT_TEID_FETCH);
	/* Region third, two blocks: RTX 0-1023. */
	t.r.cr1 = gt_new_asce(&t, 1, 1);
	expect_fault(0x400ULL << 31, false, 0x3b, (0x400ULL << 31) | GT_TEID_FETCH);
	/* Region second, one block. */
	t.r.cr1 = gt_new_asce(&t, 2, 0);
	expect_fault(0x200ULL << 42, true, 0x3a, (0x200ULL << 42) | GT_TEID_STORE);
	/* Region first, three blocks: RFX 1536-2047 are beyond. */
	t.r.cr1 = gt_new_asce(&t, 3, 2);
	expect_fault(0xc000000000000000ULL, false, 0x39, 0xc000000000000000ULL | GT_TEID_FETCH);
	gt_map(&t, t.r.cr1, 0xbffffffffffff000ULL, 0x413000);
	expect_abs(0xbffffffffffff010ULL, false, 0x413010);
}

/* Set bits 56-57 (offset) and 62-63 (length) of the entry at `at`. */
static void set_tf_tl(uint64_t at, uint64_t tf, uint64_t tl)
{
	gt_put(&t, at, (gt_get(&t, at) & ~0xc3ULL) | tf << 6 | tl);
}

Test(gdat, region_entries_limit_the_next_table_by_offset_and_length)
{
	const uint64_t low = 0x0;                          /* every index 0: top bits 00 */
	uint64_t asce = gt_new_asce(&t, 3, 3);
	struct { int level; uint64_t high; uint32_t code; } c[] = {
		{ 3, 0x200ULL << 42, 0x3a },   /* region-first entry -> region-second table: RSX */
		{ 2, 0x200ULL << 31, 0x3b },   /* region-second entry -> region-third table: RTX */
		{ 1, 0x200ULL << 20, 0x10 },   /* region-third entry -> segment table: SX */
	};

	t.r.cr1 = asce;
	gt_dat_on(&t, 0);
	for (unsigned i = 0; i < 3; i++) {
		gt_map(&t, asce, low, 0x414000);
		gt_map(&t, asce, c[i].high, 0x415000);
		gt_map(&t, asce, c[i].high << 1, 0x416000);   /* top bits 10 */
		uint64_t at = gt_entry(&t, asce, low, c[i].level);

		cr_assert_eq(at, gt_entry(&t, asce, c[i].high, c[i].level), "same entry");
		expect_abs(low, false, 0x414000);
		expect_abs(c[i].high, false, 0x415000);
		/* Offset 1: the index's top bits 00 fall below the table. */
		set_tf_tl(at, 1, 3);
		expect_fault(low, false, c[i].code, low | GT_TEID_FETCH);
		expect_abs(c[i].high, false, 0x415000);
		/* Length 0: top bits 01 fall beyond it. */
		set_tf_tl(at, 0, 0);
		expect_abs(low, false, 0x414000);
		expect_fault(c[i].high, true, c[i].code, c[i].high | GT_TEID_STORE);
		/* Offset 1 and length 1: top bits 01 only. */
		set_tf_tl(at, 1, 1);
		expect_abs(c[i].high, false, 0x415000);
		expect_fault(c[i].high << 1, false, c[i].code, (c[i].high << 1) | GT_TEID_FETCH);
		set_tf_tl(at, 1, 2);
		expect_abs(c[i].high << 1, false, 0x416000);
		set_tf_tl(at, 0, 3);
	}
}

/* ---- Translation specification ---------------------------------------------------------- */

Test(gdat, wrong_table_type_is_a_translation_specification)
{
	const uint64_t v = 0x0000123456789000ULL;
	uint64_t asce = gt_new_asce(&t, 3, 3);

	t.r.cr1 = asce;
	gt_dat_on(&t, 0);
	gt_map(&t, asce, v, 0x416000);
	for (int level = 0; level <= 3; level++) {
		uint64_t at = gt_entry(&t, asce, v, level);
		uint64_t saved = gt_get(&t, at);

		/* Table type bits 60-61 one level off. */
		gt_put(&t, at, (saved & ~0xcULL) | (uint64_t)((level + 1) & 3) << 2);
		expect_fault(v, false, 0x12, NO_TEID);
		gt_put(&t, at, saved);
	}
	/* An ASCE one level lower than its table: its region-first entries read as
	 * region-second ones (RSX of v & (4 TiB - 1) is 0, RFX of v is 0). */
	t.r.cr1 = (asce & ~0xcULL) | 0x8;
	expect_fault(v & 0x3ffffffffffULL, false, 0x12, NO_TEID);
	t.r.cr1 = asce;
	expect_abs(v, false, 0x416000);
}

Test(gdat, page_table_entry_bit_52_is_a_translation_specification)
{
	t.r.cr1 = gt_new_asce(&t, 0, 0);
	gt_dat_on(&t, 0);
	uint64_t pte = gt_map(&t, t.r.cr1, 0x3000, 0x417000);
	gt_put(&t, pte, 0x417000 | GT_PTE_Z);
	expect_fault(0x3000, false, 0x12, NO_TEID);
	/* The invalid bit wins over bit 52. */
	gt_put(&t, pte, 0x417000 | GT_PTE_Z | GT_PTE_I);
	expect_fault(0x3000, false, 0x11, 0x3000 | GT_TEID_FETCH);
}

Test(gdat, common_segment_in_a_private_space_is_a_translation_specification)
{
	t.r.cr1 = gt_new_asce(&t, 0, 0);
	gt_dat_on(&t, 0);
	gt_map(&t, t.r.cr1, 0x3000, 0x417000);
	uint64_t ste = gt_entry(&t, t.r.cr1, 0x3000, 0);
	gt_put(&t, ste, gt_get(&t, ste) | GT_CS);
	expect_abs(0x3000, false, 0x417000);
	t.r.cr1 |= GT_ASCE_P;
	expect_fault(0x3000, false, 0x12, NO_TEID);
}

/* ---- Tables outside storage ------------------------------------------------------------ */

Test(gdat, a_table_outside_storage_is_an_addressing_exception)
{
	t.r.cr1 = 0x40000000ULL | 0xc | 3;   /* region-first table at 1 GiB, storage is 16 MiB */
	gt_dat_on(&t, 0);
	expect_fault(0x1000, false, 0x05, NO_TEID);

	t.r.cr1 = gt_new_asce(&t, 0, 0);
	uint64_t pte = gt_map(&t, t.r.cr1, 0x3000, 0x417000);
	uint64_t ste = gt_entry(&t, t.r.cr1, 0x3000, 0);
	/* The page frame outside storage: the operand's addressing exception. */
	gt_put(&t, pte, 0x2000000);
	expect_fault(0x3000, false, 0x05, NO_TEID);
	/* The page table outside storage. */
	gt_put(&t, ste, 0x2000000);
	expect_fault(0x3000, false, 0x05, NO_TEID);
	/* The last page table entry of storage still works. */
	gt_put(&t, ste, GT_SIZE - 2048);
	gt_put(&t, GT_SIZE - 8, 0x418000);
	expect_abs(0xff123, false, 0x418123);
}

/* ---- DAT protection --------------------------------------------------------------------- */

Test(gdat, page_protection_blocks_stores_with_teid_bit_61)
{
	t.r.cr1 = gt_new_asce(&t, 0, 0);
	gt_dat_on(&t, GT_PSW_HOME);
	t.r.cr13 = t.r.cr1;
	uint64_t pte = gt_map(&t, t.r.cr1, 0x9000, 0x419000);
	gt_put(&t, pte, 0x419000 | GT_P);
	expect_abs(0x9abc, false, 0x419abc);
	expect_fault(0x9abc, true, 0x04, 0x9000 | GT_TEID_STORE | GT_TEID_DATP | 3);
}

Test(gdat, segment_protection_blocks_stores)
{
	t.r.cr1 = gt_new_asce(&t, 0, 0);
	gt_dat_on(&t, 0);
	gt_map(&t, t.r.cr1, 0x9000, 0x419000);
	uint64_t ste = gt_entry(&t, t.r.cr1, 0x9000, 0);
	gt_put(&t, ste, gt_get(&t, ste) | GT_P);
	expect_abs(0x9000, false, 0x419000);
	expect_fault(0x9008, true, 0x04, 0x9000 | GT_TEID_STORE | GT_TEID_DATP);
}

Test(gdat, region_protection_applies_only_with_edat1_enabled)
{
	uint64_t asce = gt_new_asce(&t, 3, 3);

	t.r.cr1 = asce;
	gt_dat_on(&t, 0);
	gt_map(&t, asce, 0x9000, 0x419000);
	for (int level = 1; level <= 3; level++) {
		uint64_t at = gt_entry(&t, asce, 0x9000, level);
		uint64_t saved = gt_get(&t, at);

		gt_put(&t, at, saved | GT_P);
		t.r.facilities = 0;
		t.r.cr0 = GT_CR0_EDAT;
		expect_abs(0x9000, true, 0x419000);          /* not installed */
		t.r.facilities = GDAT_FAC_EDAT1;
		t.r.cr0 = 0;
		expect_abs(0x9000, true, 0x419000);          /* not enabled */
		t.r.cr0 = GT_CR0_EDAT;
		expect_fault(0x9000, true, 0x04, 0x9000 | GT_TEID_STORE | GT_TEID_DATP);
		expect_abs(0x9000, false, 0x419000);
		gt_put(&t, at, saved);
	}
}

/* ---- EDAT-1 and EDAT-2 frames ----------------------------------------------------------- */

Test(gdat, edat1_segment_entry_maps_a_1m_absolute_frame)
{
	t.r.cr1 = gt_new_asce(&t, 0, 0);
	gt_dat_on(&t, 0);
	t.r.facilities = GDAT_FAC_EDAT1;
	t.r.cr0 = GT_CR0_EDAT;
	uint64_t ste = gt_entry(&t, t.r.cr1, 0x500000, 0);
	gt_put(&t, ste, 0x300000 | GT_FC);
	expect_abs(0x512345, true, 0x312345);
	expect_abs(0x5fffff, false, 0x3fffff);
	/* Frame addresses are absolute: the prefix does not move them. */
	t.r.prefix = 0x20000;
	gt_put(&t, ste, 0x0 | GT_FC);
	expect_abs(0x500100, false, 0x100);
	expect_abs(0x520100, false, 0x20100);
	/* Protection in the large entry. */
	gt_put(&t, ste, 0x300000 | GT_FC | GT_P);
	expect_abs(0x512345, false, 0x312345);
	expect_fault(0x512345, true, 0x04, 0x512000 | GT_TEID_STORE | GT_TEID_DATP);
	/* A frame beyond storage. */
	gt_put(&t, ste, 0x1000000 | GT_FC);
	expect_fault(0x500000, false, 0x05, NO_TEID);
}

Test(gdat, edat1_format_control_is_ignored_unless_installed_and_enabled)
{
	t.r.cr1 = gt_new_asce(&t, 0, 0);
	gt_dat_on(&t, 0);
	uint64_t ste = gt_entry(&t, t.r.cr1, 0x500000, 0);
	/* Read as a page-table origin, 0x300000 holds zeros: valid PTEs for real frame 0. */
	gt_put(&t, ste, 0x300000 | GT_FC);
	t.r.cr0 = GT_CR0_EDAT;
	expect_abs(0x512345, false, 0x345);
	t.r.cr0 = 0;
	t.r.facilities = GDAT_FAC_EDAT1 | GDAT_FAC_EDAT2;
	expect_abs(0x512345, false, 0x345);
	/* And a 4 KiB page's real frame is prefixed, unlike a segment frame. */
	t.r.prefix = 0x20000;
	expect_abs(0x512345, false, 0x20345);
}

Test(gdat, edat2_region_third_entry_maps_a_2g_absolute_frame)
{
	const uint64_t base = 3 * 0x80000000ULL;
	uint64_t asce = gt_new_asce(&t, 1, 3);

	t.r.cr1 = asce;
	gt_dat_on(&t, 0);
	t.r.facilities = GDAT_FAC_EDAT1 | GDAT_FAC_EDAT2;
	t.r.cr0 = GT_CR0_EDAT;
	uint64_t rtte = gt_entry(&t, asce, base, 1);
	gt_put(&t, rtte, 0x0 | GT_FC | 0x4);
	t.r.prefix = 0x20000;
	expect_abs(base + 0x123456, true, 0x123456);
	expect_abs(base + 0x10, false, 0x10);                           /* not prefixed */
	expect_fault(base + 0x7fff0000, false, 0x05, NO_TEID);           /* beyond storage */
	/* DAT protection of the frame. */
	gt_put(&t, rtte, 0x0 | GT_FC | GT_P | 0x4);
	expect_abs(base + 0x123456, false, 0x123456);
	expect_fault(base + 0x123456, true, 0x04, (base + 0x123000) | GT_TEID_STORE | GT_TEID_DATP);
	/* A frame at 2 GiB is outside storage. */
	gt_put(&t, rtte, 0x80000000ULL | GT_FC | 0x4);
	expect_fault(base, false, 0x05, NO_TEID);
	/* Common region in a private space. */
	gt_put(&t, rtte, 0x0 | GT_FC | GT_CS | 0x4);
	expect_abs(base + 0x20, false, 0x20);
	t.r.cr1 |= GT_ASCE_P;
	expect_fault(base + 0x20, false, 0x12, NO_TEID);
}

Test(gdat, edat2_format_control_is_ignored_without_the_facility)
{
	const uint64_t base = 3 * 0x80000000ULL;
	uint64_t asce = gt_new_asce(&t, 1, 3);

	t.r.cr1 = asce | GT_ASCE_P;
	gt_dat_on(&t, 0);
	t.r.facilities = GDAT_FAC_EDAT1;
	t.r.cr0 = GT_CR0_EDAT;
	uint64_t rtte = gt_entry(&t, asce, base, 1);
	/* Read as a segment-table origin 0 (zeros: valid segment and page entries to frame 0),
	 * and the common-region bit is not checked. */
	gt_put(&t, rtte, 0x0 | GT_FC | GT_CS | 0x4);
	expect_abs(base + 0x123456, false, 0x456);
	/* EDAT-2 without EDAT-1 is nothing. */
	t.r.facilities = GDAT_FAC_EDAT2;
	expect_abs(base + 0x123456, false, 0x456);
}

/* ---- Low-address protection --------------------------------------------------------------- */

Test(gdat, low_address_protection_covers_0_511_and_4096_4607)
{
	t.r.cr0 = GT_CR0_LAP;
	expect_fault(0, true, 0x04, GT_TEID_STORE | GT_TEID_LAP);
	expect_fault(511, true, 0x04, GT_TEID_STORE | GT_TEID_LAP);
	expect_abs(512, true, 512);
	expect_abs(4095, true, 4095);
	expect_fault(4096, true, 0x04, 0x1000 | GT_TEID_STORE | GT_TEID_LAP);
	expect_fault(4607, true, 0x04, 0x1000 | GT_TEID_STORE | GT_TEID_LAP);
	expect_abs(4608, true, 4608);
	expect_abs(8192, true, 8192);
	/* Fetches are not affected, nor stores with the control off. */
	expect_abs(0, false, 0);
	t.r.cr0 = 0;
	expect_abs(0, true, 0);
}

Test(gdat, low_address_protection_applies_to_effective_addresses)
{
	t.r.cr0 = GT_CR0_LAP;
	t.r.prefix = 0x20000;
	/* Real 0 is absolute 0x20000 and protected; absolute 0 through real 0x20000 is not. */
	expect_fault(0x10, true, 0x04, GT_TEID_STORE | GT_TEID_LAP);
	expect_abs(0x20010, true, 0x10);
	/* After the addressing-mode wrap. */
	t.r.psw_mask = GT_PSW_BA;
	expect_fault(0x80000100ULL, true, 0x04, GT_TEID_STORE | GT_TEID_LAP);

	/* With DAT: virtual 0 is protected wherever it maps; virtual 0x60000 mapped to real 0 is not. */
	t.r.cr1 = gt_new_asce(&t, 0, 0);
	t.r.cr13 = t.r.cr1;
	gt_map(&t, t.r.cr1, 0x0, 0x50000);
	gt_map(&t, t.r.cr1, 0x60000, 0x0);
	gt_dat_on(&t, GT_PSW_HOME);
	expect_fault(0x8, true, 0x04, GT_TEID_STORE | GT_TEID_LAP | 3);
	expect_abs(0x8, false, 0x50008);
	expect_abs(0x60008, true, 0x20008);
	/* Protection is recognised before translation: an unmapped low page still gets it. */
	expect_fault(0x1000, true, 0x04, 0x1000 | GT_TEID_STORE | GT_TEID_LAP | 3);
	/* A private space is not protected. */
	t.r.cr13 |= GT_ASCE_P;
	expect_abs(0x8, true, 0x50008);
	/* ...but a real-space designation without P is, and DAT-off accesses always are. */
	t.r.cr13 = GT_ASCE_R;
	expect_fault(0x8, true, 0x04, GT_TEID_STORE | GT_TEID_LAP | 3);
	t.r.cr13 = GT_ASCE_R | GT_ASCE_P;
	expect_abs(0x8, true, 0x20008);
	t.r.psw_mask = GT_PSW_64 | GT_PSW_HOME;
	expect_fault(0x8, true, 0x04, GT_TEID_STORE | GT_TEID_LAP);
}

/* ---- The header's constants are the architecture's ---------------------------------------- */

Test(gdat, named_constants_match_the_architected_bits)
{
	cr_assert_eq(GDAT_PSW_DAT, GT_PSW_DAT);
	cr_assert_eq(GDAT_PSW_EA, GT_PSW_EA);
	cr_assert_eq(GDAT_PSW_BA, GT_PSW_BA);
	cr_assert_eq((uint64_t)GDAT_AS_HOME << GDAT_PSW_AS_SHIFT, GT_PSW_HOME);
	cr_assert_eq(GDAT_CR0_LAP, GT_CR0_LAP);
	cr_assert_eq(GDAT_CR0_EDAT, GT_CR0_EDAT);
	cr_assert_eq(GDAT_ASCE_P, GT_ASCE_P);
	cr_assert_eq(GDAT_ASCE_R, GT_ASCE_R);
	cr_assert_eq(GDAT_STE_I, GT_I);
	cr_assert_eq(GDAT_RTE_I, GT_I);
	cr_assert_eq(GDAT_STE_FC, GT_FC);
	cr_assert_eq(GDAT_PTE_I, GT_PTE_I);
	cr_assert_eq(GDAT_PTE_P, GT_P);
	cr_assert_eq(GDAT_TEID_FSI_STORE, GT_TEID_STORE);
	cr_assert_eq(GDAT_TEID_B56, GT_TEID_LAP);
	cr_assert_eq(GDAT_TEID_B61, GT_TEID_DATP);
}
