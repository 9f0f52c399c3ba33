/* Command line parsing (hardware-free). */
#include "kernel/lib/cmdline.h"
#include <ctype.h>
#include <string.h>

int cmdline_parse(struct cmdline *cl, const char *text, size_t len)
{
	size_t n = strnlen(text, MIN(len, (size_t)CMDLINE_MAX));
	size_t i = 0;

	memcpy(cl->buf, text, n);
	cl->buf[n] = '\0';
	cl->count = 0;
	while (i < n && cl->count < CMDLINE_MAX_ARGS) {
		char *eq;

		while (i < n && (isspace((unsigned char)cl->buf[i]) || !isprint((unsigned char)cl->buf[i])))
			cl->buf[i++] = '\0';
		if (i >= n)
			break;
		cl->key[cl->count] = &cl->buf[i];
		while (i < n && isprint((unsigned char)cl->buf[i]) && !isspace((unsigned char)cl->buf[i]))
			i++;
		if (i < n)
			cl->buf[i++] = '\0';
		eq = strchr(cl->key[cl->count], '=');
		if (eq) {
			*eq = '\0';
			cl->value[cl->count] = eq + 1;
		} else {
			cl->value[cl->count] = "";
		}
		cl->count++;
	}
	return cl->count;
}

const char *cmdline_get(const struct cmdline *cl, const char *key)
{
	for (int i = cl->count - 1; i >= 0; i--)
		if (strcmp(cl->key[i], key) == 0)
			return cl->value[i];
	return NULL;
}
