/* The processor table. */
#include "arch/s390x/cpu.h"

struct cpu cpus[MAX_CPUS];
unsigned int cpu_count;

uint32_t spinlock_owner_tag(void)
{
	struct cpu *cpu = this_cpu();

	return cpu ? (uint32_t)cpu->address + 1 : 0x10000;
}

struct cpu *cpu_by_address(uint16_t address)
{
	for (unsigned int i = 0; i < cpu_count; i++)
		if (cpus[i].address == address)
			return &cpus[i];
	return NULL;
}

unsigned int cpus_online(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < cpu_count; i++)
		if (cpus[i].state == CPU_ONLINE)
			n++;
	return n;
}
