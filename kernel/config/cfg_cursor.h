/*
 * Walking the operands of one statement, with errors that name the
 * statement and the line of the offending operand:
 * "file:line: SSI: slot 9 out of range 1-8".
 */
#ifndef PLEXVM_CONFIG_CFG_CURSOR_H
#define PLEXVM_CONFIG_CFG_CURSOR_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "kernel/compiler.h"
#include "kernel/config/cfg_token.h"
#include "kernel/config/cfg_text.h"
#include "kernel/config/cfg_errors.h"

struct cfg_cursor {
	const struct cfg_stmt *st;
	unsigned i;			/* next token */
	const char *file;
	struct cfg_errors *errs;
	const char *what;		/* statement name for messages */
	bool failed;			/* an error was reported for this statement */
};

void cur_init(struct cfg_cursor *c, const struct cfg_stmt *st, unsigned first, const char *file,
	      struct cfg_errors *errs, const char *what);

static inline bool cur_end(const struct cfg_cursor *c) { return c->i >= c->st->ntok; }
const struct cfg_token *cur_peek(const struct cfg_cursor *c);	/* NULL at end */
const struct cfg_token *cur_take(struct cfg_cursor *c);		/* NULL at end */

/* Line of the next token, or of the last one at the end. */
uint32_t cur_line(const struct cfg_cursor *c);

/* "file:line: WHAT: message", line of `at` (or cur_line when NULL). */
void cur_error(struct cfg_cursor *c, const struct cfg_token *at, const char *fmt, ...)
	__printf(3, 4);

/* Consume the next token if it is keyword `kw` (abbreviable to `min`). */
bool cur_keyword(struct cfg_cursor *c, const char *kw, unsigned min);

/*
 * Take a name operand: reports "WHAT: missing <desc>" or
 * "WHAT: <desc> 'X' must be 1-N characters <set>". Returns success.
 */
bool cur_name(struct cfg_cursor *c, const char *desc, unsigned maxlen, enum cfg_charset cs,
	      char *out);

/* Take 1..maxdigits hex digits (e.g. a device number). */
bool cur_hex(struct cfg_cursor *c, const char *desc, unsigned maxdigits, uint32_t *out);

/* Take a decimal number in [min, max]: "WHAT: <desc> N out of range MIN-MAX". */
bool cur_dec(struct cfg_cursor *c, const char *desc, uint64_t min, uint64_t max, uint64_t *out);

/* Report the first remaining operand as unexpected. Returns true when there was none. */
bool cur_done(struct cfg_cursor *c);

/* Append the next operand, upper-cased, blank-separated, to the string out[size]. */
bool cur_append_operand(struct cfg_cursor *c, char *out, size_t size);

/* Append all remaining operands that way. Reports "operands longer than N characters". */
bool cur_join_operands(struct cfg_cursor *c, char *out, size_t size);

/* Description of a character set for messages ("A-Z 0-9 @ # $"). */
const char *cfg_charset_desc(enum cfg_charset cs);

#endif
