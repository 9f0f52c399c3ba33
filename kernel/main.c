/* Boot: from the first C code to the operator console. */
#include "arch/s390x/cpu.h"
#include "arch/s390x/interrupt.h"
#include "arch/s390x/insn.h"
#include "arch/s390x/cr.h"
#include "arch/s390x/sclp.h"
#include "arch/s390x/sclp_console.h"
#include "arch/s390x/stack.h"
#include "kernel/version.h"
#include <stdio.h>
#include <string.h>

static uint8_t boot_async_stack[IRQ_STACK_SIZE] __aligned(4096);
static uint8_t boot_panic_stack[IRQ_STACK_SIZE] __aligned(4096);
static uint8_t boot_mcck_stack[IRQ_STACK_SIZE] __aligned(4096);

void __noreturn kernel_main(void);

void __noreturn kernel_main(void)
{
	struct cpu *boot = &cpus[0];
	char line[128];
	int n;

	boot->address = stap();
	boot->boot = true;
	boot->state = CPU_ONLINE;
	boot->async_stack_top = (uint64_t)(uintptr_t)(boot_async_stack + IRQ_STACK_SIZE);
	boot->panic_stack_top = (uint64_t)(uintptr_t)(boot_panic_stack + IRQ_STACK_SIZE);
	boot->mcck_stack_top = (uint64_t)(uintptr_t)(boot_mcck_stack + IRQ_STACK_SIZE);
	cpu_count = 1;
	lowcore_setup(LOWCORE, boot);
	cr_set_bits(0, CR0_AFP);
	sclp_init();
	sclp_console_init(SCLP_CONSOLE_NONE);
	n = snprintf(line, sizeof(line), "PlexVM %s (%s) console %s\n", plexvm_version,
		     plexvm_git_rev, sclp_console_mode_name());
	sclp_console_write_sync(line, (size_t)n);
	disabled_wait(WAIT_CODE_SHUTDOWN);
}

void thread_start(void (*fn)(void *), void *arg);
void thread_start(void (*fn)(void *), void *arg) { fn(arg); }
