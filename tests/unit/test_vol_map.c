/* Allocation map: encode, decode, validation and every error path. */
#include <criterion/criterion.h>
#include <string.h>
#include "kernel/vol/allocmap.h"
#include "kernel/vol/crc32.h"

static uint8_t blk[VOL_BLOCK_SIZE];
static struct vol_error err;

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }
static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

static void fresh(uint32_t cyls)
{
	cr_assert_eq(vol_map_format(blk, sizeof(blk), "PLX001", cyls, 0x123456789abcdef0ull, &err),
		     VOL_OK, "%s", err.msg);
}

static int add(unsigned type, uint32_t start, uint32_t count, const char *name)
{
	struct vol_extent e = { .type = (uint8_t)type, .start_cyl = start, .cyl_count = count };

	strcpy(e.name, name);
	return vol_map_add_extent(blk, sizeof(blk), &e, &err);
}

/* Change a byte by hand and re-seal, to reach the checks after the checksum. */
static int poke_decode(size_t off, uint8_t v)
{
	blk[off] = v;
	vol_map_seal(blk);
	return vol_map_decode(blk, sizeof(blk), NULL, &err);
}

Test(vol_map, format_writes_the_documented_layout)
{
	fresh(3339);
	cr_assert(memcmp(blk, "PLXVMAP1", 8) == 0);
	cr_assert_eq(be32(blk + 0x08), 1);
	cr_assert_eq(be32(blk + 0x0c), vol_crc32_skip_field(blk, 4096, 12));
	cr_assert(memcmp(blk + 0x10, "PLX001  ", 8) == 0);
	cr_assert_eq(be32(blk + 0x18), 3339);
	cr_assert_eq(be32(blk + 0x1c), 4096);
	cr_assert_eq(be16(blk + 0x20), 12);
	cr_assert_eq(be16(blk + 0x22), 15);
	cr_assert_eq(be16(blk + 0x24), 0x3390);
	cr_assert_eq(be16(blk + 0x26), 0);
	cr_assert_eq(be16(blk + 0x28), 0);
	cr_assert_eq(be32(blk + 0x30), 0x12345678);
	cr_assert_eq(be32(blk + 0x34), 0x9abcdef0);
	cr_assert(memcmp(blk + 0x38, "                ", 16) == 0, "not owned");
	for (int i = 0x48; i < 4096; i++)
		cr_assert_eq(blk[i], 0);
	/* The CRC of the block with the field zero, computed independently. */
	uint8_t copy[4096];
	memcpy(copy, blk, 4096);
	memset(copy + 12, 0, 4);
	cr_assert_eq(be32(blk + 12), vol_crc32(0, copy, 4096));
}

