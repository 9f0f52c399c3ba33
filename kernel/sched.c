/* Kernel threads and the scheduler (see sched.h). */
#include "kernel/sched.h"
#include "kernel/alloc.h"
#include "kernel/panic.h"
#include "kernel/timer.h"
#include "arch/s390x/cpu.h"
#include "arch/s390x/insn.h"
#include "arch/s390x/stack.h"
#include "arch/s390x/tod.h"
#include "arch/s390x/psw.h"
#include <string.h>
#include <stdio.h>

void switch_context(struct context *prev, struct context *next);
void thread_trampoline(void);
void thread_start(void (*fn)(void *), void *arg);

static struct spinlock sched_lock = SPINLOCK_INIT;
static struct list run_queue = LIST_INIT(run_queue);
static struct list all_threads = LIST_INIT(all_threads);
static struct list dead_threads = LIST_INIT(dead_threads);
static unsigned int next_thread_id = 1;
static bool scheduler_started;

struct thread *current_thread(void)
{
	struct cpu *cpu = this_cpu();

	return cpu ? cpu->current : NULL;
}

bool sched_running(void)
{
	return scheduler_started;
}

static void stack_set_canary(struct thread *t)
{
	if (t->stack)
		*(uint64_t *)(void *)t->stack = STACK_CANARY;
}

void stack_check(void)
{
	struct thread *t = current_thread();
	uint64_t sp;

	if (!t || !t->stack)
		return;
	__asm__ __volatile__("lgr %0,%%r15" : "=d"(sp));
	if (*(uint64_t *)(void *)t->stack != STACK_CANARY ||
	    sp < (uint64_t)(uintptr_t)t->stack + STACK_FRAME_SIZE ||
	    sp > (uint64_t)(uintptr_t)t->stack + t->stack_size)
		panic("kernel stack of thread %s exhausted (stack %p-%p, pointer %#llx)", t->name,
		      (void *)t->stack, (void *)(t->stack + t->stack_size), (unsigned long long)sp);
}

/* Account the CPU timer since the last switch on this CPU to the outgoing thread. */
static void account(struct cpu *cpu, struct thread *prev)
{
	uint64_t now = cputime_now();

	prev->cputime += now - cpu->switch_cputime;
	cpu->switch_cputime = now;
}

static bool can_run_here(const struct thread *t, const struct cpu *cpu)
{
	return t->affinity == CPU_ANY || t->affinity == (int)cpu->index;
}

/* Called with sched_lock held. */
static struct thread *pick_next(struct cpu *cpu)
{
	struct list *pos;

	list_for_each(pos, &run_queue) {
		struct thread *t = list_entry(pos, struct thread, run_link);

		if (can_run_here(t, cpu)) {
			list_del(&t->run_link);
			return t;
		}
	}
	return NULL;
}

/* Send an idle processor that may run t a wake-up. Called with sched_lock held. */
static void kick_idle_cpu_for(struct thread *t)
{
	for (unsigned int i = 0; i < cpu_count; i++) {
		struct cpu *cpu = &cpus[i];

		if (cpu->state == CPU_ONLINE && cpu != this_cpu() && can_run_here(t, cpu) &&
		    READ_ONCE(cpu->in_idle_wait)) {
			arch_cpu_kick(cpu);
			return;
		}
	}
}

static void make_runnable(struct thread *t)
{
	t->state = THREAD_RUNNABLE;
	list_add_tail(&run_queue, &t->run_link);
	kick_idle_cpu_for(t);
}

/*
 * Switch away from the current thread, whose state the caller has set.
 * Called and returns with sched_lock held; the lock is handed across the
 * switch so that no other processor can pick up a thread before its
 * registers are saved.
 */
static void schedule_locked(void)
{
	struct cpu *cpu = this_cpu();
	struct thread *prev = cpu->current;
	struct thread *next;

	stack_check();
	next = pick_next(cpu);
	if (!next) {
		if (prev->state == THREAD_RUNNING || prev->state == THREAD_RUNNABLE) {
			prev->state = THREAD_RUNNING;
			return;
		}
		next = cpu->idle;
	}
	if (prev->state == THREAD_RUNNABLE && !prev->is_idle)
		list_add_tail(&run_queue, &prev->run_link);
	if (next == prev) {
		prev->state = THREAD_RUNNING;
		return;
	}
	account(cpu, prev);
	next->state = THREAD_RUNNING;
	next->cpu = cpu;
	next->switches++;
	cpu->current = next;
	switch_context(&prev->ctx, &next->ctx);
	/* Running prev again, perhaps on another processor. */
}

