/*
 * Interruption entry points of the test guests. The guests run disabled and
 * take external and I/O interruptions only in enabled waits (wait.c), so:
 *  - external and I/O: save the registers, call the C handler on the stack of
 *    the waiting code, and return to the wait's old PSW with the wait bit and
 *    the I/O, external and machine-check masks cleared: execution continues
 *    after the wait, disabled;
 *  - program check: if a probe armed a recovery address (insn.h), record the
 *    interruption and resume there in 64-bit supervisor state, disabled;
 *  - restart: run the C function a CPU's lowcore names (secondary CPU start);
 *  - anything else is unexpected: report it on the panic stack (start.c),
 *    then a disabled wait. A fault while reporting stops at once.
 */
#include "tests/guests/lib/lowcore.h"

#define KIND_PGM     0
#define KIND_SVC     1
#define KIND_MCCK    2
#define KIND_RESTART 3

	.text
	.globl	ext_entry
ext_entry:
	stmg	%r0,%r15,GLC_SAVE_EXT
	aghi	%r15,-STACK_FRAME
	xc	0(8,%r15),0(%r15)
	llgh	%r2,LC_EXT_INT_CODE
	llgf	%r3,LC_EXT_PARAMS
	llgh	%r4,LC_EXT_CPU_ADDR
	brasl	%r14,ext_interrupt
	ni	LC_EXT_OLD_PSW,0xfc		/* I/O and external masks off */
	ni	LC_EXT_OLD_PSW+1,0xf9		/* machine-check mask and wait bit off */
	lmg	%r0,%r15,GLC_SAVE_EXT
	lpswe	LC_EXT_OLD_PSW

	.globl	io_entry
io_entry:
	stmg	%r0,%r15,GLC_SAVE_IO
	aghi	%r15,-STACK_FRAME
	xc	0(8,%r15),0(%r15)
	llgf	%r2,LC_SUBCHANNEL_ID		/* subchannel id and number */
	llgf	%r3,LC_IO_INT_PARM
	llgf	%r4,LC_IO_INT_WORD
	brasl	%r14,io_interrupt
	ni	LC_IO_OLD_PSW,0xfc
	ni	LC_IO_OLD_PSW+1,0xf9
	lmg	%r0,%r15,GLC_SAVE_IO
	lpswe	LC_IO_OLD_PSW

	.globl	pgm_entry
pgm_entry:
	stmg	%r0,%r15,GLC_SAVE_PGM
	lg	%r1,GLC_PGM_RECOVERY
	ltgr	%r1,%r1
	jz	1f
	mvghi	GLC_PGM_RECOVERY,0
	mvc	GLC_PGM_CODE(4),LC_PGM_ILC
	mvc	GLC_PGM_OLD_PSW(16),LC_PGM_OLD_PSW
	mvc	GLC_PGM_TEID(8),LC_TRANS_EXC_CODE
	asi	GLC_PGM_COUNT,1
	stg	%r1,LC_PGM_OLD_PSW+8
	larl	%r1,recovery_mask
	mvc	LC_PGM_OLD_PSW(8),0(%r1)
	lmg	%r0,%r15,GLC_SAVE_PGM
	lpswe	LC_PGM_OLD_PSW
1:	lghi	%r2,KIND_PGM
	j	unexpected

	.globl	svc_entry
svc_entry:
	stmg	%r0,%r15,GLC_SAVE_OTHER
	lghi	%r2,KIND_SVC
	j	unexpected

	.globl	mcck_entry
mcck_entry:
	stmg	%r0,%r15,GLC_SAVE_OTHER
	lghi	%r2,KIND_MCCK
	j	unexpected

	.globl	restart_entry
restart_entry:
	stmg	%r0,%r15,GLC_SAVE_OTHER
	lg	%r1,GLC_RESTART_FN
	ltgr	%r1,%r1
	jz	1f
	lg	%r15,GLC_RESTART_STACK
	aghi	%r15,-STACK_FRAME
	xc	0(8,%r15),0(%r15)
	lg	%r2,GLC_RESTART_ARG
	basr	%r14,%r1
	j	crash				/* the function does not return */
1:	lghi	%r2,KIND_RESTART
	j	unexpected

/* %r2: the kind of interruption; its registers are in the save area for that kind. */
unexpected:
	lt	%r1,GLC_NESTING
	jnz	crash
	mvhi	GLC_NESTING,1
	lg	%r15,GLC_PANIC_STACK
	ltgr	%r15,%r15
	jz	crash
	aghi	%r15,-STACK_FRAME
	xc	0(8,%r15),0(%r15)
	brasl	%r14,guest_unexpected
crash:
	larl	%r1,guest_crash_psw
	lpswe	0(%r1)

	.section .rodata
	.balign	8
recovery_mask:
	.quad	0x0000000180000000

	.section .note.GNU-stack, "", @progbits
