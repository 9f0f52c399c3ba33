/* Program status word (z/Architecture 16-byte form) and its mask bits. */
#ifndef PLEXVM_ARCH_PSW_H
#define PLEXVM_ARCH_PSW_H

#include "kernel/compiler.h"

struct psw {
	uint64_t mask; /* 0x00 */
	uint64_t addr; /* 0x08 */
} __packed __aligned(8);
_Static_assert(sizeof(struct psw) == 16, "psw size");

#define PSW_MASK_PER     0x4000000000000000ULL
#define PSW_MASK_DAT     0x0400000000000000ULL
#define PSW_MASK_IO      0x0200000000000000ULL
#define PSW_MASK_EXT     0x0100000000000000ULL
#define PSW_MASK_KEY     0x00F0000000000000ULL
#define PSW_MASK_MCHECK  0x0004000000000000ULL
#define PSW_MASK_WAIT    0x0002000000000000ULL
#define PSW_MASK_PSTATE  0x0001000000000000ULL
#define PSW_MASK_ASC     0x0000C00000000000ULL
#define PSW_MASK_CC      0x0000300000000000ULL
#define PSW_MASK_PM      0x00000F0000000000ULL
#define PSW_MASK_EA      0x0000000100000000ULL
#define PSW_MASK_BA      0x0000000080000000ULL

/*
 * Supervisor state, 64-bit addressing. Kernel code runs disabled for I/O,
 * external and (repressible) machine-check interruptions; they are taken only
 * in enabled waits and around SIE, where no lock is held.
 */
#define PSW_MASK_KERNEL  (PSW_MASK_EA | PSW_MASK_BA)
/* A disabled wait: what both emulators recognise as "this machine has stopped". */
#define PSW_MASK_DISABLED_WAIT (PSW_MASK_EA | PSW_MASK_BA | PSW_MASK_WAIT)

/* Disabled-wait addresses PlexVM uses; QEMU treats 0xfff as an orderly power-off. */
#define WAIT_CODE_SHUTDOWN 0x0fffULL
#define WAIT_CODE_PANIC    0xdeadULL

#endif
