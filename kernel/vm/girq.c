/*
 * Interruptions into a guest. The hypervisor presents them the way the
 * machine would: the interruption code and parameters go into the guest's
 * lowcore, the current PSW becomes the old PSW and the new PSW is loaded.
 * Clock-comparator and CPU-timer interruptions are left to the machine (the
 * external-interruption assist); everything else is delivered here before SIE
 * is entered, in the architected order, as far as the guest is enabled; for
 * the rest an intervention request makes SIE exit as soon as the guest enables.
 */
#include "kernel/vm/vm.h"
#include "kernel/vm/guest_lowcore.h"
#include "kernel/console.h"
#include <string.h>

/* Guest CR0 external subclass masks. */
#define GCR0_EMERGENCY     (1ULL << (63 - 49))
#define GCR0_EXTERNAL_CALL (1ULL << (63 - 50))
#define GCR0_SERVICE       (1ULL << (63 - 54))

#define EXT_EMERGENCY      0x1201
#define EXT_EXTERNAL_CALL  0x1202
#define EXT_SERVICE        0x2401

/* Absolute address of guest real address `real` of v (prefixing). */
static uint64_t real_to_abs(const struct vcpu *v, uint64_t real)
{
	uint64_t px = v->sb->prefix & 0x7fffe000ULL;

	if (real < 0x2000)
		return real + px;
	if (real >= px && real < px + 0x2000)
		return real - px;
	return real;
}

int vcpu_real_to_abs(const struct vcpu *v, uint64_t real, uint64_t *abs)
{
	*abs = real_to_abs(v, real);
	return *abs < v->vm->storage.size ? 0 : -1;
}

/* The guest's lowcore (its prefix area, 8 KiB, in one or two frames). */
uint8_t *vcpu_lowcore(const struct vcpu *v, unsigned int offset)
{
	return gstorage_host_addr(&v->vm->storage, (v->sb->prefix & 0x7fffe000ULL) + offset);
}

static void put16(const struct vcpu *v, unsigned int off, uint16_t x)
{
	uint8_t *p = vcpu_lowcore(v, off);

	if (p)
		gmem_put16(p, x);
}

static void put32(const struct vcpu *v, unsigned int off, uint32_t x)
{
	uint8_t *p = vcpu_lowcore(v, off);

	if (p)
		gmem_put32(p, x);
}

/* Old PSW to `old_off`, new PSW from `new_off`. */
static void swap_psw(struct vcpu *v, unsigned int old_off, unsigned int new_off)
{
	uint8_t *old = vcpu_lowcore(v, old_off), *new = vcpu_lowcore(v, new_off);

	if (!old || !new) {
		vm_stop_with_error(v->vm, "the prefix area of CPU %02X is outside its storage", v->address);
		return;
	}
	gmem_put64(old, v->sb->gpsw.mask);
	gmem_put64(old + 8, v->sb->gpsw.addr);
	v->sb->gpsw.mask = gmem_be64(new);
	v->sb->gpsw.addr = gmem_be64(new + 8);
}

static void deliver_external(struct vcpu *v, uint16_t code, uint16_t cpu_addr, uint32_t param, bool has_param)
{

	put16(v, GLC_EXT_CODE, code);
	put16(v, GLC_EXT_CPU_ADDR, cpu_addr);
	if (has_param)
		put32(v, GLC_EXT_PARAMS, param);
	swap_psw(v, GLC_EXT_OLD_PSW, GLC_EXT_NEW_PSW);
}

void vcpu_program_interrupt(struct vcpu *v, uint16_t code, unsigned int ilc, bool nullify)
{
	if (nullify)
		v->sb->gpsw.addr -= ilc;
	put16(v, GLC_PGM_ILC, (uint16_t)ilc);
	put16(v, GLC_PGM_CODE, code);
	swap_psw(v, GLC_PGM_OLD_PSW, GLC_PGM_NEW_PSW);
}

static int first_emergency(const struct vcpu *v)
{
	for (unsigned int w = 0; w < ARRAY_SIZE(v->emergency_from); w++)
		if (v->emergency_from[w])
			return (int)(w * 64 + (unsigned int)__builtin_ctzll(v->emergency_from[w]));
	return -1;
}

/*
 * One deliverable interruption, taken under the lock; returns false when none.
 * For one that is pending but masked: *want_ext when only the PSW masks it (SIE
 * then exits when the guest enables), *want_cr0 when a CR0 subclass masks it
 * (SIE then intercepts the guest's loads of CR0).
 */
