/* Enabled waits with a clock-comparator deadline. */
#include "tests/guests/lib/wait.h"
#include "tests/guests/lib/insn.h"
#include "arch/s390x/tod.h"

#define WAKE_INTERVAL_US 1000

bool wait_until(wait_cond_fn cond, void *arg, uint64_t cr0_bits, bool io, uint64_t timeout_us)
{
	uint64_t deadline = stck() + tod_from_us(timeout_us);
	uint64_t cr0 = cr_read(0);
	bool done;

	cr_write(0, cr0 | cr0_bits | CR0_CLOCK_COMPARATOR);
	for (;;) {
		uint64_t now, wake;

		/* Interruptions are taken only in the wait below: no wake-up is lost. */
		done = cond(arg);
		now = stck();
		if (done || now >= deadline)
			break;
		wake = now + tod_from_us(WAKE_INTERVAL_US);
		sckc(wake < deadline ? wake : deadline);
		enabled_wait(PSW_MASK_EXT | (io ? PSW_MASK_IO : 0));
	}
	sckc(TOD_INFINITE);
	cr_write(0, cr0);
	return done;
}

static bool never(void *arg)
{
	(void)arg;
	return false;
}

void delay_us(uint64_t us)
{
	(void)wait_until(never, NULL, 0, false, us);
}
