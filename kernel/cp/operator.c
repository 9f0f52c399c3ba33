/* The operator console's command loop: each input line is a CP command. */
#include "kernel/cp/cmd.h"
#include "kernel/console.h"
#include "kernel/sched.h"

static void write_console_line(void *arg, const char *line)
{
	(void)arg;
	kprintf("%s\n", line);
}

static void operator_main(void *arg)
{
	struct cmd_ctx ctx = {
		.userid = "OPERATOR",
		.privclasses = PRIV_ALL,
		.write_line = write_console_line,
	};
	char line[CONSOLE_LINE_MAX + 1];

	(void)arg;
	kprintf("Ready;\n");
	for (;;) {
		int rc;

		console_read_line(line, sizeof(line));
		ctx.lines = 0;
		rc = cmd_execute(&ctx, line);
		if (rc)
			kprintf("Ready(%05d);\n", rc);
		else
			kprintf("Ready;\n");
	}
}

void operator_start(void);
void operator_start(void)
{
	thread_create("OPERATOR", operator_main, NULL, CPU_ANY);
}