/*
 * The switch paths hold sched_lock with raw operations and keep the
 * interruption mask in a local variable: the lock is released by whichever
 * thread runs next, and each thread restores its own mask when it resumes.
 */
void yield(void)
{
	struct thread *t = current_thread();
	uint8_t mask = spin_irq_save();

	raw_spin_lock(&sched_lock);
	t->state = THREAD_RUNNABLE;
	schedule_locked();
	raw_spin_unlock(&sched_lock);
	spin_irq_restore(mask);
}

#define SCHED_TICK_MS 10

static struct timer ticks[MAX_CPUS];

static void sched_tick(struct timer *t, void *arg)
{
	struct cpu *cpu = arg;

	(void)t;
	if (!list_empty(&run_queue))
		cpu->need_resched = true;
}

void cond_resched(void)
{
	struct cpu *cpu = this_cpu();

	if (cpu->need_resched) {
		cpu->need_resched = false;
		yield();
	}
}

void sleep_on(const volatile void *chan, struct spinlock *lk)
{
	struct thread *t = current_thread();
	/* lk is held (so interruptions are off); its saved mask is the caller's to restore. */
	uint8_t outer = lk->saved_mask;

	raw_spin_lock(&sched_lock);
	raw_spin_unlock(lk);
	t->wait_channel = chan;
	t->state = THREAD_BLOCKED;
	schedule_locked();
	t->wait_channel = NULL;
	raw_spin_unlock(&sched_lock);
	raw_spin_lock(lk);
	lk->saved_mask = outer;
}

void wakeup(const volatile void *chan)
{
	struct list *pos;

	spin_lock(&sched_lock);
	list_for_each(pos, &all_threads) {
		struct thread *t = list_entry(pos, struct thread, all_link);

		if (t->state == THREAD_BLOCKED && t->wait_channel == chan)
			make_runnable(t);
	}
	spin_unlock(&sched_lock);
}

static void sleep_timeout(struct timer *tm, void *arg)
{
	struct thread *t = arg;

	(void)tm;
	spin_lock(&sched_lock);
	if (t->state == THREAD_BLOCKED) {
		t->timed_out = true;
		make_runnable(t);
	}
	spin_unlock(&sched_lock);
}

bool sleep_on_until(const volatile void *chan, struct spinlock *lk, uint64_t deadline)
{
	struct thread *t = current_thread();
	struct timer tm;

	timer_init(&tm, sleep_timeout, t);
	t->timed_out = false;
	timer_arm(&tm, deadline, 0);
	sleep_on(chan, lk);
	timer_cancel(&tm);
	return !t->timed_out;
}

void sleep_ms(uint64_t ms)
{
	static struct spinlock sleep_lock = SPINLOCK_INIT;
	uint64_t deadline = tod_now() + tod_from_ms(ms);
	struct thread *t = current_thread();

	spin_lock(&sleep_lock);
	while (tod_now() < deadline)
		sleep_on_until(t, &sleep_lock, deadline);
	spin_unlock(&sleep_lock);
}

void thread_start(void (*fn)(void *), void *arg)
{
	/* The switch that started us left sched_lock held; threads run enabled. */
	raw_spin_unlock(&sched_lock);
	irq_enable();
	fn(arg);
	thread_exit();
}

struct thread *thread_create(const char *name, void (*fn)(void *), void *arg, int affinity)
{
	struct thread *t = kzalloc(sizeof(*t));
	uint64_t *frame;

