/*
 * Processor bring-up: each secondary gets its own prefix area (lowcore) and
 * stacks, is given its prefix with SIGP set-prefix and started with SIGP
 * restart into smp_secondary_main. Processors signal each other with SIGP
 * emergency signal: to wake one from its idle wait, or to run a cross-CPU call.
 */
#include "kernel/smp.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "kernel/console.h"
#include "kernel/load.h"
#include "kernel/panic.h"
#include "kernel/mm/memory.h"
#include "arch/s390x/cpu.h"
#include "arch/s390x/cr.h"
#include "arch/s390x/insn.h"
#include "arch/s390x/interrupt.h"
#include "arch/s390x/machine.h"
#include "arch/s390x/stack.h"
#include "arch/s390x/tod.h"
#include <string.h>
#include <stdio.h>

#define START_TIMEOUT_MS 2000
/* Order for 16 KiB stacks and for the 8 KiB prefix area. */
#define STACK_ORDER 2
#define LOWCORE_ORDER 1

static uint64_t fail_mask;
static struct thread idle_threads[MAX_CPUS];
static uint64_t boot_cr0, boot_cr6, boot_cr14;

void do_operator_restart(void);

void smp_set_fail_mask(uint64_t mask)
{
	fail_mask = mask;
}

static void emergency_signal(uint16_t code, uint32_t param, uint16_t cpu_addr)
{
	struct cpu *cpu = this_cpu();
	void (*fn)(void *);

	(void)code;
	(void)param;
	(void)cpu_addr;
	cpu->count.ipi_received++;
	fn = READ_ONCE(cpu->call_fn);
	if (fn) {
		void *arg = cpu->call_arg;

		WRITE_ONCE(cpu->call_fn, NULL);
		fn(arg);
		memory_barrier();
		WRITE_ONCE(cpu->call_done, cpu->call_seq);
	}
	/* A plain wake-up needs nothing more: the idle wait has ended. */
}

void arch_cpu_kick(struct cpu *cpu)
{
	this_cpu()->count.ipi_sent++;
	sigp(cpu->address, SIGP_EMERGENCY_SIGNAL, 0, NULL);
}

int smp_call(struct cpu *cpu, void (*fn)(void *), void *arg, uint64_t timeout_ms)
{
	static struct spinlock call_lock = SPINLOCK_INIT;
	uint64_t deadline = tod_now() + tod_from_ms(timeout_ms);
	uint64_t seq;
	int rc = 0;

	if (cpu == this_cpu()) {
		fn(arg);
		return 0;
	}
	if (cpu->state != CPU_ONLINE)
		return -1;
	spin_lock(&call_lock);
	seq = ++cpu->call_seq;
	cpu->call_arg = arg;
	memory_barrier();
	WRITE_ONCE(cpu->call_fn, fn);
	arch_cpu_kick(cpu);
	while (READ_ONCE(cpu->call_done) != seq) {
		if (tod_now() > deadline) {
			WRITE_ONCE(cpu->call_fn, NULL);
			rc = -1;
			break;
		}
		cpu_relax();
	}
	spin_unlock(&call_lock);
	return rc;
}

static uint64_t alloc_stack_top(unsigned int order)
{
	uint64_t base = frame_alloc(order);

	if (!base)
		return 0;
	*(uint64_t *)(uintptr_t)base = STACK_CANARY;
	return base + (FRAME_SIZE << order);
}

void smp_init_boot_cpu(void)
{
	unsigned int n = 0;
	uint16_t boot_addr = stap();

	/* The boot CPU keeps index 0; the others follow in the SCLP's order. */
	cpus[0].address = boot_addr;
	n = 1;
	for (unsigned int i = 0; i < machine.ncpus && n < MAX_CPUS; i++) {
		if (machine.cpu_address[i] == boot_addr)
			continue;
		cpus[n].address = machine.cpu_address[i];
		cpus[n].state = CPU_STOPPED;
		n++;
	}
	for (unsigned int i = 0; i < n; i++)
		cpus[i].index = (uint16_t)i;
	cpu_count = n;
}

/* First C code on a secondary processor, on its idle thread's stack. */
static void __noreturn smp_secondary_main(void *arg)
{
	struct cpu *cpu = arg;
	struct lowcore *lc = LOWCORE;

	cr_write(0, boot_cr0);
	cr_write(6, boot_cr6);
	cr_write(14, boot_cr14);
	/* Later restarts are the operator's RESTART key. */
	lc->restart_stack = cpu->panic_stack_top;
	lc->restart_fn = (uint64_t)(uintptr_t)do_operator_restart;
	timer_init_cpu();
	load_sampling_start();
	sched_init_cpu(&idle_threads[cpu->index], "idle");
	snprintf(idle_threads[cpu->index].name, THREAD_NAME_MAX, "IDLE-%02X", cpu->address);
	memory_barrier();
	WRITE_ONCE(cpu->state, CPU_ONLINE);
	sched_idle_loop();
}

static void fail(struct cpu *cpu, const char *why)
{
	snprintf(cpu->fail_reason, sizeof(cpu->fail_reason), "%s", why);
	cpu->state = CPU_FAILED;
	kprintf("PLXSMP002E Processor %02X did not start: %s\n", cpu->address, why);
}

