/* Buddy frame allocator (see frames.h). */
#include "kernel/mm/frames.h"
#include <string.h>

/* State byte encoding. */
#define ST_RESERVED   0xff
#define ST_TAIL       0x00          /* inside a free or allocated block */
#define ST_FREE_HEAD  0x80          /* | order */
#define ST_ALLOC_HEAD 0x40          /* | order */
#define ST_TAGGED     0x20          /* allocated by the slab allocator */
#define ST_ORDER_MASK 0x1f

struct frame_free_block {
	struct frame_free_block *next, *prev;
};

static inline uint64_t index_of(struct frame_allocator *fa, uint64_t addr)
{
	return (addr - fa->base) >> FRAME_SHIFT;
}

static inline uint64_t addr_of(struct frame_allocator *fa, uint64_t idx)
{
	return fa->base + (idx << FRAME_SHIFT);
}

static inline struct frame_free_block *block_at(struct frame_allocator *fa, uint64_t idx)
{
	return (struct frame_free_block *)(uintptr_t)addr_of(fa, idx);
}

static void list_push(struct frame_allocator *fa, uint64_t idx, unsigned int order)
{
	struct frame_free_block *b = block_at(fa, idx);

	b->prev = NULL;
	b->next = fa->free_list[order];
	if (b->next)
		b->next->prev = b;
	fa->free_list[order] = b;
	fa->free_blocks[order]++;
	fa->state[idx] = (uint8_t)(ST_FREE_HEAD | order);
	fa->free_frames += 1ULL << order;
}

static void list_remove(struct frame_allocator *fa, uint64_t idx, unsigned int order)
{
	struct frame_free_block *b = block_at(fa, idx);

	if (b->prev)
		b->prev->next = b->next;
	else
		fa->free_list[order] = b->next;
	if (b->next)
		b->next->prev = b->prev;
	fa->free_blocks[order]--;
	fa->state[idx] = ST_TAIL;
	fa->free_frames -= 1ULL << order;
}

void frames_init(struct frame_allocator *fa, uint64_t base, uint64_t nframes, uint8_t *state)
{
	memset(fa, 0, sizeof(*fa));
	fa->base = base;
	fa->nframes = nframes;
	fa->state = state;
	memset(state, ST_RESERVED, frame_state_bytes(nframes));
}

/* Free the block at idx of the given order, merging with free buddies. */
static void free_block(struct frame_allocator *fa, uint64_t idx, unsigned int order)
{
	while (order < FRAME_MAX_ORDER) {
		uint64_t buddy = idx ^ (1ULL << order);

		if (buddy + (1ULL << order) > fa->nframes)
			break;
		if (fa->state[buddy] != (ST_FREE_HEAD | order))
			break;
		list_remove(fa, buddy, order);
		idx &= ~(1ULL << order);
		order++;
	}
	/* Tail frames of the merged block. */
	for (uint64_t i = 1; i < (1ULL << order); i++)
		fa->state[idx + i] = ST_TAIL;
	list_push(fa, idx, order);
}

void frames_add_range(struct frame_allocator *fa, uint64_t start, uint64_t end)
{
	uint64_t first, last, idx;

	if (end <= fa->base)
		return;
	if (start < fa->base)
		start = fa->base;
	first = index_of(fa, ALIGN_UP(start, FRAME_SIZE));
	last = index_of(fa, ALIGN_DOWN(end, FRAME_SIZE));
	if (last > fa->nframes)
		last = fa->nframes;
	spin_lock(&fa->lock);
	for (idx = first; idx < last;) {
		unsigned int order = 0;

		if (fa->state[idx] != ST_RESERVED) { /* already managed */
			idx++;
			continue;
		}
		/* Largest aligned block that fits and is wholly reserved. */
		while (order < FRAME_MAX_ORDER && (idx & ((2ULL << order) - 1)) == 0 &&
		       idx + (2ULL << order) <= last)
			order++;
		for (uint64_t i = 0; i < (1ULL << order); i++)
			if (fa->state[idx + i] != ST_RESERVED)
				order = 0;
		fa->managed_frames += 1ULL << order;
		free_block(fa, idx, order);
		idx += 1ULL << order;
	}
	spin_unlock(&fa->lock);
}

