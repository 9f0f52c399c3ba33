/* HELP, SHUTDOWN and CRASH (a test aid that stops the system with a chosen fault). */
#include "kernel/cp/cmd.h"
#include "kernel/init.h"
#include "kernel/system.h"
#include "kernel/panic.h"
#include "kernel/console.h"
#include "kernel/sched.h"
#include "arch/s390x/stack.h"
#include <string.h>

static void help_table(struct cmd_ctx *ctx, const struct cmd_table *t, const char *prefix)
{
	for (unsigned int i = 0; i < t->count; i++) {
		const struct cp_command *c = t->cmds[i];

		if (ctx->privclasses & c->privclasses)
			cmd_printf(ctx, "%s%-12s %-40s %s", prefix, c->name, c->syntax, c->summary);
	}
}

static int help(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cp_command *c;

	if (args->argc == 0) {
		cmd_printf(ctx, "PlexVM CP commands (uppercase letters are the minimum abbreviation):");
		help_table(ctx, &cp_commands, "");
		cmd_printf(ctx, "QUERY operands:");
		help_table(ctx, &query_operands, "  ");
		return 0;
	}
	c = cmd_lookup(&cp_commands, args->argv[0]);
	if (c && strcmp(c->name, "QUERY") == 0 && args->argc > 1) {
		const struct cp_command *q = cmd_lookup(&query_operands, args->argv[1]);

		if (q) {
			cmd_printf(ctx, "%s  -  %s", q->syntax, q->summary);
			return 0;
		}
	}
	if (!c || !(ctx->privclasses & c->privclasses))
		return cmd_error(ctx, 2, "PLXHLP002E", "No help is available for %s", args->argv[0]);
	cmd_printf(ctx, "%s  -  %s", c->syntax, c->summary);
	cmd_printf(ctx, "Minimum abbreviation: %.*s", (int)c->min_abbrev, c->name);
	if (strcmp(c->name, "QUERY") == 0)
		help_table(ctx, &query_operands, "  ");
	return 0;
}

static int shutdown(struct cmd_ctx *ctx, struct cmd_args *args)
{
	if (args->argc)
		return cmd_err_extra_operand(ctx, args->argv[0]);
	cmd_printf(ctx, "SYSTEM SHUTDOWN STARTED");
	system_shutdown();
}

/* Use about `bytes` of stack, then check the canary (the overflow detector's test). */
static unsigned int __attribute__((noinline)) eat_stack(unsigned int bytes)
{
	volatile char pad[512];

	pad[0] = (char)bytes;
	if (bytes > sizeof(pad))
		return eat_stack(bytes - (unsigned int)sizeof(pad)) + (unsigned int)pad[0];
	stack_check();
	return (unsigned int)pad[0];
}

static int crash_program(struct cmd_ctx *ctx, struct cmd_args *args)
{
	if (args->argc)
		return cmd_err_extra_operand(ctx, args->argv[0]);
	cmd_printf(ctx, "PLXCRA001W Forcing a program check (operation exception)");
	console_flush();
	__asm__ __volatile__(".word 0x0000");
	return 0;
}

static int crash_panic(struct cmd_ctx *ctx, struct cmd_args *args)
{
	if (args->argc)
		return cmd_err_extra_operand(ctx, args->argv[0]);
	console_flush();
	panic("CRASH PANIC command issued by %s", ctx->userid);
}

static int crash_stack(struct cmd_ctx *ctx, struct cmd_args *args)
{
	if (args->argc)
		return cmd_err_extra_operand(ctx, args->argv[0]);
	console_flush();
	eat_stack(THREAD_STACK_SIZE + 1024);
	return 0;
}

static int crash_svc(struct cmd_ctx *ctx, struct cmd_args *args)
{
	if (args->argc)
		return cmd_err_extra_operand(ctx, args->argv[0]);
	console_flush();
	__asm__ __volatile__("svc 255");
	return 0;
}

static int crash(struct cmd_ctx *ctx, struct cmd_args *args)
{
	return cmd_dispatch_sub(ctx, &crash_operands, args, "CRASH");
}

static const struct cp_command crash_ops[] = {
	{ "PROGRAM", 4, PRIV('A'), crash_program, "CRASH PROGram", "Stop PlexVM with a program check" },
	{ "PANIC", 5, PRIV('A'), crash_panic, "CRASH PANIC", "Stop PlexVM with a kernel panic" },
	{ "STACK", 5, PRIV('A'), crash_stack, "CRASH STACK", "Exhaust the operator thread's stack" },
	{ "SVC", 3, PRIV('A'), crash_svc, "CRASH SVC", "An unexpected supervisor call" },
};

static const struct cp_command system_cmds[] = {
	{ "HELP", 1, PRIV_ALL, help, "Help [command [operand]]", "List commands or show a command's syntax" },
	{ "SHUTDOWN", 8, PRIV('A'), shutdown, "SHUTDOWN", "Stop PlexVM in an orderly way" },
	{ "CRASH", 5, PRIV('A'), crash, "CRASH PROGram|PANIC|SVC|STACK|GUEST ...",
	  "Test aid: stop PlexVM (or a guest) with the chosen fault and its diagnostic" },
};

static int system_cmds_init(void)
{
	int rc = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(system_cmds); i++)
		rc |= cmd_register(&cp_commands, &system_cmds[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(crash_ops); i++)
		rc |= cmd_register(&crash_operands, &crash_ops[i]);
	return rc;
}
INITCALL(4, system_cmds_init);
