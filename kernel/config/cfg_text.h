/*
 * Operand helpers shared by both parsers: case-insensitive keyword matching
 * with z/VM-style minimum abbreviations, and strict conversion of tokens into
 * names, hexadecimal and decimal numbers and storage sizes. None of them
 * reads past the token; all of them reject rather than truncate.
 */
#ifndef PLEXVM_CONFIG_CFG_TEXT_H
#define PLEXVM_CONFIG_CFG_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "kernel/config/cfg_token.h"

/* Character sets for names. */
enum cfg_charset {
	CS_NAME,	/* A-Z 0-9 @ # $            (system names, volsers, VSWITCHes) */
	CS_USERID,	/* A-Z 0-9 @ # $ _ -        (userids, profiles, SUBCONFIG names) */
	CS_EQID,	/* A-Z 0-9 @ # $ _ - .      (equivalency identifiers) */
	CS_WORD,	/* any printable except blank (passwords, pass-through operands) */
};

/* Token equals `kw` ignoring case. */
bool tok_is(const struct cfg_token *t, const char *kw);

/* Token is `kw` or an abbreviation of it at least `min` characters long. */
bool tok_abbrev(const struct cfg_token *t, const char *kw, unsigned min);

/*
 * Copy the token upper-cased into out[maxlen + 1] if it is 1..maxlen
 * characters of `cs`. Returns false (out = "") otherwise.
 */
bool tok_name(const struct cfg_token *t, unsigned maxlen, enum cfg_charset cs, char *out);

/* The token upper-cased for a message, shortened with "..." past 24 characters. */
void tok_show(const struct cfg_token *t, char *buf, size_t size);

/* 1..maxdigits hexadecimal digits. Returns 0 or -1. */
int tok_hex(const struct cfg_token *t, unsigned maxdigits, uint32_t *out);

/* Decimal digits only, value <= max. Returns 0 or -1. */
int tok_dec(const struct cfg_token *t, uint64_t max, uint64_t *out);

/* Real or virtual device number "xxxx" or range "xxxx-yyyy" (lo <= hi). Returns 0 or -1. */
int tok_devrange(const struct cfg_token *t, uint32_t *lo, uint32_t *hi);

/* Storage size: decimal number with a K, M, G or T suffix. Returns 0 or -1. */
int tok_size(const struct cfg_token *t, uint64_t *bytes);

/* A size in the largest unit that divides it exactly ("256M", "1G", "4100K"). */
void cfg_format_size(uint64_t bytes, char *buf, size_t size);

/* Name of up to 8 characters packed into a number that sorts like the name. */
uint64_t cfg_name_key(const char *name);

/* Bounded, always-terminated string copy. */
void cfg_strlcpy(char *dst, const char *src, size_t size);

#endif
