/*
 * Spinlocks. The hypervisor runs disabled for I/O and external interruptions
 * except in enabled waits and around SIE, where no lock is held, so taking a
 * lock never needs to change the interruption mask. The lock word holds the
 * owner's CPU address + 1, which makes a deadlock readable in a dump.
 */
#ifndef PLEXVM_KERNEL_SPINLOCK_H
#define PLEXVM_KERNEL_SPINLOCK_H

#include "kernel/compiler.h"

struct spinlock {
	uint32_t owner; /* 0 = free, else CPU address + 1 */
};

#define SPINLOCK_INIT { 0 }

uint32_t spinlock_owner_tag(void);

static inline bool spin_trylock(struct spinlock *l)
{
	uint32_t expected = 0;

	return __atomic_compare_exchange_n(&l->owner, &expected, spinlock_owner_tag(), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void spin_lock(struct spinlock *l)
{
	while (!spin_trylock(l))
		while (__atomic_load_n(&l->owner, __ATOMIC_RELAXED))
			;
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->owner, 0, __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(const struct spinlock *l)
{
	return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) != 0;
}

#endif
