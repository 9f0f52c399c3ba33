/* SLEEP and INDICATE LOAD. */
#include "kernel/cp/cmd.h"
#include "kernel/init.h"
#include "kernel/sched.h"
#include "arch/s390x/cpu.h"
#include "arch/s390x/machine.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define SLEEP_MAX_SECONDS (24 * 3600)

/* SLEEP n [SEC|MIN|HR]: the issuer waits; seconds by default, as in z/VM. */
static int sleep_cmd(struct cmd_ctx *ctx, struct cmd_args *args)
{
	unsigned long long n, unit = 1;
	char *end;

	if (args->argc < 1)
		return cmd_err_missing_operand(ctx);
	n = strtoull(args->argv[0], &end, 10);
	if (*end || end == args->argv[0])
		return cmd_err_invalid_option(ctx, args->argv[0]);
	if (args->argc >= 2) {
		if (cmd_abbrev(args->argv[1], "SECONDS", 3))
			unit = 1;
		else if (cmd_abbrev(args->argv[1], "MINUTES", 3))
			unit = 60;
		else if (cmd_abbrev(args->argv[1], "HOURS", 2))
			unit = 3600;
		else
			return cmd_err_invalid_option(ctx, args->argv[1]);
	}
	if (args->argc > 2)
		return cmd_err_extra_operand(ctx, args->argv[2]);
	if (n > SLEEP_MAX_SECONDS / unit)
		return cmd_error(ctx, RC_INVALID_OPERAND, "PLXCMD026E",
				 "Operand missing or invalid: at most %d seconds", SLEEP_MAX_SECONDS);
	sleep_ms(n * unit * 1000);
	return 0;
}

static int indicate_load(struct cmd_ctx *ctx, struct cmd_args *args)
{
	unsigned int sum = 0, n = 0;
	char line[160];
	size_t len = 0;

	(void)args;
	for (unsigned int i = 0; i < cpu_count; i++)
		if (cpus[i].state == CPU_ONLINE) {
			sum += cpus[i].load_percent;
			n++;
		}
	cmd_printf(ctx, "AVGPROC-%03u%% %02u", n ? sum / n : 0, n);
	for (unsigned int i = 0; i < cpu_count; i++) {
		struct cpu *cpu = &cpus[i];

		if (cpu->state != CPU_ONLINE)
			continue;
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%sPROC %04X-%03u%% %-3s",
					len ? "   " : "", cpu->address, cpu->load_percent,
					machine.cpu_type[i] == 3 ? "IFL" : "CP");
		if (len > 60) {
			cmd_printf(ctx, "%s", line);
			len = 0;
		}
	}
	if (len)
		cmd_printf(ctx, "%s", line);
	return 0;
}

static int indicate(struct cmd_ctx *ctx, struct cmd_args *args)
{
	if (args->argc == 0 || cmd_abbrev(args->argv[0], "LOAD", 1))
		return indicate_load(ctx, args);
	return cmd_err_invalid_option(ctx, args->argv[0]);
}

static const struct cp_command time_cmds[] = {
	{ "SLEEP", 2, PRIV_ALL, sleep_cmd, "SLeep n [SEConds|MINutes|HOurs]", "Wait for a time" },
	{ "INDICATE", 3, PRIV_ALL, indicate, "INDicate [Load]", "Processor load over the last second" },
};

static int time_cmds_init(void)
{
	int rc = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(time_cmds); i++)
		rc |= cmd_register(&cp_commands, &time_cmds[i]);
	return rc;
}
INITCALL(4, time_cmds_init);
