/* Storage management glue: the global frame allocator and the kernel heap. */
#include "kernel/mm/memory.h"
#include "kernel/alloc.h"
#include "kernel/panic.h"
#include <string.h>

struct frame_allocator storage_frames;
static struct small_allocator kheap;
static uint64_t storage_size;
static uint64_t reserved_bytes;

static uint64_t heap_page_alloc(void *ctx, unsigned int order, bool slab)
{
	(void)ctx;
	return slab ? frames_alloc_tagged(&storage_frames, order) : frames_alloc(&storage_frames, order);
}

static int heap_page_free(void *ctx, uint64_t addr, unsigned int order)
{
	(void)ctx;
	return frames_free(&storage_frames, addr, order) == FRAME_OK ? 0 : -1;
}

static int heap_order_of(void *ctx, uint64_t addr, bool *slab)
{
	(void)ctx;
	*slab = frames_tagged(&storage_frames, addr);
	return frames_allocated_order(&storage_frames, addr);
}

#define MAX_RESERVED 16

/* Sort regions by start address (insertion sort: a handful of entries). */
static void sort_regions(struct mem_region *r, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		struct mem_region key = r[i];
		unsigned int j = i;

		while (j > 0 && r[j - 1].start > key.start) {
			r[j] = r[j - 1];
			j--;
		}
		r[j] = key;
	}
}

int memory_init(uint64_t size, const struct mem_region *reserved, unsigned int nreserved)
{
	static const struct page_source heap_pages = {
		.alloc = heap_page_alloc, .free = heap_page_free, .order_of = heap_order_of,
	};
	struct mem_region all[MAX_RESERVED + 1];
	uint64_t nframes = size >> FRAME_SHIFT;
	uint64_t table_bytes = ALIGN_UP(frame_state_bytes(nframes), FRAME_SIZE);
	uint64_t cursor = 0, table;
	unsigned int n = 0;

	if (nreserved > MAX_RESERVED)
		return -1;
	for (unsigned int i = 0; i < nreserved; i++) {
		all[n] = reserved[i];
		all[n].start = ALIGN_DOWN(all[n].start, FRAME_SIZE);
		all[n].end = ALIGN_UP(all[n].end, FRAME_SIZE);
		n++;
	}
	sort_regions(all, n);
	/* The frame state table goes in the lowest gap large enough for it. */
	for (unsigned int i = 0; i < n && all[i].start < cursor + table_bytes; i++)
		cursor = MAX(cursor, all[i].end);
	table = cursor;
	if (table + table_bytes > size)
		return -1;
	all[n++] = (struct mem_region){ table, table + table_bytes, "frame table" };
	sort_regions(all, n);

	storage_size = size;
	frames_init(&storage_frames, 0, nframes, (uint8_t *)(uintptr_t)table);
	cursor = 0;
	for (unsigned int i = 0; i < n; i++) {
		if (all[i].start > cursor)
			frames_add_range(&storage_frames, cursor, MIN(all[i].start, size));
		cursor = MAX(cursor, all[i].end);
	}
	if (cursor < size)
		frames_add_range(&storage_frames, cursor, size);
	reserved_bytes = size - (storage_frames.managed_frames << FRAME_SHIFT);
	small_init(&kheap, &heap_pages);
	return 0;
}

uint64_t frame_alloc(unsigned int order)
{
	return frames_alloc(&storage_frames, order);
}

uint64_t frame_alloc_zeroed(unsigned int order)
{
	uint64_t addr = frames_alloc(&storage_frames, order);

	if (addr)
		memset((void *)(uintptr_t)addr, 0, FRAME_SIZE << order);
	return addr;
}

void frame_free(uint64_t addr, unsigned int order)
{
	enum frame_error rc = frames_free(&storage_frames, addr, order);

	if (rc != FRAME_OK)
		panic("frame_free(%#llx, order %u): error %d", (unsigned long long)addr, order, rc);
}

void *kmalloc(size_t n)
{
	return small_alloc(&kheap, n);
}

void *kzalloc(size_t n)
{
	void *p = small_alloc(&kheap, n);

	if (p)
		memset(p, 0, n);
	return p;
}

void kfree(void *p)
{
	enum small_free_result rc = small_free(&kheap, p);

	if (rc < 0)
		panic("kfree(%p): %s", p, rc == SMALL_FREE_DOUBLE ? "object already free" :
		      "not a heap object");
}

void memory_stats(struct memory_stats *out)
{
	memset(out, 0, sizeof(*out));
	out->storage_size = storage_size;
	out->managed_frames = storage_frames.managed_frames;
	out->free_frames = frames_free_count(&storage_frames);
	out->reserved_bytes = reserved_bytes;
	out->heap_large_bytes = kheap.large_bytes;
	for (unsigned int i = 0; i < SLAB_CLASSES; i++) {
		out->heap_objects += kheap.classes[i].in_use;
		out->heap_slabs += kheap.classes[i].slabs;
	}
	out->alloc_failures = storage_frames.alloc_failures + kheap.failures;
	out->largest_free_order = frames_largest_free_order(&storage_frames);
}

uint64_t memory_storage_size(void)
{
	return storage_size;
}
