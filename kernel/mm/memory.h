/* The hypervisor's storage: frames of real storage and the kernel heap. */
#ifndef PLEXVM_KERNEL_MM_MEMORY_H
#define PLEXVM_KERNEL_MM_MEMORY_H

#include "kernel/compiler.h"
#include "kernel/mm/frames.h"
#include "kernel/mm/slab.h"

struct mem_region {
	uint64_t start, end;       /* [start, end) */
	const char *what;
};

/*
 * Manage storage [0, storage_size) minus the reserved regions (the image,
 * lowcore, the initial ramdisk...). The frame state table is carved from
 * storage itself.
 */
int memory_init(uint64_t storage_size, const struct mem_region *reserved, unsigned int nreserved);

/* Real storage frames (absolute addresses; the hypervisor runs with DAT off). */
uint64_t frame_alloc(unsigned int order);
uint64_t frame_alloc_zeroed(unsigned int order);
void frame_free(uint64_t addr, unsigned int order);

struct memory_stats {
	uint64_t storage_size;
	uint64_t managed_frames;
	uint64_t free_frames;
	uint64_t reserved_bytes;
	uint64_t heap_large_bytes;
	uint64_t heap_objects;
	uint64_t heap_slabs;
	uint64_t alloc_failures;
	int largest_free_order;
};
void memory_stats(struct memory_stats *out);
uint64_t memory_storage_size(void);

extern struct frame_allocator storage_frames;

#endif
