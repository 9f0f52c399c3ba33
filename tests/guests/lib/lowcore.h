/*
 * The test guests' own fields in the control-program part of each CPU's
 * lowcore (0x200-0xfff). The hardware fields (new/old PSWs, interruption codes)
 * are the hypervisor's LC_* offsets from arch/s390x/lowcore.h. Usable from assembly.
 */
#ifndef TGUEST_LOWCORE_H
#define TGUEST_LOWCORE_H

#include "arch/s390x/lowcore.h"

#define GLC_SAVE_PGM      0x0200 /* GPRs at program-check entry (16 x 8) */
#define GLC_SAVE_EXT      0x0280 /* GPRs at external-interruption entry */
#define GLC_SAVE_IO       0x0300 /* GPRs at I/O-interruption entry */
#define GLC_SAVE_OTHER    0x0380 /* GPRs at restart, SVC and machine-check entry */
#define GLC_PGM_RECOVERY  0x0400 /* resume address of the armed probe, 0 = none */
#define GLC_PGM_CODE      0x0408 /* u32: ILC (halfword) and code (halfword) of the last recovered check */
#define GLC_PGM_COUNT     0x040c /* u32: program checks recovered so far */
#define GLC_PGM_OLD_PSW   0x0410 /* old PSW of the last recovered check (16 bytes) */
#define GLC_PGM_TEID      0x0420 /* its translation-exception identification */
#define GLC_PANIC_STACK   0x0428 /* stack top for unexpected interruptions */
#define GLC_RESTART_FN    0x0430 /* C function a restart runs (0: unexpected restart) */
#define GLC_RESTART_ARG   0x0438 /* its argument */
#define GLC_RESTART_STACK 0x0440 /* its stack top */
#define GLC_NESTING       0x0448 /* u32: unexpected interruptions being reported */
#define GLC_CPU           0x0450 /* struct gcpu * of this CPU */
#define GLC_END           0x0458

#define GUEST_STACK_SIZE  0x4000 /* each CPU's stack */
#define PANIC_STACK_SIZE  0x2000 /* each CPU's stack for unexpected interruptions */
#define STACK_FRAME       160

/* Disabled-wait addresses at the end of a run (see README.md). */
#define WAIT_SUCCESS      0x0fff /* finished, every check passed (QEMU: exit 0) */
#define WAIT_CHECK_FAILED 0x0bad /* finished, a check failed (the output says which) */
#define WAIT_NO_CONSOLE   0x0c05 /* the console failed (timed out or rejected the output) */
#define WAIT_CRASH        0xdead /* an unexpected interruption */

#ifndef __ASSEMBLER__
#include "kernel/compiler.h"
#include "arch/s390x/psw.h"

struct gcpu;

/* This CPU's guest fields (real address 0x200 through prefixing). */
struct glowcore {
	uint64_t save_pgm[16];         /* 0x0200 */
	uint64_t save_ext[16];         /* 0x0280 */
	uint64_t save_io[16];          /* 0x0300 */
	uint64_t save_other[16];       /* 0x0380 */
	uint64_t pgm_recovery;         /* 0x0400 */
	uint32_t pgm_code;             /* 0x0408 */
	uint32_t pgm_count;            /* 0x040c */
	struct psw pgm_old_psw;        /* 0x0410 */
	uint64_t pgm_teid;             /* 0x0420 */
	uint64_t panic_stack;          /* 0x0428 */
	uint64_t restart_fn;           /* 0x0430 */
	uint64_t restart_arg;          /* 0x0438 */
	uint64_t restart_stack;        /* 0x0440 */
	uint32_t nesting;              /* 0x0448 */
	uint32_t pad_044c;             /* 0x044c */
	struct gcpu *cpu;              /* 0x0450 */
} __packed __aligned(8);
_Static_assert(sizeof(struct glowcore) == GLC_END - GLC_SAVE_PGM, "guest lowcore");
_Static_assert(offsetof(struct glowcore, pgm_recovery) == GLC_PGM_RECOVERY - GLC_SAVE_PGM, "recovery");
_Static_assert(offsetof(struct glowcore, cpu) == GLC_CPU - GLC_SAVE_PGM, "cpu");

/* This processor's guest fields; volatile because interruption handlers change them. */
#define GLOWCORE ((volatile struct glowcore *)(uintptr_t)GLC_SAVE_PGM)
#endif

#endif
