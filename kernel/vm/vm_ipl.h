/* Loading a guest: IPL from a minidisk that holds a Linux-style kernel, initrd and parameter line. */
#ifndef PLEXVM_KERNEL_VM_VM_IPL_H
#define PLEXVM_KERNEL_VM_VM_IPL_H

#include "kernel/vm/vm.h"

#define VM_IPL_INITRD_ADDR 0x4000000ULL   /* where the initial ramdisk goes when it fits there */
#define VM_IPL_PARM_AREA   0x10400ULL
#define VM_IPL_CMDLINE     0x10480ULL
#define VM_IPL_CMDLINE_MAX (0x11000ULL - VM_IPL_CMDLINE)
#define VM_IPL_ENTRY       0x10000ULL

/*
 * IPL the guest from minidisk vdev (its file directory's files "kernel",
 * "initrd" (optional) and "parmfile" (optional)), with `parm` appended to the
 * parameter line. Resets the CPUs, clears storage when `clear`, loads, and
 * leaves CPU 0 ready to start at 0x10000 in 64-bit mode. 0, or -1 with err.
 */
int vm_ipl_from_minidisk(struct vm *vm, uint16_t vdev, const char *parm, bool clear, char *err, size_t errsize);

/* The guest asked for a re-IPL (DIAG 0x308): done by the vm's IPL thread. */
void vm_request_reipl(struct vm *vm, bool clear);
/*
 * One IPL at a time per guest (the operator's IPL command, a guest's re-IPL):
 * claim returns false while another is under way; release ends it. vm_logoff
 * waits for the release.
 */
bool vm_ipl_claim(struct vm *vm);
void vm_ipl_release(struct vm *vm);

/* DIAG 0x500 virtio notification (vm_devices.c). */
bool vm_virtio_notify(struct vcpu *v);

#endif
