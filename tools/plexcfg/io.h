/* plexcfg file helpers (host C library). */
#ifndef PLEXCFG_IO_H
#define PLEXCFG_IO_H

#include <stddef.h>
#include "kernel/config/cfg_errors.h"

/* Read a whole file (at most max bytes + 1, so oversize is visible). NULL and a message on failure. */
char *read_file(const char *path, size_t max, size_t *len);

/* Write buf to path atomically (temporary file, then rename). 0 or -1 with a message. */
int write_file(const char *path, const void *buf, size_t len);

/* Print every error as "file:line: message" on stderr, sorted; returns the number of errors. */
unsigned print_errors(struct cfg_errors *errs);

/* cfg_emit_fn that prints a line on stdout. */
void emit_stdout(void *ctx, const char *line);

#endif
