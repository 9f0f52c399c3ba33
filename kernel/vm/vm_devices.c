/* A guest's virtual devices (to come: the SCLP, the channel subsystem and virtio-ccw). */
#include "kernel/vm/vm_devices.h"
#include "kernel/vm/intercept.h"

int vm_devices_create(struct vm *vm, const struct dir_view *view, char *err, size_t errsize)
{
	(void)vm;
	(void)view;
	(void)err;
	(void)errsize;
	return 0;
}

void vm_devices_destroy(struct vm *vm)
{
	(void)vm;
}

void vm_devices_query(struct vm *vm, struct cmd_ctx *ctx)
{
	(void)vm;
	(void)ctx;
}

bool vm_console_input(struct vm *vm, const char *line)
{
	(void)vm;
	(void)line;
	return false;
}

bool vm_virtio_notify(struct vcpu *v)
{
	vcpu_program_interrupt(v, PGM_SPECIFICATION, 4, false);
	return true;
}

bool icpt_servc(struct vcpu *v)
{
	vcpu_set_cc(v, 3);
	return true;
}

bool icpt_io(struct vcpu *v, uint8_t op)
{
	(void)op;
	vcpu_set_cc(v, 3);
	return true;
}
