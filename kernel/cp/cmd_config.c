/* QUERY USERID, QUERY DIRECTORY userid, QUERY SYSTEM CONFIG [MEMBER|CLUSTER|ALL]. */
#include "kernel/cp/cmd.h"
#include "kernel/config_ipl.h"
#include "kernel/init.h"
#include "kernel/system.h"
#include "kernel/config/dir_view.h"
#include "kernel/config/dir_print.h"
#include "kernel/config/sc_print.h"
#include <string.h>

static void emit(void *arg, const char *line)
{
	cmd_printf(arg, "%s", line);
}

static int no_config(struct cmd_ctx *ctx)
{
	return cmd_error(ctx, 3100, "PLXCFG100E", "No valid configuration is loaded: %s", config.reason);
}

static int q_userid(struct cmd_ctx *ctx, struct cmd_args *args)
{
	if (args->argc)
		return cmd_err_extra_operand(ctx, args->argv[0]);
	cmd_printf(ctx, "%-8s AT %s", ctx->userid, sys.sysname);
	return 0;
}

static int q_directory(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct dir_view v;

	if (args->argc != 1)
		return cmd_err_missing_operand(ctx);
	if (!config.dir)
		return no_config(ctx);
	if (strlen(args->argv[0]) > 8 || dir_view_init(&v, config.dir, args->argv[0], config.member) != 0)
		return cmd_error(ctx, 53, "PLXCFG053E", "%s not in CP directory", args->argv[0]);
	dir_view_print(&v, 0, emit, ctx);
	return 0;
}

static int q_system(struct cmd_ctx *ctx, struct cmd_args *args)
{
	enum sc_print_scope scope;

	if (args->argc < 1 || !cmd_abbrev(args->argv[0], "CONFIG", 4))
		return args->argc ? cmd_err_invalid_option(ctx, args->argv[0]) : cmd_err_missing_operand(ctx);
	if (!config.sc)
		return no_config(ctx);
	if (args->argc == 1) {
		cmd_printf(ctx, "SYSTEM CONFIG digest %s", config.digest);
		cmd_printf(ctx, "Member %s%s%s; %zu bytes of SYSTEM CONFIG, %zu bytes of directory; %s",
			   config.member[0] ? config.member : "(unidentified)",
			   config.cluster[0] ? " of SSI cluster " : "", config.cluster, config.config_bytes,
			   config.directory_bytes, config.valid ? "valid" : config.reason);
		return 0;
	}
	if (cmd_abbrev(args->argv[1], "MEMBER", 3))
		scope = SC_PRINT_MEMBER;
	else if (cmd_abbrev(args->argv[1], "CLUSTER", 2))
		scope = SC_PRINT_CLUSTER;
	else if (cmd_abbrev(args->argv[1], "ALL", 3))
		scope = SC_PRINT_ALL;
	else
		return cmd_err_invalid_option(ctx, args->argv[1]);
	sysconfig_print(config.sc, scope, config.member, emit, ctx);
	return 0;
}

static const struct cp_command config_queries[] = {
	{ "USERID", 6, PRIV_ALL, q_userid, "QUERY USERID", "Your user ID and the member you are on" },
	{ "DIRECTORY", 3, PRIV('A') | PRIV('B') | PRIV('C') | PRIV('E'), q_directory,
	  "QUERY DIRectory userid", "A user's effective directory entry on this member" },
	{ "SYSTEM", 3, PRIV('A') | PRIV('B') | PRIV('C') | PRIV('E'), q_system,
	  "QUERY SYStem CONFig [MEMber|CLuster|ALL]", "The configuration's digest, or its statements" },
};

static int config_queries_init(void)
{
	int rc = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(config_queries); i++)
		rc |= cmd_register(&query_operands, &config_queries[i]);
	return rc;
}
INITCALL(4, config_queries_init);
