/* A sleeping lock for thread context (device access, long operations). */
#ifndef PLEXVM_KERNEL_MUTEX_H
#define PLEXVM_KERNEL_MUTEX_H

#include "kernel/sched.h"

struct mutex {
	struct spinlock lock;
	struct thread *owner;
};

#define MUTEX_INIT { SPINLOCK_INIT, NULL }

static inline void mutex_init(struct mutex *m)
{
	m->lock = (struct spinlock)SPINLOCK_INIT;
	m->owner = NULL;
}

static inline void mutex_lock(struct mutex *m)
{
	spin_lock(&m->lock);
	while (m->owner)
		sleep_on(m, &m->lock);
	m->owner = current_thread();
	spin_unlock(&m->lock);
}

static inline void mutex_unlock(struct mutex *m)
{
	spin_lock(&m->lock);
	m->owner = NULL;
	wakeup(m);
	spin_unlock(&m->lock);
}

#endif
