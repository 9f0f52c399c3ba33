/*
 * The B2xx system instructions a guest's SIE leaves to the hypervisor:
 * CPU identity (STIDP, STAP), prefix (SPX, STPX), facilities (STFL, STFLE),
 * system information (STSI, with the hypervisor level 3.2.2 describing PlexVM),
 * CHSC (no commands provided), and hand-offs to SERVC and the channel-subsystem
 * instructions. Also PTF (B9A2) and PTFF (0104).
 */
#include "kernel/vm/intercept.h"
#include "kernel/vm/guest_lowcore.h"
#include "kernel/alloc.h"
#include "arch/s390x/insn.h"
#include "arch/s390x/ebcdic.h"
#include "arch/s390x/tod.h"
#include <string.h>

static bool privileged_ilc(struct vcpu *v, unsigned int ilc)
{
	if (vcpu_problem_state(v)) {
		vcpu_program_interrupt(v, PGM_PRIVILEGED, ilc, false);
		return false;
	}
	return true;
}

static bool privileged(struct vcpu *v)
{
	return privileged_ilc(v, 4);
}

static bool spec(struct vcpu *v)
{
	vcpu_program_interrupt(v, PGM_SPECIFICATION, 4, false);
	return true;
}

static bool op_stidp(struct vcpu *v)
{
	uint64_t id = stidp(), a = ipb_s_address(v);
	uint8_t buf[8];

	if (a & 7)
		return spec(v);
	gmem_put64(buf, id);
	vcpu_write(v, a, buf, 8, 4);
	return true;
}

static bool op_stap(struct vcpu *v)
{
	uint64_t a = ipb_s_address(v);
	uint8_t buf[2];

	if (a & 1)
		return spec(v);
	gmem_put16(buf, v->address);
	vcpu_write(v, a, buf, 2, 4);
	return true;
}

static bool op_spx(struct vcpu *v)
{
	uint64_t a = ipb_s_address(v);
	uint8_t buf[4];
	uint32_t px;

	if (a & 3)
		return spec(v);
	if (vcpu_read(v, a, buf, 4, 4) != 0)
		return true;
	px = gmem_be32(buf) & 0x7fffe000U;
	if ((uint64_t)px + 0x2000 > v->vm->storage.size) {
		vcpu_program_interrupt(v, PGM_ADDRESSING, 4, false);
		return true;
	}
	v->sb->prefix = px;
	return true;
}

static bool op_stpx(struct vcpu *v)
{
	uint64_t a = ipb_s_address(v);
	uint8_t buf[4];

	if (a & 3)
		return spec(v);
	gmem_put32(buf, v->sb->prefix);
	vcpu_write(v, a, buf, 4, 4);
	return true;
}

static bool op_stfl(struct vcpu *v)
{
	uint8_t *p = vcpu_lowcore(v, GLC_STFL);

	if (p)
		gmem_put32(p, (uint32_t)(v->vm->facilities[0] >> 32));
	return true;
}

static bool op_stfle(struct vcpu *v)
{
	uint64_t a = ipb_s_address(v);
	unsigned int want = (unsigned int)(v->gprs[0] & 0xff) + 1, have = ARRAY_SIZE(v->vm->facilities);
	uint8_t buf[8 * ARRAY_SIZE(v->vm->facilities)];
	unsigned int n = want < have ? want : have;

	if (a & 7)
		return spec(v);
	for (unsigned int i = 0; i < n; i++)
		gmem_put64(buf + 8 * i, v->vm->facilities[i]);
	if (vcpu_write(v, a, buf, 8 * n, 4) != 0)
		return true;
	v->gprs[0] = (v->gprs[0] & ~0xffULL) | (have - 1);
	vcpu_set_cc(v, want >= have ? 0 : 3);
	return true;
}

/* SYSIB 3.2.2: this hypervisor as level vm[0], the levels below us (if any) after it. */
static void build_322(struct vcpu *v, uint8_t *blk)
{
	uint8_t host[4096];
	unsigned int count = 0;
	uint8_t *e;
	char name[9];

	memset(blk, 0, 4096);
	if (stsi(host, 3, 2, 2, NULL) == 0) {
		count = host[31] & 0xf;
		if (count > 7)
			count = 7;
		memcpy(blk + 32 + 64, host + 32, 64 * count);
	}
	blk[31] = (uint8_t)(count + 1);
	e = blk + 32;
	gmem_put16(e + 4, (uint16_t)v->vm->ncpus);   /* total */
	gmem_put16(e + 6, (uint16_t)v->vm->ncpus);   /* configured */
	memset(name, ' ', 8);
	memcpy(name, v->vm->userid, strnlen(v->vm->userid, 8));
	ascii_to_ebcdic(e + 12, name, 8);
	gmem_put32(e + 20, 1000);                    /* capability adjustment factor */
	ascii_to_ebcdic(e + 24, "PLEXVM          ", 16); /* control-program identifier */
}

