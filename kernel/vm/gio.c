/* I/O interruptions into a guest from its virtual channel subsystem. */
#include "kernel/vm/vm.h"
#include "kernel/vm/guest_lowcore.h"
#include "kernel/vdev/vcss.h"

static uint8_t isc_mask(const struct vcpu *v)
{
	return (uint8_t)(v->sb->gcr[6] >> 24);
}

bool vcpu_io_deliverable(struct vcpu *v)
{
	bool yes;

	if (!v->vm->css || !(v->sb->gpsw.mask & PSW_MASK_IO))
		return false;
	spin_lock(&v->vm->css_lock);
	yes = vcss_interrupt_pending(v->vm->css, isc_mask(v));
	spin_unlock(&v->vm->css_lock);
	return yes;
}

bool vcpu_deliver_io(struct vcpu *v, bool *want_io)
{
	struct vcss_io_int io;
	uint8_t *lc, *old, *new;
	bool got;

	if (!v->vm->css)
		return false;
	spin_lock(&v->vm->css_lock);
	/* Pending on an ISC the guest's CR6 masks: its loads of CR6 are intercepted until it enables it. */
	v->want_lctl_cr6 = vcss_interrupt_pending(v->vm->css, 0xff) &&
			   !vcss_interrupt_pending(v->vm->css, isc_mask(v));
	if (!(v->sb->gpsw.mask & PSW_MASK_IO)) {
		*want_io = vcss_interrupt_pending(v->vm->css, isc_mask(v));
		spin_unlock(&v->vm->css_lock);
		return false;
	}
	got = vcss_next_interrupt(v->vm->css, isc_mask(v), &io);
	spin_unlock(&v->vm->css_lock);
	if (!got)
		return false;
	lc = vcpu_lowcore(v, GLC_SUBCHANNEL_ID);
	old = vcpu_lowcore(v, GLC_IO_OLD_PSW);
	new = vcpu_lowcore(v, GLC_IO_NEW_PSW);
	if (!lc || !old || !new)
		return false;
	gmem_put32(lc, io.sid);
	gmem_put32(lc + 4, io.intparm);
	gmem_put32(lc + 8, io.iiw);
	gmem_put64(old, v->sb->gpsw.mask);
	gmem_put64(old + 8, v->sb->gpsw.addr);
	v->sb->gpsw.mask = gmem_be64(new);
	v->sb->gpsw.addr = gmem_be64(new + 8);
	return true;
}