Test(vol_map, decode_round_trip)
{
	struct vol_map_info info;
	struct vol_extent e;

	fresh(100);
	cr_assert_eq(add(VOL_EXT_PAGE, 50, 10, "PAGE1"), VOL_OK, "%s", err.msg);
	cr_assert_eq(add(VOL_EXT_PERM, 1, 20, "LINUX01"), VOL_OK, "%s", err.msg);
	cr_assert_eq(add(VOL_EXT_PDR, 99, 1, ""), VOL_OK, "%s", err.msg);
	cr_assert_eq(vol_map_set_owner(blk, 4096, "PLEXSSI", "NOSYS", &err), VOL_OK, "%s", err.msg);
	cr_assert_eq(vol_map_decode(blk, sizeof(blk), &info, &err), VOL_OK, "%s", err.msg);
	cr_assert_str_eq(info.volser, "PLX001");
	cr_assert_eq(info.version, 1);
	cr_assert_eq(info.cylinders, 100);
	cr_assert_eq(info.device_type, 0x3390);
	cr_assert_eq(info.extent_count, 3);
	cr_assert_eq(info.created_tod, 0x123456789abcdef0ull);
	cr_assert_str_eq(info.owner_cluster, "PLEXSSI");
	cr_assert_str_eq(info.owner_system, "NOSYS");
	cr_assert_eq(info.checksum, be32(blk + 12));
	/* Kept in start-cylinder order. */
	cr_assert_eq(vol_map_get_extent(blk, 4096, 0, &e, NULL), VOL_OK);
	cr_assert(e.type == VOL_EXT_PERM && e.start_cyl == 1 && e.cyl_count == 20);
	cr_assert_str_eq(e.name, "LINUX01");
	cr_assert_eq(vol_extent_blocks(&e), 3600);
	cr_assert_eq(vol_extent_first_block(&e), 180);
	cr_assert_eq(vol_map_get_extent(blk, 4096, 1, &e, NULL), VOL_OK);
	cr_assert(e.type == VOL_EXT_PAGE && e.start_cyl == 50);
	cr_assert_eq(vol_map_get_extent(blk, 4096, 2, &e, NULL), VOL_OK);
	cr_assert(e.type == VOL_EXT_PDR && e.start_cyl == 99 && e.name[0] == 0);
	cr_assert_eq(vol_map_get_extent(blk, 4096, 3, &e, &err), VOL_ENOENT);
	cr_assert_str_eq(err.msg, "no extent 3 (the map has 3)");
	cr_assert_eq(vol_map_get_extent(blk, 100, 0, &e, &err), VOL_ESHORT);
	/* The record layout of extent 0. */
	cr_assert_eq(blk[0x48], VOL_EXT_PERM);
	cr_assert_eq(be32(blk + 0x48 + 4), 1);
	cr_assert_eq(be32(blk + 0x48 + 8), 20);
	cr_assert(memcmp(blk + 0x48 + 12, "LINUX01 ", 8) == 0);
}

Test(vol_map, find_and_remove)
{
	struct vol_extent e;

	fresh(100);
	add(VOL_EXT_PERM, 1, 10, "A");
	add(VOL_EXT_SPOL, 11, 10, "B");
	add(VOL_EXT_TDSK, 21, 10, "C");
	cr_assert_eq(vol_map_find_extent(blk, 4096, 11, &e, &err), VOL_OK);
	cr_assert_str_eq(e.name, "B");
	cr_assert_eq(vol_map_find_extent(blk, 4096, 12, &e, &err), VOL_ENOENT);
	cr_assert_str_eq(err.msg, "no extent starts at cylinder 12");
	cr_assert_eq(vol_map_remove_extent(blk, 4096, 11, &err), VOL_OK);
	cr_assert_eq(vol_map_decode(blk, 4096, NULL, &err), VOL_OK, "%s", err.msg);
	cr_assert_eq(vol_map_get_extent(blk, 4096, 1, &e, NULL), VOL_OK);
	cr_assert_str_eq(e.name, "C");
	cr_assert_eq(vol_map_get_extent(blk, 4096, 2, &e, NULL), VOL_ENOENT);
	cr_assert_eq(vol_map_remove_extent(blk, 4096, 11, &err), VOL_ENOENT);
	/* The freed cylinders can be used again. */
	cr_assert_eq(add(VOL_EXT_DRCT, 11, 10, "D"), VOL_OK);
	/* Removing from a damaged map is refused. */
	blk[100] ^= 1;
	cr_assert_eq(vol_map_remove_extent(blk, 4096, 1, &err), VOL_ECHECKSUM);
	cr_assert_eq(vol_map_find_extent(blk, 4096, 1, &e, &err), VOL_ECHECKSUM);
}

