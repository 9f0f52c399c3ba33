/* Volume geometry, CRC-32 and identifier rules of kernel/vol. */
#include <criterion/criterion.h>
#include <string.h>
#include "kernel/vol/geometry.h"
#include "kernel/vol/crc32.h"
#include "kernel/vol/names.h"

Test(vol_geometry, block_to_chr_follows_the_3390_layout)
{
	struct vol_chr c;

	vol_block_to_chr(0, &c);
	cr_assert(c.cyl == 0 && c.head == 0 && c.rec == 1);
	vol_block_to_chr(11, &c);
	cr_assert(c.cyl == 0 && c.head == 0 && c.rec == 12);
	vol_block_to_chr(VOL_MAP_BLOCK, &c);
	cr_assert(c.cyl == 0 && c.head == 1 && c.rec == 1, "the map is cylinder 0 head 1 record 1");
	vol_block_to_chr(179, &c);
	cr_assert(c.cyl == 0 && c.head == 14 && c.rec == 12);
	vol_block_to_chr(180, &c);
	cr_assert(c.cyl == 1 && c.head == 0 && c.rec == 1);
	vol_block_to_chr(180 * 1000 + 12 * 7 + 5, &c);
	cr_assert(c.cyl == 1000 && c.head == 7 && c.rec == 6);
	vol_block_to_chr(UINT32_MAX, &c);
	cr_assert_eq(c.cyl, UINT32_MAX / 180);
}

Test(vol_geometry, chr_to_block_round_trips_every_block_of_a_cylinder_range)
{
	for (uint32_t b = 0; b < 180 * 30; b++) {
		struct vol_chr c;
		uint32_t back = ~0u;

		vol_block_to_chr(b, &c);
		cr_assert_eq(vol_chr_to_block(&c, &back, NULL), VOL_OK);
		cr_assert_eq(back, b);
	}
	for (uint32_t cyl = VOL_MAX_CYLS - 3; cyl < VOL_MAX_CYLS; cyl++) {
		struct vol_chr c = { cyl, 14, 12 };
		uint32_t b;

		cr_assert_eq(vol_chr_to_block(&c, &b, NULL), VOL_OK);
		cr_assert_eq(b, cyl * 180 + 179);
	}
}

Test(vol_geometry, chr_to_block_rejects_bad_addresses)
{
	struct vol_error err;
	struct vol_chr c = { 1, 15, 1 };
	uint32_t b = 7;

	cr_assert_eq(vol_chr_to_block(&c, &b, &err), VOL_ERANGE);
	cr_assert_str_eq(err.msg, "head 15 out of range 0-14");
	c.head = 0;
	c.rec = 0;
	cr_assert_eq(vol_chr_to_block(&c, &b, &err), VOL_ERANGE);
	cr_assert_str_eq(err.msg, "record 0 out of range 1-12");
	c.rec = 13;
	cr_assert_eq(vol_chr_to_block(&c, &b, &err), VOL_ERANGE);
	c.rec = 1;
	c.cyl = UINT32_MAX;
	cr_assert_eq(vol_chr_to_block(&c, &b, &err), VOL_ERANGE);
	cr_assert(strstr(err.msg, "too large"));
	cr_assert_eq(b, 7, "untouched on error");
}

Test(vol_geometry, sizes_and_limits)
{
	struct vol_error err;

	cr_assert_eq(VOL_BLOCKS_PER_CYL, 180);
	cr_assert_eq(vol_cyl_first_block(3), 540);
	cr_assert_eq(vol_cyls_blocks(65520), 65520ull * 180);
	cr_assert_eq(vol_cyls_bytes(1), 180ull * 4096);
	cr_assert_eq(vol_bytes_to_blocks(0), 0);
	cr_assert_eq(vol_bytes_to_blocks(1), 1);
	cr_assert_eq(vol_bytes_to_blocks(4096), 1);
	cr_assert_eq(vol_bytes_to_blocks(4097), 2);
	cr_assert_eq(vol_bytes_to_blocks(UINT64_MAX), UINT64_MAX / 4096 + 1);
	cr_assert(vol_block_on_label_track(11));
	cr_assert(!vol_block_on_label_track(12));
	cr_assert_eq(vol_check_cylinders(2, NULL), VOL_OK);
	cr_assert_eq(vol_check_cylinders(65520, NULL), VOL_OK);
	cr_assert_eq(vol_check_cylinders(1, &err), VOL_ERANGE);
	cr_assert_str_eq(err.msg, "1 cylinders: a volume has 2 to 65520");
	cr_assert_eq(vol_check_cylinders(65521, NULL), VOL_ERANGE);
	cr_assert_eq(vol_check_cylinders(1ull << 40, NULL), VOL_ERANGE);
}

Test(vol_crc32, check_value_and_table)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
		cr_assert_eq(vol_crc32_table[i], c, "table entry %u", i);
	}
	cr_assert_eq(vol_crc32(0, "123456789", 9), 0xcbf43926u);
	cr_assert_eq(vol_crc32(0, "", 0), 0);
	cr_assert_eq(vol_crc32(0, "The quick brown fox jumps over the lazy dog", 43), 0x414fa339u);
}

