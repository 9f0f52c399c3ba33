/* Command registry, dispatch and response output (hardware-free). */
#include "kernel/cp/cmd.h"
#include <stdio.h>
#include <string.h>

struct cmd_table cp_commands;
struct cmd_table query_operands;
struct cmd_table crash_operands;

int cmd_register(struct cmd_table *table, const struct cp_command *cmd)
{
	if (table->count >= CMD_MAX_COMMANDS)
		return -1;
	for (unsigned int i = 0; i < table->count; i++)
		if (strcmp(table->cmds[i]->name, cmd->name) == 0)
			return -1;
	table->cmds[table->count++] = cmd;
	return 0;
}

const struct cp_command *cmd_lookup(const struct cmd_table *table, const char *word)
{
	const struct cp_command *found = NULL;

	for (unsigned int i = 0; i < table->count; i++) {
		const struct cp_command *c = table->cmds[i];

		if (strcasecmp(word, c->name) == 0)
			return c; /* an exact name always wins */
		if (!found && cmd_abbrev(word, c->name, c->min_abbrev ? c->min_abbrev : strlen(c->name)))
			found = c;
	}
	return found;
}

void cmd_vprintf(struct cmd_ctx *ctx, const char *fmt, va_list ap)
{
	char buf[512];
	char *line = buf;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	/* One call to write_line per line of the formatted text. */
	for (;;) {
		char *nl = strchr(line, '\n');

		if (nl)
			*nl = '\0';
		if (nl || *line) {
			ctx->write_line(ctx->write_arg, line);
			ctx->lines++;
		}
		if (!nl)
			break;
		line = nl + 1;
	}
}

void cmd_printf(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vprintf(ctx, fmt, ap);
	va_end(ap);
}

int cmd_error(struct cmd_ctx *ctx, int rc, const char *msgid, const char *fmt, ...)
{
	char text[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	cmd_printf(ctx, "%s %s", msgid, text);
	return rc;
}

int cmd_err_invalid_option(struct cmd_ctx *ctx, const char *opt)
{
	return cmd_error(ctx, RC_INVALID_OPTION, "PLXCMD003E", "Invalid option - %s", opt);
}

int cmd_err_missing_operand(struct cmd_ctx *ctx)
{
	return cmd_error(ctx, RC_INVALID_OPERAND, "PLXCMD026E", "Operand missing or invalid");
}

int cmd_err_extra_operand(struct cmd_ctx *ctx, const char *opt)
{
	return cmd_error(ctx, RC_INVALID_OPTION, "PLXCMD003E", "Invalid option - command contains extra option(s) starting with %s", opt);
}

static bool authorized(const struct cmd_ctx *ctx, const struct cp_command *c)
{
	return (ctx->privclasses & c->privclasses) != 0;
}

int cmd_execute(struct cmd_ctx *ctx, const char *line)
{
	struct cmd_tokens t;
	struct cmd_args args;
	const struct cp_command *c;

	if (strlen(line) > CMD_LINE_MAX)
		return cmd_error(ctx, RC_INVALID_OPERAND, "PLXCMD026E",
				 "Operand missing or invalid: the command is longer than %d characters",
				 CMD_LINE_MAX);
	if (cmd_tokenize(line, &t) == 0)
		return 0;
	if (t.truncated)
		return cmd_error(ctx, RC_INVALID_OPERAND, "PLXCMD026E",
				 "Operand missing or invalid: more than %d operands", CMD_MAX_TOKENS - 1);
	c = cmd_lookup(&cp_commands, t.tok[0]);
	if (!c)
		return cmd_error(ctx, RC_UNKNOWN_COMMAND, "PLXCMD001E", "Unknown CP command: %s",
				 t.tok[0]);
	if (!authorized(ctx, c))
		return cmd_error(ctx, RC_UNKNOWN_COMMAND, "PLXCMD001E", "Unknown CP command: %s",
				 t.tok[0]);
	args.argc = t.count - 1;
	for (int i = 1; i <= t.count; i++) {
		args.argv[i - 1] = t.tok[i];
		args.raw[i - 1] = t.rest[i];
	}
	return c->handler(ctx, &args);
}

int cmd_dispatch_sub(struct cmd_ctx *ctx, const struct cmd_table *table, struct cmd_args *args,
		     const char *what)
{
	const struct cp_command *c;
	struct cmd_args sub;

	(void)what;
	if (args->argc < 1)
		return cmd_err_missing_operand(ctx);
	c = cmd_lookup(table, args->argv[0]);
	if (!c && table->fallback)
		return table->fallback(ctx, args);
	if (!c || !authorized(ctx, c))
		return cmd_err_invalid_option(ctx, args->argv[0]);
	sub.argc = args->argc - 1;
	for (int i = 1; i <= args->argc; i++) {
		sub.argv[i - 1] = args->argv[i];
		sub.raw[i - 1] = args->raw[i];
	}
	return c->handler(ctx, &sub);
}
