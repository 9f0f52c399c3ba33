/* Bringing processors online and signalling between them. */
#ifndef PLEXVM_KERNEL_SMP_H
#define PLEXVM_KERNEL_SMP_H

#include "kernel/compiler.h"

struct cpu;

/* Register the emergency-signal handler (wake-ups and cross-CPU calls). */
void smp_init_handlers(void);
/* Fill cpus[] from the machine's CPU list (boot CPU first) and set up the boot CPU. */
void smp_init_boot_cpu(void);
/* Start every other configured processor; failures are reported, not fatal. Returns online count. */
unsigned int smp_start_secondaries(void);
/*
 * Run fn(arg) on another processor (in its interruption context, when it is
 * idle or in SIE) and wait up to timeout_ms for it. Returns 0, or -1 if the
 * processor did not answer.
 */
int smp_call(struct cpu *cpu, void (*fn)(void *), void *arg, uint64_t timeout_ms);
/* Set control-register bits on every online processor (e.g. I/O subclass masks). */
void smp_set_cr_bits_all(int cr, uint64_t bits);
/* Stop every other processor (panic and shutdown). */
void smp_stop_others(void);
/* Fault injection for tests: CPU addresses whose start is sabotaged (boot parameter). */
void smp_set_fail_mask(uint64_t mask);

#endif
