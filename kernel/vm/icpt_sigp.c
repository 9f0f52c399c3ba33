/*
 * SIGNAL PROCESSOR between a guest's virtual CPUs: the orders Linux uses to
 * start, stop, restart and signal its CPUs, answered as the architecture says
 * (condition code 1 with a status word for what cannot be done).
 */
#include "kernel/vm/intercept.h"
#include "kernel/vm/vm_reset.h"

enum {
	SIGP_SENSE = 0x01, SIGP_EXTERNAL_CALL = 0x02, SIGP_EMERGENCY = 0x03, SIGP_START = 0x04,
	SIGP_STOP = 0x05, SIGP_RESTART = 0x06, SIGP_STOP_STORE = 0x09, SIGP_INITIAL_CPU_RESET = 0x0b,
	SIGP_CPU_RESET = 0x0c, SIGP_SET_PREFIX = 0x0d, SIGP_STORE_STATUS_ADDR = 0x0e,
	SIGP_SET_ARCHITECTURE = 0x12, SIGP_COND_EMERGENCY = 0x13, SIGP_SENSE_RUNNING = 0x15,
};

#define ST_EXT_CALL_PENDING 0x00000080U
#define ST_STOPPED          0x00000040U
#define ST_INVALID_ORDER    0x00000002U
#define ST_INVALID_PARAM    0x00000100U
#define ST_INCORRECT_STATE  0x00000200U
#define ST_NOT_RUNNING      0x00000400U

static struct vcpu *target_cpu(struct vm *vm, uint64_t addr)
{
	for (unsigned int i = 0; i < vm->ncpus; i++)
		if (vm->cpu[i] && vm->cpu[i]->address == (addr & 0xffff))
			return vm->cpu[i];
	return NULL;
}

/* Returns the condition code; *status is stored in R1 for cc 1. */
static unsigned int order(struct vcpu *v, struct vcpu *t, unsigned int code, uint64_t param, uint32_t *status)
{
	struct vm *vm = v->vm;

	switch (code) {
	case SIGP_SENSE:
		*status = (t->state == VCPU_STOPPED ? ST_STOPPED : 0) | (t->external_call ? ST_EXT_CALL_PENDING : 0);
		return *status ? 1 : 0;
	case SIGP_EXTERNAL_CALL:
		if (!vcpu_raise_external_call(t, v->address)) {
			*status = ST_EXT_CALL_PENDING;
			return 1;
		}
		return 0;
	case SIGP_EMERGENCY:
	case SIGP_COND_EMERGENCY:
		vcpu_raise_emergency(t, v->address);
		return 0;
	case SIGP_START:
		spin_lock(&vm->lock);
		if (t->state == VCPU_STOPPED)
			t->state = VCPU_OPERATING;
		spin_unlock(&vm->lock);
		vcpu_kick(t);
		return 0;
	case SIGP_STOP:
	case SIGP_STOP_STORE:
		spin_lock(&vm->lock);
		if (t->state == VCPU_OPERATING)
			t->stop_pending = true;
		t->store_status_on_stop = code == SIGP_STOP_STORE;
		spin_unlock(&vm->lock);
		if (t != v)
			vcpu_kick(t);
		return 0;
	case SIGP_RESTART:
		spin_lock(&vm->lock);
		t->restart_pending = true;
		if (t->state == VCPU_STOPPED)
			t->state = VCPU_OPERATING;
		spin_unlock(&vm->lock);
		vcpu_kick(t);
		return 0;
	case SIGP_INITIAL_CPU_RESET:
	case SIGP_CPU_RESET:
		if (t != v && t->state == VCPU_OPERATING) {
			/* Linux stops a CPU before resetting it; a running one is reset when it stops. */
			*status = ST_INCORRECT_STATE;
			return 1;
		}
		vcpu_reset(t, code == SIGP_INITIAL_CPU_RESET);
		return 0;
	case SIGP_SET_PREFIX: {
		uint64_t px = param & 0x7fffe000ULL;

		if (t->state != VCPU_STOPPED) {
			*status = ST_INCORRECT_STATE;
			return 1;
		}
		if (px + 0x2000 > vm->storage.size) {
			*status = ST_INVALID_PARAM;
			return 1;
		}
		t->sb->prefix = (uint32_t)px;
		return 0;
	}
	case SIGP_STORE_STATUS_ADDR:
		if (t->state != VCPU_STOPPED) {
			*status = ST_INCORRECT_STATE;
			return 1;
		}
		if (vcpu_store_status(t, param & 0x7ffffe00ULL) != 0) {
			*status = ST_INVALID_PARAM;
			return 1;
		}
		return 0;
	case SIGP_SET_ARCHITECTURE:
		/* A z/Architecture-only machine: ESA/390 (0) cannot be chosen; 1 and 2 change nothing. */
		if ((param & 0xff) == 0 || (param & 0xff) > 2) {
			*status = ST_INVALID_PARAM;
			return 1;
		}
		return 0;
	case SIGP_SENSE_RUNNING:
		if (READ_ONCE(t->host_cpu))
			return 0;
		*status = ST_NOT_RUNNING;
		return 1;
	default:
		*status = ST_INVALID_ORDER;
		return 1;
	}
}

bool icpt_sigp(struct vcpu *v)
{
	unsigned int r1 = (v->sb->ipa >> 4) & 0xf, r3 = v->sb->ipa & 0xf;
	unsigned int code = (unsigned int)(ipb_s_address(v) & 0xff);
	uint64_t param = (r1 & 1) ? vcpu_gr(v, r1) : vcpu_gr(v, r1 + 1);
	struct vcpu *t;
	uint32_t status = 0;
	unsigned int cc;

	if (vcpu_problem_state(v)) {
		vcpu_program_interrupt(v, PGM_PRIVILEGED, 4, false);
		return true;
	}
	t = target_cpu(v->vm, vcpu_gr(v, r3));
	if (!t) {
		vcpu_set_cc(v, 3);
		return true;
	}
	cc = order(v, t, code, param, &status);
	if (cc == 1)
		vcpu_set_gr_low(v, r1, status);
	vcpu_set_cc(v, cc);
	return true;
}
