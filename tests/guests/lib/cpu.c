/* The guest's CPUs and the CS spinlock. */
#include "tests/guests/lib/cpu.h"
#include "tests/guests/lib/insn.h"
#include "arch/s390x/tod.h"

#define LOCK_TIMEOUT_US 10000000ULL

struct gcpu gcpus[GUEST_MAX_CPUS];

void gcpu_init_boot(void)
{
	struct gcpu *cpu = &gcpus[0];

	cpu->index = 0;
	cpu->address = stap();
	cpu->state = GCPU_RUNNING;
	GLOWCORE->cpu = cpu;
}

int gcpu_index_of(uint16_t address)
{
	for (int i = 0; i < GUEST_MAX_CPUS; i++)
		if (gcpus[i].state != GCPU_ABSENT && gcpus[i].address == address)
			return i;
	return -1;
}

void glock_take(struct glock *lock)
{
	uint32_t me = (uint32_t)this_gcpu()->address + 1; /* not STAP: a hypervisor may intercept it */
	uint64_t deadline = stck() + tod_from_us(LOCK_TIMEOUT_US);

	for (;;) {
		uint32_t seen = cs32(&lock->owner, 0, me);

		if (seen == 0)
			return;
		if (stck() > deadline) {
			if (cs32(&lock->owner, seen, me) == seen)
				return;
			deadline = stck() + tod_from_us(LOCK_TIMEOUT_US);
		}
	}
}

void glock_release(struct glock *lock)
{
	memory_barrier();
	lock->owner = 0;
}
