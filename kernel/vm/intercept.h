/* Decoding helpers shared by the interception handlers. */
#ifndef PLEXVM_KERNEL_VM_INTERCEPT_H
#define PLEXVM_KERNEL_VM_INTERCEPT_H

#include "kernel/vm/vm.h"

/* Program-interruption codes the handlers present. */
#define PGM_OPERATION      0x0001
#define PGM_PRIVILEGED     0x0002
#define PGM_PROTECTION     0x0004
#define PGM_ADDRESSING     0x0005
#define PGM_SPECIFICATION  0x0006
#define PGM_OPERAND        0x0015

/* Instruction length from the first opcode byte. */
static inline unsigned int insn_length(uint8_t op)
{
	return op < 0x40 ? 2 : op < 0xc0 ? 4 : 6;
}

static inline uint64_t vcpu_gr(const struct vcpu *v, unsigned int r)
{
	return r < 14 ? v->gprs[r] : r == 14 ? v->sb->gg14 : v->sb->gg15;
}

static inline void vcpu_set_gr(struct vcpu *v, unsigned int r, uint64_t x)
{
	if (r < 14)
		v->gprs[r] = x;
	else if (r == 14)
		v->sb->gg14 = x;
	else
		v->sb->gg15 = x;
}

/* Bits 32-63 of a register, the rest kept. */
static inline void vcpu_set_gr_low(struct vcpu *v, unsigned int r, uint32_t x)
{
	vcpu_set_gr(v, r, (vcpu_gr(v, r) & 0xffffffff00000000ULL) | x);
}

static inline void vcpu_set_cc(struct vcpu *v, unsigned int cc)
{
	v->sb->gpsw.mask = (v->sb->gpsw.mask & ~0x0000300000000000ULL) | ((uint64_t)(cc & 3) << 44);
}

static inline bool vcpu_problem_state(const struct vcpu *v)
{
	return v->sb->gpsw.mask & 0x0001000000000000ULL;
}

/* S format (op b2 d2, the b2/d2 halfword in the top of ipb): the second-operand address. */
static inline uint64_t ipb_s_address(const struct vcpu *v)
{
	unsigned int b2 = (v->sb->ipb >> 28) & 0xf;

	return vcpu_operand_address(v, b2, (v->sb->ipb >> 16) & 0xfff);
}

/* RRE format: r1 and r2 from ipb. */
static inline unsigned int ipb_r1(const struct vcpu *v) { return (v->sb->ipb >> 20) & 0xf; }
static inline unsigned int ipb_r2(const struct vcpu *v) { return (v->sb->ipb >> 16) & 0xf; }

/* The interception handlers by instruction group. */
bool icpt_b2(struct vcpu *v);      /* B2xx: STIDP, SPX, STPX, STAP, SERVC, I/O, STSI, STFL(E), CHSC ... */
bool icpt_b9(struct vcpu *v);      /* B9xx: PTF, ESSA */
bool icpt_sigp(struct vcpu *v);
bool icpt_diag(struct vcpu *v);
bool icpt_ptff(struct vcpu *v);
/* SERVC (icpt_servc.c) and the channel-subsystem instructions (icpt_io.c). */
bool icpt_servc(struct vcpu *v);
bool icpt_io(struct vcpu *v, uint8_t op);

#endif