	if (!t)
		return NULL;
	t->stack = kmalloc(THREAD_STACK_SIZE);
	if (!t->stack) {
		kfree(t);
		return NULL;
	}
	t->stack_size = THREAD_STACK_SIZE;
	t->stack_owned = true;
	stack_set_canary(t);
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->affinity = affinity;
	/* Initial frame: switch_context loads r6-r15 and returns to the trampoline. */
	frame = (uint64_t *)(void *)(t->stack + THREAD_STACK_SIZE - STACK_FRAME_SIZE);
	frame[0] = 0; /* back chain */
	t->ctx.gprs[0] = (uint64_t)(uintptr_t)fn;                  /* r6 */
	t->ctx.gprs[1] = (uint64_t)(uintptr_t)arg;                 /* r7 */
	t->ctx.gprs[8] = (uint64_t)(uintptr_t)thread_trampoline;   /* r14 */
	t->ctx.gprs[9] = (uint64_t)(uintptr_t)frame;               /* r15 */
	spin_lock(&sched_lock);
	t->id = next_thread_id++;
	list_add_tail(&all_threads, &t->all_link);
	make_runnable(t);
	spin_unlock(&sched_lock);
	return t;
}

/* Free threads that exited; their stacks are no longer in use by then. */
static void reap_dead_threads(void)
{
	struct list *pos, *tmp;

	spin_lock(&sched_lock);
	list_for_each_safe(pos, tmp, &dead_threads) {
		struct thread *t = list_entry(pos, struct thread, all_link);

		if (t->cpu && t->cpu->current == t)
			continue; /* still switching away */
		list_del(&t->all_link);
		spin_unlock(&sched_lock);
		if (t->stack_owned)
			kfree(t->stack);
		kfree(t);
		spin_lock(&sched_lock);
		pos = &dead_threads; /* restart: the list may have changed */
		tmp = pos->next;
	}
	spin_unlock(&sched_lock);
}

void thread_exit(void)
{
	struct thread *t = current_thread();

	(void)spin_irq_save();
	raw_spin_lock(&sched_lock);
	list_del(&t->all_link);
	list_add_tail(&dead_threads, &t->all_link);
	t->state = THREAD_DEAD;
	schedule_locked();
	panic("dead thread %s resumed", t->name);
}

void sched_init_cpu(struct thread *idle, const char *name)
{
	struct cpu *cpu = this_cpu();

	memset(idle, 0, sizeof(*idle));
	snprintf(idle->name, sizeof(idle->name), "%s", name);
	idle->is_idle = true;
	idle->affinity = (int)cpu->index;
	idle->state = THREAD_RUNNING;
	idle->cpu = cpu;
	cpu->idle = idle;
	cpu->current = idle;
	cpu->switch_cputime = cputime_now();
	timer_init(&ticks[cpu->index], sched_tick, cpu);
	timer_arm_in_ms(&ticks[cpu->index], SCHED_TICK_MS, true);
	spin_lock(&sched_lock);
	idle->id = next_thread_id++;
	list_add_tail(&all_threads, &idle->all_link);
	spin_unlock(&sched_lock);
}

static bool work_for(struct cpu *cpu)
{
	struct list *pos;

	list_for_each(pos, &run_queue)
		if (can_run_here(list_entry(pos, struct thread, run_link), cpu))
			return true;
	return false;
}

void sched_idle_loop(void)
{
	struct cpu *cpu = this_cpu();

	if (cpu->boot)
		scheduler_started = true;
	/* The idle thread runs disabled, except in its enabled wait. */
	irq_disable();
	for (;;) {
		bool idle;

		reap_dead_threads();
		raw_spin_lock(&sched_lock);
		cpu->current->state = THREAD_RUNNABLE;
		schedule_locked();
		/* Back in the idle thread: wait unless work arrived meanwhile. */
		WRITE_ONCE(cpu->in_idle_wait, true);
		memory_barrier();
		idle = !work_for(cpu);
		raw_spin_unlock(&sched_lock);
		if (idle) {
			uint64_t before = tod_now();

			enabled_wait(PSW_MASK_IO | PSW_MASK_EXT);
			cpu->idle_tod += tod_now() - before;
		}
		WRITE_ONCE(cpu->in_idle_wait, false);
	}
}

void sched_for_each_thread(void (*fn)(const struct thread *t, void *arg), void *arg)
{
	struct list *pos;

	spin_lock(&sched_lock);
	list_for_each(pos, &all_threads)
		fn(list_entry(pos, struct thread, all_link), arg);
	spin_unlock(&sched_lock);
}
