/*
 * Small-object allocator: size classes from 16 to 2048 bytes carved from
 * 16 KiB slabs, larger requests straight from the frame allocator. Every
 * object's slab keeps an allocation bitmap, so double and wild frees are
 * detected rather than corrupting the heap. The page source is a set of
 * callbacks, which lets the same code run over a host arena in unit tests.
 */
#ifndef PLEXVM_KERNEL_MM_SLAB_H
#define PLEXVM_KERNEL_MM_SLAB_H

#include "kernel/compiler.h"
#include "kernel/list.h"
#include "kernel/spinlock.h"

#define SLAB_ORDER 2
#define SLAB_SIZE (4096UL << SLAB_ORDER)
#define SLAB_MIN_OBJECT 16
#define SLAB_MAX_OBJECT 2048
#define SLAB_CLASSES 8 /* 16 32 64 128 256 512 1024 2048 */

struct page_source {
	/* Allocate 2^order 4K frames, marked as a slab when slab is set; 0 on failure. */
	uint64_t (*alloc)(void *ctx, unsigned int order, bool slab);
	int (*free)(void *ctx, uint64_t addr, unsigned int order);  /* 0 on success */
	/* Order of the allocated block starting at addr (or -1), and whether it is a slab. */
	int (*order_of)(void *ctx, uint64_t addr, bool *slab);
	void *ctx;
};

struct slab_class {
	size_t size;
	struct list partial;     /* slabs with free objects */
	struct list full;
	uint64_t slabs;
	uint64_t in_use;         /* objects allocated */
};

struct small_allocator {
	struct page_source pages;
	struct slab_class classes[SLAB_CLASSES];
	uint64_t large_blocks;
	uint64_t large_bytes;
	uint64_t failures;
	uint64_t bad_frees;
	struct spinlock lock;
};

enum small_free_result {
	SMALL_FREE_OK = 0,
	SMALL_FREE_NULL = 1,         /* kfree(NULL): nothing to do */
	SMALL_FREE_BAD_POINTER = -1, /* not something this allocator handed out */
	SMALL_FREE_DOUBLE = -2,      /* object already free */
};

void small_init(struct small_allocator *sa, const struct page_source *pages);
void *small_alloc(struct small_allocator *sa, size_t size);
enum small_free_result small_free(struct small_allocator *sa, void *p);
/* Usable size of an allocated object, or 0 if p is not one. */
size_t small_usable_size(struct small_allocator *sa, void *p);

#endif
