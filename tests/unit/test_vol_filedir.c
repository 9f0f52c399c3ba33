/* File directory of an extent: add/replace/locate, placement and every check. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "kernel/vol/filedir.h"
#include "kernel/vol/crc32.h"

static uint8_t blk[VOL_BLOCK_SIZE];
static struct vol_error err;
#define EXT 180u /* a one-cylinder extent */

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

static void fresh(void)
{
	cr_assert_eq(vol_fdir_format(blk, sizeof(blk), &err), VOL_OK);
}

static int add_at(const char *name, uint32_t start, uint64_t length, uint32_t extent_blocks)
{
	struct vol_file f = { .start_block = start, .length = length, .crc32 = 0x11223344 };

	strncpy(f.name, name, sizeof(f.name) - 1);
	return vol_fdir_add(blk, sizeof(blk), extent_blocks, &f, &err);
}

/* Place and add, as the tool does; returns the start block or a negative code. */
static int64_t put(const char *name, uint64_t length, uint32_t extent_blocks)
{
	uint32_t start = 0;
	int rc = vol_fdir_place(blk, sizeof(blk), extent_blocks, name, length, &start, &err);

	if (rc)
		return rc;
	rc = add_at(name, start, length, extent_blocks);
	return rc ? rc : (int64_t)start;
}

static int poke_decode(size_t off, uint8_t v)
{
	blk[off] = v;
	vol_fdir_seal(blk);
	return vol_fdir_decode(blk, sizeof(blk), EXT, NULL, &err);
}

Test(vol_fdir, format_writes_the_documented_layout)
{
	fresh();
	cr_assert(memcmp(blk, "PLXFDIR1", 8) == 0);
	cr_assert_eq(be32(blk + 8), 1);
	cr_assert_eq(be32(blk + 12), vol_crc32_skip_field(blk, 4096, 12));
	cr_assert_eq(be32(blk + 16), 0);
	for (int i = 16; i < 4096; i++)
		cr_assert_eq(blk[i], 0);
	cr_assert_eq(vol_fdir_format(blk, 10, &err), VOL_ESHORT);
}

Test(vol_fdir, add_locate_and_entry_layout)
{
	struct vol_fdir_info info;
	struct vol_file f;

	fresh();
	cr_assert_eq(put("kernel", 10000, EXT), 1, "%s", err.msg);
	cr_assert_eq(put("initrd", 4096, EXT), 4);
	cr_assert_eq(put("parm", 0, EXT), 5, "an empty file sits at the next free block");
	cr_assert_eq(vol_fdir_decode(blk, 4096, EXT, &info, &err), VOL_OK, "%s", err.msg);
	cr_assert_eq(info.count, 3);
	cr_assert_eq(info.used_blocks, 1 + 3 + 1);
	cr_assert_eq(vol_fdir_lookup(blk, 4096, EXT, "initrd", &f, &err), VOL_OK);
	cr_assert_eq(f.start_block, 4);
	cr_assert_eq(f.length, 4096);
	cr_assert_eq(f.crc32, 0x11223344);
	cr_assert_eq(vol_file_blocks(&f), 1);
	cr_assert_eq(vol_fdir_lookup(blk, 4096, EXT, "nothere", &f, &err), VOL_ENOENT);
	cr_assert_str_eq(err.msg, "file 'nothere' not found");
	cr_assert_eq(vol_fdir_lookup(blk, 4096, EXT, "", &f, &err), VOL_EINVAL);
	/* Entry 0 as bytes. */
	cr_assert(memcmp(blk + 0x20, "kernel\0\0", 8) == 0);
	cr_assert_eq(be32(blk + 0x40), 1);
	cr_assert_eq(be32(blk + 0x44), 0);
	cr_assert_eq(be32(blk + 0x48), 10000);
	cr_assert_eq(be32(blk + 0x4c), 0x11223344);
	cr_assert_eq(be32(blk + 0x10), 3);
	cr_assert_eq(vol_fdir_get(blk, 4096, 1, &f, NULL), VOL_OK);
	cr_assert_str_eq(f.name, "initrd");
	cr_assert_eq(vol_fdir_get(blk, 4096, 3, &f, &err), VOL_ENOENT);
	cr_assert_str_eq(err.msg, "no file 3 (the directory has 3)");
	cr_assert_eq(vol_fdir_get(blk, 40, 0, &f, &err), VOL_ESHORT);
}

