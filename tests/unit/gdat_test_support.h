/*
 * A guest for the guest-address-translation tests: 16 MiB of flat storage with
 * a bump allocator for DAT tables from 8 MiB up, and helpers that build and
 * reach table entries. Entry values are written big-endian, as a guest would.
 * The helpers spell the architected bits as literals (not gdat_bits.h), so the
 * tests check the header's constants too.
 */
#ifndef TESTS_UNIT_GDAT_TEST_SUPPORT_H
#define TESTS_UNIT_GDAT_TEST_SUPPORT_H

#include "kernel/vm/gdat.h"

#define GT_SIZE    0x1000000ULL   /* 16 MiB of guest storage */
#define GT_TABLES  0x800000ULL    /* tables are allocated from here up */

/* Literal bit values (PoP bit n of a doubleword is 1 << (63 - n)). */
#define GT_PSW_DAT     0x0400000000000000ULL  /* bit 5 */
#define GT_PSW_SEC     0x0000800000000000ULL  /* bits 16-17 = 10 */
#define GT_PSW_HOME    0x0000c00000000000ULL  /* bits 16-17 = 11 */
#define GT_PSW_AR      0x0000400000000000ULL  /* bits 16-17 = 01 */
#define GT_PSW_EA      0x0000000100000000ULL  /* bit 31 */
#define GT_PSW_BA      0x0000000080000000ULL  /* bit 32 */
#define GT_PSW_64      (GT_PSW_EA | GT_PSW_BA)
#define GT_CR0_LAP     0x0000000010000000ULL  /* bit 35 */
#define GT_CR0_EDAT    0x0000000000800000ULL  /* bit 40 */
#define GT_ASCE_P      0x100ULL               /* bit 55 */
#define GT_ASCE_R      0x020ULL               /* bit 58 */
#define GT_I           0x020ULL               /* region/segment invalid, bit 58 */
#define GT_CS          0x010ULL               /* common segment / region, bit 59 */
#define GT_P           0x200ULL               /* DAT protection, bit 54 */
#define GT_FC          0x400ULL               /* format control, bit 53 */
#define GT_PTE_I       0x400ULL               /* page invalid, bit 53 */
#define GT_PTE_Z       0x800ULL               /* bit 52 */
#define GT_TEID_FETCH  0x800ULL               /* bits 52-53 = 10 */
#define GT_TEID_STORE  0x400ULL               /* bits 52-53 = 01 */
#define GT_TEID_LAP    0x080ULL               /* bit 56 */
#define GT_TEID_DATP   0x004ULL               /* bit 61 */

struct gguest {
	uint8_t *mem;
	struct gmem g;
	struct gdat_regs r;
	uint64_t next;          /* next free byte for tables */
	struct gdat_fault f;    /* the last fault */
	uint64_t abs;           /* the last translation */
};

/* Zeroed storage, DAT off, 64-bit mode, prefix 0, no EDAT. */
void gt_init(struct gguest *t);
void gt_fini(struct gguest *t);

uint64_t gt_get(const struct gguest *t, uint64_t abs);
void gt_put(struct gguest *t, uint64_t abs, uint64_t v);

/* A table of a level (3..1 region first..third, 0 segment) of `pages` 4 KiB blocks,
 * every entry invalid with the right table type; a page table (256 invalid entries). */
uint64_t gt_table(struct gguest *t, unsigned int level, unsigned int pages);
uint64_t gt_page_table(struct gguest *t);

/* A fresh table of the ASCE's level with (tl + 1) blocks, and the ASCE for it. */
uint64_t gt_new_asce(struct gguest *t, unsigned int dt, unsigned int tl);

/* Map the 4 KiB page at vaddr to a real frame through asce's tables, creating
 * full-length (TL 3) lower tables where entries are invalid. The PTE's address. */
uint64_t gt_map(struct gguest *t, uint64_t asce, uint64_t vaddr, uint64_t real);

/* The absolute address of the entry for vaddr at a level (3..0, or -1 for the page
 * table), following valid entries; the entries above must exist. */
uint64_t gt_entry(const struct gguest *t, uint64_t asce, uint64_t vaddr, int level);

/* DAT on in 64-bit mode with the address-space bits (GT_PSW_SEC/HOME/AR or 0). */
void gt_dat_on(struct gguest *t, uint64_t as_bits);

/* gdat_translate into t->abs / t->f. */
int gt_xlate(struct gguest *t, uint64_t logical, bool write);

#endif
