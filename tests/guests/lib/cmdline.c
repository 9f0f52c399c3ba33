/* key=value parameters from the boot command line. */
#include "tests/guests/lib/cmdline.h"
#include <string.h>
#include <stdlib.h>

#define CMDLINE_MAX (0x1000 - 0x480)

extern char boot_command_line[CMDLINE_MAX];

const char *cmdline(void)
{
	boot_command_line[CMDLINE_MAX - 1] = '\0';
	return boot_command_line;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The start of the value of key=, and its length; NULL if the key is absent. */
static const char *find_value(const char *key, size_t *len)
{
	const char *p = cmdline();
	size_t klen = strlen(key);

	while (*p) {
		const char *word;

		while (is_blank(*p))
			p++;
		word = p;
		while (*p && !is_blank(*p))
			p++;
		if ((size_t)(p - word) > klen && strncmp(word, key, klen) == 0 && word[klen] == '=') {
			*len = (size_t)(p - word) - klen - 1;
			return word + klen + 1;
		}
	}
	return NULL;
}

int cmdline_str(const char *key, char *buf, size_t size)
{
	size_t len;
	const char *v = find_value(key, &len);

	if (!v)
		return CMDLINE_ABSENT;
	if (size == 0)
		return CMDLINE_MALFORMED;
	if (len >= size)
		len = size - 1;
	memcpy(buf, v, len);
	buf[len] = '\0';
	return CMDLINE_FOUND;
}

int cmdline_u64(const char *key, uint64_t *value)
{
	char buf[32], *end;
	int rc = cmdline_str(key, buf, sizeof(buf));

	if (rc != CMDLINE_FOUND)
		return rc;
	if (buf[0] < '0' || buf[0] > '9')
		return CMDLINE_MALFORMED;
	*value = strtoull(buf, &end, 0);
	if (*end != '\0')
		return CMDLINE_MALFORMED;
	return CMDLINE_FOUND;
}

bool cmdline_list_has(const char *key, const char *word)
{
	size_t len, wlen = strlen(word);
	const char *v = find_value(key, &len);

	while (v && len > 0) {
		const char *comma = memchr(v, ',', len);
		size_t item = comma ? (size_t)(comma - v) : len;

		if (item == wlen && strncmp(v, word, wlen) == 0)
			return true;
		if (!comma)
			break;
		len -= item + 1;
		v = comma + 1;
	}
	return false;
}
