/* The small-object allocator over the frame allocator on a host arena. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/mm/frames.h"
#include "kernel/mm/slab.h"

#define ARENA_FRAMES 4096

static struct frame_allocator fa;
static struct small_allocator sa;
static uint8_t *arena;
static uint8_t state[ARENA_FRAMES];

static uint64_t pg_alloc(void *ctx, unsigned int order, bool slab)
{
	(void)ctx;
	return slab ? frames_alloc_tagged(&fa, order) : frames_alloc(&fa, order);
}

static int pg_free(void *ctx, uint64_t addr, unsigned int order)
{
	(void)ctx;
	return frames_free(&fa, addr, order) == FRAME_OK ? 0 : -1;
}

static int pg_order(void *ctx, uint64_t addr, bool *slab)
{
	(void)ctx;
	*slab = frames_tagged(&fa, addr);
	return frames_allocated_order(&fa, addr);
}

static void setup(void)
{
	static const struct page_source ps = { pg_alloc, pg_free, pg_order, NULL };

	arena = aligned_alloc(1UL << 24, (size_t)ARENA_FRAMES * FRAME_SIZE);
	frames_init(&fa, (uint64_t)(uintptr_t)arena, ARENA_FRAMES, state);
	frames_add_range(&fa, (uint64_t)(uintptr_t)arena, (uint64_t)(uintptr_t)arena + ARENA_FRAMES * FRAME_SIZE);
	small_init(&sa, &ps);
}

static void teardown(void)
{
	free(arena);
}

TestSuite(slab, .init = setup, .fini = teardown);

Test(slab, sizes_round_up_to_classes)
{
	size_t sizes[] = { 1, 16, 17, 100, 2048, 2049, 5000, 70000 };
	size_t want[] = { 16, 16, 32, 128, 2048, 4096, 8192, 131072 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		void *p = small_alloc(&sa, sizes[i]);

		cr_assert_not_null(p);
		cr_assert_eq(small_usable_size(&sa, p), want[i], "size %zu", sizes[i]);
		memset(p, 0x5a, sizes[i]);
		cr_assert_eq(small_free(&sa, p), SMALL_FREE_OK);
	}
}

Test(slab, objects_do_not_overlap)
{
	enum { N = 3000 };
	static unsigned char *p[N];

	for (int i = 0; i < N; i++) {
		p[i] = small_alloc(&sa, (size_t)(i % 300) + 1);
		cr_assert_not_null(p[i]);
		memset(p[i], i & 0xff, (size_t)(i % 300) + 1);
	}
	for (int i = 0; i < N; i++)
		for (size_t j = 0; j < (size_t)(i % 300) + 1; j++)
			cr_assert_eq(p[i][j], (unsigned char)(i & 0xff), "object %d corrupted", i);
	for (int i = 0; i < N; i++)
		cr_assert_eq(small_free(&sa, p[i]), SMALL_FREE_OK);
	for (int c = 0; c < SLAB_CLASSES; c++)
		cr_assert_eq(sa.classes[c].in_use, 0);
}

Test(slab, double_and_wild_frees_are_detected)
{
	char *p = small_alloc(&sa, 40);
	char *big = small_alloc(&sa, 10000);
	char local;

	cr_assert_eq(small_free(&sa, NULL), SMALL_FREE_NULL);
	cr_assert_eq(small_free(&sa, p + 8), SMALL_FREE_BAD_POINTER, "pointer inside an object");
	cr_assert_eq(small_free(&sa, &local), SMALL_FREE_BAD_POINTER, "pointer outside the heap");
	cr_assert_eq(small_free(&sa, p), SMALL_FREE_OK);
	cr_assert_eq(small_free(&sa, p), SMALL_FREE_DOUBLE);
	cr_assert_eq(small_free(&sa, big + 4096), SMALL_FREE_BAD_POINTER);
	cr_assert_eq(small_free(&sa, big), SMALL_FREE_OK);
	cr_assert_eq(small_free(&sa, big), SMALL_FREE_BAD_POINTER);
	cr_assert_eq(sa.bad_frees, 5);
}

Test(slab, large_block_starting_with_slab_magic_is_still_large)
{
	uint32_t *p = small_alloc(&sa, 16384);

	cr_assert_not_null(p);
	*p = 0x534c4142u; /* the slab header magic */
	cr_assert_eq(small_usable_size(&sa, p), 16384);
	cr_assert_eq(small_free(&sa, p), SMALL_FREE_OK);
}

Test(slab, empty_slabs_return_to_the_frame_allocator)
{
	uint64_t before = frames_free_count(&fa);
	void *p[2000];

	for (int i = 0; i < 2000; i++)
		p[i] = small_alloc(&sa, 64);
	cr_assert_lt(frames_free_count(&fa), before);
	for (int i = 0; i < 2000; i++)
		small_free(&sa, p[i]);
	/* One empty slab per class is kept. */
	cr_assert_geq(frames_free_count(&fa) + 4, before);
	cr_assert_eq(frames_check(&fa), 0);
}

Test(slab, exhaustion_returns_null)
{
	void *p;
	int n = 0;

	while ((p = small_alloc(&sa, 1 << 20)) != NULL)
		n++;
	cr_assert_eq(n, 16, "16 MiB arena holds 16 blocks of 1 MiB");
	cr_assert_gt(sa.failures, 0);
}
