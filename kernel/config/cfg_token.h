/*
 * Tokens and statements as the two lexers hand them to the parsers. A token
 * points into the caller's buffer (it is not NUL-terminated) and carries the
 * line it is on, so an error in a continued statement names the right line.
 */
#ifndef PLEXVM_CONFIG_CFG_TOKEN_H
#define PLEXVM_CONFIG_CFG_TOKEN_H

#include <stdint.h>
#include <stdbool.h>
#include "kernel/config/cfg_limits.h"

struct cfg_token {
	const char *text;
	uint32_t len;
	uint32_t line;
};

struct cfg_stmt {
	uint32_t line;		/* line of the first token */
	unsigned ntok;
	bool overflow;		/* more than CFG_MAX_TOKENS tokens (already reported) */
	struct cfg_token tok[CFG_MAX_TOKENS];
};

#endif
