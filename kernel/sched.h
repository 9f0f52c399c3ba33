/*
 * Kernel threads and the scheduler. Threads are cooperative: a thread runs
 * until it blocks or yields (guest virtual CPUs yield at every SIE exit).
 * One global run queue; each processor has an idle thread that waits
 * enabled for interruptions when nothing is runnable.
 *
 * Sleeping follows the classic pattern, with the condition protected by a
 * spinlock that both the sleeper and the waker hold:
 *     spin_lock(&lk);
 *     while (!condition)
 *         sleep_on(&chan, &lk);
 *     spin_unlock(&lk);
 * and the waker: spin_lock(&lk); condition = true; wakeup(&chan); spin_unlock(&lk);
 */
#ifndef PLEXVM_KERNEL_SCHED_H
#define PLEXVM_KERNEL_SCHED_H

#include "kernel/compiler.h"
#include "kernel/list.h"
#include "kernel/spinlock.h"

struct cpu;

struct context {
	uint64_t gprs[10]; /* r6-r15, saved by switch_context */
};

enum thread_state {
	THREAD_RUNNABLE,
	THREAD_RUNNING,
	THREAD_BLOCKED,
	THREAD_DEAD,
};

#define THREAD_NAME_MAX 16
#define CPU_ANY (-1)

struct thread {
	struct context ctx;
	char name[THREAD_NAME_MAX];
	unsigned int id;
	enum thread_state state;
	int affinity;               /* CPU index or CPU_ANY */
	bool is_idle;
	struct cpu *cpu;            /* where it runs or last ran */
	uint8_t *stack;             /* lowest address; canary at the bottom */
	size_t stack_size;
	bool stack_owned;           /* allocated by thread_create */
	const volatile void *wait_channel;
	bool timed_out;
	struct list run_link;
	struct list all_link;
	uint64_t cputime;           /* CPU timer units consumed */
	uint64_t switches;
};

/* Create a runnable thread running fn(arg) on any CPU or the given CPU index. */
struct thread *thread_create(const char *name, void (*fn)(void *), void *arg, int affinity);
void __noreturn thread_exit(void);
struct thread *current_thread(void);

/* Give up the processor; the current thread stays runnable. */
void yield(void);
/*
 * Yield if other threads have waited a scheduler tick for this processor.
 * Threads are not preempted: long loops call this at safe points.
 */
void cond_resched(void);
/* Sleep until wakeup(chan); lk is released while asleep and held again on return. */
void sleep_on(const volatile void *chan, struct spinlock *lk);
/* Same with a deadline in TOD units (absolute); returns false if it timed out. */
bool sleep_on_until(const volatile void *chan, struct spinlock *lk, uint64_t deadline);
void wakeup(const volatile void *chan);
/* Sleep for a number of milliseconds. */
void sleep_ms(uint64_t ms);

/* Per-CPU set-up: the calling context becomes this CPU's idle thread. */
void sched_init_cpu(struct thread *idle, const char *name);
/* The idle loop; never returns. */
void __noreturn sched_idle_loop(void);
bool sched_running(void);   /* true once the boot CPU entered the scheduler */

/* Walk all threads (for QUERY THREADS style reports) under the scheduler lock. */
void sched_for_each_thread(void (*fn)(const struct thread *t, void *arg), void *arg);
/* Check the current stack's canary; panics on overflow. */
void stack_check(void);

/* Provided by arch: wake a processor from its idle wait. */
void arch_cpu_kick(struct cpu *cpu);

#endif
