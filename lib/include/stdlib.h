/* Freestanding subset of <stdlib.h>: number conversion and sorting. */
#ifndef PLEXVM_LIB_STDLIB_H
#define PLEXVM_LIB_STDLIB_H

#include <stddef.h>

unsigned long strtoul(const char *s, char **end, int base);
long strtol(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

#endif
