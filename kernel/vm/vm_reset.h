/* Resets of a virtual CPU and of a whole guest, and STORE STATUS. */
#ifndef PLEXVM_KERNEL_VM_VM_RESET_H
#define PLEXVM_KERNEL_VM_VM_RESET_H

#include "kernel/vm/vm.h"

/* CPU reset (initial: also PSW, prefix, timers and control registers to their initial values). */
void vcpu_reset(struct vcpu *v, bool initial);
/* Store the CPU's status at guest absolute addr (the 0x1200-0x13ff layout). 0, or -1 outside storage. */
int vcpu_store_status(struct vcpu *v, uint64_t addr);

#endif
