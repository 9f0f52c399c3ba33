/*
 * DIAGNOSE: the hypervisor-call interface. Those a Linux guest uses are
 * answered; every other code is a specification exception, which is what a
 * guest expects from a hypervisor that does not offer the function.
 *   0x044, 0x09c  yield: nothing to do (the thread gives up its turn anyway)
 *   0x308         IPL functions: store IPL information (none kept), re-IPL
 *   0x500         virtio-ccw notification (vm_virtio_notify)
 */
#include "kernel/vm/intercept.h"
#include "kernel/vm/vm_ipl.h"
#include "kernel/sched.h"

#define DIAG308_RC_OK       0x0001
#define DIAG308_RC_NOCONFIG 0x0102

static bool diag308(struct vcpu *v, unsigned int r1, unsigned int r3)
{
	uint64_t subcode = vcpu_gr(v, r3);

	switch (subcode) {
	case 0: /* load clear */
	case 1: /* load normal */
	case 3: /* load clear and dump */
		vm_request_reipl(v->vm, subcode != 1);
		return true;
	case 5: /* set IPL parameters */
		if (r1 & 1)
			break;
		vcpu_set_gr(v, r1 + 1, DIAG308_RC_OK);
		return true;
	case 6: /* store IPL parameters */
		if (r1 & 1)
			break;
		vcpu_set_gr(v, r1 + 1, DIAG308_RC_NOCONFIG);
		return true;
	}
	vcpu_program_interrupt(v, PGM_SPECIFICATION, 4, false);
	return true;
}

bool icpt_diag(struct vcpu *v)
{
	unsigned int r1 = (v->sb->ipa >> 4) & 0xf, r3 = v->sb->ipa & 0xf;
	unsigned int code = (unsigned int)(ipb_s_address(v) & 0xffff);

	if (vcpu_problem_state(v)) {
		vcpu_program_interrupt(v, PGM_PRIVILEGED, 4, false);
		return true;
	}
	switch (code) {
	case 0x044:
	case 0x09c:
		return true;
	case 0x308:
		return diag308(v, r1, r3);
	case 0x500:
		return vm_virtio_notify(v);
	}
	vcpu_program_interrupt(v, PGM_SPECIFICATION, 4, false);
	return true;
}
