/*
 * CP commands in z/VM's manner: a command name with a minimum abbreviation,
 * case-insensitive operands, responses as lines, errors as message-id lines
 * and a return code (z/VM's convention: the message number), shown to the
 * operator as "Ready;" or "Ready(nnnnn);".
 *
 * Layers register commands (and QUERY operands) at initialisation; the
 * dispatcher never names them. The dispatcher and parser are hardware-free
 * and unit-tested on the host.
 */
#ifndef PLEXVM_KERNEL_CP_CMD_H
#define PLEXVM_KERNEL_CP_CMD_H

#include "kernel/compiler.h"
#include <stdarg.h>

#define CMD_MAX_TOKENS 32
#define CMD_LINE_MAX 240
#define CMD_MAX_COMMANDS 96

/* Privilege classes A-Z as bits. */
#define PRIV(c) (1U << ((c) - 'A'))
#define PRIV_ALL 0x03ffffffU

struct cmd_ctx {
	const char *userid;               /* issuer, e.g. "OPERATOR" */
	uint32_t privclasses;             /* classes the issuer holds */
	void (*write_line)(void *arg, const char *line);
	void *write_arg;
	unsigned int lines;               /* lines written so far */
};

struct cmd_args {
	int argc;                         /* tokens after the command name */
	char *argv[CMD_MAX_TOKENS + 1];   /* upper-cased operands, NULL-terminated */
	const char *raw[CMD_MAX_TOKENS + 1]; /* the line as typed from each operand on */
};

typedef int (*cmd_handler)(struct cmd_ctx *ctx, struct cmd_args *args);

struct cp_command {
	const char *name;                 /* full name, upper case */
	uint8_t min_abbrev;               /* shortest accepted abbreviation */
	uint32_t privclasses;             /* any of these may issue it */
	cmd_handler handler;
	const char *syntax;               /* for HELP */
	const char *summary;
};

/* ---- parsing (hardware-free) ---- */
struct cmd_tokens {
	int count;
	char *tok[CMD_MAX_TOKENS + 1];
	const char *rest[CMD_MAX_TOKENS + 1]; /* raw text from each token on */
	char buf[CMD_LINE_MAX + 1];
	bool truncated;                   /* more than CMD_MAX_TOKENS tokens */
};
/* Split on blanks, upper-casing each token. Returns the token count. */
int cmd_tokenize(const char *line, struct cmd_tokens *t);
/* Does `word` abbreviate `name` (at least min characters, case-insensitive)? */
bool cmd_abbrev(const char *word, const char *name, size_t min);

/* ---- registry and dispatch ---- */
/* Register a command (or, with table = &query_operands, a QUERY operand). */
struct cmd_table {
	const struct cp_command *cmds[CMD_MAX_COMMANDS];
	unsigned int count;
	/* For a subcommand table: what handles an operand no entry names (e.g. QUERY userid). */
	cmd_handler fallback;
};
extern struct cmd_table cp_commands;
extern struct cmd_table query_operands;
extern struct cmd_table crash_operands;   /* CRASH's operands (test aids) */

int cmd_register(struct cmd_table *table, const struct cp_command *cmd);
const struct cp_command *cmd_lookup(const struct cmd_table *table, const char *word);
/* Parse and run one command line; returns the return code (0 = Ready;). */
int cmd_execute(struct cmd_ctx *ctx, const char *line);
/* Dispatch args->argv[0] of a subcommand table (used by QUERY). */
int cmd_dispatch_sub(struct cmd_ctx *ctx, const struct cmd_table *table, struct cmd_args *args,
		     const char *what);

/* ---- output ---- */
void cmd_printf(struct cmd_ctx *ctx, const char *fmt, ...) __printf(2, 3);
void cmd_vprintf(struct cmd_ctx *ctx, const char *fmt, va_list ap);
/* Print "MSGID text" and return rc. */
int cmd_error(struct cmd_ctx *ctx, int rc, const char *msgid, const char *fmt, ...) __printf(4, 5);

/* Standard errors, numbered as z/VM numbers them. */
#define RC_UNKNOWN_COMMAND 1
#define RC_INVALID_OPTION 3
#define RC_INVALID_OPERAND 26
#define RC_NOT_AUTHORIZED 2
int cmd_err_invalid_option(struct cmd_ctx *ctx, const char *opt);
int cmd_err_missing_operand(struct cmd_ctx *ctx);
int cmd_err_extra_operand(struct cmd_ctx *ctx, const char *opt);

#endif