Test(vol_fdir, names_use_all_32_bytes)
{
	char name[33];
	struct vol_file f;

	memset(name, 'N', 32);
	name[32] = 0;
	fresh();
	cr_assert_eq(put(name, 1, EXT), 1, "%s", err.msg);
	cr_assert_eq(vol_fdir_lookup(blk, 4096, EXT, name, &f, &err), VOL_OK, "%s", err.msg);
	cr_assert_str_eq(f.name, name);
	cr_assert_eq(put("a-much-longer-name-than-32-bytes-x", 1, EXT), VOL_EINVAL);
	cr_assert(strstr(err.msg, "longer than 32 characters"));
	cr_assert_eq(put("with blank", 1, EXT), VOL_EINVAL);
	cr_assert_str_eq(err.msg, "file name has invalid character 0x20 at position 5");
	cr_assert_eq(put("tab\t", 1, EXT), VOL_EINVAL);
	cr_assert_eq(put("\x80", 1, EXT), VOL_EINVAL);
}

Test(vol_fdir, replace_keeps_the_old_copy_until_switched)
{
	struct vol_file f;

	fresh();
	cr_assert_eq(put("a", 4096 * 2, 10), 1);
	cr_assert_eq(put("b", 4096, 10), 3);
	/* The new "a" goes after b while the old one stays intact. */
	cr_assert_eq(put("a", 4096 * 3, 10), 4);
	cr_assert_eq(vol_fdir_lookup(blk, 4096, 10, "a", &f, NULL), VOL_OK);
	cr_assert_eq(f.start_block, 4);
	cr_assert_eq(f.length, 3 * 4096);
	cr_assert_eq(vol_fdir_get(blk, 4096, 0, &f, NULL), VOL_OK);
	cr_assert_str_eq(f.name, "b", "entries stay in block order");
	/* 10 blocks: dir, b at 3, a at 4-6; a 6-block "a" only fits by reusing its space. */
	cr_assert_eq(put("a", 4096 * 6, 10), 4);
	cr_assert_eq(vol_fdir_decode(blk, 4096, 10, NULL, &err), VOL_OK, "%s", err.msg);
	/* The gap before b (blocks 1-2) is found first. */
	cr_assert_eq(put("c", 4096 * 2, 10), 1);
	cr_assert_eq(put("d", 1, 10), VOL_ENOSPC);
	cr_assert_str_eq(err.msg, "no room for 'd' (1 bytes, 1 blocks) in an extent of 10 "
			 "blocks with 10 in use");
}

Test(vol_fdir, remove)
{
	struct vol_fdir_info info;

	fresh();
	put("a", 1, EXT);
	put("b", 1, EXT);
	put("c", 1, EXT);
	cr_assert_eq(vol_fdir_remove(blk, 4096, EXT, "b", &err), VOL_OK);
	cr_assert_eq(vol_fdir_decode(blk, 4096, EXT, &info, &err), VOL_OK, "%s", err.msg);
	cr_assert_eq(info.count, 2);
	cr_assert_eq(vol_fdir_remove(blk, 4096, EXT, "b", &err), VOL_ENOENT);
	cr_assert_eq(vol_fdir_remove(blk, 4096, EXT, "", &err), VOL_EINVAL);
	cr_assert_eq(put("b", 1, EXT), 2, "the hole is reused");
	cr_assert_eq(vol_fdir_remove(blk, 4096, EXT, "a", &err), VOL_OK);
	cr_assert_eq(vol_fdir_remove(blk, 4096, EXT, "b", &err), VOL_OK);
	cr_assert_eq(vol_fdir_remove(blk, 4096, EXT, "c", &err), VOL_OK);
	cr_assert_eq(vol_fdir_decode(blk, 4096, EXT, &info, &err), VOL_OK, "%s", err.msg);
	cr_assert_eq(info.count, 0);
	blk[0] = 0;
	cr_assert_eq(vol_fdir_remove(blk, 4096, EXT, "a", &err), VOL_ENOTFMT);
}

