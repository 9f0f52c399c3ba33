/* Per-processor state. Each CPU finds its own struct cpu through its lowcore. */
#ifndef PLEXVM_ARCH_CPU_H
#define PLEXVM_ARCH_CPU_H

#include "kernel/compiler.h"
#include "kernel/spinlock.h"
#include "kernel/list.h"
#include "arch/s390x/lowcore.h"

#define MAX_CPUS 64

enum cpu_state {
	CPU_ABSENT = 0,   /* no such processor in the configuration */
	CPU_STOPPED,      /* configured, not started */
	CPU_STARTING,     /* SIGP restart issued, waiting for it to check in */
	CPU_ONLINE,       /* running PlexVM */
	CPU_FAILED,       /* did not start; see fail_reason */
};

struct thread;

/* Interruption counters, per CPU. */
struct cpu_counters {
	uint64_t external;
	uint64_t io;
	uint64_t clock_comparator;
	uint64_t cpu_timer;
	uint64_t emergency_signal;
	uint64_t external_call;
	uint64_t service_signal;
	uint64_t machine_check;
	uint64_t program_check_fixups;
	uint64_t ipi_received;
	uint64_t ipi_sent;
};

struct cpu {
	uint16_t address;          /* CPU address used by SIGP */
	uint16_t index;            /* position in cpus[] */
	enum cpu_state state;
	bool boot;                 /* the IPL processor (z/VM's master) */
	struct lowcore *lowcore;   /* absolute address of its prefix area */
	uint64_t async_stack_top;
	uint64_t panic_stack_top;
	uint64_t mcck_stack_top;
	struct thread *current;
	struct thread *idle;
	volatile bool in_idle_wait;   /* in the idle loop's enabled wait */
	unsigned int irq_depth;       /* > 0 while an interruption handler runs */
	volatile bool need_resched;   /* set by the scheduler tick when others are waiting */
	uint32_t ipi_pending;         /* enum ipi_kind bits, set by senders */
	struct spinlock timer_lock;
	uint64_t armed_deadline;      /* clock comparator value loaded */
	uint64_t idle_tod;            /* TOD units spent in the idle wait */
	uint64_t load_sample_tod;     /* TOD of the last load sample */
	uint64_t load_sample_idle;    /* idle_tod at the last load sample */
	unsigned int load_percent;    /* busy share of the last sample interval */
	uint64_t load_samples;
	uint64_t switch_cputime;      /* cputime_now() at the last thread switch */
	uint64_t cputime_base;        /* CPU time consumed before the last SPT */
	uint64_t cputimer_loaded;     /* value last loaded into the CPU timer */
	void (*cputimer_alarm)(void *arg); /* CPU-timer alarm callback, or NULL */
	void *cputimer_alarm_arg;
	void (*call_fn)(void *arg);   /* cross-CPU call request */
	void *call_arg;
	volatile uint64_t call_done;  /* sequence of completed cross-CPU calls */
	uint64_t call_seq;
	struct cpu_counters count;
	char fail_reason[48];
};

extern struct cpu cpus[MAX_CPUS];
extern unsigned int cpu_count;     /* entries in cpus[] (configured processors) */

static inline struct cpu *this_cpu(void)
{
	return LOWCORE->cpu;
}

struct cpu *cpu_by_address(uint16_t address);
unsigned int cpus_online(void);

#endif
