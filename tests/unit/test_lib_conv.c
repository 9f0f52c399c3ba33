/* strtoul & co. and <ctype.h> against the host C library. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include "plx_lib.h"

static const char *inputs[] = {
	"0", "123", "-123", "+77", "  42xyz", "0x1F", "0X1f", "0x", "0xg", "017", "08", "zz",
	"", "   ", "-", "+", "18446744073709551615", "18446744073709551616", "99999999999999999999999",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
	"\t\n 12 ", "1_000", "ffffffff", "-0x10", "  +0x7fffffffffffffff",
};

Test(lib_conv, strtoull_and_strtoll_match_libc)
{
	int bases[] = { 0, 2, 8, 10, 16, 36 };

	for (size_t i = 0; i < sizeof(inputs) / sizeof(*inputs); i++)
		for (size_t b = 0; b < sizeof(bases) / sizeof(*bases); b++) {
			char *e1, *e2;
			unsigned long long u1 = plx_strtoull(inputs[i], &e1, bases[b]);
			unsigned long long u2 = strtoull(inputs[i], &e2, bases[b]);
			long long s1, s2;

			cr_assert_eq(u1, u2, "strtoull(\"%s\", %d)", inputs[i], bases[b]);
			cr_assert_eq(e1, e2, "end of strtoull(\"%s\", %d)", inputs[i], bases[b]);
			s1 = plx_strtoll(inputs[i], &e1, bases[b]);
			s2 = strtoll(inputs[i], &e2, bases[b]);
			cr_assert_eq(s1, s2, "strtoll(\"%s\", %d)", inputs[i], bases[b]);
			cr_assert_eq(e1, e2, "end of strtoll(\"%s\", %d)", inputs[i], bases[b]);
			cr_assert_eq(plx_strtoul(inputs[i], NULL, bases[b]), strtoul(inputs[i], NULL, bases[b]));
			cr_assert_eq(plx_strtol(inputs[i], NULL, bases[b]), strtol(inputs[i], NULL, bases[b]));
		}
}

Test(lib_conv, invalid_base_consumes_nothing)
{
	char *e;

	cr_assert_eq(plx_strtoul("123", &e, 1), 0);
	cr_assert_str_eq(e, "123");
	cr_assert_eq(plx_strtoul("123", &e, 37), 0);
	cr_assert_str_eq(e, "123");
}

Test(lib_conv, ctype_matches_c_locale)
{
	for (int c = -1; c < 256; c++) {
		cr_assert_eq(!!plx_isdigit(c), !!isdigit(c), "isdigit %d", c);
		cr_assert_eq(!!plx_isxdigit(c), !!isxdigit(c), "isxdigit %d", c);
		cr_assert_eq(!!plx_isalpha(c), !!isalpha(c), "isalpha %d", c);
		cr_assert_eq(!!plx_isalnum(c), !!isalnum(c), "isalnum %d", c);
		cr_assert_eq(!!plx_isupper(c), !!isupper(c), "isupper %d", c);
		cr_assert_eq(!!plx_islower(c), !!islower(c), "islower %d", c);
		cr_assert_eq(!!plx_isspace(c), !!isspace(c), "isspace %d", c);
		cr_assert_eq(!!plx_isprint(c), !!isprint(c), "isprint %d", c);
		cr_assert_eq(!!plx_isgraph(c), !!isgraph(c), "isgraph %d", c);
		cr_assert_eq(!!plx_ispunct(c), !!ispunct(c), "ispunct %d", c);
		cr_assert_eq(!!plx_iscntrl(c), !!iscntrl(c), "iscntrl %d", c);
		cr_assert_eq(plx_toupper(c), toupper(c), "toupper %d", c);
		cr_assert_eq(plx_tolower(c), tolower(c), "tolower %d", c);
	}
}
