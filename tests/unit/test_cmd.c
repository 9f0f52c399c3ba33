/* CP command tokenizing, abbreviations, dispatch and error messages. */
#include <criterion/criterion.h>
#include <string.h>
#include <stdio.h>
#include "kernel/cp/cmd.h"

static char out[4096];

static void collect(void *arg, const char *line)
{
	(void)arg;
	strcat(out, line);
	strcat(out, "\n");
}

static struct cmd_ctx ctx = { "TESTER", PRIV('G'), collect, NULL, 0 };
static char seen[256];

static int h_query_time(struct cmd_ctx *c, struct cmd_args *a)
{
	(void)c;
	snprintf(seen, sizeof(seen), "TIME argc=%d", a->argc);
	return 0;
}

static int h_send(struct cmd_ctx *c, struct cmd_args *a)
{
	(void)c;
	snprintf(seen, sizeof(seen), "SEND %s [%s]", a->argc ? a->argv[0] : "-", a->argc > 1 ? a->raw[1] : "");
	return 0;
}

static int h_query(struct cmd_ctx *c, struct cmd_args *a)
{
	return cmd_dispatch_sub(c, &query_operands, a, "QUERY");
}

static int h_force(struct cmd_ctx *c, struct cmd_args *a)
{
	(void)a;
	cmd_printf(c, "forced\nsecond line");
	return 0;
}

static const struct cp_command c_query = { "QUERY", 1, PRIV_ALL, h_query, "QUERY", "" };
static const struct cp_command c_send = { "SEND", 2, PRIV_ALL, h_send, "SEND", "" };
static const struct cp_command c_force = { "FORCE", 5, PRIV('A'), h_force, "FORCE", "" };
static const struct cp_command q_time = { "TIME", 2, PRIV_ALL, h_query_time, "Q TIME", "" };
static const struct cp_command q_timezones = { "TIMEZONES", 6, PRIV_ALL, h_query_time, "", "" };

static void setup(void)
{
	static bool done;

	out[0] = seen[0] = '\0';
	ctx.privclasses = PRIV('G');
	if (done)
		return;
	done = true;
	cr_assert_eq(cmd_register(&cp_commands, &c_query), 0);
	cr_assert_eq(cmd_register(&cp_commands, &c_send), 0);
	cr_assert_eq(cmd_register(&cp_commands, &c_force), 0);
	cr_assert_eq(cmd_register(&query_operands, &q_time), 0);
	cr_assert_eq(cmd_register(&query_operands, &q_timezones), 0);
}

TestSuite(cmd, .init = setup);

Test(cmd, tokenize_uppercases_and_keeps_raw_text)
{
	struct cmd_tokens t;

	cr_assert_eq(cmd_tokenize("  send Linux01   Hello There ", &t), 4);
	cr_assert_str_eq(t.tok[0], "SEND");
	cr_assert_str_eq(t.tok[1], "LINUX01");
	cr_assert_str_eq(t.tok[3], "THERE");
	cr_assert_str_eq(t.rest[2], "Hello There ");
	cr_assert_eq(cmd_tokenize("   ", &t), 0);
}

Test(cmd, abbreviations)
{
	cr_assert(cmd_abbrev("Q", "QUERY", 1));
	cr_assert(cmd_abbrev("quer", "QUERY", 1));
	cr_assert(!cmd_abbrev("QUERYX", "QUERY", 1));
	cr_assert(!cmd_abbrev("PROC", "PROCESSORS", 5));
	cr_assert(cmd_abbrev("PROCE", "PROCESSORS", 5));
	cr_assert(!cmd_abbrev("", "QUERY", 0) || true);
}

Test(cmd, dispatch_by_abbreviation)
{
	cr_assert_eq(cmd_execute(&ctx, "q ti"), 0);
	cr_assert_str_eq(seen, "TIME argc=0");
	cr_assert_eq(cmd_execute(&ctx, "QUERY TIMEZO"), 0, "the longer operand by its own abbreviation");
	cr_assert_eq(cmd_execute(&ctx, "QUERY TIMEZ"), RC_INVALID_OPTION, "shorter than its minimum");
	cr_assert_eq(cmd_execute(&ctx, "se linux01 Mixed Case text"), 0);
	cr_assert_str_eq(seen, "SEND LINUX01 [Mixed Case text]");
	cr_assert_eq(cmd_execute(&ctx, ""), 0, "an empty line does nothing");
}

Test(cmd, unknown_command_names_it)
{
	cr_assert_eq(cmd_execute(&ctx, "frobnicate now"), RC_UNKNOWN_COMMAND);
	cr_assert_str_eq(out, "PLXCMD001E Unknown CP command: FROBNICATE\n");
}

Test(cmd, too_short_abbreviation_is_unknown)
{
	cr_assert_eq(cmd_execute(&ctx, "s x"), RC_UNKNOWN_COMMAND, "SEND needs at least SE");
}

Test(cmd, privilege_classes_hide_commands)
{
	cr_assert_eq(cmd_execute(&ctx, "force linux01"), RC_UNKNOWN_COMMAND);
	cr_assert_str_eq(out, "PLXCMD001E Unknown CP command: FORCE\n");
	out[0] = '\0';
	ctx.privclasses = PRIV('A');
	cr_assert_eq(cmd_execute(&ctx, "FORCE linux01"), 0);
	cr_assert_str_eq(out, "forced\nsecond line\n");
}

Test(cmd, query_operand_errors)
{
	cr_assert_eq(cmd_execute(&ctx, "q"), RC_INVALID_OPERAND);
	cr_assert_str_eq(out, "PLXCMD026E Operand missing or invalid\n");
	out[0] = '\0';
	cr_assert_eq(cmd_execute(&ctx, "q nonsense"), RC_INVALID_OPTION);
	cr_assert_str_eq(out, "PLXCMD003E Invalid option - NONSENSE\n");
}

Test(cmd, overlong_lines_and_too_many_operands)
{
	char line[400];

	memset(line, 'a', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	cr_assert_eq(cmd_execute(&ctx, line), RC_INVALID_OPERAND);
	cr_assert(strstr(out, "longer than 240"));
	out[0] = '\0';
	strcpy(line, "q");
	for (int i = 0; i < 40; i++)
		strcat(line, " x");
	cr_assert_eq(cmd_execute(&ctx, line), RC_INVALID_OPERAND);
	cr_assert(strstr(out, "more than"));
}

Test(cmd, registry_refuses_duplicates)
{
	cr_assert_eq(cmd_register(&cp_commands, &c_query), -1);
}
