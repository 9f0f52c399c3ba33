/*
 * diagloop: times N executions of DIAG 0x44 (voluntary time-slice end: a no-op
 * every hypervisor must intercept and answer quickly). Parameter loops=N
 * (default 100000). Last line:
 *   "DIAGLOOP <n> diag44 in <us> us, <ns> ns each"
 * or, where DIAG 0x44 does not exist (a program check on the first try),
 *   "DIAGLOOP diag44 unavailable: program check <code>".
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/cmdline.h"
#include "tests/guests/lib/insn.h"
#include "tests/guests/lib/print.h"
#include "tests/guests/lib/probe.h"
#include "tests/guests/lib/timing.h"

#define DEFAULT_LOOPS 100000ULL

const char guest_name[] = "DIAGLOOP";

static void __attribute__((noinline)) diag_loop(uint64_t loops)
{
	for (uint64_t i = 0; i < loops; i++)
		diag44();
}

int guest_main(void)
{
	uint64_t loops = DEFAULT_LOOPS;
	struct stopwatch w;
	uint32_t mark;
	uint16_t code;

	if (cmdline_u64("loops", &loops) == CMDLINE_MALFORMED) {
		gprintf("DIAGLOOP FAIL loops= is not a number\n");
		return 1;
	}
	/* One probe first: a machine without DIAG 0x44 gives a program check, not a crash. */
	mark = pgm_mark();
	(void)probe_diag(0x44);
	if (pgm_since(mark, &code)) {
		gprintf("DIAGLOOP diag44 unavailable: program check %04x\n", code);
		return 0;
	}
	stopwatch_start(&w);
	diag_loop(loops);
	stopwatch_stop(&w);
	gprintf("DIAGLOOP %lu diag44 in %lu us, %lu ns each\n", loops, stopwatch_us(&w),
		stopwatch_ns_each(&w, loops));
	return 0;
}
