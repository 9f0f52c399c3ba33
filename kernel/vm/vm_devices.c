/*
 * A guest's virtual devices: its SCLP (console, storage and CPU information)
 * and (to come) its channel subsystem with virtio-ccw devices.
 */
#include "kernel/vm/vm_devices.h"
#include "kernel/vm/intercept.h"
#include "kernel/vdev/vsclp.h"
#include "kernel/alloc.h"
#include <stdio.h>
#include "kernel/console.h"

#define FAC_EXTENDED_SCCB 140

static size_t guest_console_write(void *ctx, const char *data, size_t len, bool vt220)
{
	(void)vt220;
	vm_console_output(ctx, data, len);
	return len;
}

static const struct vsclp_console_ops console_ops = { .write = guest_console_write };

static int sclp_create(struct vm *vm, char *err, size_t errsize)
{
	struct vsclp *s = kzalloc(sizeof(*s));
	struct vsclp_config cfg = { 0 };
	uint16_t addrs[VM_MAX_CPUS];

	if (!s) {
		snprintf(err, errsize, "no storage for the SCLP of %s", vm->userid);
		return -1;
	}
	for (unsigned int i = 0; i < vm->ncpus; i++)
		addrs[i] = vm->cpu[i]->address;
	cfg.storage_bytes = vm->storage.size;
	cfg.ncpus = vm->ncpus;
	cfg.cpu_addrs = addrs;
	cfg.consoles = VSCLP_CON_LINEMODE | VSCLP_CON_VT220;
	cfg.cp500 = true; /* what Linux uses on a line-mode console outside z/VM */
	cfg.extended_length = vm->facilities[FAC_EXTENDED_SCCB / 64] & (1ULL << (63 - FAC_EXTENDED_SCCB % 64));
	if (vsclp_init(s, &cfg, &console_ops, vm) != 0) {
		kfree(s);
		snprintf(err, errsize, "the SCLP configuration of %s is not valid", vm->userid);
		return -1;
	}
	vm->sclp = s;
	return 0;
}

int vm_devices_create(struct vm *vm, const struct dir_view *view, char *err, size_t errsize)
{
	(void)view;
	vm->sclp_lock = (struct spinlock)SPINLOCK_INIT;
	return sclp_create(vm, err, errsize);
}

void vm_devices_destroy(struct vm *vm)
{
	kfree(vm->sclp);
	vm->sclp = NULL;
}

void vm_devices_reset(struct vm *vm)
{
	spin_lock(&vm->sclp_lock);
	if (vm->sclp)
		vsclp_reset(vm->sclp);
	spin_unlock(&vm->sclp_lock);
}

void vm_devices_query(struct vm *vm, struct cmd_ctx *ctx)
{
	(void)vm;
	(void)ctx;
}

bool vm_console_input(struct vm *vm, const char *line)
{
	enum vsclp_input_result r;

	if (!vm->sclp)
		return false;
	spin_lock(&vm->sclp_lock);
	r = vsclp_console_input(vm->sclp, line);
	spin_unlock(&vm->sclp_lock);
	if (r == VSCLP_IN_SIGNAL)
		vm_raise_service_signal(vm, 1);
	return r == VSCLP_IN_SIGNAL || r == VSCLP_IN_QUEUED;
}

bool vm_virtio_notify(struct vcpu *v)
{
	vcpu_program_interrupt(v, PGM_SPECIFICATION, 4, false);
	return true;
}

/* SERVICE CALL: the guest's SCLP. The SCCB address is real; prefixing makes it absolute. */
bool icpt_servc(struct vcpu *v)
{
	struct vm *vm = v->vm;
	uint32_t command = (uint32_t)vcpu_gr(v, ipb_r1(v)), param = 0;
	uint64_t real = vcpu_gr(v, ipb_r2(v)), px = v->sb->prefix & 0x7fffe000ULL, abs;
	int rc;

	if (!vm->sclp) {
		vcpu_set_cc(v, 3);
		return true;
	}
	if (real >= px && real < px + 0x2000) {
		vcpu_program_interrupt(v, PGM_SPECIFICATION, 4, false);
		return true;
	}
	abs = real < 0x2000 ? real + px : real;
	spin_lock(&vm->sclp_lock);
	rc = vsclp_service_call(vm->sclp, &vm->storage.gmem, command, abs, &param);
	spin_unlock(&vm->sclp_lock);
	if (rc < 0) {
		vcpu_program_interrupt(v, (uint16_t)-rc, 4, false);
		return true;
	}
	vcpu_set_cc(v, (unsigned int)rc);
	if (rc == 0 && param)
		vm_raise_service_signal(vm, param);
	return true;
}

bool icpt_io(struct vcpu *v, uint8_t op)
{
	(void)op;
	vcpu_set_cc(v, 3);
	return true;
}
