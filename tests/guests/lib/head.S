/*
 * Start-up of a test guest. The image follows Linux's convention (and QEMU's
 * -kernel): loaded at absolute 0, entered in 64-bit z/Architecture mode at
 * 0x10000, command line NUL-terminated at 0x10480.
 *   0x00000  IPL PSW (ESA/390 form) for a list-directed IPL of the flat image:
 *            it enters at esa_entry, which switches to z/Architecture first
 *   0x10000  _start: the 64-bit entry ("S390EP" at 0x10008, as in Linux's image)
 *   0x10400  boot parameter area, command line at 0x10480
 * Nothing else lives below 0x10000: that is CPU 0's lowcore.
 */
#include "tests/guests/lib/lowcore.h"

#define PSW_MASK_64 0x0000000180000000

	.section .ipl, "a"
	.long	0x00080000, 0x80000000 + esa_entry

	.section .head.text, "ax"
	.globl	_start
_start:
	jg	start64
	.balign	8
	/* 0x10008: Linux's image magic; QEMU's -kernel of the flat image then enters at 0x10000. */
	.ascii	"S390EP"
	.balign	8

	/* ESA/390 IPL: SIGP set-architecture (all CPUs), 64-bit addressing, then as above. */
esa_entry:
	lhi	%r1,1
	sigp	%r1,%r0,0x12
	sam64
	j	_start

	.section .bootparm, "aw"
	.globl	bootparm
bootparm:
	.quad	0			/* 0x10400 IPL device (unused) */
	.quad	0			/* 0x10408 initial ramdisk start (unused) */
	.quad	0			/* 0x10410 initial ramdisk size (unused) */
	.fill	0x30 - 0x18, 1, 0	/* 0x10418 reserved */
	.quad	0x1000 - 0x480		/* 0x10430 maximum command line size */
	.fill	0x80 - 0x38, 1, 0	/* 0x10438 reserved */
	.globl	boot_command_line
boot_command_line:
	.fill	0x1000 - 0x480, 1, 0	/* 0x10480 NUL-terminated command line */

	.text
start64:
	/* New PSWs first, so that any interruption from here on is reported. */
	larl	%r1,guest_new_psws
	mvc	LC_RESTART_NEW_PSW(6 * 16),0(%r1)
	xc	GLC_PGM_RECOVERY(GLC_END - GLC_PGM_RECOVERY),GLC_PGM_RECOVERY

	/* Clear .bss (the stacks live there). */
	larl	%r2,__bss_start
	larl	%r3,__bss_end
	sgr	%r3,%r2
	lghi	%r4,0
	lghi	%r5,0
0:	mvcle	%r2,%r4,0
	jo	0b

	larl	%r1,cpu0_panic_stack
	aghi	%r1,PANIC_STACK_SIZE
	stg	%r1,GLC_PANIC_STACK
	larl	%r15,cpu0_stack
	aghi	%r15,GUEST_STACK_SIZE - STACK_FRAME
	xc	0(8,%r15),0(%r15)
	brasl	%r14,guest_start
	larl	%r1,guest_crash_psw		/* guest_start does not return */
	lpswe	0(%r1)

	.section .rodata
	.balign	8
	/* Restart, external, SVC, program, machine check, I/O: in lowcore order. */
	.globl	guest_new_psws
guest_new_psws:
	.quad	PSW_MASK_64, restart_entry
	.quad	PSW_MASK_64, ext_entry
	.quad	PSW_MASK_64, svc_entry
	.quad	PSW_MASK_64, pgm_entry
	.quad	PSW_MASK_64, mcck_entry
	.quad	PSW_MASK_64, io_entry
	.globl	guest_crash_psw
guest_crash_psw:
	.quad	0x0002000180000000, WAIT_CRASH

	.section .bss.stack, "aw", @nobits
	.balign	4096
cpu0_stack:
	.skip	GUEST_STACK_SIZE
cpu0_panic_stack:
	.skip	PANIC_STACK_SIZE

	.section .note.GNU-stack, "", @progbits
