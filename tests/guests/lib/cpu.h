/* The guest's CPUs (CPU 0 = the one that started the program) and a CS spinlock. */
#ifndef TGUEST_CPU_H
#define TGUEST_CPU_H

#include "kernel/compiler.h"
#include "tests/guests/lib/lowcore.h"

#define GUEST_MAX_CPUS 8

enum gcpu_state {
	GCPU_ABSENT,
	GCPU_STOPPED,
	GCPU_STARTING,
	GCPU_RUNNING,
	GCPU_DONE,
	GCPU_FAILED,
};

struct gcpu {
	uint16_t index;
	uint16_t address;                         /* CPU address (STAP) */
	volatile uint32_t state;                  /* enum gcpu_state */
	volatile uint32_t emergency_count;        /* emergency signals received */
	volatile uint32_t emergency_from[GUEST_MAX_CPUS]; /* ... by the index of the source CPU */
	volatile uint32_t ext_other_count;        /* external interruptions not expected */
	volatile uint16_t ext_other_code;         /* the last one's code */
};

extern struct gcpu gcpus[GUEST_MAX_CPUS];

static inline struct gcpu *this_gcpu(void)
{
	return GLOWCORE->cpu;
}

/* CPU 0's entry; called once by the start-up code. */
void gcpu_init_boot(void);
/* The index of the known CPU with this address, or -1. */
int gcpu_index_of(uint16_t address);

struct glock {
	volatile uint32_t owner; /* 0 = free, else CPU address + 1 */
};

#define GLOCK_INIT { 0 }

/* Take the lock; a holder that keeps it for 10 s is taken to be dead and overridden. */
void glock_take(struct glock *lock);
void glock_release(struct glock *lock);

#endif
