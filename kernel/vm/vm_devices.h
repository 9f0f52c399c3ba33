/* A guest's virtual devices: its SCLP and its virtual channel subsystem with virtio-ccw devices. */
#ifndef PLEXVM_KERNEL_VM_VM_DEVICES_H
#define PLEXVM_KERNEL_VM_VM_DEVICES_H

#include "kernel/vm/vm.h"

struct dir_view;

int vm_devices_create(struct vm *vm, const struct dir_view *view, char *err, size_t errsize);
void vm_devices_destroy(struct vm *vm);
/* Guest reset (IPL): devices back to their initial state. */
void vm_devices_reset(struct vm *vm);
struct cmd_ctx;
/* Lines for QUERY VIRTUAL. */
void vm_devices_query(struct vm *vm, struct cmd_ctx *ctx);

#endif
