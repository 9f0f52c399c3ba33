/*
 * Spinlocks. Kernel threads run enabled for I/O and external interruptions;
 * taking a spinlock disables them on this processor (the previous mask is kept
 * in the lock and restored by spin_unlock), so an interruption handler that
 * takes the same lock can never deadlock against the code it interrupted.
 * Locks nest in LIFO order. The raw_ variants leave the mask alone; the
 * scheduler uses them where a lock is handed from one thread to another.
 * The lock word holds the owner's CPU address + 1, readable in a dump.
 */
#ifndef PLEXVM_KERNEL_SPINLOCK_H
#define PLEXVM_KERNEL_SPINLOCK_H

#include "kernel/compiler.h"

struct spinlock {
	uint32_t owner;       /* 0 = free, else CPU address + 1 */
	uint8_t saved_mask;   /* system mask of the holder before spin_lock */
};

#define SPINLOCK_INIT { 0, 0 }

uint32_t spinlock_owner_tag(void);

#ifdef PLEXVM_HOST
static inline uint8_t spin_irq_save(void) { return 0; }
static inline void spin_irq_restore(uint8_t m) { (void)m; }
#else
static inline uint8_t spin_irq_save(void)
{
	uint8_t old;

	__asm__ __volatile__("stnsm %0,0xfc" : "=Q"(old) : : "memory");
	return old;
}

static inline void spin_irq_restore(uint8_t mask)
{
	__asm__ __volatile__("ssm %0" : : "Q"(mask) : "memory");
}
#endif

static inline bool raw_spin_trylock(struct spinlock *l)
{
	uint32_t expected = 0;

	return __atomic_compare_exchange_n(&l->owner, &expected, spinlock_owner_tag(), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void raw_spin_lock(struct spinlock *l)
{
	while (!raw_spin_trylock(l))
		while (__atomic_load_n(&l->owner, __ATOMIC_RELAXED))
			;
}

static inline void raw_spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->owner, 0, __ATOMIC_RELEASE);
}

static inline void spin_lock(struct spinlock *l)
{
	uint8_t mask = spin_irq_save();

	raw_spin_lock(l);
	l->saved_mask = mask;
}

static inline bool spin_trylock(struct spinlock *l)
{
	uint8_t mask = spin_irq_save();

	if (!raw_spin_trylock(l)) {
		spin_irq_restore(mask);
		return false;
	}
	l->saved_mask = mask;
	return true;
}

static inline void spin_unlock(struct spinlock *l)
{
	uint8_t mask = l->saved_mask;

	raw_spin_unlock(l);
	spin_irq_restore(mask);
}

static inline bool spin_is_locked(const struct spinlock *l)
{
	return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) != 0;
}

#endif
