/*
 * The DAT table walk on its own: from an ASCE (not a real-space designation)
 * and a virtual address to a real address (through a page-table entry) or an
 * absolute one (an EDAT frame), with the DAT-protection bits met on the way.
 * Used by gdat_translate (gdat.h), which adds address-space selection,
 * low-address protection, prefixing and the operand's addressing check.
 */
#ifndef PLEXVM_KERNEL_VM_GDAT_WALK_H
#define PLEXVM_KERNEL_VM_GDAT_WALK_H

#include "kernel/compiler.h"
#include "kernel/vdev/gmem.h"

/* Which enhanced-DAT formats apply (installed and enabled by CR0 bit 40). */
#define GDAT_WALK_EDAT1  0x1u
#define GDAT_WALK_EDAT2  0x2u

struct gdat_walk_result {
	uint64_t addr;     /* the translated address of the byte */
	bool absolute;     /* addr is absolute (1 MiB or 2 GiB frame): no prefixing */
	bool protect;      /* a DAT-protection bit applied on the path */
};

/*
 * Walk the tables designated by asce for vaddr. 0 with *out filled, or the
 * program interruption code (GDAT_PGM_*): ASCE type, region-first/second/third,
 * segment or page translation, translation specification, or addressing (a
 * table entry outside guest storage).
 */
int gdat_walk(const struct gmem *g, uint64_t asce, uint64_t vaddr, unsigned int edat,
	      struct gdat_walk_result *out);

#endif
