/* Stack frame and stack sizes (s390x ELF ABI: 160-byte register save area). */
#ifndef PLEXVM_ARCH_STACK_H
#define PLEXVM_ARCH_STACK_H

#define STACK_FRAME_SIZE 160
#define BOOT_STACK_SIZE  0x4000
#define THREAD_STACK_SIZE 0x4000 /* kernel thread stacks: 16 KiB */
#define IRQ_STACK_SIZE   0x4000 /* per-CPU interrupt, panic and machine-check stacks */
#define STACK_CANARY     0x504c5853544b4f4bULL /* "PLXSTKOK" at the bottom of each stack */

#endif