Test(vol_map, add_rejects_overlap_and_range)
{
	fresh(100);
	cr_assert_eq(add(VOL_EXT_PERM, 10, 10, "A"), VOL_OK);
	cr_assert_eq(add(VOL_EXT_PAGE, 19, 5, ""), VOL_EOVERLAP);
	cr_assert_str_eq(err.msg, "new extent (PAGE cylinders 19-23) overlaps extent 0 "
			 "(PERM cylinders 10-19)");
	cr_assert_eq(add(VOL_EXT_PAGE, 5, 5, ""), VOL_OK, "adjacent below");
	cr_assert_eq(add(VOL_EXT_PAGE, 20, 5, ""), VOL_OK, "adjacent above");
	cr_assert_eq(add(VOL_EXT_PAGE, 1, 100, ""), VOL_ERANGE);
	cr_assert_eq(add(VOL_EXT_PAGE, 9, 2, ""), VOL_EOVERLAP);
	cr_assert_eq(add(VOL_EXT_PAGE, 11, 1, ""), VOL_EOVERLAP, "inside");
	cr_assert_eq(add(VOL_EXT_PAGE, 0, 1, ""), VOL_ERANGE);
	cr_assert_str_eq(err.msg, "new extent: PAGE cylinders 0-0 outside 1-99 of the volume");
	cr_assert_eq(add(VOL_EXT_PAGE, 90, 11, ""), VOL_ERANGE);
	cr_assert_str_eq(err.msg, "new extent: PAGE cylinders 90-100 outside 1-99 of the volume");
	cr_assert_eq(add(VOL_EXT_PAGE, 99, 1, ""), VOL_OK, "last cylinder");
	cr_assert_eq(add(VOL_EXT_PAGE, 50, 0, ""), VOL_ERANGE);
	cr_assert_str_eq(err.msg, "new extent: PAGE extent at cylinder 50 has 0 cylinders");
	cr_assert_eq(add(VOL_EXT_PAGE, UINT32_MAX, 2, ""), VOL_ERANGE, "no wrap-around");
	cr_assert_eq(add(VOL_EXT_PAGE, 60, UINT32_MAX, ""), VOL_ERANGE);
}

Test(vol_map, add_rejects_bad_fields)
{
	struct vol_extent e = { .type = VOL_EXT_PERM, .flags = 1, .start_cyl = 1, .cyl_count = 1 };

	fresh(10);
	cr_assert_eq(add(0, 1, 1, ""), VOL_ECORRUPT);
	cr_assert(strstr(err.msg, "unknown type 0"));
	cr_assert_eq(add(7, 1, 1, ""), VOL_ECORRUPT);
	cr_assert_eq(vol_map_add_extent(blk, 4096, &e, &err), VOL_ECORRUPT);
	cr_assert_str_eq(err.msg, "new extent: flags 0x01 set, none are defined");
	cr_assert_eq(add(VOL_EXT_PERM, 1, 1, "bad"), VOL_EINVAL);
	cr_assert_eq(add(VOL_EXT_PERM, 1, 1, "A B"), VOL_EINVAL);
	cr_assert_eq(vol_map_add_extent(blk, 100, &e, &err), VOL_ESHORT);
}

Test(vol_map, table_full)
{
	struct vol_map_info info;

	fresh(200);
	for (uint32_t i = 0; i < VOL_MAP_MAX_EXTENTS; i++)
		cr_assert_eq(add(VOL_EXT_TDSK, 1 + i, 1, ""), VOL_OK, "%u: %s", i, err.msg);
	cr_assert_eq(add(VOL_EXT_TDSK, 190, 1, ""), VOL_ENOSPC);
	cr_assert_str_eq(err.msg, "allocation map is full (167 extents)");
	cr_assert_eq(vol_map_decode(blk, 4096, &info, NULL), VOL_OK);
	cr_assert_eq(info.extent_count, 167);
}

