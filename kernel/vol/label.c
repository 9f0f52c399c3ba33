/* VOL1 label encode/decode (EBCDIC CP037). */
#include "kernel/vol/label.h"
#include "arch/s390x/ebcdic.h"
#include <string.h>

#define EBCDIC_BLANK 0x40

int vol_label_encode(void *out, size_t len, const char *volser, struct vol_error *err)
{
	uint8_t *p = out;
	char field[VOL_VOLSER_MAX];
	char owner[14];
	int rc;

	if (len < VOL_LABEL_LEN)
		return vol_fail(err, VOL_ESHORT, "label buffer of %u bytes, need %u",
				(unsigned)len, VOL_LABEL_LEN);
	rc = vol_volser_check(volser, err);
	if (rc)
		return rc;
	memset(p, EBCDIC_BLANK, VOL_LABEL_LEN);
	ascii_to_ebcdic(p, "VOL1", 4);
	vol_field_put_blank(field, sizeof(field), volser);
	ascii_to_ebcdic(p + 4, field, sizeof(field));
	p[10] = EBCDIC_BLANK;
	memset(p + 11, 0, 5);
	vol_field_put_blank(owner, sizeof(owner), VOL_LABEL_OWNER);
	ascii_to_ebcdic(p + 41, owner, sizeof(owner));
	return VOL_OK;
}

int vol_label_decode(const void *buf, size_t len, struct vol_label *out,
		     struct vol_error *err)
{
	const uint8_t *p = buf;
	uint8_t vol1[4];
	char field[VOL_VOLSER_MAX];
	int rc, n;

	if (len < VOL_LABEL_LEN)
		return vol_fail(err, VOL_ESHORT, "VOL1 label of %u bytes, need %u",
				(unsigned)len, VOL_LABEL_LEN);
	ascii_to_ebcdic(vol1, "VOL1", 4);
	if (memcmp(p, vol1, 4) != 0)
		return vol_fail(err, VOL_ENOTFMT,
				"no VOL1 label: starts with X'%02X%02X%02X%02X'",
				p[0], p[1], p[2], p[3]);
	memset(out, 0, sizeof(*out));
	ebcdic_to_ascii(field, p + 4, sizeof(field));
	rc = vol_field_get_volser(field, sizeof(field), out->volser, "label volser", err);
	if (rc)
		return rc;
	if (!out->volser[0])
		return vol_fail(err, VOL_ECORRUPT, "label volser is blank");
	out->security = p[10];
	memcpy(out->vtoc, p + 11, 5);
	for (int i = 0; i < 5; i++)
		out->has_vtoc |= p[11 + i] != 0;
	ebcdic_to_ascii(out->owner, p + 41, 14);
	for (int i = 0; i < 14; i++) {
		unsigned char c = (unsigned char)out->owner[i];

		if (c < 0x20 || c > 0x7e)
			out->owner[i] = '.';
	}
	n = 14;
	while (n > 0 && out->owner[n - 1] == ' ')
		n--;
	out->owner[n] = '\0';
	return VOL_OK;
}

int vol_label_key(unsigned rec, uint8_t key[VOL_LABEL_KEY_LEN])
{
	static const char *const keys[] = { "IPL1", "IPL2", "VOL1" };

	if (rec < 1 || rec > 3)
		return VOL_EINVAL;
	ascii_to_ebcdic(key, keys[rec - 1], VOL_LABEL_KEY_LEN);
	return VOL_OK;
}

unsigned vol_label_record_len(unsigned rec)
{
	switch (rec) {
	case 1: return VOL_IPL1_LEN;
	case 2: return VOL_IPL2_LEN;
	case 3: return VOL_LABEL_LEN;
	default: return 0;
	}
}
