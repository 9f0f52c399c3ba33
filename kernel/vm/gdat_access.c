/*
 * Operand access at a guest logical address (gdat.h): a range is taken page by
 * page, each page translated on its own, the address wrapping at the end of the
 * addressing mode's range. A store translates every page first and keeps the
 * translations, then stores: a faulting part leaves guest storage unchanged, and
 * the store cannot be redirected halfway by its own bytes landing in the tables
 * that map it.
 */
#include "kernel/vm/gdat.h"

static int addressing(struct gdat_fault *fault)
{
	fault->code = GDAT_PGM_ADDRESSING;
	fault->teid_valid = false;
	fault->teid = 0;
	fault->exc_access_id = 0;
	return -1;
}

/* The page-bounded piece of [logical, logical + len) that starts at logical, translated. */
static int piece(const struct gmem *g, const struct gdat_regs *r, uint64_t logical, size_t len,
		 bool write, uint64_t *abs, size_t *chunk, struct gdat_fault *fault)
{
	size_t n = (size_t)(GDAT_PAGE_SIZE - (logical & (GDAT_PAGE_SIZE - 1)));

	if (n > len)
		n = len;
	if (gdat_translate(g, r, logical, write, abs, fault) != 0)
		return -1;
	/* A frame may end inside storage whose size is not a multiple of 4 KiB: the
	 * first byte outside is an addressing exception like any other. */
	if (!gmem_valid(g, *abs, n) || !g->page(g, *abs))
		return addressing(fault);
	*chunk = n;
	return 0;
}

int gdat_check(const struct gmem *g, const struct gdat_regs *r, uint64_t logical,
	       size_t len, bool write, struct gdat_fault *fault)
{
	uint64_t mask = gdat_amode_mask(r->psw_mask);

	while (len) {
		uint64_t abs;
		size_t n;

		if (piece(g, r, logical, len, write, &abs, &n, fault) != 0)
			return -1;
		logical = (logical + n) & mask;
		len -= n;
	}
	return 0;
}

int gdat_read(const struct gmem *g, const struct gdat_regs *r, uint64_t logical,
	      void *buf, size_t len, struct gdat_fault *fault)
{
	uint64_t mask = gdat_amode_mask(r->psw_mask);
	uint8_t *out = buf;

	while (len) {
		uint64_t abs;
		size_t n;

		if (piece(g, r, logical, len, false, &abs, &n, fault) != 0)
			return -1;
		if (gmem_read(g, abs, out, n) != 0)
			return addressing(fault);
		out += n;
		logical = (logical + n) & mask;
		len -= n;
	}
	return 0;
}

int gdat_write(const struct gmem *g, const struct gdat_regs *r, uint64_t logical,
	       const void *buf, size_t len, struct gdat_fault *fault)
{
	uint64_t mask = gdat_amode_mask(r->psw_mask);
	uint64_t abs[GDAT_WRITE_PAGES];
	size_t size[GDAT_WRITE_PAGES];
	const uint8_t *in = buf;
	unsigned int pages = 0;

	if (len > GDAT_WRITE_MAX) {
		fault->code = GDAT_CODE_TOO_LONG;
		fault->teid_valid = false;
		fault->teid = 0;
		fault->exc_access_id = 0;
		return -1;
	}
	/* Every page is translated and checked before anything is stored. */
	for (size_t left = len; left; pages++) {
		if (piece(g, r, logical, left, true, &abs[pages], &size[pages], fault) != 0)
			return -1;
		logical = (logical + size[pages]) & mask;
		left -= size[pages];
	}
	for (unsigned int i = 0; i < pages; i++) {
		if (gmem_write(g, abs[i], in, size[i]) != 0)
			return addressing(fault);   /* not reached: piece() checked the frame */
		in += size[i];
	}
	return 0;
}
