/*
 * What made SIE end, and what the hypervisor does about it. Instruction
 * interceptions arrive with the guest PSW already past the instruction; the
 * instruction's first six bytes are in ipa/ipb.
 */
#include "kernel/vm/intercept.h"
#include "kernel/vm/guest_lowcore.h"
#include "kernel/console.h"
#include <stdio.h>
#include <string.h>

uint64_t vcpu_operand_address(const struct vcpu *v, unsigned int b, uint64_t d)
{
	uint64_t a = (b ? vcpu_gr(v, b) : 0) + d;
	uint64_t amode = v->sb->gpsw.mask & 0x0000000180000000ULL;

	if (amode == 0x0000000180000000ULL)
		return a;
	if (amode == 0x0000000080000000ULL)
		return a & 0x7fffffffULL;
	return a & 0x00ffffffULL;
}

/* An instruction the hypervisor does not provide: the guest gets an operation exception. */
static bool unsupported(struct vcpu *v)
{
	uint8_t op = (uint8_t)(v->sb->ipa >> 8);

	vcpu_program_interrupt(v, PGM_OPERATION, insn_length(op), false);
	return true;
}

/*
 * LCTL / LCTLG: intercepted only while an interruption waits for the guest to
 * enable a control-register subclass (girq.c), so that it is presented as soon
 * as the guest does. Emulated: the control registers r1..r3 (wrapping) from storage.
 */
static bool load_control(struct vcpu *v, bool grande)
{
	unsigned int r1 = (v->sb->ipa >> 4) & 0xf, r3 = v->sb->ipa & 0xf;
	unsigned int b2 = (v->sb->ipb >> 28) & 0xf, ilc = grande ? 6 : 4;
	unsigned int n = ((r3 - r1) & 0xf) + 1, size = grande ? 8 : 4;
	int64_t d2 = (v->sb->ipb >> 16) & 0xfff;
	uint8_t buf[16 * 8];
	uint64_t a;

	if (vcpu_problem_state(v)) {
		vcpu_program_interrupt(v, PGM_PRIVILEGED, ilc, false);
		return true;
	}
	if (grande) {
		d2 |= (int64_t)((v->sb->ipb >> 8) & 0xff) << 12;
		if (d2 & 0x80000)
			d2 -= 0x100000;
	}
	a = vcpu_operand_address(v, b2, (uint64_t)d2);
	if (a & (size - 1)) {
		vcpu_program_interrupt(v, PGM_SPECIFICATION, ilc, false);
		return true;
	}
	if (vcpu_read(v, a, buf, n * size, ilc) != 0)
		return true;
	for (unsigned int i = 0; i < n; i++) {
		unsigned int cr = (r1 + i) & 0xf;

		if (grande)
			v->sb->gcr[cr] = gmem_be64(buf + 8 * i);
		else
			v->sb->gcr[cr] = (v->sb->gcr[cr] & 0xffffffff00000000ULL) | gmem_be32(buf + 4 * i);
	}
	return true;
}

static bool instruction(struct vcpu *v)
{
	uint16_t ipa = v->sb->ipa;


	v->instr_intercepts++;
	switch (ipa >> 8) {
	case 0x83:
		return icpt_diag(v);
	case 0xae:
		return icpt_sigp(v);
	case 0xb2:
		return icpt_b2(v);
	case 0xb9:
		return icpt_b9(v);
	case 0xb7:
		return load_control(v, false);
	case 0xeb:
		if ((v->sb->ipb & 0xff) == 0x2f)
			return load_control(v, true);
		break;
	case 0x01:
		if (ipa == 0x0104)
			return icpt_ptff(v);
		break;
	}
	return unsupported(v);
}

/*
 * A program interruption the machine recognized for the guest: the
 * interruption code and its parameters are in the state description's image
 * of lowcore 0x80-0xb3, and the guest PSW is already the old PSW.
 */
static bool reflect_program(struct vcpu *v)
{
	uint8_t *lc = vcpu_lowcore(v, GLC_PGM_ILC);

	if (!lc)
		return false;
	/* ILC, code, data-exception code, PER and access ids, TEID, monitor code: lowcore 0x8c-0xb3. */
	for (unsigned int off = GLC_PGM_ILC; off < 0xb4; off++) {
		uint8_t *p = vcpu_lowcore(v, off);

		if (p)
			*p = v->sb->ip[off - 0x80];
	}
	{
		uint8_t *old = vcpu_lowcore(v, GLC_PGM_OLD_PSW), *new = vcpu_lowcore(v, GLC_PGM_NEW_PSW);

		gmem_put64(old, v->sb->gpsw.mask);
		gmem_put64(old + 8, v->sb->gpsw.addr);
		v->sb->gpsw.mask = gmem_be64(new);
		v->sb->gpsw.addr = gmem_be64(new + 8);
	}
	return true;
}

/* An external interruption the machine left to the host (without the assist): present it. */
static bool reflect_external(struct vcpu *v)
{
	uint16_t code = gmem_be16(&v->sb->ip[SIE_IP_EXT_CODE]);
	uint8_t *lc = vcpu_lowcore(v, GLC_EXT_CODE);
	uint8_t *old = vcpu_lowcore(v, GLC_EXT_OLD_PSW), *new = vcpu_lowcore(v, GLC_EXT_NEW_PSW);

	if (!lc || !old || !new)
		return false;
	gmem_put16(lc, code);
	gmem_put64(old, v->sb->gpsw.mask);
	gmem_put64(old + 8, v->sb->gpsw.addr);
	v->sb->gpsw.mask = gmem_be64(new);
	v->sb->gpsw.addr = gmem_be64(new + 8);
	return true;
}

bool vcpu_handle_intercept(struct vcpu *v)
{
	struct sie_block *sb = v->sb;

	switch (sb->icptcode) {
	case SIE_ICPT_INSTRUCTION:
		return instruction(v);
	case SIE_ICPT_PROGRAM:
	case SIE_ICPT_INST_PROGRAM:
		return reflect_program(v);
	case SIE_ICPT_EXT_INT:
		return reflect_external(v);
	case SIE_ICPT_EXT_REQUEST:
	case SIE_ICPT_IO_REQUEST:
	case SIE_ICPT_WAIT:
	case SIE_ICPT_STOP:
		return true; /* the run loop delivers, waits or stops */
	case SIE_ICPT_VALIDITY:
		snprintf(v->vm->stop_reason, sizeof(v->vm->stop_reason),
			 "validity interception on CPU %02X, reason %04X (PSW %016llX %016llX)",
			 v->address, sb->ipb >> 16, (unsigned long long)sb->gpsw.mask,
			 (unsigned long long)sb->gpsw.addr);
		return false;
	default:
		snprintf(v->vm->stop_reason, sizeof(v->vm->stop_reason),
			 "unexpected interception code %u on CPU %02X", sb->icptcode, v->address);
		return false;
	}
}