Test(vol_fdir, add_checks_range_and_overlap)
{
	fresh();
	cr_assert_eq(add_at("a", 10, 4096 * 5, EXT), VOL_OK);      /* 10-14 */
	cr_assert_eq(add_at("b", 14, 1, EXT), VOL_EOVERLAP);
	cr_assert_str_eq(err.msg, "new file 'b' (blocks 14-14) overlaps 'a' (blocks 10-14)");
	cr_assert_eq(add_at("b", 6, 4096 * 5, EXT), VOL_EOVERLAP);
	cr_assert_str_eq(err.msg, "new file 'b' (blocks 6-10) overlaps 'a' (blocks 10-14)");
	cr_assert_eq(add_at("b", 11, 1, EXT), VOL_EOVERLAP, "inside");
	cr_assert_eq(add_at("b", 12, 0, EXT), VOL_EOVERLAP, "an empty file inside another");
	cr_assert_eq(add_at("b", 10, 0, EXT), VOL_OK, "an empty file at another's start");
	cr_assert_eq(add_at("c", 5, 4096 * 5, EXT), VOL_OK, "adjacent below");
	cr_assert_eq(add_at("d", 15, 1, EXT), VOL_OK, "adjacent above");
	cr_assert_eq(vol_fdir_decode(blk, 4096, EXT, NULL, &err), VOL_OK, "%s", err.msg);
	cr_assert_eq(add_at("e", 0, 1, EXT), VOL_ERANGE);
	cr_assert_str_eq(err.msg, "new file 'e' starts at block 0, outside 1-179 of the extent");
	cr_assert_eq(add_at("e", 180, 0, EXT), VOL_ERANGE);
	cr_assert_eq(add_at("e", 179, 4097, EXT), VOL_ERANGE);
	cr_assert_str_eq(err.msg, "new file 'e' (4097 bytes at block 179) ends at block 180, past "
			 "the extent's 180 blocks");
	cr_assert_eq(add_at("e", 179, 4096, EXT), VOL_OK, "the last block");
	cr_assert_eq(add_at("f", 100, UINT64_MAX, EXT), VOL_ERANGE, "no wrap-around");
	/* Replacing may move a file onto its own old blocks. */
	cr_assert_eq(add_at("a", 12, 4096, EXT), VOL_OK);
	cr_assert_eq(vol_fdir_decode(blk, 4096, EXT, NULL, &err), VOL_OK, "%s", err.msg);
	cr_assert_eq(add_at("a", 5, 4096, EXT), VOL_EOVERLAP, "onto c");
}

Test(vol_fdir, directory_full)
{
	fresh();
	for (unsigned i = 0; i < VOL_FDIR_MAX_FILES; i++) {
		char name[8];

		snprintf(name, sizeof(name), "f%u", i);
		cr_assert_eq(put(name, 100, EXT), (int64_t)i + 1, "%s", err.msg);
	}
	cr_assert_eq(put("one-more", 1, EXT), VOL_ENOSPC);
	cr_assert_str_eq(err.msg, "file directory is full (63 files)");
	cr_assert_eq(add_at("one-more", 100, 1, EXT), VOL_ENOSPC);
	/* Replacing in a full directory still works. */
	cr_assert_eq(put("f7", 5000, EXT), 64);
	cr_assert_eq(vol_fdir_decode(blk, 4096, EXT, NULL, &err), VOL_OK, "%s", err.msg);
}

