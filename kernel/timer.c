/* Clock-comparator timers and CPU-timer accounting (see timer.h). */
#include "kernel/timer.h"
#include "kernel/panic.h"
#include "arch/s390x/cpu.h"
#include "arch/s390x/cr.h"
#include "arch/s390x/insn.h"
#include "arch/s390x/interrupt.h"
#include "arch/s390x/tod.h"

#define CPUTIMER_IDLE_VALUE 0x7fffffffffffffffULL

static struct timerq queues[MAX_CPUS];

static inline struct timerq *queue_of(struct cpu *cpu)
{
	return &queues[cpu->index];
}

void timer_init(struct timer *t, timer_fn fn, void *arg)
{
	timerq_entry_init(&t->q);
	t->fn = fn;
	t->arg = arg;
	t->cpu = NULL;
	t->running = false;
	t->fired = 0;
}

/* Load the earliest deadline into the clock comparator. Called with timer_lock held. */
static void reprogram(struct cpu *cpu)
{
	uint64_t deadline = timerq_next_deadline(queue_of(cpu));

	cpu->armed_deadline = deadline;
	sckc(deadline);
}

bool timer_cancel(struct timer *t)
{
	struct cpu *cpu = t->cpu;
	bool was_armed;

	if (!cpu)
		return false;
	spin_lock(&cpu->timer_lock);
	was_armed = t->q.queued;
	t->q.period = 0; /* a periodic timer cancelled from its own callback stays cancelled */
	timerq_remove(queue_of(cpu), &t->q);
	if (cpu == this_cpu())
		reprogram(cpu);
	spin_unlock(&cpu->timer_lock);
	if (cpu != this_cpu())
		while (READ_ONCE(t->running))
			cpu_relax();
	return was_armed;
}

void timer_arm(struct timer *t, uint64_t deadline, uint64_t period)
{
	struct cpu *cpu = this_cpu();

	if (t->cpu && t->cpu != cpu)
		timer_cancel(t);
	spin_lock(&cpu->timer_lock);
	t->cpu = cpu;
	timerq_add(queue_of(cpu), &t->q, deadline, period);
	reprogram(cpu);
	spin_unlock(&cpu->timer_lock);
}

void timer_arm_in_ms(struct timer *t, uint64_t ms, bool periodic)
{
	uint64_t d = tod_from_ms(ms);

	timer_arm(t, tod_now() + d, periodic ? d : 0);
}

static void clock_comparator_interrupt(uint16_t code, uint32_t param, uint16_t cpu_addr)
{
	struct cpu *cpu = this_cpu();
	struct timerq *q = queue_of(cpu);
	struct timerq_entry *e;

	(void)code;
	(void)param;
	(void)cpu_addr;
	spin_lock(&cpu->timer_lock);
	while ((e = timerq_pop_due(q, tod_now())) != NULL) {
		struct timer *t = container_of(e, struct timer, q);

		t->running = true;
		t->fired++;
		spin_unlock(&cpu->timer_lock);
		t->fn(t, t->arg);
		spin_lock(&cpu->timer_lock);
		/* Periodic, unless the callback re-armed or cancelled it. */
		if (t->q.period && !t->q.queued && t->cpu == cpu)
			timerq_rearm_periodic(q, &t->q, tod_now());
		t->running = false;
	}
	reprogram(cpu);
	spin_unlock(&cpu->timer_lock);
}

/* ---- CPU timer: accounting and alarms ---- */

uint64_t cputime_now(void)
{
	uint8_t mask = spin_irq_save(); /* the CPU-timer interruption reloads the timer */
	struct cpu *cpu = this_cpu();
	uint64_t t = cpu->cputime_base + (cpu->cputimer_loaded - stpt());

	spin_irq_restore(mask);
	return t;
}

static void cputimer_load(struct cpu *cpu, uint64_t value)
{
	uint64_t now = stpt();

	cpu->cputime_base += cpu->cputimer_loaded - now;
	cpu->cputimer_loaded = value;
	spt(value);
}

void cputimer_alarm(uint64_t budget, void (*fn)(void *arg), void *arg)
{
	struct cpu *cpu = this_cpu();

	cpu->cputimer_alarm = fn;
	cpu->cputimer_alarm_arg = arg;
	cputimer_load(cpu, budget);
}

void cputimer_alarm_cancel(void)
{
	struct cpu *cpu = this_cpu();

	cpu->cputimer_alarm = NULL;
	cputimer_load(cpu, CPUTIMER_IDLE_VALUE);
}

static void cpu_timer_interrupt(uint16_t code, uint32_t param, uint16_t cpu_addr)
{
	struct cpu *cpu = this_cpu();
	void (*fn)(void *) = cpu->cputimer_alarm;

	(void)code;
	(void)param;
	(void)cpu_addr;
	/* Reload first: the condition stays pending while the timer is negative. */
	cpu->cputimer_alarm = NULL;
	cputimer_load(cpu, CPUTIMER_IDLE_VALUE);
	if (fn)
		fn(cpu->cputimer_alarm_arg);
}

void timer_init_cpu(void)
{
	struct cpu *cpu = this_cpu();

	timerq_init(queue_of(cpu));
	cpu->timer_lock = (struct spinlock)SPINLOCK_INIT;
	cpu->cputime_base = 0;
	cpu->cputimer_loaded = CPUTIMER_IDLE_VALUE;
	spt(CPUTIMER_IDLE_VALUE);
	sckc(TOD_INFINITE);
	cpu->armed_deadline = TOD_INFINITE;
	cr_set_bits(0, CR0_CLOCK_COMPARATOR | CR0_CPU_TIMER);
}

void timer_init_global(void)
{
	ext_register(EXT_CODE_CLOCK_COMPARATOR, clock_comparator_interrupt);
	ext_register(EXT_CODE_CPU_TIMER, cpu_timer_interrupt);
}
