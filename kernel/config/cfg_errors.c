/* The error list shared by the SYSTEM CONFIG and directory parsers and validators. */
#include "kernel/config/cfg_errors.h"
#include "kernel/config/cfg_grow.h"
#include "kernel/alloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cfg_errors_init(struct cfg_errors *e)
{
	memset(e, 0, sizeof(*e));
}

void cfg_errors_free(struct cfg_errors *e)
{
	kfree(e->v);
	memset(e, 0, sizeof(*e));
}

void cfg_error(struct cfg_errors *e, const char *file, uint32_t line, const char *fmt, ...)
{
	struct cfg_error *err;
	va_list ap;

	if (e->count >= CFG_MAX_ERRORS ||
	    cfg_grow((void **)&e->v, &e->cap, sizeof(*e->v), e->count + 1, CFG_MAX_ERRORS) != 0) {
		e->dropped++;
		return;
	}
	err = &e->v[e->count++];
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "?");
	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

unsigned cfg_errors_total(const struct cfg_errors *e)
{
	return e->count + e->dropped;
}

static int error_order(const struct cfg_error *a, const struct cfg_error *b)
{
	int c = strcmp(a->file, b->file);

	if (c)
		return c;
	return (a->line > b->line) - (a->line < b->line);
}

void cfg_errors_sort(struct cfg_errors *e)
{
	/* Insertion sort: stable, and the list is short and mostly in order already. */
	for (unsigned i = 1; i < e->count; i++) {
		struct cfg_error tmp;
		unsigned j = i;

		if (error_order(&e->v[i - 1], &e->v[i]) <= 0)
			continue;
		tmp = e->v[i];
		while (j > 0 && error_order(&e->v[j - 1], &tmp) > 0) {
			e->v[j] = e->v[j - 1];
			j--;
		}
		e->v[j] = tmp;
	}
}

int cfg_error_format(const struct cfg_error *err, char *buf, size_t size)
{
	if (err->line)
		return snprintf(buf, size, "%s:%u: %s", err->file, (unsigned)err->line, err->msg);
	return snprintf(buf, size, "%s: %s", err->file, err->msg);
}

int cfg_errors_find(const struct cfg_errors *e, const char *needle)
{
	for (unsigned i = 0; i < e->count; i++)
		if (strstr(e->v[i].msg, needle))
			return (int)i;
	return -1;
}
