/*
 * Entry of the PlexVM image at 0x10000 and the boot parameter area at 0x10400.
 *
 * QEMU's -kernel starts here in z/Architecture 64-bit mode; Hercules and an
 * LPAR's list-directed IPL start here in ESA/390 mode from the IPL PSW at 0.
 * The first instructions are valid in both: SIGP set-architecture switches to
 * z/Architecture (QEMU answers cc 1 "already there"), SAM64 selects 64-bit
 * addressing, and from then on everything is z/Architecture.
 */
#include "arch/s390x/lowcore.h"
#include "arch/s390x/stack.h"

	.section .head.text, "ax"
	.globl	_start
_start:
	lhi	%r1,1
	sigp	%r1,%r0,0x12		/* set architecture: z/Architecture */
	sam64
	larl	%r1,start64
	br	%r1

	/* Linux's boot parameter area convention, so QEMU -initrd/-append and .ins sets fill it. */
	.section .bootparm, "aw"
	.globl	bootparm
bootparm:
	.quad	0			/* 0x10400 IPL device (unused) */
	.quad	0			/* 0x10408 initial ramdisk start */
	.quad	0			/* 0x10410 initial ramdisk size */
	.quad	0			/* 0x10418 reserved */
	.quad	0			/* 0x10420 reserved */
	.quad	0			/* 0x10428 reserved */
	.quad	0x1000 - 0x480		/* 0x10430 maximum command line size */
	.fill	0x80 - 0x38, 1, 0	/* 0x10438 reserved */
	.globl	boot_command_line
boot_command_line:
	.fill	0x1000 - 0x480, 1, 0	/* 0x10480 NUL-terminated command line */

	.text
start64:
	/* Until the C code installs real handlers, any interruption stops the machine. */
	larl	%r1,early_fault_psw
	mvc	LC_RESTART_NEW_PSW(16),0(%r1)
	mvc	LC_EXT_NEW_PSW(16),0(%r1)
	mvc	LC_SVC_NEW_PSW(16),0(%r1)
	mvc	LC_PGM_NEW_PSW(16),0(%r1)
	mvc	LC_MCCK_NEW_PSW(16),0(%r1)
	mvc	LC_IO_NEW_PSW(16),0(%r1)

	/* Clear .bss (the boot stack lives there). */
	larl	%r2,__bss_start
	larl	%r3,__bss_end
	sgr	%r3,%r2
	lghi	%r4,0
	lghi	%r5,0
0:	mvcle	%r2,%r4,0
	jo	0b

	larl	%r15,boot_stack_top
	aghi	%r15,-STACK_FRAME_SIZE
	xc	0(8,%r15),0(%r15)
	brasl	%r14,kernel_main
	/* kernel_main does not return; if it did, stop. */
	larl	%r1,early_fault_psw
	lpswe	0(%r1)

	.section .rodata
	.balign	8
early_fault_psw:
	.quad	0x0002000180000000, 0x0bad

	.section .bss.stack, "aw", @nobits
	.balign	4096
boot_stack:
	.skip	BOOT_STACK_SIZE
	.globl	boot_stack_top
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
