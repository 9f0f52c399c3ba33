/* The IPL bundle: writer output, reader lookups, and rejection of every kind of damage. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/config/bundle.h"
#include "kernel/config/sha256.h"

static const char cfg[] = "SSI CLU PDR_VOLUME V SLOT 1 M1\n";
static const char dir[] = "USER A PW\n";

static unsigned char *make(size_t *len)
{
	struct bundle_item items[] = {
		{ BUNDLE_SYSTEM_CONFIG, cfg, sizeof(cfg) - 1 },
		{ BUNDLE_USER_DIRECT, dir, sizeof(dir) - 1 },
	};
	size_t size = bundle_size(items, 2), written;
	unsigned char *b = malloc(size);

	cr_assert_eq(bundle_write(b, size, items, 2, &written), BUNDLE_OK);
	cr_assert_eq(written, size);
	*len = size;
	return b;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Recompute the header checksum after a deliberate edit, so deeper checks are reached. */
static void reseal(unsigned char *b)
{
	uint32_t count = (uint32_t)b[16] << 24 | (uint32_t)b[17] << 16 | (uint32_t)b[18] << 8 | b[19];
	size_t end = BUNDLE_HEADER_SIZE + (size_t)count * BUNDLE_ENTRY_SIZE;
	struct sha256 s;

	memset(b + 24, 0, 32);
	sha256_init(&s);
	sha256_update(&s, b, end);
	sha256_final(&s, b + 24);
}

Test(config_bundle, layout_is_big_endian_and_aligned)
{
	size_t len;
	unsigned char *b = make(&len);

	cr_assert_eq(memcmp(b, "PLEXBNDL", 8), 0);
	cr_assert_eq(b[11], 1, "version 1, big-endian");
	cr_assert_eq(b[15], BUNDLE_HEADER_SIZE);
	cr_assert_eq(b[19], 2, "two entries");
	cr_assert_str_eq((char *)b + 56, "SYSTEM CONFIG");
	cr_assert_eq(b[56 + 35], 216, "first data right after the table (56 + 2 * 80)");
	cr_assert_eq(len, 216 + 32 + sizeof(dir) - 1, "second entry aligned to 8 after 31 bytes");
	free(b);
}

Test(config_bundle, find_returns_the_entries)
{
	size_t len, n;
	unsigned char *b = make(&len);
	const void *data;
	struct bundle_info info;

	cr_assert_eq(bundle_check(b, len), BUNDLE_OK);
	cr_assert_eq(bundle_find(b, len, BUNDLE_USER_DIRECT, &data, &n), BUNDLE_OK);
	cr_assert_eq(n, sizeof(dir) - 1);
	cr_assert_eq(memcmp(data, dir, n), 0);
	cr_assert_eq(bundle_find(b, len, BUNDLE_SYSTEM_CONFIG, &data, &n), BUNDLE_OK);
	cr_assert_eq(memcmp(data, cfg, n), 0);
	cr_assert_eq(bundle_find(b, len, "USER", &data, &n), BUNDLE_E_NOT_FOUND);
	cr_assert_null(data);
	cr_assert_eq(bundle_count(b, len), 2);
	cr_assert_eq(bundle_entry(b, len, 1, &info), BUNDLE_OK);
	cr_assert_str_eq(info.name, "USER DIRECT");
	cr_assert_eq(info.offset, 248);
	cr_assert_eq(bundle_entry(b, len, 2, &info), BUNDLE_E_NOT_FOUND);
	free(b);
}

Test(config_bundle, trailing_ramdisk_padding_is_accepted)
{
	size_t len;
	unsigned char *b = make(&len), *padded = calloc(1, len + 4096);

	memcpy(padded, b, len);
	cr_assert_eq(bundle_check(padded, len + 4096), BUNDLE_OK);
	free(b);
	free(padded);
}

