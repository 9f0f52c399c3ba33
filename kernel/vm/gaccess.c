/*
 * Guest logical storage for the interception handlers: the operand addresses
 * of intercepted instructions are translated with the guest's own DAT tables
 * (gdat), and a fault becomes the program interruption the machine would
 * have presented, with its translation-exception identification.
 */
#include "kernel/vm/intercept.h"
#include "kernel/vm/guest_lowcore.h"
#include "kernel/vm/gdat.h"

#define FAC_EDAT1 8
#define FAC_EDAT2 78

static bool has_facility(const struct vm *vm, unsigned int bit)
{
	return vm->facilities[bit / 64] & (1ULL << (63 - bit % 64));
}

static void regs_of(const struct vcpu *v, struct gdat_regs *r)
{
	r->psw_mask = v->sb->gpsw.mask;
	r->cr0 = v->sb->gcr[0];
	r->cr1 = v->sb->gcr[1];
	r->cr7 = v->sb->gcr[7];
	r->cr13 = v->sb->gcr[13];
	r->prefix = v->sb->prefix;
	r->facilities = (has_facility(v->vm, FAC_EDAT1) ? GDAT_FAC_EDAT1 : 0) |
			(has_facility(v->vm, FAC_EDAT1) && has_facility(v->vm, FAC_EDAT2) ? GDAT_FAC_EDAT2 : 0);
}

static bool nullifying(uint32_t code)
{
	/* Translation exceptions nullify: the instruction is executed again once resolved. */
	return code == 0x10 || code == 0x11 || (code >= 0x38 && code <= 0x3b);
}

static int fault(struct vcpu *v, const struct gdat_fault *f, unsigned int ilc)
{
	if (f->code > 0xffff) {
		/* Access-register mode or an oversized operand: not something the guest can be told. */
		vm_stop_with_error(v->vm, "CPU %02X: an intercepted instruction uses a storage access "
				   "PlexVM does not provide (code %X)", v->address, f->code);
		return -1;
	}
	if (f->teid_valid) {
		uint8_t *p = vcpu_lowcore(v, GLC_TEID);

		if (p)
			gmem_put64(p, f->teid);
	}
	{
		uint8_t *p = vcpu_lowcore(v, GLC_EXC_ACCESS_ID);

		if (p)
			*p = f->exc_access_id;
	}
	vcpu_program_interrupt(v, (uint16_t)f->code, ilc, nullifying(f->code));
	return -1;
}

int vcpu_read(struct vcpu *v, uint64_t logical, void *buf, size_t len, unsigned int ilc)
{
	struct gdat_regs r;
	struct gdat_fault f;

	regs_of(v, &r);
	if (gdat_read(&v->vm->storage.gmem, &r, logical, buf, len, &f) != 0)
		return fault(v, &f, ilc);
	return 0;
}

int vcpu_write(struct vcpu *v, uint64_t logical, const void *buf, size_t len, unsigned int ilc)
{
	struct gdat_regs r;
	struct gdat_fault f;

	regs_of(v, &r);
	if (gdat_write(&v->vm->storage.gmem, &r, logical, buf, len, &f) != 0)
		return fault(v, &f, ilc);
	return 0;
}

int vcpu_translate(struct vcpu *v, uint64_t logical, bool write, uint64_t *abs, unsigned int ilc)
{
	struct gdat_regs r;
	struct gdat_fault f;

	regs_of(v, &r);
	if (gdat_translate(&v->vm->storage.gmem, &r, logical, write, abs, &f) != 0)
		return fault(v, &f, ilc);
	return 0;
}