static uint64_t alloc_block(struct frame_allocator *fa, unsigned int order, uint8_t tag)
{
	unsigned int o;
	uint64_t idx;

	if (order > FRAME_MAX_ORDER)
		return 0;
	spin_lock(&fa->lock);
	for (o = order; o <= FRAME_MAX_ORDER && !fa->free_list[o]; o++)
		;
	if (o > FRAME_MAX_ORDER) {
		fa->alloc_failures++;
		spin_unlock(&fa->lock);
		return 0;
	}
	idx = index_of(fa, (uint64_t)(uintptr_t)fa->free_list[o]);
	list_remove(fa, idx, o);
	/* Split, returning upper halves to the free lists. */
	while (o > order) {
		o--;
		list_push(fa, idx + (1ULL << o), o);
	}
	fa->state[idx] = (uint8_t)(ST_ALLOC_HEAD | tag | order);
	spin_unlock(&fa->lock);
	return addr_of(fa, idx);
}

uint64_t frames_alloc(struct frame_allocator *fa, unsigned int order)
{
	return alloc_block(fa, order, 0);
}

uint64_t frames_alloc_tagged(struct frame_allocator *fa, unsigned int order)
{
	return alloc_block(fa, order, ST_TAGGED);
}

bool frames_tagged(struct frame_allocator *fa, uint64_t addr)
{
	return frames_allocated_order(fa, addr) >= 0 &&
	       (fa->state[index_of(fa, addr)] & ST_TAGGED);
}

enum frame_error frames_free(struct frame_allocator *fa, uint64_t addr, unsigned int order)
{
	uint64_t idx;

	if (addr < fa->base || order > FRAME_MAX_ORDER)
		return FRAME_ERR_RANGE;
	if ((addr - fa->base) & (FRAME_SIZE - 1))
		return FRAME_ERR_ALIGN;
	idx = index_of(fa, addr);
	if (idx >= fa->nframes)
		return FRAME_ERR_RANGE;
	if (idx & ((1ULL << order) - 1))
		return FRAME_ERR_ALIGN;
	spin_lock(&fa->lock);
	if ((fa->state[idx] & ~(ST_ORDER_MASK | ST_TAGGED)) != ST_ALLOC_HEAD ||
	    fa->state[idx] == ST_RESERVED) {
		spin_unlock(&fa->lock);
		return FRAME_ERR_NOT_ALLOCATED;
	}
	if ((fa->state[idx] & ST_ORDER_MASK) != order) {
		spin_unlock(&fa->lock);
		return FRAME_ERR_ORDER;
	}
	free_block(fa, idx, order);
	spin_unlock(&fa->lock);
	return FRAME_OK;
}

int frames_allocated_order(struct frame_allocator *fa, uint64_t addr)
{
	uint64_t idx;
	uint8_t st;

	if (addr < fa->base || ((addr - fa->base) & (FRAME_SIZE - 1)))
		return -1;
	idx = index_of(fa, addr);
	if (idx >= fa->nframes)
		return -1;
	st = fa->state[idx];
	if (st == ST_RESERVED || (st & ~(ST_ORDER_MASK | ST_TAGGED)) != ST_ALLOC_HEAD)
		return -1;
	return st & ST_ORDER_MASK;
}

unsigned int frames_order_for(uint64_t size)
{
	unsigned int order = 0;

	while ((FRAME_SIZE << order) < size && order < 63)
		order++;
	return order;
}

uint64_t frames_free_count(struct frame_allocator *fa)
{
	return fa->free_frames;
}

int frames_largest_free_order(struct frame_allocator *fa)
{
	for (int o = FRAME_MAX_ORDER; o >= 0; o--)
		if (fa->free_list[o])
			return o;
	return -1;
}

int frames_check(struct frame_allocator *fa)
{
	uint64_t counted = 0;

	spin_lock(&fa->lock);
	for (unsigned int o = 0; o <= FRAME_MAX_ORDER; o++) {
		uint64_t n = 0;
		struct frame_free_block *prev = NULL;

		for (struct frame_free_block *b = fa->free_list[o]; b; prev = b, b = b->next) {
			uint64_t addr = (uint64_t)(uintptr_t)b;
			uint64_t idx;

			if (addr < fa->base || b->prev != prev)
				goto bad;
			idx = index_of(fa, addr);
			if (idx >= fa->nframes || (idx & ((1ULL << o) - 1)) ||
			    fa->state[idx] != (ST_FREE_HEAD | o))
				goto bad;
			if (++n > fa->nframes)
				goto bad; /* a cycle */
		}
		if (n != fa->free_blocks[o])
			goto bad;
		counted += n << o;
	}
	if (counted != fa->free_frames)
		goto bad;
	spin_unlock(&fa->lock);
	return 0;
bad:
	spin_unlock(&fa->lock);
	return -1;
}
