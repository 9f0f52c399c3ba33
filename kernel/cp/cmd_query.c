/* QUERY and its basic operands: CPLEVEL, PROCESSORS, STORAGE, TIME, FRAMES, CONSOLE. */
#include "kernel/cp/cmd.h"
#include "kernel/init.h"
#include "kernel/system.h"
#include "kernel/version.h"
#include "kernel/timer.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/mm/memory.h"
#include "kernel/console.h"
#include "kernel/lib/datetime.h"
#include "arch/s390x/cpu.h"
#include "arch/s390x/machine.h"
#include "arch/s390x/tod.h"
#include <stdio.h>

static int query(struct cmd_ctx *ctx, struct cmd_args *args)
{
	return cmd_dispatch_sub(ctx, &query_operands, args, "QUERY");
}

static int no_more(struct cmd_ctx *ctx, struct cmd_args *args)
{
	return args->argc ? cmd_err_extra_operand(ctx, args->argv[0]) : 0;
}

static int q_cplevel(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct datetime dt;
	char ipl[24];

	if (no_more(ctx, args))
		return RC_INVALID_OPTION;
	tod_to_datetime(sys.ipl_tod, &dt);
	datetime_format_short(&dt, ipl, sizeof(ipl));
	cmd_printf(ctx, "PlexVM Version %s, build %s (64-bit)", plexvm_version, plexvm_git_rev);
	cmd_printf(ctx, "Generated at %s UTC", plexvm_build_date);
	cmd_printf(ctx, "IPL at %s UTC", ipl);
	return 0;
}

struct cpu_ping {
	uint64_t cputime;
	uint16_t address;
};

static void ping(void *arg)
{
	struct cpu_ping *p = arg;

	p->cputime = cputime_now();
	p->address = this_cpu()->address;
}

static int q_processors(struct cmd_ctx *ctx, struct cmd_args *args)
{
	if (no_more(ctx, args))
		return RC_INVALID_OPTION;
	for (unsigned int i = 0; i < cpu_count; i++) {
		struct cpu *cpu = &cpus[i];
		const char *type = machine.cpu_type[i] == 3 ? "IFL" : "CP";
		struct cpu_ping p = { 0, 0xffff };

		switch (cpu->state) {
		case CPU_ONLINE:
			/* Every online processor must answer an emergency signal. */
			if (smp_call(cpu, ping, &p, 1000) != 0 || p.address != cpu->address)
				cmd_printf(ctx, "PROCESSOR %02X NOT RESPONDING %s", cpu->address, type);
			else
				cmd_printf(ctx, "PROCESSOR %02X %s %s", cpu->address,
					   cpu->boot ? "MASTER" : "ALTERNATE", type);
			break;
		case CPU_FAILED:
			cmd_printf(ctx, "PROCESSOR %02X OFFLINE %s (did not start: %s)", cpu->address,
				   type, cpu->fail_reason);
			break;
		default:
			cmd_printf(ctx, "PROCESSOR %02X STOPPED %s", cpu->address, type);
			break;
		}
	}
	return 0;
}

static int q_storage(struct cmd_ctx *ctx, struct cmd_args *args)
{
	char size[16], inc[16];

	if (no_more(ctx, args))
		return RC_INVALID_OPTION;
	format_storage(machine.storage_size, size, sizeof(size));
	format_storage(machine.increment_size, inc, sizeof(inc));
	cmd_printf(ctx, "STORAGE = %s CONFIGURED = %s INC = %s STANDBY = 0  RESERVED = 0", size, size,
		   inc);
	return 0;
}

static int q_frames(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct memory_stats ms;
	char total[16], avail[16], resv[16];

	if (no_more(ctx, args))
		return RC_INVALID_OPTION;
	memory_stats(&ms);
	format_storage(ms.storage_size, total, sizeof(total));
	format_storage(ALIGN_DOWN(ms.free_frames << FRAME_SHIFT, MiB(1)), avail, sizeof(avail));
	format_storage(ms.reserved_bytes, resv, sizeof(resv));
	cmd_printf(ctx, "All Frames: %llu  Storage: %s", (unsigned long long)(ms.storage_size >> FRAME_SHIFT), total);
	cmd_printf(ctx, "Available:  %llu  (%s)  Reserved by CP: %s",
		   (unsigned long long)ms.free_frames, avail, resv);
	cmd_printf(ctx, "CP heap:    %llu objects in %llu slabs, %llu bytes in large blocks",
		   (unsigned long long)ms.heap_objects, (unsigned long long)ms.heap_slabs,
		   (unsigned long long)ms.heap_large_bytes);
	cmd_printf(ctx, "Largest free block: order %d  Allocation failures: %llu",
		   ms.largest_free_order, (unsigned long long)ms.alloc_failures);
	return 0;
}

static int q_time(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct datetime dt;
	char connect[24], cpu[24];
	struct thread *t = current_thread();

	if (no_more(ctx, args))
		return RC_INVALID_OPTION;
	tod_to_datetime(tod_now(), &dt);
	cmd_printf(ctx, "TIME IS %02d:%02d:%02d UTC %s %02d/%02d/%02d", dt.hour, dt.minute, dt.second,
		   weekday_name(dt.weekday), dt.month, dt.day, dt.year % 100);
	format_hms(tod_now() - sys.ipl_tod, connect, sizeof(connect));
	format_cputime(t ? t->cputime : 0, cpu, sizeof(cpu));
	cmd_printf(ctx, "CONNECT= %s VIRTCPU= 000:00.00 TOTCPU= %s", connect, cpu);
	return 0;
}

/* The operator console: its kind and what went through it (nothing is ever lost but
 * what the counters say). */
static int q_console(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct console_stats st;

	if (no_more(ctx, args))
		return RC_INVALID_OPTION;
	console_stats(&st);
	cmd_printf(ctx, "CONSOLE SCLP %s  OUTPUT %llu BYTES  QUEUED %llu  WRITER WAITS %llu  LOST %llu",
		   console_type(), (unsigned long long)st.bytes_written, (unsigned long long)st.queued,
		   (unsigned long long)st.writer_waits, (unsigned long long)st.overflow_dropped);
	cmd_printf(ctx, "INPUT %llu LINES  LOST %llu  ECHO LOST %llu", (unsigned long long)st.lines_read,
		   (unsigned long long)st.input_dropped, (unsigned long long)st.echo_dropped);
	return 0;
}

static const struct cp_command cmd_query = {
	"QUERY", 1, PRIV_ALL, query, "QUERY operand ...", "Display system information",
};
static const struct cp_command query_ops[] = {
	{ "CPLEVEL", 5, PRIV_ALL, q_cplevel, "QUERY CPLEVEL", "PlexVM version, build and IPL time" },
	{ "PROCESSORS", 4, PRIV_ALL, q_processors, "QUERY PROCESSORS", "Processors and their state" },
	{ "STORAGE", 4, PRIV_ALL, q_storage, "QUERY STORAGE", "Real storage size" },
	{ "FRAMES", 5, PRIV_ALL, q_frames, "QUERY FRAMES", "Use of real storage frames" },
	{ "TIME", 2, PRIV_ALL, q_time, "QUERY TIME", "Date, time and connect/CPU time" },
	{ "CONSOLE", 4, PRIV_ALL, q_console, "QUERY CONSole", "The operator console and its counters" },
};

static int query_init(void)
{
	int rc = cmd_register(&cp_commands, &cmd_query);

	for (unsigned int i = 0; i < ARRAY_SIZE(query_ops); i++)
		rc |= cmd_register(&query_operands, &query_ops[i]);
	return rc;
}
INITCALL(4, query_init);
