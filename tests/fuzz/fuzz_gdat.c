/*
 * libFuzzer: guest address translation (kernel/vm/gdat.h) on random guest
 * storage, registers and addresses. It must never crash or touch host memory
 * outside the guest's storage (an exact-size heap buffer, so AddressSanitizer
 * sees any stray access), and:
 *   - a translation that succeeds gives an absolute address inside storage;
 *   - a failure has a known code, a TEID exactly for the DAT and protection
 *     exceptions, and leaves *absolute alone;
 *   - a store that translates also fetches, to the same absolute address;
 *   - prefixing undone is prefixing done twice;
 *   - gdat_check agrees with gdat_read and gdat_write, a read's first byte is
 *     the storage at the translated address, and a failed write changes no
 *     byte of storage while a successful one changes at most its length.
 *
 * Input: a 64-byte header, then the initial storage contents (the rest is zero).
 *   0 psw_mask   8 cr0   16 cr1   24 cr7   32 cr13   (big-endian doublewords)
 *   40 prefix (word)   44 facilities   45 flags   46 length (halfword)
 *   48 logical address   56 byte pattern for writes (low byte)
 * flags: bit 0 fold every doubleword of storage and the ASCEs so that table
 * origins land inside storage (random tables then chain), bits 1-3 storage size,
 * bit 4 a hole in storage (a page the gmem cannot map), bit 7 length + 64 KiB.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/vm/gdat.h"

#define HEADER 64

static const uint64_t sizes[8] = {
	4096, 8192, 12288 + 100, 32768, 65536, 65536 + 2048, 131072 + 4096, 262144,
};

static uint64_t take64(const uint8_t *p) { return gmem_be64(p); }

/* A gmem whose page `hole` (in 4 KiB units) is not mapped. */
struct holey {
	uint8_t *mem;
	uint64_t hole;
};

static uint8_t *holey_page(const struct gmem *g, uint64_t gabs)
{
	const struct holey *h = g->priv;

	if (gabs >= g->size || gabs / 4096 == h->hole)
		return NULL;
	return h->mem + gabs;
}

/* Keep an entry's control bits and its origin bits below the storage's power of two. */
static uint64_t fold(uint64_t v, uint64_t size)
{
	uint64_t pow2 = 4096;

	while (pow2 * 2 <= size)
		pow2 *= 2;
	return (v & 0xfffULL) | (v & (pow2 - 1) & ~0xfffULL);
}

static bool known_code(uint32_t code)
{
	switch (code) {
	case 0x04: case 0x05: case 0x06: case 0x10: case 0x11: case 0x12:
	case 0x38: case 0x39: case 0x3a: case 0x3b:
	case GDAT_CODE_AR_MODE: case GDAT_CODE_TOO_LONG:
		return true;
	default:
		return false;
	}
}

static bool has_teid(uint32_t code)
{
	return code == 0x04 || code == 0x10 || code == 0x11 || (code >= 0x38 && code <= 0x3b);
}

static void check_fault(const struct gdat_fault *f)
{
	if (!known_code(f->code) || f->teid_valid != has_teid(f->code))
		__builtin_trap();
	if (!f->teid_valid && f->teid != 0)
		__builtin_trap();
	if (f->exc_access_id != 0)
		__builtin_trap();
}

static int translate(const struct gmem *g, const struct gdat_regs *r, uint64_t logical, bool write,
		     uint64_t *abs, struct gdat_fault *f)
{
	const uint64_t poison = 0xfeedfacecafef00dULL;
	int rc;

	*abs = poison;
	rc = gdat_translate(g, r, logical, write, abs, f);
	if (rc == 0) {
		if (*abs >= g->size)
			__builtin_trap();
	} else {
		if (rc != -1 || *abs != poison)
			__builtin_trap();
		check_fault(f);
	}
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t hdr[HEADER] = { 0 };
	struct gdat_regs r;
	struct gdat_fault f, f2;
	struct gmem g;
	struct holey h;
	uint64_t gsize, logical, abs_r, abs_w;
	uint8_t *mem, *before, *buf;
	size_t len;
	int rc_r, rc_w, rc;

	memcpy(hdr, data, size < HEADER ? size : HEADER);
	gsize = sizes[(hdr[45] >> 1) & 7];
	mem = malloc(gsize);
	before = malloc(gsize);
	memset(mem, 0, gsize);
	if (size > HEADER)
		memcpy(mem, data + HEADER, size - HEADER < gsize ? size - HEADER : gsize);

	r.psw_mask = take64(hdr + 0);
	r.cr0 = take64(hdr + 8);
	r.cr1 = take64(hdr + 16);
	r.cr7 = take64(hdr + 24);
	r.cr13 = take64(hdr + 32);
	r.prefix = gmem_be32(hdr + 40);
	r.facilities = hdr[44];
	logical = take64(hdr + 48);
	len = gmem_be16(hdr + 46) + ((hdr[45] & 0x80) ? 65536u : 0u);
	if (hdr[45] & 1) {
		for (uint64_t i = 0; i + 8 <= gsize; i += 8)
			gmem_put64(mem + i, fold(gmem_be64(mem + i), gsize));
		r.cr1 = fold(r.cr1, gsize);
		r.cr7 = fold(r.cr7, gsize);
		r.cr13 = fold(r.cr13, gsize);
	}
	h.mem = mem;
	h.hole = (hdr[45] & 0x10) ? (hdr[57] % (gsize / 4096 + 1)) : ~0ULL;
	g.size = gsize;
	g.page = holey_page;
	g.priv = &h;

	/* Prefixing is an involution. */
	uint64_t real = logical & 0xffffffffULL;
	if (gdat_real_to_abs(gdat_real_to_abs(real, r.prefix), r.prefix) != real)
		__builtin_trap();

	/* One address, both ways. */
	rc_r = translate(&g, &r, logical, false, &abs_r, &f);
	rc_w = translate(&g, &r, logical, true, &abs_w, &f2);
	if (rc_w == 0 && (rc_r != 0 || abs_w != abs_r))
		__builtin_trap();

	/* A range: read. */
	buf = malloc(len ? len : 1);
	rc = gdat_check(&g, &r, logical, len, false, &f);
	if (gdat_read(&g, &r, logical, buf, len, &f2) != rc)
		__builtin_trap();
	if (rc != 0) {
		check_fault(&f2);
		if (f.code != f2.code || f.teid != f2.teid)
			__builtin_trap();
	} else if (len && rc_r == 0 && h.hole == ~0ULL && buf[0] != mem[abs_r]) {
		__builtin_trap();
	}

	/* A range: write. */
	memset(buf, hdr[56], len ? len : 1);
	memcpy(before, mem, gsize);
	rc = gdat_check(&g, &r, logical, len, true, &f);
	if (memcmp(before, mem, gsize) != 0)
		__builtin_trap();
	if (gdat_write(&g, &r, logical, buf, len, &f2) == 0) {
		size_t changed = 0;

		if (rc != 0 || len > GDAT_WRITE_MAX)
			__builtin_trap();
		for (uint64_t i = 0; i < gsize; i++)
			changed += before[i] != mem[i];
		if (changed > len)
			__builtin_trap();
	} else {
		check_fault(&f2);
		if (memcmp(before, mem, gsize) != 0)
			__builtin_trap();
		if (len <= GDAT_WRITE_MAX && (rc == 0 || f.code != f2.code || f.teid != f2.teid))
			__builtin_trap();
	}

	free(buf);
	free(before);
	free(mem);
	return 0;
}
