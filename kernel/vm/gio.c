/* I/O interruptions into a guest from its virtual channel subsystem. */
#include "kernel/vm/vm.h"

bool vcpu_deliver_io(struct vcpu *v, bool *want_io)
{
	(void)v;
	(void)want_io;
	return false; /* no virtual channel subsystem yet */
}

bool vcpu_io_deliverable(struct vcpu *v)
{
	(void)v;
	return false;
}
