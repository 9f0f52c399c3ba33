/*
 * DAT table walk (PoP chapter 3, "Translation Process"). The levels are numbered
 * as the designation and table types: 3 region first, 2 region second, 1 region
 * third, 0 segment; the page table follows level 0. Checks at each level are
 * made in the architecture's order: the entry's addressing, its invalid bit, its
 * table type (translation specification), format-specific checks, then the
 * next table's offset and length against the next index.
 */
#include "kernel/vm/gdat_walk.h"
#include "kernel/vm/gdat_bits.h"

/* The translation exception of each level (its invalid bit, or a length/offset miss on its table). */
static const uint16_t level_exception[4] = {
	[GDAT_TT_SEGMENT] = GDAT_PGM_SEGMENT_TRANS,
	[GDAT_TT_REGION3] = GDAT_PGM_REGION_THIRD,
	[GDAT_TT_REGION2] = GDAT_PGM_REGION_SECOND,
	[GDAT_TT_REGION1] = GDAT_PGM_REGION_FIRST,
};

/* The 11-bit index of vaddr into a table of the given level. */
static uint64_t level_index(uint64_t vaddr, unsigned int level)
{
	return (vaddr >> (GDAT_SX_SHIFT + GDAT_INDEX_BITS * level)) & GDAT_INDEX_MASK;
}

/* Whether an index lies inside a table with offset tf and length tl (4 KiB units). */
static bool index_in_table(uint64_t index, uint64_t tf, uint64_t tl)
{
	uint64_t part = index >> GDAT_INDEX_TL_SHIFT;

	return part >= tf && part <= tl;
}

/* Fetch one 8-byte table entry at an absolute address. false: addressing exception. */
static bool fetch_entry(const struct gmem *g, uint64_t abs, uint64_t *entry)
{
	uint8_t raw[GDAT_ENTRY_SIZE];

	if (gmem_read(g, abs, raw, sizeof(raw)) != 0)
		return false;
	*entry = gmem_be64(raw);
	return true;
}

int gdat_walk(const struct gmem *g, uint64_t asce, uint64_t vaddr, unsigned int edat,
	      struct gdat_walk_result *out)
{
	unsigned int level = (unsigned int)((asce & GDAT_ASCE_DT_MASK) >> GDAT_ASCE_DT_SHIFT);
	bool edat1 = edat & GDAT_WALK_EDAT1;
	bool edat2 = edat1 && (edat & GDAT_WALK_EDAT2);
	bool private_space = asce & GDAT_ASCE_P;
	bool protect = false;
	uint64_t table = asce & GDAT_ASCE_ORIGIN;
	uint64_t index = level_index(vaddr, level);
	uint64_t entry, pte;

	/* The address must not reach above what the designated table covers. */
	if (level < GDAT_TT_REGION1 && (vaddr >> (GDAT_SX_SHIFT + GDAT_INDEX_BITS * (level + 1))) != 0)
		return GDAT_PGM_ASCE_TYPE;
	if (!index_in_table(index, 0, asce & GDAT_ASCE_TL_MASK))
		return level_exception[level];

	/* Region-table entries, down to the segment table. */
	for (; level > GDAT_TT_SEGMENT; level--) {
		uint64_t next;

		if (!fetch_entry(g, table + index * GDAT_ENTRY_SIZE, &entry))
			return GDAT_PGM_ADDRESSING;
		if (entry & GDAT_RTE_I)
			return level_exception[level];
		if (((entry & GDAT_RTE_TT_MASK) >> GDAT_RTE_TT_SHIFT) != level)
			return GDAT_PGM_TRANS_SPEC;
		if (level == GDAT_TT_REGION3 && edat2) {
			if ((entry & GDAT_RTE_CR) && private_space)
				return GDAT_PGM_TRANS_SPEC;
			if (entry & GDAT_RTE_FC) {
				out->addr = (entry & GDAT_RTTE_RFAA) | (vaddr & (GDAT_REGION3_SIZE - 1));
				out->absolute = true;
				out->protect = protect || (entry & GDAT_RTE_P);
				return 0;
			}
		}
		next = level_index(vaddr, level - 1);
		if (!index_in_table(next, (entry & GDAT_RTE_TF_MASK) >> GDAT_RTE_TF_SHIFT,
				    entry & GDAT_RTE_TL_MASK))
			return level_exception[level - 1];
		if (edat1 && (entry & GDAT_RTE_P))
			protect = true;
		table = entry & GDAT_RTE_ORIGIN;
		index = next;
	}

	/* Segment-table entry. */
	if (!fetch_entry(g, table + index * GDAT_ENTRY_SIZE, &entry))
		return GDAT_PGM_ADDRESSING;
	if (entry & GDAT_STE_I)
		return GDAT_PGM_SEGMENT_TRANS;
	if (((entry & GDAT_STE_TT_MASK) >> GDAT_STE_TT_SHIFT) != GDAT_TT_SEGMENT)
		return GDAT_PGM_TRANS_SPEC;
	if ((entry & GDAT_STE_CS) && private_space)
		return GDAT_PGM_TRANS_SPEC;
	if (entry & GDAT_STE_P)
		protect = true;
	if (edat1 && (entry & GDAT_STE_FC)) {
		out->addr = (entry & GDAT_STE_SFAA) | (vaddr & (GDAT_SEGMENT_SIZE - 1));
		out->absolute = true;
		out->protect = protect;
		return 0;
	}

	/* Page-table entry. */
	if (!fetch_entry(g, (entry & GDAT_STE_PTO) + ((vaddr >> GDAT_PX_SHIFT) & GDAT_PX_MASK) * GDAT_ENTRY_SIZE,
			 &pte))
		return GDAT_PGM_ADDRESSING;
	if (pte & GDAT_PTE_I)
		return GDAT_PGM_PAGE_TRANS;
	if (pte & GDAT_PTE_Z)
		return GDAT_PGM_TRANS_SPEC;
	out->addr = (pte & GDAT_PTE_PFRA) | (vaddr & (GDAT_PAGE_SIZE - 1));
	out->absolute = false;
	out->protect = protect || (pte & GDAT_PTE_P);
	return 0;
}
