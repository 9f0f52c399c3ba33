/* Parsing of a "key=value key2 ..." command line (hardware-free). */
#ifndef PLEXVM_KERNEL_LIB_CMDLINE_H
#define PLEXVM_KERNEL_LIB_CMDLINE_H

#include "kernel/compiler.h"

#define CMDLINE_MAX 1024
#define CMDLINE_MAX_ARGS 32

struct cmdline {
	char buf[CMDLINE_MAX + 1];
	int count;
	const char *key[CMDLINE_MAX_ARGS];
	const char *value[CMDLINE_MAX_ARGS];   /* "" for a bare key */
};

/* Parse at most len bytes of text (stopping at NUL); returns the argument count. */
int cmdline_parse(struct cmdline *cl, const char *text, size_t len);
/* The last value given for key (later settings win), or NULL. */
const char *cmdline_get(const struct cmdline *cl, const char *key);

#endif
