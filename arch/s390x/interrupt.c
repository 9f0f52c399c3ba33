/*
 * Interruption handling in C: lowcore set-up, dispatch of external and I/O
 * interruptions to registered handlers, expected program checks (fixups), and
 * hand-off of unexpected faults to the kernel's reporter.
 */
#include "arch/s390x/interrupt.h"
#include "arch/s390x/fault.h"
#include "arch/s390x/cpu.h"
#include "arch/s390x/insn.h"
#include "arch/s390x/psw.h"
#include <string.h>

extern char ext_int_entry[], io_int_entry[], pgm_int_entry[], svc_int_entry[];
extern char mcck_int_entry[], restart_int_entry[];

#define MAX_EXT_HANDLERS 16

static struct {
	uint16_t code;
	ext_handler_t fn;
} ext_handlers[MAX_EXT_HANDLERS];
static io_handler_t io_handler;
static crw_handler_t crw_handler;
static fault_handler_t fault_handler;

static void resume_disabled_if_waiting(struct psw *old);

static void set_new_psw(struct psw *psw, void *entry)
{
	/* Handlers run disabled for I/O, external and machine-check interruptions. */
	psw->mask = PSW_MASK_EA | PSW_MASK_BA;
	psw->addr = (uint64_t)(uintptr_t)entry;
}

void lowcore_setup(struct lowcore *lc, struct cpu *cpu)
{
	set_new_psw(&lc->ext_new_psw, ext_int_entry);
	set_new_psw(&lc->io_new_psw, io_int_entry);
	set_new_psw(&lc->pgm_new_psw, pgm_int_entry);
	set_new_psw(&lc->svc_new_psw, svc_int_entry);
	set_new_psw(&lc->mcck_new_psw, mcck_int_entry);
	set_new_psw(&lc->restart_new_psw, restart_int_entry);
	lc->nested_wait_psw.mask = PSW_MASK_DISABLED_WAIT;
	lc->nested_wait_psw.addr = WAIT_CODE_PANIC + 1;
	lc->cpu = cpu;
	lc->async_stack = cpu->async_stack_top;
	lc->panic_stack = cpu->panic_stack_top;
	lc->mcck_stack = cpu->mcck_stack_top;
	lc->pgm_fixup = 0;
	lc->pgm_nesting = 0;
}

int ext_register(uint16_t code, ext_handler_t fn)
{
	for (unsigned int i = 0; i < MAX_EXT_HANDLERS; i++) {
		if (!ext_handlers[i].fn || ext_handlers[i].code == code) {
			ext_handlers[i].code = code;
			ext_handlers[i].fn = fn;
			return 0;
		}
	}
	return -1;
}

void io_register(io_handler_t fn) { io_handler = fn; }
void crw_register(crw_handler_t fn) { crw_handler = fn; }
void fault_set_handler(fault_handler_t fn) { fault_handler = fn; }

/* Return from an enabled wait disabled: the kernel runs with I/O and external masked. */
static void resume_disabled_if_waiting(struct psw *old)
{
	if (old->mask & PSW_MASK_WAIT)
		old->mask &= ~(PSW_MASK_WAIT | PSW_MASK_IO | PSW_MASK_EXT | PSW_MASK_MCHECK);
}

static void count_external(struct cpu *cpu, uint16_t code)
{
	cpu->count.external++;
	switch (code) {
	case EXT_CODE_CLOCK_COMPARATOR: cpu->count.clock_comparator++; break;
	case EXT_CODE_CPU_TIMER: cpu->count.cpu_timer++; break;
	case EXT_CODE_EMERGENCY_SIGNAL: cpu->count.emergency_signal++; break;
	case EXT_CODE_EXTERNAL_CALL: cpu->count.external_call++; break;
	case EXT_CODE_SERVICE_SIGNAL: cpu->count.service_signal++; break;
	default: break;
	}
}

void do_external_interrupt(void)
{
	struct lowcore *lc = LOWCORE;
	uint16_t code = lc->ext_int_code;

	if (lc->cpu) {
		count_external(lc->cpu, code);
		lc->cpu->irq_depth++;
	}
	for (unsigned int i = 0; i < MAX_EXT_HANDLERS && ext_handlers[i].fn; i++) {
		if (ext_handlers[i].code == code) {
			ext_handlers[i].fn(code, lc->ext_params, lc->ext_cpu_addr);
			break;
		}
	}
	if (lc->cpu)
		lc->cpu->irq_depth--;
	resume_disabled_if_waiting(&lc->ext_old_psw);
}

void do_io_interrupt(void)
{
	struct lowcore *lc = LOWCORE;
	uint32_t ssid = ((uint32_t)lc->subchannel_id << 16) | lc->subchannel_nr;

	if (lc->cpu) {
		lc->cpu->count.io++;
		lc->cpu->irq_depth++;
	}
	if (io_handler)
		io_handler(ssid, lc->io_int_parm, lc->io_int_word);
	if (lc->cpu)
		lc->cpu->irq_depth--;
	resume_disabled_if_waiting(&lc->io_old_psw);
}

static void __noreturn report_fault(struct fault_info *fi, const uint64_t *gprs)
{
	memcpy(fi->gprs, gprs, sizeof(fi->gprs));
	fi->gprs_valid = true;
	fi->cpu_address = stap();
	if (fault_handler)
		fault_handler(fi);
	disabled_wait(WAIT_CODE_PANIC);
}

