/*
 * Fault reports and panic: stop the other processors, take the console over,
 * print what is known (PSW, interruption code, registers, back chain) and
 * load a disabled-wait PSW that QEMU reports as a guest panic and Hercules as
 * a disabled wait state with code DEAD.
 */
#include "kernel/panic.h"
#include "kernel/console.h"
#include "kernel/smp.h"
#include "kernel/mm/memory.h"
#include "arch/s390x/fault.h"
#include "arch/s390x/cpu.h"
#include "arch/s390x/cr.h"
#include "arch/s390x/insn.h"
#include <stdarg.h>
#include <stdio.h>

static uint32_t panicking;

bool panic_in_progress(void)
{
	return __atomic_load_n(&panicking, __ATOMIC_RELAXED) != 0;
}

/* Only the first processor to fail reports; any other one just stops. */
static void enter_panic(void)
{
	if (__atomic_exchange_n(&panicking, 1, __ATOMIC_ACQ_REL))
		disabled_wait(WAIT_CODE_PANIC);
	smp_stop_others();
	console_panic_takeover();
}

static void __noreturn stop_machine(void)
{
	kprintf("PLXPNC009S PlexVM stopped: disabled wait state, code %04llX\n",
		(unsigned long long)WAIT_CODE_PANIC);
	disabled_wait(WAIT_CODE_PANIC);
}

static bool plausible_frame(uint64_t sp)
{
	uint64_t limit = memory_storage_size();

	if (!limit)
		limit = 0x80000000ULL;
	return sp >= 0x2000 && sp + 160 <= limit && !(sp & 7);
}

/* Return addresses along the back chain, on one line (line-mode consoles print per write). */
static void backtrace(uint64_t sp)
{
	char line[16 + 12 * 17 + 2];
	size_t len = (size_t)snprintf(line, sizeof(line), "Back chain:");

	for (int depth = 0; depth < 12 && plausible_frame(sp); depth++) {
		const uint64_t *frame = (const uint64_t *)(uintptr_t)sp;
		uint64_t next = frame[0];

		len += (size_t)snprintf(line + len, sizeof(line) - len, " %016llX",
					(unsigned long long)frame[14]); /* saved r14 */
		if (next <= sp)
			break;
		sp = next;
	}
	kprintf("%s\n", line);
}

static void print_registers(const uint64_t *g)
{
	for (int i = 0; i < 16; i += 4)
		kprintf("GR %2d-%-2d %016llX %016llX %016llX %016llX\n", i, i + 3,
			(unsigned long long)g[i], (unsigned long long)g[i + 1],
			(unsigned long long)g[i + 2], (unsigned long long)g[i + 3]);
}

static void report(const struct fault_info *fi)
{
	enter_panic();
	switch (fi->kind) {
	case FAULT_PROGRAM_CHECK:
		kprintf("PLXPNC001S PlexVM ABEND: program check %04X (%s exception) on processor %02X\n",
			fi->code, program_check_name(fi->code), fi->cpu_address);
		break;
	case FAULT_MACHINE_CHECK:
		kprintf("PLXPNC002S PlexVM ABEND: machine check, interruption code %016llX, on processor %02X\n",
			(unsigned long long)fi->mcck_code, fi->cpu_address);
		break;
	case FAULT_SVC:
		kprintf("PLXPNC003S PlexVM ABEND: unexpected SVC %u on processor %02X\n",
			fi->code, fi->cpu_address);
		break;
	case FAULT_RESTART:
		kprintf("PLXPNC004S PlexVM stopped by a restart interruption on processor %02X\n",
			fi->cpu_address);
		break;
	case FAULT_SOFTWARE:
		break;
	}
	kprintf("PSW     %016llX %016llX  ILC %u\n", (unsigned long long)fi->psw.mask,
		(unsigned long long)fi->psw.addr, fi->ilc);
	if (fi->kind == FAULT_PROGRAM_CHECK)
		kprintf("TEID    %016llX\n", (unsigned long long)fi->trans_exc_code);
	if (fi->gprs_valid) {
		print_registers(fi->gprs);
		backtrace(fi->gprs[15]);
	}
	kprintf("CR 0    %016llX  CR14 %016llX  prefix %08X\n", (unsigned long long)cr_read(0),
		(unsigned long long)cr_read(14), stpx());
	stop_machine();
}

void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	uint64_t sp;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	enter_panic();
	kprintf("PLXPNC005S PlexVM ABEND: %s (processor %02X)\n", msg, stap());
	__asm__ __volatile__("lgr %0,%%r15" : "=d"(sp));
	backtrace(sp);
	stop_machine();
}

void panic_init(void)
{
	fault_set_handler(report);
}
