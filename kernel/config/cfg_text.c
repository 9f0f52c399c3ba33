/* Token conversion helpers for the SYSTEM CONFIG and directory parsers. */
#include "kernel/config/cfg_text.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int up(char c)
{
	return toupper((unsigned char)c);
}

bool tok_is(const struct cfg_token *t, const char *kw)
{
	size_t n = strlen(kw);

	if (t->len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (up(t->text[i]) != up(kw[i]))
			return false;
	return true;
}

bool tok_abbrev(const struct cfg_token *t, const char *kw, unsigned min)
{
	size_t n = strlen(kw);

	if (t->len < min || t->len > n)
		return false;
	for (size_t i = 0; i < t->len; i++)
		if (up(t->text[i]) != up(kw[i]))
			return false;
	return true;
}

static bool in_charset(int c, enum cfg_charset cs)
{
	if (isupper(c) || isdigit(c) || c == '@' || c == '#' || c == '$')
		return true;
	switch (cs) {
	case CS_NAME:
		return false;
	case CS_USERID:
		return c == '_' || c == '-';
	case CS_EQID:
		return c == '_' || c == '-' || c == '.';
	case CS_WORD:
		return isgraph(c);
	}
	return false;
}

bool tok_name(const struct cfg_token *t, unsigned maxlen, enum cfg_charset cs, char *out)
{
	out[0] = '\0';
	if (t->len == 0 || t->len > maxlen)
		return false;
	for (uint32_t i = 0; i < t->len; i++) {
		int c = up(t->text[i]);

		if (!in_charset(c, cs)) {
			out[0] = '\0';
			return false;
		}
		out[i] = (char)c;
	}
	out[t->len] = '\0';
	return true;
}

void tok_show(const struct cfg_token *t, char *buf, size_t size)
{
	size_t n = t->len > 24 ? 24 : t->len;
	size_t o = 0;

	if (size == 0)
		return;
	for (size_t i = 0; i < n && o + 1 < size; i++) {
		int c = up(t->text[i]);

		buf[o++] = isprint(c) ? (char)c : '?';
	}
	if (t->len > n)
		for (int i = 0; i < 3 && o + 1 < size; i++)
			buf[o++] = '.';
	buf[o] = '\0';
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int hex_span(const char *s, uint32_t len, unsigned maxdigits, uint32_t *out)
{
	uint32_t v = 0;

	if (len == 0 || len > maxdigits || maxdigits > 8)
		return -1;
	for (uint32_t i = 0; i < len; i++) {
		int d = hex_digit(s[i]);

		if (d < 0)
			return -1;
		v = (v << 4) | (uint32_t)d;
	}
	*out = v;
	return 0;
}

int tok_hex(const struct cfg_token *t, unsigned maxdigits, uint32_t *out)
{
	return hex_span(t->text, t->len, maxdigits, out);
}

static int dec_span(const char *s, uint32_t len, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (len == 0)
		return -1;
	for (uint32_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		uint64_t d = (uint64_t)(s[i] - '0');

		if (d > max || v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int tok_dec(const struct cfg_token *t, uint64_t max, uint64_t *out)
{
	return dec_span(t->text, t->len, max, out);
}

int tok_devrange(const struct cfg_token *t, uint32_t *lo, uint32_t *hi)
{
	const char *dash = memchr(t->text, '-', t->len);

	if (!dash) {
		if (hex_span(t->text, t->len, 4, lo) != 0)
			return -1;
		*hi = *lo;
		return 0;
	}
	if (hex_span(t->text, (uint32_t)(dash - t->text), 4, lo) != 0 ||
	    hex_span(dash + 1, t->len - (uint32_t)(dash - t->text) - 1, 4, hi) != 0 || *hi < *lo)
		return -1;
	return 0;
}

int tok_size(const struct cfg_token *t, uint64_t *bytes)
{
	unsigned shift;
	uint64_t n;

	if (t->len < 2)
		return -1;
	switch (up(t->text[t->len - 1])) {
	case 'K': shift = 10; break;
	case 'M': shift = 20; break;
	case 'G': shift = 30; break;
	case 'T': shift = 40; break;
	default: return -1;
	}
	if (dec_span(t->text, t->len - 1, UINT64_MAX >> shift, &n) != 0)
		return -1;
	*bytes = n << shift;
	return 0;
}

void cfg_format_size(uint64_t bytes, char *buf, size_t size)
{
	static const char units[] = "TGMK";
	static const unsigned shifts[] = { 40, 30, 20, 10 };

	for (unsigned i = 0; i < 4; i++) {
		uint64_t unit = (uint64_t)1 << shifts[i];

		if (bytes && bytes % unit == 0) {
			snprintf(buf, size, "%llu%c", (unsigned long long)(bytes >> shifts[i]), units[i]);
			return;
		}
	}
	snprintf(buf, size, "%lluK", (unsigned long long)(bytes >> 10));
}

uint64_t cfg_name_key(const char *name)
{
	uint64_t k = 0;
	size_t i = 0;

	for (; i < 8 && name[i]; i++)
		k = (k << 8) | (unsigned char)name[i];
	for (; i < 8; i++)
		k <<= 8;
	return k;
}

void cfg_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n;

	if (size == 0)
		return;
	n = strnlen(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}
