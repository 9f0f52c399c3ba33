/*
 * User directory lexer: one statement per line, operands separated by
 * blanks. A line whose first non-blank character is an asterisk is a
 * comment; blank lines are skipped. Sequence numbers in columns 73-80 and
 * continuation lines are not supported. Control characters and bytes above
 * 0x7E are reported (once per line) and treated as blanks.
 */
#ifndef PLEXVM_CONFIG_DIR_LEXER_H
#define PLEXVM_CONFIG_DIR_LEXER_H

#include <stddef.h>
#include <stdbool.h>
#include "kernel/config/cfg_token.h"
#include "kernel/config/cfg_errors.h"

struct dir_lexer {
	const char *buf;
	size_t len;
	size_t pos;
	uint32_t line;		/* line of the statement last returned */
	const char *file;
	struct cfg_errors *errs;
};

void dir_lexer_init(struct dir_lexer *lx, const char *buf, size_t len, const char *file,
		    struct cfg_errors *errs);

/* Next non-comment, non-blank line into *st. Returns false at end of input. */
bool dir_lexer_next(struct dir_lexer *lx, struct cfg_stmt *st);

#endif