Test(vol_map, owner)
{
	struct vol_map_info info;

	fresh(10);
	cr_assert_eq(vol_map_set_owner(blk, 4096, "CLUSTER1", "MEMBER1", NULL), VOL_OK);
	vol_map_decode(blk, 4096, &info, NULL);
	cr_assert_str_eq(info.owner_cluster, "CLUSTER1");
	cr_assert_str_eq(info.owner_system, "MEMBER1");
	cr_assert(memcmp(blk + 0x38, "CLUSTER1MEMBER1 ", 16) == 0);
	cr_assert_eq(vol_map_set_owner(blk, 4096, NULL, NULL, NULL), VOL_OK);
	vol_map_decode(blk, 4096, &info, NULL);
	cr_assert_str_eq(info.owner_cluster, "");
	cr_assert_eq(vol_map_set_owner(blk, 4096, "C", "", &err), VOL_EINVAL);
	cr_assert_str_eq(err.msg, "owner cluster 'C' without an owner system (use NOSYS for a "
			 "shared volume)");
	cr_assert_eq(vol_map_set_owner(blk, 4096, "", "S", &err), VOL_EINVAL);
	cr_assert_eq(vol_map_set_owner(blk, 4096, "c", "S", &err), VOL_EINVAL);
	cr_assert_eq(vol_map_set_owner(blk, 4096, "C", "TOOLONGXX", &err), VOL_EINVAL);
	cr_assert(strstr(err.msg, "owner system"));
	blk[0] = 'X';
	cr_assert_eq(vol_map_set_owner(blk, 4096, "C", "S", &err), VOL_ENOTFMT);
}

Test(vol_map, format_rejects_bad_arguments)
{
	cr_assert_eq(vol_map_format(blk, 4095, "A", 10, 0, &err), VOL_ESHORT);
	cr_assert_eq(vol_map_format(blk, 4096, "bad", 10, 0, &err), VOL_EINVAL);
	cr_assert_eq(vol_map_format(blk, 4096, "A", 1, 0, &err), VOL_ERANGE);
	cr_assert_eq(vol_map_format(blk, 4096, "A", 65521, 0, &err), VOL_ERANGE);
}

Test(vol_map, decode_errors_in_order_of_checking)
{
	fresh(100);
	add(VOL_EXT_PERM, 1, 10, "A");
	cr_assert_eq(vol_map_decode(blk, 4095, NULL, &err), VOL_ESHORT);
	cr_assert_str_eq(err.msg, "allocation map of 4095 bytes, need 4096");

	blk[7] = '2';
	cr_assert_eq(vol_map_decode(blk, 4096, NULL, &err), VOL_ENOTFMT);
	cr_assert_str_eq(err.msg, "no allocation map: magic is 504c58564d415032, not \"PLXVMAP1\"");
	blk[7] = '1';

	blk[11] = 2;
	cr_assert_eq(vol_map_decode(blk, 4096, NULL, &err), VOL_EVERSION);
	cr_assert_str_eq(err.msg, "allocation map version 2, this code reads 1");
	blk[11] = 1;

	blk[4000] = 1;
	cr_assert_eq(vol_map_decode(blk, 4096, NULL, &err), VOL_ECHECKSUM);
	cr_assert(strstr(err.msg, "allocation map checksum is "));
	blk[4000] = 0;
	blk[13] ^= 0x10;
	cr_assert_eq(vol_map_decode(blk, 4096, NULL, &err), VOL_ECHECKSUM);
	blk[13] ^= 0x10;
	cr_assert_eq(vol_map_decode(blk, 4096, NULL, &err), VOL_OK);
}