Test(vol_fdir, too_big_for_the_extent)
{
	fresh();
	cr_assert_eq(put("big", 179ull * 4096, EXT), 1);
	fresh();
	cr_assert_eq(put("big", 179ull * 4096 + 1, EXT), VOL_ENOSPC);
	cr_assert_eq(put("big", UINT64_MAX, EXT), VOL_ENOSPC);
	fresh();
	cr_assert_eq(put("x", 0, 1), VOL_ENOSPC, "a one-block extent holds only the directory");
	cr_assert_eq(vol_fdir_decode(blk, 4096, 0, NULL, &err), VOL_EINVAL);
}

Test(vol_fdir, decode_header_errors)
{
	fresh();
	put("a", 1, EXT);
	cr_assert_eq(vol_fdir_decode(blk, 4095, EXT, NULL, &err), VOL_ESHORT);
	cr_assert_str_eq(err.msg, "file directory of 4095 bytes, need 4096");
	blk[3] = 'x';
	cr_assert_eq(vol_fdir_decode(blk, 4096, EXT, NULL, &err), VOL_ENOTFMT);
	cr_assert_str_eq(err.msg, "no file directory: magic is not \"PLXFDIR1\"");
	blk[3] = 'F';
	blk[8] = 1;
	cr_assert_eq(vol_fdir_decode(blk, 4096, EXT, NULL, &err), VOL_EVERSION);
	cr_assert_str_eq(err.msg, "file directory version 16777217, this code reads 1");
	blk[8] = 0;
	blk[0x21] ^= 1;
	cr_assert_eq(vol_fdir_decode(blk, 4096, EXT, NULL, &err), VOL_ECHECKSUM);
	cr_assert(strstr(err.msg, "file directory checksum is "));
	blk[0x21] ^= 1;
	cr_assert_eq(vol_fdir_decode(blk, 4096, EXT, NULL, &err), VOL_OK);
}

