/*
 * A guest's absolute storage: frames of real storage mapped by host DAT
 * tables. SIE translates guest absolute addresses (plus an MSO of 0) as host
 * primary virtual addresses through CR1, which sie_enter loads with this
 * storage's ASCE, even though the hypervisor itself runs with DAT off.
 *
 *   ASCE -> region-third table (2048 entries of 2 GiB)
 *        -> segment tables (2048 entries of 1 MiB)
 *        -> page tables (256 entries of 4 KiB, 4 KiB apart: the second half
 *           holds the page-status table entries, where SIE keeps guest
 *           reference and change bits)
 * Storage comes in 1 MiB chunks where the allocator has them, else page by
 * page; it is cleared and its storage keys set to 0 when created, so nothing
 * of an earlier owner is visible.
 */
#ifndef PLEXVM_KERNEL_VM_GSTORAGE_H
#define PLEXVM_KERNEL_VM_GSTORAGE_H

#include "kernel/compiler.h"
#include "kernel/vdev/gmem.h"

#define GSTORAGE_MAX (1ULL << 42)          /* 4 TiB: one region-third table */
#define GSTORAGE_SEGMENT (1ULL << 20)

struct gstorage {
	uint64_t size;            /* bytes, a multiple of 1 MiB */
	uint64_t asce;            /* loaded into CR1 for SIE */
	uint64_t *r3t;            /* region-third table */
	uint8_t *seg_order;       /* per 1 MiB segment: 8 = one 1 MiB chunk, 0 = single frames */
	uint64_t frames;          /* 4 KiB frames of guest storage held */
	uint64_t table_frames;    /* 4 KiB frames of tables held */
	struct gmem gmem;         /* access for device models (bounds-checked) */
};

/* Allocate and map `size` bytes (rounded up to 1 MiB). 0, or -1 when storage runs out (nothing kept). */
int gstorage_create(struct gstorage *gs, uint64_t size);
/* Unmap and free everything. */
void gstorage_destroy(struct gstorage *gs);
/* Host (real = absolute) address of guest absolute gabs, or NULL when outside. */
uint8_t *gstorage_host_addr(const struct gstorage *gs, uint64_t gabs);

#endif
