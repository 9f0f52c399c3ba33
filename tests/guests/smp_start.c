/*
 * Bringing up a secondary CPU the way PlexVM does (kernel/smp.c): SIGP sense
 * (it must be stopped), a prefix area of its own (8 KiB aligned) holding the
 * new PSWs of CPU 0 and the restart function, SIGP set prefix, SIGP restart.
 */
#include "tests/guests/smp.h"
#include "tests/guests/lib/insn.h"
#include "tests/guests/lib/sclp.h"
#include "tests/guests/lib/wait.h"
#include <string.h>
#include <stdio.h>

#define CHECK_IN_TIMEOUT_US 2000000ULL

static uint8_t lowcores[GUEST_MAX_CPUS][LOWCORE_SIZE] __aligned(LOWCORE_SIZE);
static uint8_t stacks[GUEST_MAX_CPUS][GUEST_STACK_SIZE] __aligned(8);
static uint8_t panic_stacks[GUEST_MAX_CPUS][PANIC_STACK_SIZE] __aligned(8);

unsigned int smp_find_cpus(void)
{
	struct sclp_info info;
	uint16_t self = gcpus[0].address;
	unsigned int n = 1;

	if (sclp_read_info(&info) == 0 && info.ncpus > 0) {
		for (unsigned int i = 0; i < info.ncpus && n < GUEST_MAX_CPUS; i++) {
			if (info.cpu_address[i] == self)
				continue;
			gcpus[n].index = (uint16_t)n;
			gcpus[n].address = info.cpu_address[i];
			gcpus[n].state = GCPU_STOPPED;
			n++;
		}
		return n;
	}
	/* No CPU list from the SCLP: ask each address that could be there. */
	for (uint16_t a = 0; a < 64 && n < GUEST_MAX_CPUS; a++) {
		uint32_t status = 0;

		if (a == self || sigp(a, SIGP_SENSE, 0, &status) == 3)
			continue;
		gcpus[n].index = (uint16_t)n;
		gcpus[n].address = a;
		gcpus[n].state = GCPU_STOPPED;
		n++;
	}
	return n;
}

static bool checked_in(void *arg)
{
	const struct gcpu *cpu = arg;

	return cpu->state != GCPU_STARTING;
}

const char *smp_start_cpu(unsigned int i, void (*fn)(void *), char *why, size_t size)
{
	struct gcpu *cpu = &gcpus[i];
	struct lowcore *lc = (struct lowcore *)lowcores[i];
	struct glowcore *glc = (struct glowcore *)(lowcores[i] + GLC_SAVE_PGM);
	uint32_t status = 0;
	int cc;

	cc = sigp(cpu->address, SIGP_SENSE, 0, &status);
	if (cc == 3) {
		snprintf(why, size, "not operational");
		return why;
	}
	if (cc != 1 || !(status & SIGP_STATUS_STOPPED)) {
		snprintf(why, size, "not stopped: sense cc %d status %08x", cc, status);
		return why;
	}
	memset(lc, 0, LOWCORE_SIZE);
	memcpy(&lc->restart_new_psw, &LOWCORE->restart_new_psw, 6 * sizeof(struct psw));
	glc->restart_fn = (uint64_t)(uintptr_t)fn;
	glc->restart_arg = (uint64_t)(uintptr_t)cpu;
	glc->restart_stack = (uint64_t)(uintptr_t)(stacks[i] + GUEST_STACK_SIZE);
	glc->panic_stack = (uint64_t)(uintptr_t)(panic_stacks[i] + PANIC_STACK_SIZE);
	glc->cpu = cpu;
	cpu->state = GCPU_STARTING;
	memory_barrier();
	cc = sigp(cpu->address, SIGP_SET_PREFIX, (uint32_t)(uintptr_t)lc, &status);
	if (cc != 0) {
		cpu->state = GCPU_FAILED;
		snprintf(why, size, "set prefix: cc %d status %08x", cc, status);
		return why;
	}
	cc = sigp(cpu->address, SIGP_RESTART, 0, &status);
	if (cc != 0) {
		cpu->state = GCPU_FAILED;
		snprintf(why, size, "restart: cc %d status %08x", cc, status);
		return why;
	}
	if (!wait_until(checked_in, cpu, 0, false, CHECK_IN_TIMEOUT_US)) {
		cpu->state = GCPU_FAILED;
		snprintf(why, size, "did not run within 2 s of SIGP restart");
		return why;
	}
	return NULL;
}

struct stopped_wait {
	uint16_t address;
};

static bool is_stopped(void *arg)
{
	const struct stopped_wait *w = arg;
	uint32_t status = 0;
	int cc = sigp(w->address, SIGP_SENSE, 0, &status);

	return cc == 3 || (cc == 1 && (status & SIGP_STATUS_STOPPED));
}

bool smp_wait_stopped(uint16_t address, uint64_t timeout_us)
{
	struct stopped_wait w = { .address = address };

	return wait_until(is_stopped, &w, 0, false, timeout_us);
}
