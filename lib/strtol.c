/* strtoul/strtol/strtoull/strtoll with ISO C semantics (no errno: overflow saturates). */
#include <stdlib.h>
#include <ctype.h>
#include <limits.h>
#include <stdbool.h>

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * Parse the magnitude; *neg tells the sign seen. Returns the value clamped to
 * limit (with *overflow set) and stores the end pointer as ISO C requires:
 * on no digits, end = the original string.
 */
static unsigned long long parse(const char *s, char **end, int base, bool *neg,
				unsigned long long limit, bool *overflow)
{
	const char *p = s;
	unsigned long long v = 0;
	bool any = false;

	*neg = false;
	*overflow = false;
	if (base < 0 || base == 1 || base > 36) {
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-') {
		*neg = *p == '-';
		p++;
	}
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	for (;; p++) {
		int d = digit_value((unsigned char)*p);

		if (d >= base)
			break;
		any = true;
		if (*overflow)
			continue;
		if (v > (limit - (unsigned long long)d) / (unsigned long long)base) {
			*overflow = true;
			v = limit;
			continue;
		}
		v = v * (unsigned long long)base + (unsigned long long)d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	return any ? v : 0;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	bool neg, overflow;
	unsigned long long v = parse(s, end, base, &neg, ULLONG_MAX, &overflow);

	if (overflow)
		return ULLONG_MAX;
	return neg ? -v : v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	return (unsigned long)strtoull(s, end, base);
}

long long strtoll(const char *s, char **end, int base)
{
	bool neg, overflow;
	unsigned long long limit = (unsigned long long)LLONG_MAX;
	unsigned long long v;

	/* Parse with room for LLONG_MIN's magnitude, then decide by sign. */
	v = parse(s, end, base, &neg, limit + 1, &overflow);
	if (neg)
		return overflow ? LLONG_MIN : (long long)(0 - v);
	if (overflow || v > limit)
		return LLONG_MAX;
	return (long long)v;
}

long strtol(const char *s, char **end, int base)
{
	return (long)strtoll(s, end, base);
}