void do_program_check(void)
{
	struct lowcore *lc = LOWCORE;
	struct fault_info fi = { .kind = FAULT_PROGRAM_CHECK };

	if (lc->pgm_fixup) {
		lc->pgm_fixup_code = lc->pgm_code;
		lc->pgm_old_psw.addr = lc->pgm_fixup;
		lc->pgm_fixup = 0;
		if (lc->cpu)
			lc->cpu->count.program_check_fixups++;
		return;
	}
	fi.code = lc->pgm_code;
	fi.ilc = lc->pgm_ilc;
	fi.psw = lc->pgm_old_psw;
	fi.trans_exc_code = lc->trans_exc_code;
	report_fault(&fi, lc->save_sync);
}

void do_svc_interrupt(void)
{
	struct lowcore *lc = LOWCORE;
	struct fault_info fi = { .kind = FAULT_SVC };

	fi.code = lc->svc_code;
	fi.ilc = lc->svc_ilc;
	fi.psw = lc->svc_old_psw;
	report_fault(&fi, lc->save_sync);
}

/* Machine-check interruption code bits (bit n of the doubleword at 0xe8). */
#define MCCK_BIT(n) (1ULL << (63 - (n)))
#define MCCK_SYSTEM_DAMAGE      MCCK_BIT(0)
#define MCCK_INSTR_DAMAGE       MCCK_BIT(1)
#define MCCK_SYSTEM_RECOVERY    MCCK_BIT(2)
#define MCCK_TIMING_DAMAGE      MCCK_BIT(4)
#define MCCK_EXTERNAL_DAMAGE    MCCK_BIT(5)
#define MCCK_DEGRADATION        MCCK_BIT(7)
#define MCCK_WARNING            MCCK_BIT(8)
#define MCCK_CHANNEL_REPORT     MCCK_BIT(9)
#define MCCK_SERVICE_DAMAGE     MCCK_BIT(10)
#define MCCK_CSS_DAMAGE         MCCK_BIT(11)
#define MCCK_STORAGE_UNCORR     MCCK_BIT(16)
#define MCCK_KEY_UNCORR         MCCK_BIT(18)
#define MCCK_PSW_MWP_VALID      MCCK_BIT(20)
#define MCCK_PSW_MASK_VALID     MCCK_BIT(21)
#define MCCK_PSW_IA_VALID       MCCK_BIT(23)
#define MCCK_GPRS_VALID         MCCK_BIT(28)

#define MCCK_FATAL (MCCK_SYSTEM_DAMAGE | MCCK_INSTR_DAMAGE | MCCK_TIMING_DAMAGE | \
		    MCCK_SERVICE_DAMAGE | MCCK_CSS_DAMAGE | MCCK_STORAGE_UNCORR | MCCK_KEY_UNCORR)
#define MCCK_RESUMABLE (MCCK_PSW_MWP_VALID | MCCK_PSW_MASK_VALID | MCCK_PSW_IA_VALID | MCCK_GPRS_VALID)

void do_machine_check(void)
{
	struct lowcore *lc = LOWCORE;
	uint64_t code = lc->mcck_code;
	struct fault_info fi = { .kind = FAULT_MACHINE_CHECK };

	if (lc->cpu)
		lc->cpu->count.machine_check++;
	if (!(code & MCCK_FATAL) && (code & MCCK_RESUMABLE) == MCCK_RESUMABLE) {
		/* Repressible conditions: channel reports are serviced, the rest noted. */
		if ((code & MCCK_CHANNEL_REPORT) && crw_handler) {
			if (lc->cpu)
				lc->cpu->irq_depth++;
			crw_handler();
			if (lc->cpu)
				lc->cpu->irq_depth--;
		}
		resume_disabled_if_waiting(&lc->mcck_old_psw);
		return;
	}
	fi.mcck_code = code;
	fi.psw = lc->mcck_old_psw;
	report_fault(&fi, lc->save_mcck);
}

/* Restart interruption on a running CPU: the operator pressed RESTART. */
void do_operator_restart(void)
{
	struct lowcore *lc = LOWCORE;
	struct fault_info fi = { .kind = FAULT_RESTART };

	fi.psw = lc->restart_old_psw;
	report_fault(&fi, lc->save_restart);
}

const char *program_check_name(uint16_t code)
{
	static const char *const names[] = {
		[0x01] = "operation",
		[0x02] = "privileged operation",
		[0x03] = "execute",
		[0x04] = "protection",
		[0x05] = "addressing",
		[0x06] = "specification",
		[0x07] = "data",
		[0x08] = "fixed-point overflow",
		[0x09] = "fixed-point divide",
		[0x0a] = "decimal overflow",
		[0x0b] = "decimal divide",
		[0x10] = "segment translation",
		[0x11] = "page translation",
		[0x12] = "translation specification",
		[0x13] = "special operation",
		[0x15] = "operand",
		[0x16] = "trace table",
		[0x38] = "ASCE type",
		[0x39] = "region-first translation",
		[0x3a] = "region-second translation",
		[0x3b] = "region-third translation",
	};
	uint16_t c = code & 0x7f;

	if (c < ARRAY_SIZE(names) && names[c])
		return names[c];
	return "unknown";
}
