/* Guest storage: frames and the host DAT tables that map them (see gstorage.h). */
#include "kernel/vm/gstorage.h"
#include "kernel/mm/memory.h"
#include "kernel/alloc.h"
#include "kernel/sched.h"
#include "arch/s390x/insn.h"
#include <string.h>

/* Table entry bits (z/Architecture DAT). */
#define ASCE_DT_REGION3   0x04ULL   /* bits 60-61 = 01 */
#define ASCE_TL_FULL      0x03ULL   /* bits 62-63: four 4K pages of table */
#define RTE_INVALID       0x20ULL   /* bit 58 */
#define RTE_TT_REGION3    0x04ULL   /* bits 60-61 = 01 */
#define RTE_TL_FULL       0x03ULL
#define STE_INVALID       0x20ULL   /* bit 58 */
#define PTE_INVALID       0x400ULL  /* bit 53 */
#define ORIGIN_4K         (~0xfffULL)
#define ORIGIN_2K         (~0x7ffULL)

#define TABLE_ENTRIES     2048
#define TABLE_ORDER       2         /* 16 KiB */
#define PT_ENTRIES        256
#define CHUNK_ORDER       8         /* 1 MiB */

static uint64_t *table_alloc(struct gstorage *gs, uint64_t invalid_entry)
{
	uint64_t *t = (uint64_t *)(uintptr_t)frame_alloc(TABLE_ORDER);

	if (!t)
		return NULL;
	for (unsigned int i = 0; i < TABLE_ENTRIES; i++)
		t[i] = invalid_entry;
	gs->table_frames += 1U << TABLE_ORDER;
	return t;
}

/* Clear a frame and give it key 0 with reference and change bits off. */
static void frame_scrub(uint64_t addr, unsigned int order)
{
	memset((void *)(uintptr_t)addr, 0, FRAME_SIZE << order);
	for (uint64_t a = addr; a < addr + (FRAME_SIZE << order); a += FRAME_SIZE)
		sske(a, 0);
}

/* Map segment `seg` (1 MiB at seg << 20): a page table and its frames. */
static int map_segment(struct gstorage *gs, uint64_t *st, uint64_t seg)
{
	uint64_t *pt = (uint64_t *)(uintptr_t)frame_alloc_zeroed(0);
	uint64_t chunk, base = seg << 20;
	unsigned int valid = PT_ENTRIES;

	if (!pt)
		return -1;
	gs->table_frames++;
	if (base + GSTORAGE_SEGMENT > gs->size)
		valid = (unsigned int)((gs->size - base) >> 12);
	chunk = valid == PT_ENTRIES ? frame_alloc(CHUNK_ORDER) : 0;
	if (chunk) {
		frame_scrub(chunk, CHUNK_ORDER);
		for (unsigned int i = 0; i < PT_ENTRIES; i++)
			pt[i] = chunk + ((uint64_t)i << 12);
		gs->seg_order[seg] = CHUNK_ORDER;
	} else {
		for (unsigned int i = 0; i < PT_ENTRIES; i++) {
			uint64_t f = i < valid ? frame_alloc(0) : 0;

			if (i < valid && !f) {
				for (unsigned int k = 0; k < i; k++)
					frame_free(pt[k], 0);
				frame_free((uint64_t)(uintptr_t)pt, 0);
				gs->table_frames--;
				return -1;
			}
			if (f)
				frame_scrub(f, 0);
			pt[i] = f ? f : PTE_INVALID;
		}
		gs->seg_order[seg] = 0;
	}
	/* The page-status entries (second half of the 4K) start zero: key 0, no R/C. */
	gs->frames += valid;
	st[seg & (TABLE_ENTRIES - 1)] = (uint64_t)(uintptr_t)pt & ORIGIN_2K;
	return 0;
}

static uint8_t *gmem_page(const struct gmem *g, uint64_t gabs)
{
	return gstorage_host_addr(g->priv, gabs);
}

