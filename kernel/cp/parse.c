/* Command line tokenizing and abbreviation matching (hardware-free). */
#include "kernel/cp/cmd.h"
#include <ctype.h>
#include <string.h>

int cmd_tokenize(const char *line, struct cmd_tokens *t)
{
	size_t len = strnlen(line, CMD_LINE_MAX);
	size_t i = 0;

	memcpy(t->buf, line, len);
	t->buf[len] = '\0';
	t->count = 0;
	t->truncated = false;
	while (i < len) {
		while (i < len && isspace((unsigned char)t->buf[i]))
			i++;
		if (i >= len)
			break;
		if (t->count == CMD_MAX_TOKENS) {
			t->truncated = true;
			break;
		}
		t->rest[t->count] = line + i;
		t->tok[t->count++] = &t->buf[i];
		while (i < len && !isspace((unsigned char)t->buf[i])) {
			t->buf[i] = (char)toupper((unsigned char)t->buf[i]);
			i++;
		}
		if (i < len)
			t->buf[i++] = '\0';
	}
	t->tok[t->count] = NULL;
	t->rest[t->count] = line + len;
	return t->count;
}

bool cmd_abbrev(const char *word, const char *name, size_t min)
{
	size_t wl = strlen(word);

	if (wl < min || wl > strlen(name))
		return false;
	return strncasecmp(word, name, wl) == 0;
}