Test(vol_map, decode_checks_every_header_field)
{
	static const struct { size_t off; uint8_t val; int rc; const char *msg; } cases[] = {
		{ 0x1e, 0x20, VOL_ECORRUPT, "allocation map block size 8192, expected 4096" },
		{ 0x21, 11, VOL_ECORRUPT, "allocation map has 11 blocks per track, expected 12" },
		{ 0x23, 16, VOL_ECORRUPT, "allocation map has 16 tracks per cylinder, expected 15" },
		{ 0x25, 0x80, VOL_ECORRUPT, "allocation map device type 3380, expected 3390" },
		{ 0x10, ' ', VOL_ECORRUPT, "allocation map volser field has 0x4c at offset 1 after a blank" },
		{ 0x10, 'a', VOL_ECORRUPT, "allocation map volser field has invalid character 0x61 at offset 0" },
		{ 0x16, 'X', VOL_ECORRUPT, "allocation map volser field is longer than 6 characters" },
		{ 0x1b, 0, VOL_ECORRUPT, "allocation map: 0 cylinders, not 2-65520" },
		{ 0x18, 1, VOL_ECORRUPT, "allocation map: 16777316 cylinders, not 2-65520" },
		{ 0x1b, 1, VOL_ECORRUPT, "allocation map: 1 cylinders, not 2-65520" },
		{ 0x27, 4, VOL_ECORRUPT, "allocation map flags 0004 set, none are defined" },
		{ 0x2f, 1, VOL_ECORRUPT, "allocation map reserved header bytes not zero" },
		{ 0x38, 'C', VOL_ECORRUPT, "owner cluster 'C' without an owner system (use NOSYS for a shared volume)" },
		{ 0x40, 'S', VOL_ECORRUPT, "owner system 'S' without an owner cluster" },
		{ 0x38, 0, VOL_ECORRUPT, "owner cluster field has invalid character 0x00 at offset 0" },
		{ 0x28, 0xff, VOL_ECORRUPT, "allocation map extent count 65281 exceeds 167" },
		{ 0x29, 168, VOL_ECORRUPT, "allocation map extent count 168 exceeds 167" },
		{ 0x29, 2, VOL_ECORRUPT, "extent 1: unknown type 0 (1-6: PERM PAGE SPOL TDSK PDR DRCT)" },
		{ 0x29, 0, VOL_ECORRUPT, "allocation map: bytes after the 0 extents are not zero" },
		{ 0xff0, 1, VOL_ECORRUPT, "allocation map: bytes after the 1 extents are not zero" },
		{ 0x60, 1, VOL_ECORRUPT, "allocation map: bytes after the 1 extents are not zero" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		fresh(100);
		cr_assert_eq(add(VOL_EXT_PERM, 1, 10, "A"), VOL_OK);
		cr_assert_eq(poke_decode(cases[i].off, cases[i].val), cases[i].rc,
			     "case %zu: %s", i, err.msg);
		cr_assert_str_eq(err.msg, cases[i].msg, "case %zu", i);
	}
}

Test(vol_map, decode_rejects_a_blank_volser)
{
	fresh(10);
	memset(blk + 0x10, ' ', 8);
	vol_map_seal(blk);
	cr_assert_eq(vol_map_decode(blk, 4096, NULL, &err), VOL_ECORRUPT);
	cr_assert_str_eq(err.msg, "allocation map volser is blank");
}

Test(vol_map, decode_checks_every_extent_field)
{
	static const struct { size_t off; uint8_t val; int rc; const char *msg; } cases[] = {
		/* extent 1 starts at 0x60 */
		{ 0x60, 9, VOL_ECORRUPT, "extent 1: unknown type 9 (1-6: PERM PAGE SPOL TDSK PDR DRCT)" },
		{ 0x61, 0x80, VOL_ECORRUPT, "extent 1: flags 0x80 set, none are defined" },
		{ 0x62, 1, VOL_ECORRUPT, "extent 1: reserved bytes not zero" },
		{ 0x74, 1, VOL_ECORRUPT, "extent 1: reserved bytes not zero" },
		{ 0x77, 1, VOL_ECORRUPT, "extent 1: reserved bytes not zero" },
		{ 0x67, 0, VOL_ERANGE, "extent 1: PAGE cylinders 0-9 outside 1-99 of the volume" },
		{ 0x67, 95, VOL_ERANGE, "extent 1: PAGE cylinders 95-104 outside 1-99 of the volume" },
		{ 0x64, 0xff, VOL_ERANGE, "extent 1: PAGE cylinders 4278190110-4278190119 outside 1-99 of the volume" },
		{ 0x6b, 0, VOL_ERANGE, "extent 1: PAGE extent at cylinder 30 has 0 cylinders" },
		{ 0x68, 0xff, VOL_ERANGE, "extent 1: PAGE cylinders 30-4278190119 outside 1-99 of the volume" },
		{ 0x67, 5, VOL_EOVERLAP, "extent 1 (PAGE cylinders 5-14) overlaps extent 0 (PERM cylinders 1-10)" },
		{ 0x67, 10, VOL_EOVERLAP, "extent 1 (PAGE cylinders 10-19) overlaps extent 0 (PERM cylinders 1-10)" },
		{ 0x6c, 'p', VOL_ECORRUPT, "extent 1 field has invalid character 0x70 at offset 0" },
		{ 0x6d, ' ', VOL_ECORRUPT, "extent 1 field has 0x47 at offset 2 after a blank" },
		{ 0x6c, 0, VOL_ECORRUPT, "extent 1 field has invalid character 0x00 at offset 0" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		fresh(100);
		cr_assert_eq(add(VOL_EXT_PERM, 1, 10, "A"), VOL_OK);
		cr_assert_eq(add(VOL_EXT_PAGE, 30, 10, "PAGE"), VOL_OK);
		cr_assert_eq(poke_decode(cases[i].off, cases[i].val), cases[i].rc,
			     "case %zu: %s", i, err.msg);
		cr_assert_str_eq(err.msg, cases[i].msg, "case %zu", i);
	}
}

Test(vol_map, decode_accepts_unsorted_but_disjoint_extents)
{
	struct vol_extent e;

	fresh(100);
	add(VOL_EXT_PERM, 1, 10, "A");
	add(VOL_EXT_PAGE, 30, 10, "B");
	/* swap the two records */
	uint8_t tmp[24];
	memcpy(tmp, blk + 0x48, 24);
	memcpy(blk + 0x48, blk + 0x60, 24);
	memcpy(blk + 0x60, tmp, 24);
	vol_map_seal(blk);
	cr_assert_eq(vol_map_decode(blk, 4096, NULL, &err), VOL_OK, "%s", err.msg);
	cr_assert_eq(vol_map_get_extent(blk, 4096, 0, &e, NULL), VOL_OK);
	cr_assert_str_eq(e.name, "B");
	/* and still finds overlaps against the later record */
	cr_assert_eq(add(VOL_EXT_TDSK, 5, 2, ""), VOL_EOVERLAP);
	cr_assert_eq(add(VOL_EXT_TDSK, 20, 2, ""), VOL_OK);
}

Test(vol_map, type_names)
{
	cr_assert_str_eq(vol_extent_type_name(VOL_EXT_PERM), "PERM");
	cr_assert_str_eq(vol_extent_type_name(VOL_EXT_PAGE), "PAGE");
	cr_assert_str_eq(vol_extent_type_name(VOL_EXT_SPOL), "SPOL");
	cr_assert_str_eq(vol_extent_type_name(VOL_EXT_TDSK), "TDSK");
	cr_assert_str_eq(vol_extent_type_name(VOL_EXT_PDR), "PDR");
	cr_assert_str_eq(vol_extent_type_name(VOL_EXT_DRCT), "DRCT");
	cr_assert_null(vol_extent_type_name(0));
	cr_assert_null(vol_extent_type_name(7));
	cr_assert_eq(vol_extent_type_parse("perm"), VOL_EXT_PERM);
	cr_assert_eq(vol_extent_type_parse("DRCT"), VOL_EXT_DRCT);
	cr_assert_eq(vol_extent_type_parse("PDR"), VOL_EXT_PDR);
	cr_assert_eq(vol_extent_type_parse("DISK"), 0);
	cr_assert_eq(vol_extent_type_parse(NULL), 0);
}
