/* The buddy frame allocator over a host arena. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/mm/frames.h"

#define ARENA_FRAMES 4096 /* 16 MiB */

static struct frame_allocator fa;
static uint8_t *arena;
static uint8_t state[ARENA_FRAMES];
static uint64_t base;

static void setup(void)
{
	arena = aligned_alloc(1UL << 24, (size_t)ARENA_FRAMES * FRAME_SIZE);
	cr_assert_not_null(arena);
	base = (uint64_t)(uintptr_t)arena;
	frames_init(&fa, base, ARENA_FRAMES, state);
}

static void teardown(void)
{
	free(arena);
}

TestSuite(frames, .init = setup, .fini = teardown);

Test(frames, starts_reserved_and_gains_ranges)
{
	cr_assert_eq(frames_free_count(&fa), 0);
	cr_assert_eq(frames_alloc(&fa, 0), 0);
	frames_add_range(&fa, base + 3 * FRAME_SIZE + 100, base + 100 * FRAME_SIZE);
	/* Rounded inwards: frames 4..99. */
	cr_assert_eq(frames_free_count(&fa), 96);
	cr_assert_eq(frames_check(&fa), 0);
}

Test(frames, blocks_are_naturally_aligned)
{
	frames_add_range(&fa, base, base + ARENA_FRAMES * FRAME_SIZE);
	for (unsigned int order = 0; order <= 10; order++) {
		uint64_t a = frames_alloc(&fa, order);

		cr_assert_neq(a, 0, "order %u", order);
		cr_assert_eq((a - base) % (FRAME_SIZE << order), 0, "order %u misaligned", order);
		cr_assert_eq(frames_allocated_order(&fa, a), (int)order);
	}
	cr_assert_eq(frames_check(&fa), 0);
}

Test(frames, free_merges_back_to_the_largest_block)
{
	uint64_t a[64];

	frames_add_range(&fa, base, base + 64 * FRAME_SIZE);
	cr_assert_eq(frames_largest_free_order(&fa), 6);
	for (int i = 0; i < 64; i++)
		cr_assert_neq(a[i] = frames_alloc(&fa, 0), 0);
	cr_assert_eq(frames_alloc(&fa, 0), 0, "exhausted storage must fail, not wrap");
	cr_assert_eq(fa.alloc_failures, 1);
	for (int i = 63; i >= 0; i -= 2)
		cr_assert_eq(frames_free(&fa, a[i], 0), FRAME_OK);
	cr_assert_eq(frames_largest_free_order(&fa), 0);
	for (int i = 62; i >= 0; i -= 2)
		cr_assert_eq(frames_free(&fa, a[i], 0), FRAME_OK);
	cr_assert_eq(frames_largest_free_order(&fa), 6);
	cr_assert_eq(frames_free_count(&fa), 64);
	cr_assert_eq(frames_check(&fa), 0);
}

Test(frames, bad_frees_are_refused)
{
	uint64_t a, b;

	frames_add_range(&fa, base, base + 64 * FRAME_SIZE);
	a = frames_alloc(&fa, 2);
	b = frames_alloc(&fa, 0);
	cr_assert_eq(frames_free(&fa, a, 1), FRAME_ERR_ORDER);
	cr_assert_eq(frames_free(&fa, a + FRAME_SIZE, 0), FRAME_ERR_NOT_ALLOCATED);
	cr_assert_eq(frames_free(&fa, a + 8, 2), FRAME_ERR_ALIGN);
	cr_assert_eq(frames_free(&fa, base - FRAME_SIZE, 0), FRAME_ERR_RANGE);
	cr_assert_eq(frames_free(&fa, base + ARENA_FRAMES * FRAME_SIZE, 0), FRAME_ERR_RANGE);
	cr_assert_eq(frames_free(&fa, base + 1000 * FRAME_SIZE, 0), FRAME_ERR_NOT_ALLOCATED,
		     "reserved frames are never freeable");
	cr_assert_eq(frames_free(&fa, b, 0), FRAME_OK);
	cr_assert_eq(frames_free(&fa, b, 0), FRAME_ERR_NOT_ALLOCATED, "double free");
	cr_assert_eq(frames_free(&fa, a, 2), FRAME_OK);
	cr_assert_eq(frames_free_count(&fa), 64);
	cr_assert_eq(frames_check(&fa), 0);
}

Test(frames, reserved_holes_are_never_handed_out)
{
	/* Two ranges with a hole between them. */
	frames_add_range(&fa, base, base + 10 * FRAME_SIZE);
	frames_add_range(&fa, base + 20 * FRAME_SIZE, base + 40 * FRAME_SIZE);
	for (;;) {
		uint64_t a = frames_alloc(&fa, 0);
		uint64_t idx;

		if (!a)
			break;
		idx = (a - base) / FRAME_SIZE;
		cr_assert(idx < 10 || (idx >= 20 && idx < 40), "frame %lu from the hole", (unsigned long)idx);
	}
}

Test(frames, tagged_blocks)
{
	uint64_t a, b;

	frames_add_range(&fa, base, base + 64 * FRAME_SIZE);
	a = frames_alloc_tagged(&fa, 2);
	b = frames_alloc(&fa, 2);
	cr_assert(frames_tagged(&fa, a));
	cr_assert(!frames_tagged(&fa, b));
	cr_assert_eq(frames_allocated_order(&fa, a), 2);
	cr_assert_eq(frames_free(&fa, a, 2), FRAME_OK);
	cr_assert(!frames_tagged(&fa, a));
}

Test(frames, random_stress_keeps_invariants)
{
	struct { uint64_t addr; unsigned order; } live[512];
	int nlive = 0;
	unsigned long long seed = 12345;

	frames_add_range(&fa, base, base + ARENA_FRAMES * FRAME_SIZE);
	for (int step = 0; step < 20000; step++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		if ((seed >> 33) % 2 && nlive < 512) {
			unsigned order = (unsigned)((seed >> 40) % 6);
			uint64_t a = frames_alloc(&fa, order);

			if (a) {
				/* Writing the whole block must not disturb other blocks. */
				memset((void *)(uintptr_t)a, (int)(step & 0xff), FRAME_SIZE << order);
				live[nlive].addr = a;
				live[nlive++].order = order;
			}
		} else if (nlive) {
			int i = (int)((seed >> 20) % (unsigned)nlive);

			cr_assert_eq(frames_free(&fa, live[i].addr, live[i].order), FRAME_OK);
			live[i] = live[--nlive];
		}
	}
	cr_assert_eq(frames_check(&fa), 0);
	while (nlive--)
		cr_assert_eq(frames_free(&fa, live[nlive].addr, live[nlive].order), FRAME_OK);
	cr_assert_eq(frames_free_count(&fa), ARENA_FRAMES);
	cr_assert_eq(frames_largest_free_order(&fa), 12);
}

Test(frames, order_for_sizes)
{
	cr_assert_eq(frames_order_for(1), 0);
	cr_assert_eq(frames_order_for(4096), 0);
	cr_assert_eq(frames_order_for(4097), 1);
	cr_assert_eq(frames_order_for(1 << 20), 8);
}
