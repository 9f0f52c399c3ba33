/* The freestanding string functions against the host C library. */
#include <criterion/criterion.h>
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include "plx_lib.h"

static int sign(int v) { return (v > 0) - (v < 0); }

Test(lib_string, memcpy_all_alignments_and_lengths)
{
	unsigned char src[300], a[300], b[300];

	for (int i = 0; i < 300; i++)
		src[i] = (unsigned char)(i * 7 + 3);
	for (int so = 0; so < 9; so++)
		for (int dof = 0; dof < 9; dof++)
			for (int n = 0; n < 80; n++) {
				memset(a, 0xee, sizeof(a));
				memset(b, 0xee, sizeof(b));
				plx_memcpy(a + dof, src + so, (size_t)n);
				memcpy(b + dof, src + so, (size_t)n);
				cr_assert(memcmp(a, b, sizeof(a)) == 0, "so=%d do=%d n=%d", so, dof, n);
			}
}

Test(lib_string, memmove_overlapping_both_directions)
{
	for (int shift = -20; shift <= 20; shift++)
		for (int n = 0; n < 60; n++) {
			char a[128], b[128];

			for (int i = 0; i < 128; i++)
				a[i] = b[i] = (char)i;
			plx_memmove(a + 40 + shift, a + 40, (size_t)n);
			memmove(b + 40 + shift, b + 40, (size_t)n);
			cr_assert(memcmp(a, b, sizeof(a)) == 0, "shift=%d n=%d", shift, n);
		}
}

Test(lib_string, memset_and_return_values)
{
	char a[100], b[100];

	for (int off = 0; off < 9; off++)
		for (int n = 0; n < 70; n++) {
			memset(a, 1, sizeof(a));
			memset(b, 1, sizeof(b));
			cr_assert_eq(plx_memset(a + off, 0xa5, (size_t)n), a + off);
			memset(b + off, 0xa5, (size_t)n);
			cr_assert(memcmp(a, b, sizeof(a)) == 0);
		}
	cr_assert_eq(plx_memcpy(a, b, 3), a);
	cr_assert_eq(plx_memmove(a, b, 3), a);
}

Test(lib_string, comparisons_match_libc_sign)
{
	const char *s[] = { "", "a", "A", "abc", "abd", "ab", "ABC", "abc\xff", "abc\x01", "zz", "Z" };

	for (size_t i = 0; i < sizeof(s) / sizeof(*s); i++)
		for (size_t j = 0; j < sizeof(s) / sizeof(*s); j++) {
			cr_assert_eq(sign(plx_strcmp(s[i], s[j])), sign(strcmp(s[i], s[j])), "%zu %zu", i, j);
			cr_assert_eq(sign(plx_strcasecmp(s[i], s[j])), sign(strcasecmp(s[i], s[j])));
			for (size_t n = 0; n < 6; n++) {
				cr_assert_eq(sign(plx_strncmp(s[i], s[j], n)), sign(strncmp(s[i], s[j], n)));
				cr_assert_eq(sign(plx_strncasecmp(s[i], s[j], n)),
					     sign(strncasecmp(s[i], s[j], n)));
			}
			size_t l = strlen(s[i]) < strlen(s[j]) ? strlen(s[i]) : strlen(s[j]);
			cr_assert_eq(sign(plx_memcmp(s[i], s[j], l)), sign(memcmp(s[i], s[j], l)));
		}
}

Test(lib_string, searching)
{
	const char *hay = "the quick brown fox jumps over the lazy dog";

	cr_assert_eq(plx_strlen(hay), strlen(hay));
	cr_assert_eq(plx_strnlen(hay, 5), 5);
	cr_assert_eq(plx_strnlen("ab", 5), 2);
	for (int c = 0; c < 256; c++) {
		cr_assert_eq(plx_strchr(hay, c), strchr(hay, c), "c=%d", c);
		cr_assert_eq(plx_strrchr(hay, c), strrchr(hay, c), "c=%d", c);
		cr_assert_eq(plx_memchr(hay, c, 20), memchr(hay, c, 20));
	}
	const char *needles[] = { "", "the", "dog", "fox j", "cat", "g", "the lazy dog!", "o" };
	for (size_t i = 0; i < sizeof(needles) / sizeof(*needles); i++)
		cr_assert_eq(plx_strstr(hay, needles[i]), strstr(hay, needles[i]), "%s", needles[i]);
	cr_assert_eq(plx_strspn(hay, "eth "), strspn(hay, "eth "));
	cr_assert_eq(plx_strcspn(hay, "qz"), strcspn(hay, "qz"));
	cr_assert_eq(plx_strcspn(hay, ""), strcspn(hay, ""));
}

Test(lib_string, strncpy_pads_and_truncates)
{
	char a[10], b[10];

	for (size_t n = 0; n <= 10; n++) {
		memset(a, 'x', sizeof(a));
		memset(b, 'x', sizeof(b));
		plx_strncpy(a, "abcd", n);
		strncpy(b, "abcd", n);
		cr_assert(memcmp(a, b, sizeof(a)) == 0, "n=%zu", n);
	}
}