static void start_one(struct cpu *cpu)
{
	struct lowcore *lc;
	uint64_t lc_addr, deadline, idle_top;
	uint32_t status = 0;
	int cc;

	cc = sigp(cpu->address, SIGP_SENSE, 0, &status);
	if (cc == 3) {
		fail(cpu, "not operational");
		return;
	}
	if (cc == 1 && !(status & SIGP_STATUS_STOPPED)) {
		char why[40];

		snprintf(why, sizeof(why), "sense status %08X", status);
		fail(cpu, why);
		return;
	}
	lc_addr = frame_alloc_zeroed(LOWCORE_ORDER);
	cpu->async_stack_top = alloc_stack_top(STACK_ORDER);
	cpu->panic_stack_top = alloc_stack_top(STACK_ORDER);
	cpu->mcck_stack_top = alloc_stack_top(STACK_ORDER);
	idle_top = alloc_stack_top(STACK_ORDER);
	if (!lc_addr || !cpu->async_stack_top || !cpu->panic_stack_top || !cpu->mcck_stack_top ||
	    !idle_top) {
		fail(cpu, "no storage for its prefix area and stacks");
		return;
	}
	lc = (struct lowcore *)(uintptr_t)lc_addr;
	cpu->lowcore = lc;
	lowcore_setup(lc, cpu);
	lc->restart_stack = idle_top;
	lc->restart_fn = (uint64_t)(uintptr_t)smp_secondary_main;
	lc->restart_arg = (uint64_t)(uintptr_t)cpu;
	idle_threads[cpu->index].stack = (uint8_t *)(uintptr_t)(idle_top - (FRAME_SIZE << STACK_ORDER));
	idle_threads[cpu->index].stack_size = FRAME_SIZE << STACK_ORDER;
	memory_barrier();
	cpu->state = CPU_STARTING;
	if (fail_mask & (1ULL << (cpu->address & 63)))
		lc_addr = memory_storage_size() + 0x100000000ULL; /* fault injection: invalid prefix */
	cc = sigp(cpu->address, SIGP_SET_PREFIX, (uint32_t)lc_addr, &status);
	if (cc != 0) {
		char why[48];

		snprintf(why, sizeof(why), "SIGP set prefix cc %d status %08X", cc, status);
		fail(cpu, why);
		return;
	}
	cc = sigp(cpu->address, SIGP_RESTART, 0, &status);
	if (cc != 0) {
		char why[48];

		snprintf(why, sizeof(why), "SIGP restart cc %d status %08X", cc, status);
		fail(cpu, why);
		return;
	}
	deadline = tod_now() + tod_from_ms(START_TIMEOUT_MS);
	while (READ_ONCE(cpu->state) != CPU_ONLINE) {
		if (tod_now() > deadline) {
			sigp(cpu->address, SIGP_STOP, 0, NULL);
			fail(cpu, "no response within 2 seconds");
			return;
		}
		cpu_relax();
	}
}

unsigned int smp_start_secondaries(void)
{
	/* Secondaries run with the boot processor's control registers 0 and 14. */
	boot_cr0 = cr_read(0);
	boot_cr6 = cr_read(6);
	boot_cr14 = cr_read(14);
	for (unsigned int i = 1; i < cpu_count; i++)
		start_one(&cpus[i]);
	return cpus_online();
}

void smp_stop_others(void)
{
	struct cpu *self = this_cpu();

	for (unsigned int i = 0; i < cpu_count; i++) {
		struct cpu *cpu = &cpus[i];
		uint64_t deadline;

		if (cpu == self || (cpu->state != CPU_ONLINE && cpu->state != CPU_STARTING))
			continue;
		deadline = tod_now() + tod_from_ms(100);
		while (sigp(cpu->address, SIGP_STOP, 0, NULL) == 2 && tod_now() < deadline)
			cpu_relax();
		/*
		 * The order is accepted before it is carried out: wait until the
		 * processor really is stopped, so the machine's own view of who
		 * stopped last (QEMU ends with success when no processor runs) is
		 * ours: this one, in its disabled wait.
		 */
		for (;;) {
			uint32_t status = 0;
			int cc = sigp(cpu->address, SIGP_SENSE, 0, &status);

			if (cc == 3 || (cc == 1 && (status & SIGP_STATUS_STOPPED)) || tod_now() >= deadline)
				break;
			cpu_relax();
		}
		cpu->state = CPU_STOPPED;
	}
}

struct cr_bits {
	int cr;
	uint64_t bits;
};

static void set_cr_bits_here(void *arg)
{
	const struct cr_bits *b = arg;

	cr_set_bits(b->cr, b->bits);
}

void smp_set_cr_bits_all(int cr, uint64_t bits)
{
	struct cr_bits b = { cr, bits };

	/* Processors started later copy the boot processor's registers. */
	for (unsigned int i = 0; i < cpu_count; i++)
		if (cpus[i].state == CPU_ONLINE)
			smp_call(&cpus[i], set_cr_bits_here, &b, 1000);
}

void smp_init_handlers(void)
{
	ext_register(EXT_CODE_EMERGENCY_SIGNAL, emergency_signal);
	ext_register(EXT_CODE_EXTERNAL_CALL, emergency_signal);
}
