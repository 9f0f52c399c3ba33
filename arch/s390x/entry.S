/*
 * Interruption entry points and the kernel context switch.
 *
 * The hypervisor runs disabled for I/O and external interruptions except in
 * an enabled wait (idle) and around SIE, so those handlers never nest: they
 * save the GPRs in the lowcore, run C on the per-CPU interrupt stack and
 * return with LPSWE. Program checks and machine checks can strike anywhere
 * and use stacks of their own; a fault while a fault is being handled loads a
 * disabled-wait PSW without touching storage beyond the lowcore.
 */
#include "arch/s390x/lowcore.h"
#include "arch/s390x/stack.h"

	.text

/* Enter C on the stack whose top is stored at lowcore offset \slot. */
.macro	CALL_ON_STACK slot, fn
	lg	%r15,\slot
	aghi	%r15,-STACK_FRAME_SIZE
	xc	0(8,%r15),0(%r15)
	brasl	%r14,\fn
.endm

	.globl	ext_int_entry
ext_int_entry:
	stmg	%r0,%r15,LC_SAVE_ASYNC
	CALL_ON_STACK LC_ASYNC_STACK, do_external_interrupt
	lmg	%r0,%r15,LC_SAVE_ASYNC
	lpswe	LC_EXT_OLD_PSW

	.globl	io_int_entry
io_int_entry:
	stmg	%r0,%r15,LC_SAVE_ASYNC
	CALL_ON_STACK LC_ASYNC_STACK, do_io_interrupt
	lmg	%r0,%r15,LC_SAVE_ASYNC
	lpswe	LC_IO_OLD_PSW

	.globl	pgm_int_entry
pgm_int_entry:
	cli	LC_PGM_NESTING+3,0
	jne	1f
	mvi	LC_PGM_NESTING+3,1
	stmg	%r0,%r15,LC_SAVE_SYNC
	CALL_ON_STACK LC_PANIC_STACK, do_program_check
	/* Returns only when an expected program check was redirected to its fixup. */
	lmg	%r0,%r15,LC_SAVE_SYNC
	mvi	LC_PGM_NESTING+3,0
	lpswe	LC_PGM_OLD_PSW
1:	lpswe	LC_NESTED_WAIT_PSW

	.globl	svc_int_entry
svc_int_entry:
	cli	LC_PGM_NESTING+3,0
	jne	1f
	mvi	LC_PGM_NESTING+3,1
	stmg	%r0,%r15,LC_SAVE_SYNC
	CALL_ON_STACK LC_PANIC_STACK, do_svc_interrupt
1:	lpswe	LC_NESTED_WAIT_PSW

	.globl	mcck_int_entry
mcck_int_entry:
	stmg	%r0,%r15,LC_SAVE_MCCK
	CALL_ON_STACK LC_MCCK_STACK, do_machine_check
	/* Returns only for repressible conditions that were dealt with. */
	lmg	%r0,%r15,LC_SAVE_MCCK
	lpswe	LC_MCCK_OLD_PSW

	.globl	restart_int_entry
restart_int_entry:
	stmg	%r0,%r15,LC_SAVE_RESTART
	lg	%r15,LC_RESTART_STACK
	aghi	%r15,-STACK_FRAME_SIZE
	xc	0(8,%r15),0(%r15)
	lg	%r1,LC_RESTART_FN
	lg	%r2,LC_RESTART_ARG
	basr	%r14,%r1
	lpswe	LC_NESTED_WAIT_PSW

/*
 * void switch_context(struct context *prev, struct context *next)
 * Saves the callee-saved registers r6-r15 of prev and resumes next.
 * The kernel is built with -msoft-float, so no floating-point state is involved.
 */
	.globl	switch_context
switch_context:
	stmg	%r6,%r15,0(%r2)
	lmg	%r6,%r15,0(%r3)
	br	%r14

/* First code of a new kernel thread: r6 = function, r7 = argument (see thread_create). */
	.globl	thread_trampoline
thread_trampoline:
	lgr	%r2,%r6
	lgr	%r3,%r7
	brasl	%r14,thread_start
	lpswe	LC_NESTED_WAIT_PSW

	.section .note.GNU-stack, "", @progbits
