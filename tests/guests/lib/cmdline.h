/*
 * Parameters from the command line at 0x10480 (QEMU -append, or whatever the
 * hypervisor stores there): blank-separated words of the form key=value.
 */
#ifndef TGUEST_CMDLINE_H
#define TGUEST_CMDLINE_H

#include "kernel/compiler.h"

/* The NUL-terminated command line (empty if none was given). */
const char *cmdline(void);

/* Results of the lookups. */
#define CMDLINE_ABSENT    0
#define CMDLINE_FOUND     1
#define CMDLINE_MALFORMED -1

/* The value of key=value copied into buf (NUL-terminated, cut to size). */
int cmdline_str(const char *key, char *buf, size_t size);
/* The value as an unsigned number (decimal, or hexadecimal with 0x). */
int cmdline_u64(const char *key, uint64_t *value);
/* Whether word appears in the comma-separated list of key=a,b,c. */
bool cmdline_list_has(const char *key, const char *word);

#endif
