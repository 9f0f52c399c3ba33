/*
 * Frame allocator: a buddy allocator over 4 KiB frames. Blocks of 2^order
 * frames are naturally aligned relative to the allocator's base (the kernel
 * uses base 0, so an order-8 block is 1 MiB-aligned in absolute storage).
 * One state byte per frame records free block heads, allocated block heads
 * (with their order) and reserved frames, so bad frees are caught.
 * Free blocks carry their list links in their own first bytes.
 * Hardware-independent: unit-tested on the host over a malloc'd arena.
 */
#ifndef PLEXVM_KERNEL_MM_FRAMES_H
#define PLEXVM_KERNEL_MM_FRAMES_H

#include "kernel/compiler.h"
#include "kernel/spinlock.h"

#define FRAME_SHIFT 12
#define FRAME_SIZE  (1UL << FRAME_SHIFT)
#define FRAME_MAX_ORDER 18 /* 1 GiB blocks */

struct frame_free_block;

struct frame_allocator {
	uint64_t base;               /* address of frame 0 */
	uint64_t nframes;            /* frames covered by state[] */
	uint8_t *state;              /* one byte per frame */
	struct frame_free_block *free_list[FRAME_MAX_ORDER + 1];
	uint64_t free_blocks[FRAME_MAX_ORDER + 1];
	uint64_t free_frames;
	uint64_t managed_frames;     /* frames ever handed to the allocator */
	uint64_t alloc_failures;
	struct spinlock lock;
};

enum frame_error {
	FRAME_OK = 0,
	FRAME_ERR_RANGE = -1,        /* address outside the allocator */
	FRAME_ERR_ALIGN = -2,        /* not a block boundary */
	FRAME_ERR_NOT_ALLOCATED = -3,/* double free or never allocated */
	FRAME_ERR_ORDER = -4,        /* freed with another order than allocated */
};

/* Bytes of state needed for nframes frames. */
static inline size_t frame_state_bytes(uint64_t nframes) { return (size_t)nframes; }

/* Set up with every frame reserved; state must hold frame_state_bytes(nframes). */
void frames_init(struct frame_allocator *fa, uint64_t base, uint64_t nframes, uint8_t *state);
/* Give [start, end) to the allocator (rounded inwards to frames). */
void frames_add_range(struct frame_allocator *fa, uint64_t start, uint64_t end);
/* Allocate 2^order contiguous frames; returns the address or 0. */
uint64_t frames_alloc(struct frame_allocator *fa, unsigned int order);
/* Same, with the block marked as owned by the slab allocator (see frames_tagged). */
uint64_t frames_alloc_tagged(struct frame_allocator *fa, unsigned int order);
/* Whether the allocated block at addr was allocated tagged. */
bool frames_tagged(struct frame_allocator *fa, uint64_t addr);
/* Free a block; returns FRAME_OK or an error (the block is then left untouched). */
enum frame_error frames_free(struct frame_allocator *fa, uint64_t addr, unsigned int order);
/* Order of the allocated block starting at addr, or -1. */
int frames_allocated_order(struct frame_allocator *fa, uint64_t addr);
/* Smallest order whose block holds size bytes. */
unsigned int frames_order_for(uint64_t size);
uint64_t frames_free_count(struct frame_allocator *fa);
/* Largest order with a free block, or -1. */
int frames_largest_free_order(struct frame_allocator *fa);
/* Consistency check of lists and state bytes (for tests and QUERY FRAMES): 0 if sound. */
int frames_check(struct frame_allocator *fa);

#endif