static bool deliver_one(struct vcpu *v, bool *want_ext, bool *want_cr0, bool *want_io)
{
	struct vm *vm = v->vm;
	uint64_t mask = v->sb->gpsw.mask, cr0 = v->sb->gcr[0];
	bool ext_on = mask & PSW_MASK_EXT;
	int from;

	(void)want_io;
	spin_lock(&vm->lock);
	if (v->restart_pending) {
		v->restart_pending = false;
		spin_unlock(&vm->lock);
		swap_psw(v, GLC_RESTART_OLD_PSW, GLC_RESTART_NEW_PSW);
		return true;
	}
	from = first_emergency(v);
	if ((from >= 0 && !(cr0 & GCR0_EMERGENCY)) || (v->external_call && !(cr0 & GCR0_EXTERNAL_CALL)) ||
	    (vm->service_signal && !(cr0 & GCR0_SERVICE)))
		*want_cr0 = true;
	if (from >= 0 && (cr0 & GCR0_EMERGENCY)) {
		if (!ext_on) {
			*want_ext = true;
		} else {
			v->emergency_from[from / 64] &= ~(1ULL << (from % 64));
			spin_unlock(&vm->lock);
			deliver_external(v, EXT_EMERGENCY, (uint16_t)from, 0, false);
			return true;
		}
	}
	if (v->external_call && (cr0 & GCR0_EXTERNAL_CALL)) {
		if (!ext_on) {
			*want_ext = true;
		} else {
			uint16_t src = v->external_call_from;

			v->external_call = false;
			spin_unlock(&vm->lock);
			deliver_external(v, EXT_EXTERNAL_CALL, src, 0, false);
			return true;
		}
	}
	if (vm->service_signal && (cr0 & GCR0_SERVICE)) {
		if (!ext_on) {
			*want_ext = true;
		} else {
			uint32_t param = vm->service_param;

			vm->service_signal = false;
			vm->service_param = 0;
			spin_unlock(&vm->lock);
			deliver_external(v, EXT_SERVICE, 0, param, true);
			return true;
		}
	}
	spin_unlock(&vm->lock);
	return vcpu_deliver_io(v, want_io);
}

void vcpu_deliver_interrupts(struct vcpu *v)
{
	bool want_ext = false, want_cr0 = false, want_io = false;

	/* Each delivery loads a new PSW, normally disabled: a few rounds at most. */
	for (int i = 0; i < 8; i++) {
		want_ext = want_cr0 = want_io = false;
		if (!deliver_one(v, &want_ext, &want_cr0, &want_io))
			break;
	}
	v->sb->lctl_controls = (uint16_t)((v->sb->lctl_controls & ~(SIE_LCTL_CR0 | SIE_LCTL_CR6)) |
					  (want_cr0 ? SIE_LCTL_CR0 : 0) | (v->want_lctl_cr6 ? SIE_LCTL_CR6 : 0));
	__atomic_and_fetch(&v->sb->intervention, (uint8_t)~(SIE_IR_EXT | SIE_IR_IO), __ATOMIC_SEQ_CST);
	if (want_ext)
		__atomic_or_fetch(&v->sb->intervention, SIE_IR_EXT, __ATOMIC_SEQ_CST);
	if (want_io)
		__atomic_or_fetch(&v->sb->intervention, SIE_IR_IO, __ATOMIC_SEQ_CST);
}

bool vcpu_interrupt_deliverable(struct vcpu *v)
{
	struct vm *vm = v->vm;
	uint64_t mask = v->sb->gpsw.mask, cr0 = v->sb->gcr[0];
	bool ext_on = mask & PSW_MASK_EXT, yes;

	spin_lock(&vm->lock);
	yes = v->restart_pending ||
	      (ext_on && (((cr0 & GCR0_EMERGENCY) && first_emergency(v) >= 0) ||
			  ((cr0 & GCR0_EXTERNAL_CALL) && v->external_call) ||
			  ((cr0 & GCR0_SERVICE) && vm->service_signal)));
	spin_unlock(&vm->lock);
	return yes || vcpu_io_deliverable(v);
}

/* Wake one CPU of the guest that can take a floating interruption. */
static void kick_some_cpu(struct vm *vm)
{
	for (unsigned int i = 0; i < vm->ncpus; i++)
		if (vm->cpu[i] && vm->cpu[i]->state == VCPU_OPERATING)
			vcpu_kick(vm->cpu[i]);
}

void vm_raise_service_signal(struct vm *vm, uint32_t param)
{
	spin_lock(&vm->lock);
	/* A second one before the first is taken: the guest learns of both from one (event pending is sticky). */
	vm->service_param = vm->service_signal ? (vm->service_param | (param & 3)) : param;
	vm->service_signal = true;
	spin_unlock(&vm->lock);
	kick_some_cpu(vm);
}

void vm_raise_io(struct vm *vm)
{
	kick_some_cpu(vm);
}

void vcpu_raise_emergency(struct vcpu *v, uint16_t from)
{
	spin_lock(&v->vm->lock);
	v->emergency_from[(from / 64) % ARRAY_SIZE(v->emergency_from)] |= 1ULL << (from % 64);
	spin_unlock(&v->vm->lock);
	vcpu_kick(v);
}

bool vcpu_raise_external_call(struct vcpu *v, uint16_t from)
{
	bool ok;

	spin_lock(&v->vm->lock);
	ok = !v->external_call;
	if (ok) {
		v->external_call = true;
		v->external_call_from = from;
	}
	spin_unlock(&v->vm->lock);
	if (ok)
		vcpu_kick(v);
	return ok;
}
