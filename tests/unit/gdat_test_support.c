/* The test guest for guest address translation (gdat_test_support.h). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "tests/unit/gdat_test_support.h"

void gt_init(struct gguest *t)
{
	memset(t, 0, sizeof(*t));
	t->mem = calloc(1, GT_SIZE);
	cr_assert_not_null(t->mem);
	gmem_flat_init(&t->g, t->mem, GT_SIZE);
	t->r.psw_mask = GT_PSW_64;
	t->next = GT_TABLES;
}

void gt_fini(struct gguest *t)
{
	free(t->mem);
	t->mem = NULL;
}

uint64_t gt_get(const struct gguest *t, uint64_t abs)
{
	uint64_t v = 0;

	cr_assert(abs + 8 <= GT_SIZE);
	for (int i = 0; i < 8; i++)
		v = v << 8 | t->mem[abs + i];
	return v;
}

void gt_put(struct gguest *t, uint64_t abs, uint64_t v)
{
	cr_assert(abs + 8 <= GT_SIZE);
	for (int i = 7; i >= 0; i--, v >>= 8)
		t->mem[abs + i] = (uint8_t)v;
}

static uint64_t alloc(struct gguest *t, uint64_t bytes, uint64_t align)
{
	uint64_t at = (t->next + align - 1) & ~(align - 1);

	cr_assert(at + bytes <= GT_SIZE, "test guest out of table space");
	t->next = at + bytes;
	return at;
}

uint64_t gt_table(struct gguest *t, unsigned int level, unsigned int pages)
{
	uint64_t origin = alloc(t, pages * 4096ULL, 4096);

	for (uint64_t i = 0; i < pages * 512ULL; i++)
		gt_put(t, origin + i * 8, GT_I | (uint64_t)level << 2);
	return origin;
}

uint64_t gt_page_table(struct gguest *t)
{
	uint64_t origin = alloc(t, 2048, 2048);

	for (uint64_t i = 0; i < 256; i++)
		gt_put(t, origin + i * 8, GT_PTE_I);
	return origin;
}

uint64_t gt_new_asce(struct gguest *t, unsigned int dt, unsigned int tl)
{
	return gt_table(t, dt, tl + 1) | (uint64_t)dt << 2 | tl;
}

static uint64_t index_at(uint64_t vaddr, int level)
{
	return (vaddr >> (20 + 11 * level)) & 0x7ff;
}

uint64_t gt_map(struct gguest *t, uint64_t asce, uint64_t vaddr, uint64_t real)
{
	uint64_t table = asce & ~0xfffULL;
	int level = (int)((asce >> 2) & 3);
	uint64_t at, e;

	for (; level > 0; level--) {
		at = table + index_at(vaddr, level) * 8;
		e = gt_get(t, at);
		if (e & GT_I) {
			e = gt_table(t, (unsigned int)level - 1, 4) | (uint64_t)level << 2 | 3;
			gt_put(t, at, e);
		}
		table = e & ~0xfffULL;
	}
	at = table + index_at(vaddr, 0) * 8;
	e = gt_get(t, at);
	if (e & GT_I) {
		e = gt_page_table(t);
		gt_put(t, at, e);
	}
	at = (e & ~0x7ffULL) + ((vaddr >> 12) & 0xff) * 8;
	gt_put(t, at, real & ~0xfffULL);
	return at;
}

uint64_t gt_entry(const struct gguest *t, uint64_t asce, uint64_t vaddr, int level)
{
	uint64_t table = asce & ~0xfffULL;
	int l = (int)((asce >> 2) & 3);

	for (;; l--) {
		uint64_t at = table + index_at(vaddr, l) * 8;

		if (l == level)
			return at;
		table = gt_get(t, at) & (l ? ~0xfffULL : ~0x7ffULL);
		if (l == 0)
			return table + ((vaddr >> 12) & 0xff) * 8;
	}
}

void gt_dat_on(struct gguest *t, uint64_t as_bits)
{
	t->r.psw_mask = GT_PSW_DAT | GT_PSW_64 | as_bits;
}

int gt_xlate(struct gguest *t, uint64_t logical, bool write)
{
	memset(&t->f, 0xaa, sizeof(t->f));
	t->abs = 0xdeadbeefULL;
	return gdat_translate(&t->g, &t->r, logical, write, &t->abs, &t->f);
}
