/*
 * The timer service. Wall-clock timers run on the clock comparator: each
 * processor keeps its timers sorted by TOD deadline and loads the earliest
 * into its clock comparator; expiry runs the callback in interruption context
 * on the processor that armed the timer (one-shot or periodic).
 * CPU time runs on the CPU timer: cputime_now() is this processor's consumed
 * CPU time, and a per-CPU alarm fires after a budget of CPU time.
 */
#ifndef PLEXVM_KERNEL_TIMER_H
#define PLEXVM_KERNEL_TIMER_H

#include "kernel/compiler.h"
#include "kernel/lib/timerq.h"

struct cpu;
struct timer;
typedef void (*timer_fn)(struct timer *t, void *arg);

struct timer {
	struct timerq_entry q;   /* deadline (TOD), period (TOD units, 0 = one-shot) */
	timer_fn fn;
	void *arg;
	struct cpu *cpu;         /* the processor it is armed on */
	volatile bool running;
	uint64_t fired;
};

void timer_init(struct timer *t, timer_fn fn, void *arg);
/* Arm on the calling processor; re-arming an armed timer moves it. */
void timer_arm(struct timer *t, uint64_t deadline, uint64_t period);
void timer_arm_in_ms(struct timer *t, uint64_t ms, bool periodic);
/* Disarm; waits for a callback running on another processor to finish. Returns true if it was armed. */
bool timer_cancel(struct timer *t);

/* Per-CPU set-up of the clock comparator and CPU timer (every processor calls it). */
void timer_init_cpu(void);
void timer_init_global(void);

/* CPU time consumed by this processor, in TOD units (monotonic). */
uint64_t cputime_now(void);
/* Call fn(arg) in interruption context once `budget` more CPU time is consumed here. */
void cputimer_alarm(uint64_t budget, void (*fn)(void *arg), void *arg);
void cputimer_alarm_cancel(void);

#endif
