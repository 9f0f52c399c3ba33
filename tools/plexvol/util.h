/* plexvol helpers: messages, argument parsing, the clock. */
#ifndef PLEXVOL_UTIL_H
#define PLEXVOL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXIT_USAGE 2

/* Print "plexvol: message" on stderr; returns -1. */
int errmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Decimal (or 0x-prefixed hexadecimal) unsigned number that fits in max. */
bool parse_u64(const char *s, uint64_t max, uint64_t *out);
bool parse_u32(const char *s, uint32_t *out);

/* Upper-case copy of s into buf (size n); false if it does not fit. */
bool upcase(char *buf, size_t n, const char *s);

/* The TOD clock value for now (or for SOURCE_DATE_EPOCH when set). */
uint64_t tod_now(void);

/* Whole file (or stdin for "-") into a malloc'ed buffer. */
int read_file(const char *path, uint8_t **data, size_t *len);

#endif
