/* Volume serials and 8-character names: validation and blank-padded fields. */
#include "kernel/vol/names.h"
#include <string.h>

static bool volser_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || c == '#' ||
		c == '@';
}

static bool name8_char(char c)
{
	return volser_char(c) || c == '_' || c == '-';
}

/* A printable rendering of a byte for messages. */
static unsigned show(char c)
{
	return (unsigned char)c;
}

static int check(const char *s, size_t max, bool (*ok)(char), const char *what,
		 struct vol_error *err)
{
	size_t len;

	if (!s)
		return vol_fail(err, VOL_EINVAL, "%s missing", what);
	len = strnlen(s, max + 1);
	if (len == 0)
		return vol_fail(err, VOL_EINVAL, "%s is empty", what);
	if (len > max)
		return vol_fail(err, VOL_EINVAL, "%s '%.*s...' is longer than %u characters",
				what, (int)max, s, (unsigned)max);
	for (size_t i = 0; i < len; i++) {
		if (!ok(s[i]))
			return vol_fail(err, VOL_EINVAL,
					"%s '%s' has invalid character 0x%02x at position %u",
					what, s, show(s[i]), (unsigned)i + 1);
	}
	return VOL_OK;
}

int vol_volser_check(const char *volser, struct vol_error *err)
{
	return check(volser, VOL_VOLSER_MAX, volser_char, "volser", err);
}

int vol_name8_check(const char *name, const char *what, struct vol_error *err)
{
	return check(name, VOL_NAME8_MAX, name8_char, what, err);
}

void vol_field_put_blank(char *field, size_t n, const char *s)
{
	size_t len = strnlen(s, n);

	memcpy(field, s, len);
	memset(field + len, ' ', n - len);
}

static int get_field(const char *field, size_t n, size_t max, bool (*ok)(char), char *out,
		     const char *what, struct vol_error *err)
{
	size_t len = 0;

	while (len < n && field[len] != ' ')
		len++;
	for (size_t i = len; i < n; i++) {
		if (field[i] != ' ')
			return vol_fail(err, VOL_ECORRUPT,
					"%s field has 0x%02x at offset %u after a blank",
					what, show(field[i]), (unsigned)i);
	}
	if (len > max)
		return vol_fail(err, VOL_ECORRUPT, "%s field is longer than %u characters",
				what, (unsigned)max);
	for (size_t i = 0; i < len; i++) {
		if (!ok(field[i]))
			return vol_fail(err, VOL_ECORRUPT,
					"%s field has invalid character 0x%02x at offset %u",
					what, show(field[i]), (unsigned)i);
	}
	memcpy(out, field, len);
	out[len] = '\0';
	return VOL_OK;
}

int vol_field_get_volser(const char *field, size_t n, char *out, const char *what,
			 struct vol_error *err)
{
	return get_field(field, n, VOL_VOLSER_MAX, volser_char, out, what, err);
}

int vol_field_get_name8(const char *field, size_t n, char *out, const char *what,
			struct vol_error *err)
{
	return get_field(field, n, VOL_NAME8_MAX, name8_char, out, what, err);
}
