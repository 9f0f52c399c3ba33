/* VOL1 label encode/decode. */
#include <criterion/criterion.h>
#include <string.h>
#include "kernel/vol/label.h"
#include "arch/s390x/ebcdic.h"

static void ebcdic(uint8_t *dst, const char *s)
{
	ascii_to_ebcdic(dst, s, strlen(s));
}

Test(vol_label, encode_writes_the_documented_bytes)
{
	uint8_t lab[80], want[80];

	memset(lab, 0xaa, sizeof(lab));
	cr_assert_eq(vol_label_encode(lab, sizeof(lab), "PLX001", NULL), VOL_OK);
	memset(want, 0x40, sizeof(want));
	memcpy(want, "\xe5\xd6\xd3\xf1", 4);                  /* VOL1 */
	memcpy(want + 4, "\xd7\xd3\xe7\xf0\xf0\xf1", 6);      /* PLX001 */
	memset(want + 11, 0, 5);
	memcpy(want + 41, "\xd7\xd3\xc5\xe7\xe5\xd4", 6);     /* PLEXVM */
	cr_assert(memcmp(lab, want, 80) == 0);
	cr_assert_eq(lab[10], 0x40);
}

Test(vol_label, short_volser_is_blank_padded_and_round_trips)
{
	uint8_t lab[80];
	struct vol_label l;

	cr_assert_eq(vol_label_encode(lab, 80, "A$", NULL), VOL_OK);
	cr_assert_eq(lab[6], 0x40);
	cr_assert_eq(lab[9], 0x40);
	cr_assert_eq(vol_label_decode(lab, 80, &l, NULL), VOL_OK);
	cr_assert_str_eq(l.volser, "A$");
	cr_assert_str_eq(l.owner, "PLEXVM");
	cr_assert_eq(l.security, 0x40);
	cr_assert(!l.has_vtoc);
}

Test(vol_label, encode_rejects_bad_input)
{
	uint8_t lab[80];
	struct vol_error err;

	cr_assert_eq(vol_label_encode(lab, 79, "A", &err), VOL_ESHORT);
	cr_assert_str_eq(err.msg, "label buffer of 79 bytes, need 80");
	cr_assert_eq(vol_label_encode(lab, 80, "TOOLONG", &err), VOL_EINVAL);
	cr_assert_eq(vol_label_encode(lab, 80, "", &err), VOL_EINVAL);
	cr_assert_eq(vol_label_encode(lab, 80, "lower", &err), VOL_EINVAL);
}

Test(vol_label, decode_accepts_a_dasdinit_label)
{
	/* What Hercules' dasdinit writes: VTOC at 0,1,1 and owner "HERCULES". */
	uint8_t lab[80];
	struct vol_label l;

	memset(lab, 0x40, 80);
	ebcdic(lab, "VOL1HERC01");
	lab[11] = 0;
	lab[12] = 0;
	lab[13] = 0;
	lab[14] = 1;
	lab[15] = 1;
	ebcdic(lab + 41, "HERCULES");
	cr_assert_eq(vol_label_decode(lab, 80, &l, NULL), VOL_OK);
	cr_assert_str_eq(l.volser, "HERC01");
	cr_assert_str_eq(l.owner, "HERCULES");
	cr_assert(l.has_vtoc);
	cr_assert(memcmp(l.vtoc, "\0\0\0\1\1", 5) == 0);
}

Test(vol_label, decode_rejects_bad_labels)
{
	uint8_t lab[80];
	struct vol_label l;
	struct vol_error err;

	cr_assert_eq(vol_label_encode(lab, 80, "GOOD", NULL), VOL_OK);
	cr_assert_eq(vol_label_decode(lab, 79, &l, &err), VOL_ESHORT);
	cr_assert_str_eq(err.msg, "VOL1 label of 79 bytes, need 80");

	lab[0] = 'V';  /* ASCII, not EBCDIC */
	cr_assert_eq(vol_label_decode(lab, 80, &l, &err), VOL_ENOTFMT);
	cr_assert_str_eq(err.msg, "no VOL1 label: starts with X'56D6D3F1'");

	memset(lab, 0, 80);
	cr_assert_eq(vol_label_decode(lab, 80, &l, &err), VOL_ENOTFMT);

	vol_label_encode(lab, 80, "GOOD", NULL);
	memset(lab + 4, 0x40, 6);
	cr_assert_eq(vol_label_decode(lab, 80, &l, &err), VOL_ECORRUPT);
	cr_assert_str_eq(err.msg, "label volser is blank");

	vol_label_encode(lab, 80, "GOOD", NULL);
	lab[5] = 0x81; /* lower-case a */
	cr_assert_eq(vol_label_decode(lab, 80, &l, &err), VOL_ECORRUPT);
	cr_assert_str_eq(err.msg, "label volser field has invalid character 0x61 at offset 1");

	vol_label_encode(lab, 80, "AB", NULL);
	lab[8] = 0xc3; /* "AB  C " */
	cr_assert_eq(vol_label_decode(lab, 80, &l, &err), VOL_ECORRUPT);
	cr_assert(strstr(err.msg, "after a blank"));

	vol_label_encode(lab, 80, "AB", NULL);
	lab[6] = 0x00;
	cr_assert_eq(vol_label_decode(lab, 80, &l, &err), VOL_ECORRUPT);
}

Test(vol_label, decode_sanitises_the_owner)
{
	uint8_t lab[80];
	struct vol_label l;

	vol_label_encode(lab, 80, "X", NULL);
	lab[42] = 0x00;
	memset(lab + 47, 0xff, 8);
	cr_assert_eq(vol_label_decode(lab, 80, &l, NULL), VOL_OK);
	cr_assert_str_eq(l.owner, "P.EXVM........");
}

Test(vol_label, ipl_record_keys_and_lengths)
{
	uint8_t key[4];

	cr_assert_eq(vol_label_key(1, key), VOL_OK);
	cr_assert(memcmp(key, "\xc9\xd7\xd3\xf1", 4) == 0);
	cr_assert_eq(vol_label_key(2, key), VOL_OK);
	cr_assert(memcmp(key, "\xc9\xd7\xd3\xf2", 4) == 0);
	cr_assert_eq(vol_label_key(3, key), VOL_OK);
	cr_assert(memcmp(key, "\xe5\xd6\xd3\xf1", 4) == 0);
	cr_assert_eq(vol_label_key(0, key), VOL_EINVAL);
	cr_assert_eq(vol_label_key(4, key), VOL_EINVAL);
	cr_assert_eq(vol_label_record_len(1), 24);
	cr_assert_eq(vol_label_record_len(2), 144);
	cr_assert_eq(vol_label_record_len(3), 80);
	cr_assert_eq(vol_label_record_len(4), 0);
}