static bool op_stsi(struct vcpu *v)
{
	uint64_t r0 = v->gprs[0], r1 = v->gprs[1], a = ipb_s_address(v);
	unsigned int fc = (unsigned int)(r0 >> 28) & 0xf, sel1 = (unsigned int)r0 & 0xff;
	unsigned int sel2 = (unsigned int)r1 & 0xffff;
	uint8_t *blk;
	int cc = 3;

	if ((r0 & 0x0fffff00ULL) || (r1 & 0xffff0000ULL))
		return spec(v);
	if (fc == 0) {
		v->gprs[0] = (r0 & ~0xf0000000ULL) | (3ULL << 28);
		vcpu_set_cc(v, 0);
		return true;
	}
	if (fc == 15) {
		v->gprs[0] = (r0 & ~0xf0000000ULL) | (3ULL << 28);
		vcpu_set_cc(v, 0);
		return true;
	}
	if (a & 0xfff)
		return spec(v);
	blk = kmalloc(4096);
	if (!blk)
		return false;
	if (fc == 1 || fc == 2) {
		cc = stsi(blk, (int)fc, (int)sel1, (int)sel2, NULL);
	} else if (fc == 3 && sel1 == 2 && sel2 == 2) {
		build_322(v, blk);
		cc = 0;
	}
	if (cc == 0 && vcpu_write(v, a, blk, 4096, 4) != 0) {
		kfree(blk);
		return true;
	}
	kfree(blk);
	vcpu_set_cc(v, cc == 0 ? 0 : 3);
	return true;
}

/* CHSC: no commands are provided; the response says so. */
static bool op_chsc(struct vcpu *v)
{
	uint64_t a = vcpu_gr(v, ipb_r1(v));
	uint8_t req[4], resp[8];
	uint16_t len;

	if (a & 0xfff)
		return spec(v);
	if (vcpu_read(v, a, req, 4, 4) != 0)
		return true;
	len = gmem_be16(req);
	if (len < 16 || len > 4096 - 8)
		return spec(v);
	memset(resp, 0, sizeof(resp));
	gmem_put16(resp, 8);
	gmem_put16(resp + 2, 0x0004);       /* command not provided */
	if (vcpu_write(v, a + len, resp, sizeof(resp), 4) == 0)
		vcpu_set_cc(v, 0);
	return true;
}

bool icpt_b2(struct vcpu *v)
{
	uint8_t op = (uint8_t)v->sb->ipa;

	if (!privileged(v))
		return true;
	switch (op) {
	case 0x02: return op_stidp(v);
	case 0x10: return op_spx(v);
	case 0x11: return op_stpx(v);
	case 0x12: return op_stap(v);
	case 0x20: return icpt_servc(v);
	case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36:
	case 0x37: case 0x38: case 0x39: case 0x3a: case 0x3b: case 0x3c: case 0x76:
		return icpt_io(v, op);
	case 0x5f: return op_chsc(v);
	case 0x7d: return op_stsi(v);
	case 0xb0: return op_stfle(v);
	case 0xb1: return op_stfl(v);
	}
	vcpu_program_interrupt(v, PGM_OPERATION, 4, false);
	return true;
}

/* PTF: topology changes are never reported; polarization requests change nothing. */
bool icpt_b9(struct vcpu *v)
{
	uint8_t op = (uint8_t)v->sb->ipa;
	unsigned int r1 = ipb_r1(v);

	if (!privileged(v))
		return true;
	if (op == 0xa2) {
		uint64_t fc = vcpu_gr(v, r1) & 0xff;

		if (vcpu_gr(v, r1) & ~0xffULL)
			return spec(v);
		if (fc == 2) {
			vcpu_set_cc(v, 0);
		} else if (fc <= 1) {
			vcpu_set_gr(v, r1, (vcpu_gr(v, r1) & ~0xff00ULL) | 0x0100); /* already polarized so */
			vcpu_set_cc(v, 2);
		} else {
			return spec(v);
		}
		return true;
	}
	vcpu_program_interrupt(v, PGM_OPERATION, 4, false);
	return true;
}

/* PTFF: query available functions (0) and query TOD offset (1). */
bool icpt_ptff(struct vcpu *v)
{
	uint64_t fc = v->gprs[0] & 0x7f, a = v->gprs[1];
	uint8_t buf[32];

	if (!privileged_ilc(v, 2))
		return true;
	memset(buf, 0, sizeof(buf));
	if (fc == 0) {
		buf[0] = 0xc0; /* functions 0 and 1 */
		if (vcpu_write(v, a, buf, 16, 2) == 0)
			vcpu_set_cc(v, 0);
		return true;
	}
	if (fc == 1) {
		gmem_put64(buf, tod_now());
		gmem_put64(buf + 8, v->sb->epoch);
		gmem_put64(buf + 16, v->sb->epoch);
		gmem_put64(buf + 24, v->sb->epoch);
		if (vcpu_write(v, a, buf, 32, 2) == 0)
			vcpu_set_cc(v, 0);
		return true;
	}
	vcpu_set_cc(v, 3);
	return true;
}
