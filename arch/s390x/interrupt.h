/* Interruption handling: lowcore set-up, handler registration, expected program checks. */
#ifndef PLEXVM_ARCH_INTERRUPT_H
#define PLEXVM_ARCH_INTERRUPT_H

#include "kernel/compiler.h"
#include "arch/s390x/lowcore.h"

/* External interruption codes. */
#define EXT_CODE_INTERRUPT_KEY    0x0040
#define EXT_CODE_CLOCK_COMPARATOR 0x1004
#define EXT_CODE_CPU_TIMER        0x1005
#define EXT_CODE_EMERGENCY_SIGNAL 0x1201
#define EXT_CODE_EXTERNAL_CALL    0x1202
#define EXT_CODE_SERVICE_SIGNAL   0x2401

typedef void (*ext_handler_t)(uint16_t code, uint32_t param, uint16_t cpu_addr);
typedef void (*io_handler_t)(uint32_t subsystem_id, uint32_t int_parm, uint32_t int_word);
typedef void (*crw_handler_t)(void);

/* Point lc's new PSWs at the handlers and record its stacks; used for every CPU. */
void lowcore_setup(struct lowcore *lc, struct cpu *cpu);

int ext_register(uint16_t code, ext_handler_t fn);
void io_register(io_handler_t fn);
void crw_register(crw_handler_t fn);

/*
 * Expected program checks. Wrap one instruction in inline assembly as
 *   pgm_probe_arm(); asm("PGM_PROBE_BEGIN insn PGM_PROBE_END" ::: "r1", "memory", "cc");
 * then pgm_probe_result() is 0, or the program-interruption code it caused, in
 * which case execution resumed after the instruction with the GPRs it had.
 */
#define PGM_PROBE_BEGIN "larl %%r1,99f\n\tstg %%r1,0x430\n\t"
#define PGM_PROBE_END "\n\txc 0x430(8),0x430\n99:\n\t"

static inline void pgm_probe_arm(void)
{
	LOWCORE->pgm_fixup_code = 0;
}

static inline uint32_t pgm_probe_result(void)
{
	return LOWCORE->pgm_fixup_code;
}

#endif
