/*
 * From the start-up code to the program and back: CPU 0, the console, a first
 * line naming the program and its command line, guest_main, and the final
 * disabled wait. Also the report of an unexpected interruption.
 */
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/console.h"
#include "tests/guests/lib/cmdline.h"
#include "tests/guests/lib/cpu.h"
#include "tests/guests/lib/insn.h"
#include "tests/guests/lib/print.h"
#include "arch/s390x/tod.h"

void guest_start(void);
void guest_unexpected(unsigned int kind);

void __noreturn guest_exit(int failed)
{
	uint64_t code = failed ? WAIT_CHECK_FAILED : WAIT_SUCCESS;

	if (console_failed())
		code = WAIT_NO_CONSOLE;
	disabled_wait(code);
}

void __noreturn guest_start(void)
{
	gcpu_init_boot();
	sckc(TOD_INFINITE);
	(void)console_init();
	gprintf("%s START cpu %u cmdline \"%s\"\n", guest_name, gcpus[0].address, cmdline());
	guest_exit(guest_main());
}

/* Called on the panic stack by entry.S: kind 0 program check, 1 SVC, 2 machine check, 3 restart. */
void __noreturn guest_unexpected(unsigned int kind)
{
	static const char *const names[] = { "program check", "SVC", "machine check", "restart" };
	const struct lowcore *lc = LOWCORE;
	volatile struct glowcore *glc = GLOWCORE;
	const struct psw *old;
	const volatile uint64_t *regs;
	unsigned int code = 0;

	switch (kind) {
	case 0:
		old = &lc->pgm_old_psw;
		code = lc->pgm_code;
		regs = glc->save_pgm;
		break;
	case 1:
		old = &lc->svc_old_psw;
		code = lc->svc_code;
		regs = glc->save_other;
		break;
	case 2:
		old = &lc->mcck_old_psw;
		regs = glc->save_other;
		break;
	default:
		kind = 3;
		old = &lc->restart_old_psw;
		regs = glc->save_other;
		break;
	}
	gprintf("%s CRASH %s %04x on cpu %u psw %016lx %016lx r14 %016lx r15 %016lx\n", guest_name,
		names[kind], code, stap(), old->mask, old->addr, regs[14], regs[15]);
	disabled_wait(WAIT_CRASH);
}