int gstorage_create(struct gstorage *gs, uint64_t size)
{
	uint64_t nseg;

	memset(gs, 0, sizeof(*gs));
	size = ALIGN_UP(size, GSTORAGE_SEGMENT);
	if (size == 0 || size > GSTORAGE_MAX)
		return -1;
	gs->size = size;
	nseg = size >> 20;
	gs->seg_order = kzalloc(nseg);
	gs->r3t = table_alloc(gs, RTE_INVALID | RTE_TT_REGION3);
	if (!gs->seg_order || !gs->r3t)
		goto fail;
	for (uint64_t seg = 0; seg < nseg; seg++) {
		uint64_t rx = seg >> 11;
		uint64_t *st;

		if (gs->r3t[rx] & RTE_INVALID) {
			st = table_alloc(gs, STE_INVALID);
			if (!st)
				goto fail;
			gs->r3t[rx] = ((uint64_t)(uintptr_t)st & ORIGIN_4K) | RTE_TT_REGION3 | RTE_TL_FULL;
		}
		st = (uint64_t *)(uintptr_t)(gs->r3t[rx] & ORIGIN_4K);
		if (map_segment(gs, st, seg) != 0)
			goto fail;
		if ((seg & 63) == 63)
			cond_resched(); /* clearing large storage takes a while under emulation */
	}
	gs->asce = ((uint64_t)(uintptr_t)gs->r3t & ORIGIN_4K) | ASCE_DT_REGION3 | ASCE_TL_FULL;
	gs->gmem.size = size;
	gs->gmem.page = gmem_page;
	gs->gmem.priv = gs;
	return 0;
fail:
	gstorage_destroy(gs);
	return -1;
}

void gstorage_destroy(struct gstorage *gs)
{
	if (gs->r3t) {
		for (unsigned int rx = 0; rx < TABLE_ENTRIES; rx++) {
			uint64_t *st;

			if (gs->r3t[rx] & RTE_INVALID)
				continue;
			st = (uint64_t *)(uintptr_t)(gs->r3t[rx] & ORIGIN_4K);
			for (unsigned int sx = 0; sx < TABLE_ENTRIES; sx++) {
				uint64_t seg = ((uint64_t)rx << 11) | sx;
				uint64_t *pt;

				if (st[sx] & STE_INVALID)
					continue;
				pt = (uint64_t *)(uintptr_t)(st[sx] & ORIGIN_2K);
				if (gs->seg_order[seg] == CHUNK_ORDER) {
					frame_free(pt[0] & ORIGIN_4K, CHUNK_ORDER);
				} else {
					for (unsigned int i = 0; i < PT_ENTRIES; i++)
						if (!(pt[i] & PTE_INVALID))
							frame_free(pt[i] & ORIGIN_4K, 0);
				}
				frame_free((uint64_t)(uintptr_t)pt, 0);
			}
			frame_free((uint64_t)(uintptr_t)st, TABLE_ORDER);
		}
		frame_free((uint64_t)(uintptr_t)gs->r3t, TABLE_ORDER);
	}
	kfree(gs->seg_order);
	memset(gs, 0, sizeof(*gs));
}

uint8_t *gstorage_host_addr(const struct gstorage *gs, uint64_t gabs)
{
	uint64_t rte, ste, pte, *st, *pt;

	if (!gs->r3t || gabs >= gs->size)
		return NULL;
	rte = gs->r3t[(gabs >> 31) & (TABLE_ENTRIES - 1)];
	if (rte & RTE_INVALID)
		return NULL;
	st = (uint64_t *)(uintptr_t)(rte & ORIGIN_4K);
	ste = st[(gabs >> 20) & (TABLE_ENTRIES - 1)];
	if (ste & STE_INVALID)
		return NULL;
	pt = (uint64_t *)(uintptr_t)(ste & ORIGIN_2K);
	pte = pt[(gabs >> 12) & (PT_ENTRIES - 1)];
	if (pte & PTE_INVALID)
		return NULL;
	return (uint8_t *)(uintptr_t)((pte & ORIGIN_4K) | (gabs & 0xfff));
}
