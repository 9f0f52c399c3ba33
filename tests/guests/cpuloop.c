/*
 * cpuloop: a fixed CPU-bound loop (integer arithmetic and a few stores in its
 * own storage) timed with STCKF. Parameter loops=N (default 100000000).
 * Last line: "CPULOOP <iterations> iterations in <microseconds> us".
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/cmdline.h"
#include "tests/guests/lib/print.h"
#include "tests/guests/lib/timing.h"

#define DEFAULT_LOOPS 100000000ULL
#define SLOTS 64

const char guest_name[] = "CPULOOP";

static uint64_t slots[SLOTS];

/*
 * Each iteration: an add, an xor and a store (about seven instructions with the
 * index and the loop branch); the result depends on every one.
 */
static uint64_t __attribute__((noinline)) spin(uint64_t loops)
{
	uint64_t a = 1, b = 0x9e3779b97f4a7c15ULL;

	for (uint64_t i = 0; i < loops; i++) {
		a += b;
		b ^= i;
		slots[i & (SLOTS - 1)] = a;
	}
	for (unsigned int i = 0; i < SLOTS; i++)
		a ^= slots[i];
	return a ^ b;
}

int guest_main(void)
{
	uint64_t loops = DEFAULT_LOOPS, sum;
	struct stopwatch w;
	int rc = cmdline_u64("loops", &loops);

	if (rc == CMDLINE_MALFORMED) {
		gprintf("CPULOOP FAIL loops= is not a number\n");
		return 1;
	}
	gprintf("CPULOOP running %lu iterations\n", loops);
	stopwatch_start(&w);
	sum = spin(loops);
	stopwatch_stop(&w);
	gprintf("CPULOOP checksum %016lx\n", sum);
	gprintf("CPULOOP %lu iterations in %lu us\n", loops, stopwatch_us(&w));
	return 0;
}