Test(vol_fdir, decode_checks_every_field)
{
	static const struct { size_t off; uint8_t val; int rc; const char *msg; } cases[] = {
		{ 0x13, 64, VOL_ECORRUPT, "file directory entry count 64 exceeds 63" },
		{ 0x10, 1, VOL_ECORRUPT, "file directory entry count 16777218 exceeds 63" },
		{ 0x13, 3, VOL_ECORRUPT, "file 2 has an empty name" },
		{ 0x13, 1, VOL_ECORRUPT, "file directory: bytes after the 1 entries are not zero" },
		{ 0xfe0, 1, VOL_ECORRUPT, "file directory: bytes after the 2 entries are not zero" },
		{ 0x1f, 1, VOL_ECORRUPT, "file directory reserved header bytes not zero" },
		{ 0x20, 0, VOL_ECORRUPT, "file 0 has an empty name" },
		{ 0x20, ' ', VOL_ECORRUPT, "file 0 name has invalid character 0x20 at offset 0" },
		{ 0x21, 0x7f, VOL_ECORRUPT, "file 0 name has invalid character 0x7f at offset 1" },
		{ 0x3f, 'x', VOL_ECORRUPT, "file 0 name 'kernel' is followed by non-NUL bytes" },
		{ 0x50, 1, VOL_ECORRUPT, "file 'kernel': reserved bytes not zero" },
		{ 0x5f, 1, VOL_ECORRUPT, "file 'kernel': reserved bytes not zero" },
		{ 0x43, 0, VOL_ERANGE, "file 'kernel' starts at block 0, outside 1-179 of the extent" },
		{ 0x43, 180, VOL_ERANGE, "file 'kernel' starts at block 180, outside 1-179 of the extent" },
		{ 0x40, 0x80, VOL_ERANGE, "file 'kernel' starts at block 2147483649, outside 1-179 of the extent" },
		{ 0x44, 0x80, VOL_ERANGE, "file 'kernel' (9223372036854785808 bytes at block 1) ends at block 2251799813685251, past the extent's 180 blocks" },
		{ 0x49, 0x10, VOL_ERANGE, "file 'kernel' (1058576 bytes at block 1) ends at block 259, past the extent's 180 blocks" },
		{ 0x83, 3, VOL_EOVERLAP, "file 'initrd' (blocks 3-3) overlaps 'kernel' (blocks 1-3)" },
		{ 0x83, 1, VOL_EOVERLAP, "file 'initrd' (blocks 1-1) overlaps 'kernel' (blocks 1-3)" },
		{ 0x43, 10, VOL_ECORRUPT, "file 'initrd' at block 4 comes after 'kernel' at block 10: entries out of order" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		fresh();
		cr_assert_eq(put("kernel", 10000, EXT), 1);   /* blocks 1-3 */
		cr_assert_eq(put("initrd", 100, EXT), 4);
		cr_assert_eq(poke_decode(cases[i].off, cases[i].val), cases[i].rc,
			     "case %zu: %s", i, err.msg);
		cr_assert_str_eq(err.msg, cases[i].msg, "case %zu", i);
	}
}

Test(vol_fdir, decode_rejects_duplicate_names)
{
	fresh();
	cr_assert_eq(put("same", 1, EXT), 1);
	cr_assert_eq(put("other", 1, EXT), 2);
	memcpy(blk + 0x60, "same\0", 6);
	vol_fdir_seal(blk);
	cr_assert_eq(vol_fdir_decode(blk, 4096, EXT, NULL, &err), VOL_ECORRUPT);
	cr_assert_str_eq(err.msg, "file 'same' appears twice");
}

Test(vol_fdir, empty_files_in_a_full_extent)
{
	fresh();
	cr_assert_eq(put("all", 9 * 4096, 10), 1);
	cr_assert_eq(put("empty", 0, 10), 1, "before the first file");
	cr_assert_eq(put("empty2", 0, 10), 1);
	cr_assert_eq(vol_fdir_decode(blk, 4096, 10, NULL, &err), VOL_OK, "%s", err.msg);
	cr_assert_eq(put("one", 1, 10), VOL_ENOSPC);
}

Test(vol_fdir, every_entry_point_refuses_a_damaged_directory)
{
	struct vol_file f = { .name = "x", .start_block = 1, .length = 1 };
	uint32_t start;

	fresh();
	cr_assert_eq(put("a", 1, EXT), 1);
	blk[100] ^= 0x40;
	cr_assert_eq(vol_fdir_lookup(blk, 4096, EXT, "a", &f, &err), VOL_ECHECKSUM);
	cr_assert_eq(vol_fdir_place(blk, 4096, EXT, "b", 1, &start, &err), VOL_ECHECKSUM);
	cr_assert_eq(vol_fdir_add(blk, 4096, EXT, &f, &err), VOL_ECHECKSUM);
	cr_assert_eq(vol_fdir_remove(blk, 4096, EXT, "a", &err), VOL_ECHECKSUM);
	cr_assert_eq(vol_file_name_check(NULL, &err), VOL_EINVAL);
	cr_assert_str_eq(err.msg, "file name missing");
	strcpy(f.name, "bad name");
	blk[100] ^= 0x40;
	cr_assert_eq(vol_fdir_add(blk, 4096, EXT, &f, &err), VOL_EINVAL);
	cr_assert_eq(vol_fdir_place(blk, 4096, EXT, "bad name", 1, &start, &err), VOL_EINVAL);
}

Test(vol_fdir, decode_orders_empty_files_before_others_at_the_same_block)
{
	fresh();
	cr_assert_eq(add_at("empty", 1, 0, EXT), VOL_OK);
	cr_assert_eq(add_at("full", 1, 4096, EXT), VOL_OK);
	cr_assert_eq(vol_fdir_decode(blk, 4096, EXT, NULL, &err), VOL_OK, "%s", err.msg);
	/* Swap the two entries: now the empty file sits inside "full". */
	uint8_t tmp[64];
	memcpy(tmp, blk + 0x20, 64);
	memcpy(blk + 0x20, blk + 0x60, 64);
	memcpy(blk + 0x60, tmp, 64);
	vol_fdir_seal(blk);
	cr_assert_eq(vol_fdir_decode(blk, 4096, EXT, NULL, &err), VOL_EOVERLAP);
}
