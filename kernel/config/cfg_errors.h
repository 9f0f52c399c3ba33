/*
 * The error list every parser and validator appends to. Each error is
 * "file:line: message" (line 0 when the error concerns the whole file).
 * The list holds at most CFG_MAX_ERRORS entries; later errors are counted in
 * `dropped` so callers can say how many were not kept.
 */
#ifndef PLEXVM_CONFIG_CFG_ERRORS_H
#define PLEXVM_CONFIG_CFG_ERRORS_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "kernel/compiler.h"
#include "kernel/config/cfg_limits.h"

struct cfg_error {
	char file[CFG_FILE_NAME_MAX];
	uint32_t line;
	char msg[CFG_MSG_MAX];
};

struct cfg_errors {
	struct cfg_error *v;
	unsigned count;		/* errors kept in v */
	unsigned cap;
	unsigned dropped;	/* errors beyond CFG_MAX_ERRORS or lost to a failed allocation */
};

void cfg_errors_init(struct cfg_errors *e);
void cfg_errors_free(struct cfg_errors *e);

/* Append "file:line: <fmt...>". Never fails: when full, the error is counted. */
void cfg_error(struct cfg_errors *e, const char *file, uint32_t line, const char *fmt, ...)
	__printf(4, 5);

/* All errors seen, kept or not. */
unsigned cfg_errors_total(const struct cfg_errors *e);

/* Stable sort by file name, then line, so output follows the files. */
void cfg_errors_sort(struct cfg_errors *e);

/* Format one error as "file:line: message" (or "file: message" for line 0). */
int cfg_error_format(const struct cfg_error *err, char *buf, size_t size);

/* Index of the first kept error whose message contains `needle`, or -1 (used by tests). */
int cfg_errors_find(const struct cfg_errors *e, const char *needle);

#endif
