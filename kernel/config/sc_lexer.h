/*
 * SYSTEM CONFIG lexer: turns the file into statements. Records are free
 * form; comments are slash-asterisk to asterisk-slash and may span lines; a
 * statement continues onto the next line when its last token on the line
 * (outside comments) is a comma. Commas separate operands like blanks do and
 * are never operands. Any byte is handled: control characters and bytes above
 * 0x7E outside comments are reported (once per line) and treated as blanks.
 */
#ifndef PLEXVM_CONFIG_SC_LEXER_H
#define PLEXVM_CONFIG_SC_LEXER_H

#include <stddef.h>
#include <stdbool.h>
#include "kernel/config/cfg_token.h"
#include "kernel/config/cfg_errors.h"

struct sc_lexer {
	const char *buf;
	size_t len;
	size_t pos;
	uint32_t line;
	uint32_t bad_char_line;	/* last line an invalid character was reported on */
	const char *file;
	struct cfg_errors *errs;
};

void sc_lexer_init(struct sc_lexer *lx, const char *buf, size_t len, const char *file,
		   struct cfg_errors *errs);

/* Next statement into *st. Returns false at end of input. */
bool sc_lexer_next(struct sc_lexer *lx, struct cfg_stmt *st);

#endif
