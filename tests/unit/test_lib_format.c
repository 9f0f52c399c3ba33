/* vsnprintf against the host C library, for every conversion the kernel uses. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <limits.h>
#include "plx_lib.h"

#define CHECK(...) do { \
	char a[256], b[256]; \
	int ra = plx_snprintf(a, sizeof(a), __VA_ARGS__); \
	int rb = snprintf(b, sizeof(b), __VA_ARGS__); \
	cr_assert_str_eq(a, b, "format %s", #__VA_ARGS__); \
	cr_assert_eq(ra, rb, "return of %s", #__VA_ARGS__); \
} while (0)

#pragma GCC diagnostic ignored "-Wformat-zero-length"

Test(lib_format, integers)
{
	int ints[] = { 0, 1, -1, 42, -42, 1000000, INT_MAX, INT_MIN };

	for (size_t i = 0; i < sizeof(ints) / sizeof(*ints); i++) {
		int v = ints[i];

		CHECK("%d", v); CHECK("%i", v); CHECK("%5d", v); CHECK("%-5d|", v); CHECK("%05d", v);
		CHECK("%+d", v); CHECK("% d", v); CHECK("%.3d", v); CHECK("%8.3d", v); CHECK("%-8.3d|", v);
		CHECK("%.0d", v); CHECK("%u", (unsigned)v); CHECK("%x", (unsigned)v); CHECK("%X", (unsigned)v);
		CHECK("%#x", (unsigned)v); CHECK("%#X", (unsigned)v); CHECK("%o", (unsigned)v);
		CHECK("%#o", (unsigned)v); CHECK("%08x", (unsigned)v); CHECK("%#010x", (unsigned)v);
		CHECK("%hhd", v); CHECK("%hd", v); CHECK("%hhu", (unsigned)v); CHECK("%hx", (unsigned)v);
		CHECK("%*d", 7, v); CHECK("%-*d|", 7, v); CHECK("%*d|", -7, v); CHECK("%.*d", 4, v);
		CHECK("%.*d", -4, v); CHECK("%#.0o", (unsigned)v); CHECK("%#.0x", (unsigned)v);
	}
}

Test(lib_format, long_and_sized)
{
	long long lls[] = { 0, 1, -1, LLONG_MAX, LLONG_MIN, 0x123456789abcdefLL };

	for (size_t i = 0; i < sizeof(lls) / sizeof(*lls); i++) {
		long long v = lls[i];

		CHECK("%lld", v); CHECK("%llu", (unsigned long long)v); CHECK("%llx", (unsigned long long)v);
		CHECK("%016llX", (unsigned long long)v); CHECK("%ld", (long)v); CHECK("%lx", (unsigned long)v);
		CHECK("%zu", (size_t)v); CHECK("%zd", (ssize_t)v); CHECK("%jd", (intmax_t)v);
		CHECK("%ju", (uintmax_t)v); CHECK("%td", (ptrdiff_t)v); CHECK("%+lld", v);
		CHECK("%-22lld|", v); CHECK("%022lld", v);
	}
}

Test(lib_format, strings_chars_pointers_percent)
{
	CHECK("%s", "hello"); CHECK("%10s|", "hello"); CHECK("%-10s|", "hello"); CHECK("%.3s", "hello");
	CHECK("%10.2s|", "hello"); CHECK("%*.*s|", 8, 2, "hello"); CHECK("%s", ""); CHECK("%c", 'x');
	CHECK("%3c|", 'x'); CHECK("%-3c|", 'x'); CHECK("%%"); CHECK("100%% sure"); CHECK("");
	CHECK("%p", (void *)0x1234); CHECK("%20p|", (void *)0xabcdef); CHECK("%p", (void *)0);
	CHECK("%s %d %x %c %s", "mix", 12, 255u, 'q', "end");
}

Test(lib_format, truncation_and_return_value)
{
	char buf[8];
	int n;

	memset(buf, 'z', sizeof(buf));
	n = plx_snprintf(buf, sizeof(buf), "%s", "0123456789");
	cr_assert_eq(n, 10);
	cr_assert_str_eq(buf, "0123456");
	memset(buf, 'z', sizeof(buf));
	n = plx_snprintf(buf, 1, "%d", 12345);
	cr_assert_eq(n, 5);
	cr_assert_eq(buf[0], '\0');
	cr_assert_eq(buf[1], 'z');
	n = plx_snprintf(NULL, 0, "%s-%d", "abc", 99);
	cr_assert_eq(n, 6);
}

Test(lib_format, random_integers_match_libc)
{
	const char *fmts[] = { "%d", "%x", "%o", "%u", "%+07d", "%-9x|", "%#12o", "%.5u", "%lld", "%#llx" };
	unsigned long long seed = 88172645463325252ULL;

	for (int i = 0; i < 20000; i++) {
		char a[64], b[64];
		const char *f;

		seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
		f = fmts[seed % 10];
		if (strstr(f, "ll")) {
			plx_snprintf(a, sizeof(a), f, seed);
			snprintf(b, sizeof(b), f, seed);
		} else {
			plx_snprintf(a, sizeof(a), f, (int)(seed >> 20));
			snprintf(b, sizeof(b), f, (int)(seed >> 20));
		}
		cr_assert_str_eq(a, b, "format %s", f);
	}
}