Test(config_bundle, damage_is_detected)
{
	size_t len;
	unsigned char *b = make(&len), *c = malloc(len);

	cr_assert_eq(bundle_check(NULL, 0), BUNDLE_E_SHORT);
	cr_assert_eq(bundle_check(b, 55), BUNDLE_E_SHORT);
	cr_assert_eq(bundle_check(b, len - 1), BUNDLE_E_SHORT, "total size beyond the buffer");

#define DAMAGE(edit, reseal_it, want)                                       \
	do {                                                                \
		memcpy(c, b, len);                                          \
		edit;                                                       \
		if (reseal_it)                                              \
			reseal(c);                                          \
		cr_assert_eq(bundle_check(c, len), want, "%s", #edit);      \
	} while (0)

	DAMAGE(c[0] = 'X', 0, BUNDLE_E_MAGIC);
	DAMAGE(c[11] = 2, 0, BUNDLE_E_VERSION);
	DAMAGE(c[15] = 60, 0, BUNDLE_E_HEADER);
	DAMAGE(put32(c + 16, 0), 0, BUNDLE_E_HEADER);
	DAMAGE(put32(c + 16, BUNDLE_MAX_ENTRIES + 1), 0, BUNDLE_E_HEADER);
	DAMAGE(put32(c + 16, 3), 0, BUNDLE_E_HEADER);		/* table would pass the data */
	DAMAGE(put32(c + 20, 100), 0, BUNDLE_E_HEADER);		/* total inside the table */
	DAMAGE(c[60] = 'X', 0, BUNDLE_E_HEADER_CHECKSUM);		/* name edited, not resealed */
	DAMAGE(c[len - 1] ^= 1, 0, BUNDLE_E_CHECKSUM);		/* data edited */
	DAMAGE(put32(c + 56 + 32, 100), 1, BUNDLE_E_ENTRY);	/* data inside the table */
	DAMAGE(put32(c + 56 + 32, (uint32_t)len), 1, BUNDLE_E_ENTRY);
	DAMAGE(put32(c + 56 + 36, 0xFFFFFFF0u), 1, BUNDLE_E_ENTRY);	/* size wraps past the end */
	DAMAGE(put32(c + 136 + 32, 220), 1, BUNDLE_E_ENTRY);	/* overlaps the first entry */
	DAMAGE(c[56] = 0, 1, BUNDLE_E_ENTRY);			/* empty name */
	DAMAGE(memset(c + 56, 'A', 32), 1, BUNDLE_E_ENTRY);	/* name not terminated */
	DAMAGE(c[56 + 20] = 'Z', 1, BUNDLE_E_ENTRY);		/* byte after the NUL */
	DAMAGE(c[56] = 0x01, 1, BUNDLE_E_ENTRY);			/* control character */
	DAMAGE(c[56 + 75] = 1, 1, BUNDLE_E_ENTRY);		/* reserved byte */
	DAMAGE(memcpy(c + 136, c + 56, 32), 1, BUNDLE_E_DUPLICATE);
#undef DAMAGE
	free(b);
	free(c);
}

Test(config_bundle, writer_rejects_bad_items)
{
	unsigned char out[512];
	size_t written = 1;
	struct bundle_item dup[] = { { "A", "x", 1 }, { "A", "y", 1 } };
	struct bundle_item longname[] = { { "THIS NAME IS MUCH TOO LONG FOR IT", "x", 1 } };
	struct bundle_item ctl[] = { { "A\tB", "x", 1 } };
	struct bundle_item empty[] = { { "", "x", 1 } };
	struct bundle_item ok[] = { { "A", "x", 1 } };

	cr_assert_eq(bundle_write(out, sizeof(out), dup, 2, &written), BUNDLE_E_ARG);
	cr_assert_eq(written, 0);
	cr_assert_eq(bundle_write(out, sizeof(out), longname, 1, &written), BUNDLE_E_ARG);
	cr_assert_eq(bundle_write(out, sizeof(out), ctl, 1, &written), BUNDLE_E_ARG);
	cr_assert_eq(bundle_write(out, sizeof(out), empty, 1, &written), BUNDLE_E_ARG);
	cr_assert_eq(bundle_write(out, sizeof(out), ok, 0, &written), BUNDLE_E_ARG);
	cr_assert_eq(bundle_write(out, 100, ok, 1, &written), BUNDLE_E_NOSPACE);
	cr_assert_eq(bundle_write(out, sizeof(out), ok, 1, &written), BUNDLE_OK);
	cr_assert_eq(written, 56 + 80 + 1);
	cr_assert_str_eq(bundle_strerror(BUNDLE_E_CHECKSUM), "bundle data checksum mismatch");
}

Test(config_bundle, empty_entries_are_allowed)
{
	struct bundle_item items[] = { { "EMPTY", NULL, 0 }, { "ONE", "1", 1 } };
	unsigned char out[512];
	const void *data;
	size_t written, n;

	cr_assert_eq(bundle_write(out, sizeof(out), items, 2, &written), BUNDLE_OK);
	cr_assert_eq(bundle_find(out, written, "EMPTY", &data, &n), BUNDLE_OK);
	cr_assert_eq(n, 0);
	cr_assert_eq(bundle_find(out, written, "ONE", &data, &n), BUNDLE_OK);
	cr_assert_eq(*(const char *)data, '1');
}
