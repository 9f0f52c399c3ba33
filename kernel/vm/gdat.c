/*
 * Logical -> real -> absolute translation of one guest address (gdat.h): the
 * addressing mode, the address space, low-address protection, the DAT walk
 * (gdat_walk.c), DAT protection, prefixing and the addressing check, with the
 * translation-exception identification each program interruption presents.
 */
#include "kernel/vm/gdat.h"
#include "kernel/vm/gdat_walk.h"

uint64_t gdat_real_to_abs(uint64_t real, uint32_t prefix)
{
	uint64_t p = prefix & GDAT_PREFIX_MASK;

	if (real < GDAT_PREFIX_AREA)
		return real + p;
	if (real >= p && real - p < GDAT_PREFIX_AREA)
		return real - p;
	return real;
}

uint64_t gdat_amode_mask(uint64_t psw_mask)
{
	bool ea = psw_mask & GDAT_PSW_EA;
	bool ba = psw_mask & GDAT_PSW_BA;

	if (ea && ba)
		return GDAT_AMODE64_MASK;
	if (ba)
		return GDAT_AMODE31_MASK;
	if (ea)
		return 0;
	return GDAT_AMODE24_MASK;
}

/* Program interruption codes that come with a TEID (the DAT and protection exceptions). */
static bool code_has_teid(uint32_t code)
{
	switch (code) {
	case GDAT_PGM_PROTECTION:
	case GDAT_PGM_SEGMENT_TRANS:
	case GDAT_PGM_PAGE_TRANS:
	case GDAT_PGM_ASCE_TYPE:
	case GDAT_PGM_REGION_FIRST:
	case GDAT_PGM_REGION_SECOND:
	case GDAT_PGM_REGION_THIRD:
		return true;
	default:
		return false;
	}
}

/*
 * Fill *fault for code at logical address addr. For DAT and protection
 * exceptions the TEID names the failing page (bits 0-51), fetch or store (52-53;
 * architected with facility 75, harmless without), the protection cause
 * (extra: GDAT_TEID_B56/B61) and the address space (62-63, 0 when DAT is off).
 */
static int fail(struct gdat_fault *fault, uint32_t code, uint64_t addr, bool write,
		unsigned int as, uint64_t extra)
{
	fault->code = code;
	fault->teid_valid = code_has_teid(code);
	fault->teid = 0;
	fault->exc_access_id = 0;
	if (fault->teid_valid)
		fault->teid = (addr & GDAT_TEID_ADDR) |
			      (write ? GDAT_TEID_FSI_STORE : GDAT_TEID_FSI_FETCH) |
			      extra | (as & GDAT_TEID_AS_MASK);
	return -1;
}

/* Which enhanced-DAT formats apply: installed (facilities) and enabled (CR0 bit 40). */
static unsigned int edat_formats(const struct gdat_regs *r)
{
	unsigned int edat = 0;

	if ((r->facilities & GDAT_FAC_EDAT1) && (r->cr0 & GDAT_CR0_EDAT)) {
		edat |= GDAT_WALK_EDAT1;
		if (r->facilities & GDAT_FAC_EDAT2)
			edat |= GDAT_WALK_EDAT2;
	}
	return edat;
}

int gdat_translate(const struct gmem *g, const struct gdat_regs *r, uint64_t logical,
		   bool write, uint64_t *absolute, struct gdat_fault *fault)
{
	uint64_t mask = gdat_amode_mask(r->psw_mask);
	bool dat = r->psw_mask & GDAT_PSW_DAT;
	unsigned int as = GDAT_AS_PRIMARY;
	uint64_t asce = 0, addr, abs;

	if (!mask)
		return fail(fault, GDAT_PGM_SPECIFICATION, 0, write, 0, 0);
	addr = logical & mask;

	if (dat) {
		as = (unsigned int)((r->psw_mask & GDAT_PSW_AS_MASK) >> GDAT_PSW_AS_SHIFT);
		switch (as) {
		case GDAT_AS_PRIMARY:
			asce = r->cr1;
			break;
		case GDAT_AS_SECONDARY:
			asce = r->cr7;
			break;
		case GDAT_AS_HOME:
			asce = r->cr13;
			break;
		default:
			return fail(fault, GDAT_CODE_AR_MODE, addr, write, as, 0);
		}
	}

	/* Low-address protection applies to the effective address, before translation. */
	if (write && (r->cr0 & GDAT_CR0_LAP) && (addr & GDAT_LOW_ADDR_MASK) == 0 &&
	    !(dat && (asce & GDAT_ASCE_P)))
		return fail(fault, GDAT_PGM_PROTECTION, addr, write, as, GDAT_TEID_B56);

	if (!dat || (asce & GDAT_ASCE_R)) {
		abs = gdat_real_to_abs(addr, r->prefix);
	} else {
		struct gdat_walk_result w;
		int code = gdat_walk(g, asce, addr, edat_formats(r), &w);

		if (code)
			return fail(fault, (uint32_t)code, addr, write, as, 0);
		if (write && w.protect)
			return fail(fault, GDAT_PGM_PROTECTION, addr, write, as, GDAT_TEID_B61);
		abs = w.absolute ? w.addr : gdat_real_to_abs(w.addr, r->prefix);
	}

	if (!gmem_valid(g, abs, 1))
		return fail(fault, GDAT_PGM_ADDRESSING, addr, write, as, 0);
	*absolute = abs;
	return 0;
}
