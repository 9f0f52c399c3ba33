/*
 * Boot: from the first C code to the operator console.
 *   lowcore and fault handlers -> boot parameters -> console (synchronous)
 *   -> machine detection (SCLP, STSI, STFLE) -> storage -> timers, scheduler
 *   -> queued console -> secondary processors -> banner -> initcalls
 *   -> operator command thread -> idle loop.
 */
#include "arch/s390x/cpu.h"
#include "arch/s390x/interrupt.h"
#include "arch/s390x/insn.h"
#include "arch/s390x/cr.h"
#include "arch/s390x/machine.h"
#include "arch/s390x/sclp.h"
#include "arch/s390x/sclp_console.h"
#include "arch/s390x/stack.h"
#include "arch/s390x/tod.h"
#include "kernel/bootparam.h"
#include "kernel/console.h"
#include "kernel/init.h"
#include "kernel/load.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/system.h"
#include "kernel/timer.h"
#include "kernel/version.h"
#include "kernel/mm/memory.h"
#include "kernel/lib/datetime.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

extern char __image_start[], __image_end[];
extern char boot_stack_top[];

struct system_state sys;

static uint8_t boot_async_stack[IRQ_STACK_SIZE] __aligned(4096);
static uint8_t boot_panic_stack[IRQ_STACK_SIZE] __aligned(4096);
static uint8_t boot_mcck_stack[IRQ_STACK_SIZE] __aligned(4096);
static struct thread boot_idle;

void operator_start(void);
void do_operator_restart(void);
void __noreturn kernel_main(void);

static void setup_boot_cpu(void)
{
	struct cpu *boot = &cpus[0];
	struct lowcore *lc = LOWCORE;

	boot->address = stap();
	boot->boot = true;
	boot->state = CPU_ONLINE;
	boot->async_stack_top = (uint64_t)(uintptr_t)(boot_async_stack + IRQ_STACK_SIZE);
	boot->panic_stack_top = (uint64_t)(uintptr_t)(boot_panic_stack + IRQ_STACK_SIZE);
	boot->mcck_stack_top = (uint64_t)(uintptr_t)(boot_mcck_stack + IRQ_STACK_SIZE);
	*(uint64_t *)(void *)boot_async_stack = STACK_CANARY;
	*(uint64_t *)(void *)boot_panic_stack = STACK_CANARY;
	*(uint64_t *)(void *)boot_mcck_stack = STACK_CANARY;
	cpu_count = 1;
	lowcore_setup(lc, boot);
	lc->restart_stack = boot->panic_stack_top;
	lc->restart_fn = (uint64_t)(uintptr_t)do_operator_restart;
	cr_set_bits(0, CR0_AFP);
}

static enum sclp_console_mode console_preference(void)
{
	const char *c = bootparam_get("console");

	if (c && strcmp(c, "vt220") == 0)
		return SCLP_CONSOLE_VT220;
	if (c && strcmp(c, "linemode") == 0)
		return SCLP_CONSOLE_LINEMODE;
	return SCLP_CONSOLE_NONE;
}

/* smp.fail=HEX: CPU address bits whose start is sabotaged (tests of a failed start). */
static void fault_injection_options(void)
{
	const char *fail = bootparam_get("smp.fail");

	if (fail)
		smp_set_fail_mask(strtoull(fail, NULL, 16));
}

static void init_storage(void)
{
	struct mem_region reserved[3];
	unsigned int n = 0;
	uint64_t start, size;

	reserved[n++] = (struct mem_region){ 0, (uint64_t)(uintptr_t)__image_start, "low storage" };
	reserved[n++] = (struct mem_region){ (uint64_t)(uintptr_t)__image_start,
					     (uint64_t)(uintptr_t)__image_end, "PlexVM image" };
	if (bootparam_initrd(&start, &size)) {
		if (start >= machine.storage_size || size > machine.storage_size - start)
			kprintf("PLXIPL010W Initial ramdisk at %#llx size %#llx is outside storage; ignored\n",
				(unsigned long long)start, (unsigned long long)size);
		else
			reserved[n++] = (struct mem_region){ start, start + size, "initial ramdisk" };
	}
	if (memory_init(machine.storage_size, reserved, n) != 0)
		panic("storage of %llu bytes is too small for PlexVM",
		      (unsigned long long)machine.storage_size);
}

static const char *level_name(void)
{
	switch (machine.config_level) {
	case 1: return "basic machine";
	case 2: return "logical partition";
	case 3: return "virtual machine";
	default: return "unknown configuration";
	}
}

static void banner(unsigned int online)
{
	char size[16], date[24];
	struct datetime dt;

	tod_to_datetime(sys.ipl_tod, &dt);
	datetime_format_short(&dt, date, sizeof(date));
	format_storage(machine.storage_size, size, sizeof(size));
	kprintf("PLXIPL001I PlexVM Version %s, build %s, generated %s UTC\n", plexvm_version,
		plexvm_git_rev, plexvm_build_date);
	kprintf("PLXIPL002I Machine %s %s model %s serial %s, %s%s%s%s%s\n",
		machine.manufacturer[0] ? machine.manufacturer : "?", machine.type[0] ? machine.type : "?",
		machine.model[0] ? machine.model : "?", machine.sequence[0] ? machine.sequence : "?",
		level_name(), machine.lpar_name[0] ? " " : "", machine.lpar_name,
		machine.hypervisor[0] ? " under " : "", machine.hypervisor);
	kprintf("PLXIPL003I %u processors configured, %u online; storage %s; %u facilities (STFLE)\n",
		cpu_count, online, size, facility_count());
	kprintf("PLXIPL004I Console %s; IPL at %s UTC; command line: %s\n", console_type(), date,
		bootparam_cmdline()[0] ? bootparam_cmdline() : "(none)");
}

void __noreturn system_shutdown(void)
{
	run_shutdown_hooks();
	kprintf("PLXWRP961W SYSTEM SHUTDOWN COMPLETE\n");
	console_flush();
	smp_stop_others();
	disabled_wait(WAIT_CODE_SHUTDOWN);
}

/* Initialisation that may wait (device I/O): runs as a thread, then hands over to the operator. */
static void init_thread(void *arg)
{
	(void)arg;
	run_initcalls();
	operator_start();
}

void __noreturn kernel_main(void)
{
	unsigned int online;

	setup_boot_cpu();
	sys.ipl_tod = tod_now();
	sclp_init();
	bootparam_init();
	console_early_init(console_preference());
	panic_init();
	if (machine_detect() != 0)
		panic("cannot read the machine's configuration: %s", machine.sclp_error);
	smp_init_boot_cpu();
	fault_injection_options();
	init_storage();

	timer_init_global();
	timer_init_cpu();
	load_sampling_start();
	smp_init_handlers();
	cr_set_bits(0, CR0_EMERGENCY_SIGNAL | CR0_EXTERNAL_CALL | CR0_SERVICE_SIGNAL);
	sched_init_cpu(&boot_idle, "IDLE-00");
	boot_idle.stack = (uint8_t *)(uintptr_t)((uint64_t)(uintptr_t)boot_stack_top - BOOT_STACK_SIZE);
	boot_idle.stack_size = BOOT_STACK_SIZE;
	*(uint64_t *)(void *)boot_idle.stack = STACK_CANARY;
	snprintf(boot_idle.name, THREAD_NAME_MAX, "IDLE-%02X", cpus[0].address);
	console_start();

	online = smp_start_secondaries();
	banner(online);
	if (!thread_create("INIT", init_thread, NULL, CPU_ANY))
		panic("cannot create the INIT thread");
	sched_idle_loop();
}
