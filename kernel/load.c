/*
 * Processor load sampling: a periodic timer on each processor measures the
 * share of the last interval it spent outside its idle wait (INDICATE LOAD).
 */
#include "kernel/load.h"
#include "kernel/timer.h"
#include "arch/s390x/cpu.h"
#include "arch/s390x/tod.h"

#define LOAD_INTERVAL_MS 1000

static struct timer load_timers[MAX_CPUS];

static void sample(struct timer *t, void *arg)
{
	struct cpu *cpu = arg;
	uint64_t now = tod_now();
	uint64_t elapsed = now - cpu->load_sample_tod;
	uint64_t idle = cpu->idle_tod - cpu->load_sample_idle;

	(void)t;
	if (elapsed)
		cpu->load_percent = idle >= elapsed ? 0 : (unsigned int)(100 - idle * 100 / elapsed);
	cpu->load_sample_tod = now;
	cpu->load_sample_idle = cpu->idle_tod;
	cpu->load_samples++;
}

void load_sampling_start(void)
{
	struct cpu *cpu = this_cpu();

	cpu->load_sample_tod = tod_now();
	cpu->load_sample_idle = cpu->idle_tod;
	timer_init(&load_timers[cpu->index], sample, cpu);
	timer_arm_in_ms(&load_timers[cpu->index], LOAD_INTERVAL_MS, true);
}
