/*
 * BENCH MEMORY: the speed of the storage primitives every message and block
 * passes through (copy, compare, CHECKSUM, the test pattern), in MiB/s over
 * 64 KiB buffers. A benchmark aid for `make bench`: it tells what part of a
 * link's or a disk's figure is the processor's, which differs tenfold between
 * the emulators and real machines.
 */
#include "kernel/cp/cmd.h"
#include "kernel/init.h"
#include "kernel/alloc.h"
#include "kernel/sched.h"
#include "kernel/lib/cksm.h"
#include "kernel/lib/pattern.h"
#include "arch/s390x/tod.h"
#include <string.h>

#define BENCH_BUF (64 * 1024)
#define BENCH_MS 300

enum bench_op { OP_COPY, OP_COMPARE, OP_CHECKSUM, OP_PATTERN };

static const char *const op_names[] = { "memcpy", "memcmp", "CHECKSUM", "pattern" };

static volatile uint32_t sink;

static void run_op(enum bench_op op, uint8_t *a, uint8_t *b, uint64_t n)
{
	switch (op) {
	case OP_COPY: memcpy(a, b, BENCH_BUF); break;
	case OP_COMPARE: sink += (uint32_t)memcmp(a, b, BENCH_BUF); break;
	case OP_CHECKSUM: sink += cksm32(a, BENCH_BUF, 0); break;
	case OP_PATTERN: pattern_fill(a, BENCH_BUF, 7, n); break;
	}
}

static int bench_memory(struct cmd_ctx *ctx)
{
	uint8_t *a = kmalloc(BENCH_BUF), *b = kmalloc(BENCH_BUF);

	if (!a || !b) {
		kfree(a);
		kfree(b);
		return cmd_error(ctx, 3101, "PLXCMD101E", "No storage for the benchmark buffers");
	}
	pattern_fill(b, BENCH_BUF, 1, 0);
	memcpy(a, b, BENCH_BUF);
	for (enum bench_op op = OP_COPY; op <= OP_PATTERN; op++) {
		uint64_t start = tod_now(), end = start + tod_from_ms(BENCH_MS), n = 0, us;

		while (tod_now() < end) {
			run_op(op, a, b, n++);
			cond_resched();
		}
		us = tod_to_us(tod_now() - start);
		cmd_printf(ctx, "BENCH MEMORY %-8s %6llu MiB/s  (%llu x 64 KiB in %llu ms)", op_names[op],
			   (unsigned long long)(n * BENCH_BUF / (us ? us : 1) * 1000000 / (1024 * 1024)),
			   (unsigned long long)n, (unsigned long long)(us / 1000));
		if (op == OP_PATTERN)
			memcpy(a, b, BENCH_BUF);
	}
	kfree(a);
	kfree(b);
	return 0;
}

static int bench(struct cmd_ctx *ctx, struct cmd_args *args)
{
	if (args->argc < 1)
		return cmd_err_missing_operand(ctx);
	if (cmd_abbrev(args->argv[0], "MEMORY", 3)) {
		if (args->argc > 1)
			return cmd_err_extra_operand(ctx, args->argv[1]);
		return bench_memory(ctx);
	}
	return cmd_err_invalid_option(ctx, args->argv[0]);
}

static const struct cp_command bench_cmd = {
	"BENCH", 5, PRIV_ALL, bench, "BENCH MEMory", "Speed of storage copy, compare and checksum"
};

static int bench_cmd_init(void)
{
	return cmd_register(&cp_commands, &bench_cmd);
}
INITCALL(4, bench_cmd_init);
