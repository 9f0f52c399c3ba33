/*
 * Thread dump on the interrupt key. Pressing the operator's interrupt key
 * (Hercules: `ext`; HMC: Interrupt) lists every thread with its state, what it
 * waits on, its saved return address and the code addresses found on its
 * stack: enough to see with addr2line where a hung system is waiting while
 * the console itself is busy. The list is printed by a thread of its own, so
 * the interrupt handler never takes the console lock.
 */
#include "kernel/init.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/console.h"
#include "kernel/spinlock.h"
#include "arch/s390x/interrupt.h"
#include "arch/s390x/cr.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern char __image_start[], __text_end[];

#define DUMP_STACK_ADDRS 10

static struct spinlock dump_lock;
static volatile bool dump_requested;

static const char *state_name(enum thread_state s)
{
	switch (s) {
	case THREAD_RUNNABLE: return "READY";
	case THREAD_RUNNING: return "RUNNING";
	case THREAD_BLOCKED: return "WAITING";
	case THREAD_DEAD: return "ENDED";
	}
	return "?";
}

static bool is_code(uint64_t a)
{
	return a >= (uint64_t)(uintptr_t)__image_start && a < (uint64_t)(uintptr_t)__text_end;
}

#define DUMP_MAX_THREADS 128

/* Taken under the scheduler lock, printed after it is released (printing wakes threads). */
struct thread_snap {
	unsigned int id;
	char name[THREAD_NAME_MAX];
	enum thread_state state;
	uint64_t wait, ret;
	int naddr;
	uint64_t addr[DUMP_STACK_ADDRS];
};

static struct thread_snap snaps[DUMP_MAX_THREADS];
static unsigned int nsnaps;

static void snap_one(const struct thread *t, void *arg)
{
	struct thread_snap *s;
	(void)arg;

	if (nsnaps >= DUMP_MAX_THREADS)
		return;
	s = &snaps[nsnaps++];
	s->id = t->id;
	memcpy(s->name, t->name, sizeof(s->name));
	s->state = t->state;
	s->wait = (uint64_t)(uintptr_t)t->wait_channel;
	s->ret = t->ctx.gprs[8];
	s->naddr = -1;
	/* A switched-out thread's stack, from its saved r15 up: the code addresses on it. */
	if (t->state != THREAD_RUNNING && t->stack) {
		const uint64_t *sp = (const uint64_t *)(uintptr_t)t->ctx.gprs[9];
		const uint64_t *top = (const uint64_t *)(const void *)(t->stack + t->stack_size);

		if ((const uint8_t *)sp >= t->stack && sp < top) {
			s->naddr = 0;
			for (; sp < top && s->naddr < DUMP_STACK_ADDRS; sp++)
				if (is_code(*sp))
					s->addr[s->naddr++] = *sp;
		}
	}
}

static void print_snap(const struct thread_snap *s)
{
	char line[224];
	int n;

	n = snprintf(line, sizeof(line), "PLXDMP002I %3u %-16.16s %-8s wait %08llx ret %08llx",
		     s->id, s->name, state_name(s->state), (unsigned long long)s->wait,
		     (unsigned long long)s->ret);
	if (s->naddr >= 0)
		n += snprintf(line + n, sizeof(line) - (size_t)n, " stack");
	for (int i = 0; i < s->naddr && n < (int)sizeof(line) - 12; i++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, " %llx", (unsigned long long)s->addr[i]);
	kprintf("%s\n", line);
}

static void dumper_thread(void *arg)
{
	(void)arg;
	for (;;) {
		spin_lock(&dump_lock);
		while (!dump_requested)
			sleep_on(&dump_requested, &dump_lock);
		dump_requested = false;
		spin_unlock(&dump_lock);
		nsnaps = 0;
		sched_for_each_thread(snap_one, NULL);
		kprintf("PLXDMP001I Interrupt key: %u threads (id, name, state, wait channel, return, stack)\n",
			nsnaps);
		for (unsigned int i = 0; i < nsnaps; i++)
			print_snap(&snaps[i]);
	}
}

static void interrupt_key(uint16_t code, uint32_t param, uint16_t cpu_addr)
{
	(void)code;
	(void)param;
	(void)cpu_addr;
	spin_lock(&dump_lock);
	dump_requested = true;
	wakeup(&dump_requested);
	spin_unlock(&dump_lock);
}

static int thread_dump_init(void)
{
	if (!thread_create("DUMPER", dumper_thread, NULL, CPU_ANY))
		return -1;
	ext_register(EXT_CODE_INTERRUPT_KEY, interrupt_key);
	smp_set_cr_bits_all(0, CR0_INTERRUPT_KEY);
	return 0;
}
INITCALL(2, thread_dump_init);