Test(vol_crc32, pieces_give_the_same_crc)
{
	uint8_t buf[10000];
	uint32_t whole, crc = 0;

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7 + (i >> 8));
	whole = vol_crc32(0, buf, sizeof(buf));
	for (size_t off = 0; off < sizeof(buf); off += 333)
		crc = vol_crc32(crc, buf + off, MIN(333, sizeof(buf) - off));
	cr_assert_eq(crc, whole);
}

Test(vol_crc32, skip_field_treats_the_field_as_zero)
{
	uint8_t a[64], b[64];

	for (int i = 0; i < 64; i++)
		a[i] = b[i] = (uint8_t)i;
	memset(b + 12, 0, 4);
	a[12] = 0xde;
	a[15] = 0xad;
	cr_assert_eq(vol_crc32_skip_field(a, 64, 12), vol_crc32(0, b, 64));
	cr_assert_eq(vol_crc32_skip_field(a, 64, 60), vol_crc32_skip_field(a, 64, 60));
}

Test(vol_names, volser_rules)
{
	struct vol_error err;

	cr_assert_eq(vol_volser_check("A", NULL), VOL_OK);
	cr_assert_eq(vol_volser_check("PLX$#@", NULL), VOL_OK);
	cr_assert_eq(vol_volser_check("123456", NULL), VOL_OK);
	cr_assert_eq(vol_volser_check("", &err), VOL_EINVAL);
	cr_assert_str_eq(err.msg, "volser is empty");
	cr_assert_eq(vol_volser_check(NULL, &err), VOL_EINVAL);
	cr_assert_eq(vol_volser_check("ABCDEFG", &err), VOL_EINVAL);
	cr_assert_str_eq(err.msg, "volser 'ABCDEF...' is longer than 6 characters");
	cr_assert_eq(vol_volser_check("abc", &err), VOL_EINVAL);
	cr_assert_str_eq(err.msg, "volser 'abc' has invalid character 0x61 at position 1");
	cr_assert_eq(vol_volser_check("A B", NULL), VOL_EINVAL);
	cr_assert_eq(vol_volser_check("A_B", NULL), VOL_EINVAL);
}

Test(vol_names, name8_rules)
{
	struct vol_error err;

	cr_assert_eq(vol_name8_check("PLEXSSI1", "owner", NULL), VOL_OK);
	cr_assert_eq(vol_name8_check("A-B_C$#@", "owner", NULL), VOL_OK);
	cr_assert_eq(vol_name8_check("TOOLONGXX", "owner", &err), VOL_EINVAL);
	cr_assert_str_eq(err.msg, "owner 'TOOLONGX...' is longer than 8 characters");
	cr_assert_eq(vol_name8_check("a", "extent name", &err), VOL_EINVAL);
	cr_assert(strstr(err.msg, "extent name 'a' has invalid character 0x61"));
	cr_assert_eq(vol_name8_check("A.B", "x", NULL), VOL_EINVAL);
}

Test(vol_names, blank_padded_fields)
{
	struct vol_error err;
	char field[8], out[9];

	vol_field_put_blank(field, 8, "AB");
	cr_assert(memcmp(field, "AB      ", 8) == 0);
	cr_assert_eq(vol_field_get_name8(field, 8, out, "f", NULL), VOL_OK);
	cr_assert_str_eq(out, "AB");
	memcpy(field, "        ", 8);
	cr_assert_eq(vol_field_get_name8(field, 8, out, "f", NULL), VOL_OK);
	cr_assert_str_eq(out, "", "all blanks is an empty name");
	memcpy(field, " AB     ", 8);
	cr_assert_eq(vol_field_get_name8(field, 8, out, "f", &err), VOL_ECORRUPT);
	cr_assert_str_eq(err.msg, "f field has 0x41 at offset 1 after a blank");
	memcpy(field, "AB CD   ", 8);
	cr_assert_eq(vol_field_get_name8(field, 8, out, "f", &err), VOL_ECORRUPT);
	memcpy(field, "AB\0     ", 8);
	cr_assert_eq(vol_field_get_name8(field, 8, out, "f", &err), VOL_ECORRUPT);
	cr_assert_str_eq(err.msg, "f field has invalid character 0x00 at offset 2");
	memcpy(field, "ABCDEFG ", 8);
	cr_assert_eq(vol_field_get_volser(field, 8, out, "v", &err), VOL_ECORRUPT);
	cr_assert_str_eq(err.msg, "v field is longer than 6 characters");
	memcpy(field, "ABCDEF  ", 8);
	cr_assert_eq(vol_field_get_volser(field, 8, out, "v", NULL), VOL_OK);
	cr_assert_str_eq(out, "ABCDEF");
}

Test(vol_error, codes_have_names)
{
	cr_assert_str_eq(vol_rc_name(VOL_ECHECKSUM), "checksum mismatch");
	cr_assert_str_eq(vol_rc_name(VOL_OK), "ok");
	cr_assert_str_eq(vol_rc_name(VOL_EEXIST), "already exists");
	cr_assert_str_eq(vol_rc_name(-99), "unknown error");
	for (int c = VOL_EEXIST; c <= VOL_OK; c++)
		cr_assert_str_neq(vol_rc_name(c), "unknown error");
}
