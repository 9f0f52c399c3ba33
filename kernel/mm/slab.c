/* Small-object allocator over slabs (see slab.h). */
#include "kernel/mm/slab.h"
#include <string.h>

#define SLAB_MAGIC 0x534c4142u /* "SLAB" */
#define SLAB_MAX_OBJECTS (SLAB_SIZE / SLAB_MIN_OBJECT)
#define SLAB_HEADER_SIZE 256

struct slab {
	uint32_t magic;
	uint16_t class_index;
	uint16_t capacity;
	uint16_t in_use;
	uint16_t first_free_hint;
	uint32_t pad;
	struct list link;
	uint8_t used[SLAB_MAX_OBJECTS / 8];
};
_Static_assert(sizeof(struct slab) <= SLAB_HEADER_SIZE, "slab header");

static inline uint8_t *slab_objects(struct slab *s) { return (uint8_t *)s + SLAB_HEADER_SIZE; }
static inline bool bit_test(const uint8_t *map, unsigned i) { return map[i / 8] & (1u << (i % 8)); }
static inline void bit_set(uint8_t *map, unsigned i) { map[i / 8] |= (uint8_t)(1u << (i % 8)); }
static inline void bit_clear(uint8_t *map, unsigned i) { map[i / 8] &= (uint8_t)~(1u << (i % 8)); }

void small_init(struct small_allocator *sa, const struct page_source *pages)
{
	memset(sa, 0, sizeof(*sa));
	sa->pages = *pages;
	for (unsigned int i = 0; i < SLAB_CLASSES; i++) {
		sa->classes[i].size = (size_t)SLAB_MIN_OBJECT << i;
		list_init(&sa->classes[i].partial);
		list_init(&sa->classes[i].full);
	}
}

static int class_for(size_t size)
{
	for (unsigned int i = 0; i < SLAB_CLASSES; i++)
		if (size <= ((size_t)SLAB_MIN_OBJECT << i))
			return (int)i;
	return -1;
}

static struct slab *slab_new(struct small_allocator *sa, unsigned int ci)
{
	uint64_t addr = sa->pages.alloc(sa->pages.ctx, SLAB_ORDER, true);
	struct slab *s;

	if (!addr)
		return NULL;
	s = (struct slab *)(uintptr_t)addr;
	memset(s, 0, sizeof(*s));
	s->magic = SLAB_MAGIC;
	s->class_index = (uint16_t)ci;
	s->capacity = (uint16_t)((SLAB_SIZE - SLAB_HEADER_SIZE) / sa->classes[ci].size);
	list_add_head(&sa->classes[ci].partial, &s->link);
	sa->classes[ci].slabs++;
	return s;
}

static void *large_alloc(struct small_allocator *sa, size_t size)
{
	unsigned int order = 0;
	uint64_t addr;

	while ((4096ULL << order) < size) {
		order++;
		if (order > 30)
			return NULL;
	}
	addr = sa->pages.alloc(sa->pages.ctx, order, false);
	if (!addr)
		return NULL;
	sa->large_blocks++;
	sa->large_bytes += 4096ULL << order;
	return (void *)(uintptr_t)addr;
}

void *small_alloc(struct small_allocator *sa, size_t size)
{
	int ci = class_for(size ? size : 1);
	struct slab_class *cls;
	struct slab *s;
	void *p = NULL;

	spin_lock(&sa->lock);
	if (ci < 0) {
		p = large_alloc(sa, size);
		goto out;
	}
	cls = &sa->classes[ci];
	s = list_first(&cls->partial, struct slab, link);
	if (!s)
		s = slab_new(sa, (unsigned int)ci);
	if (!s)
		goto out;
	for (unsigned int i = s->first_free_hint; i < s->capacity; i++) {
		if (!bit_test(s->used, i)) {
			bit_set(s->used, i);
			s->first_free_hint = (uint16_t)(i + 1);
			s->in_use++;
			p = slab_objects(s) + (size_t)i * cls->size;
			break;
		}
	}
	if (!p)
		goto out; /* cannot happen: a partial slab has a free object */
	cls->in_use++;
	if (s->in_use == s->capacity) {
		list_del(&s->link);
		list_add_head(&cls->full, &s->link);
	}
out:
	if (!p)
		sa->failures++;
	spin_unlock(&sa->lock);
	return p;
}

/* Find p's slab and object index; NULL if p is not an object start. */
static struct slab *slab_lookup(struct small_allocator *sa, void *p, unsigned int *index)
{
	uint64_t addr = (uint64_t)(uintptr_t)p;
	struct slab *s = (struct slab *)(uintptr_t)ALIGN_DOWN(addr, SLAB_SIZE);
	uint64_t off;
	size_t size;

	bool is_slab = false;

	if (sa->pages.order_of(sa->pages.ctx, (uint64_t)(uintptr_t)s, &is_slab) != SLAB_ORDER ||
	    !is_slab)
		return NULL;
	if (s->magic != SLAB_MAGIC || s->class_index >= SLAB_CLASSES)
		return NULL;
	size = sa->classes[s->class_index].size;
	if (addr < (uint64_t)(uintptr_t)slab_objects(s))
		return NULL;
	off = addr - (uint64_t)(uintptr_t)slab_objects(s);
	if (off % size || off / size >= s->capacity)
		return NULL;
	*index = (unsigned int)(off / size);
	return s;
}

enum small_free_result small_free(struct small_allocator *sa, void *p)
{
	uint64_t addr = (uint64_t)(uintptr_t)p;
	enum small_free_result rc = SMALL_FREE_OK;
	struct slab_class *cls;
	unsigned int index;
	struct slab *s;
	bool is_slab = false;
	int order;

	if (!p)
		return SMALL_FREE_NULL;
	spin_lock(&sa->lock);
	order = sa->pages.order_of(sa->pages.ctx, addr, &is_slab);
	if (order >= 0 && is_slab) {
		rc = SMALL_FREE_BAD_POINTER; /* a slab header, never handed out */
		goto out;
	}
	if (order >= 0) {
		if (sa->pages.free(sa->pages.ctx, addr, (unsigned int)order) != 0) {
			rc = SMALL_FREE_BAD_POINTER;
			goto out;
		}
		sa->large_blocks--;
		sa->large_bytes -= 4096ULL << order;
		goto out;
	}
	s = slab_lookup(sa, p, &index);
	if (!s) {
		rc = SMALL_FREE_BAD_POINTER;
		goto out;
	}
	if (!bit_test(s->used, index)) {
		rc = SMALL_FREE_DOUBLE;
		goto out;
	}
	cls = &sa->classes[s->class_index];
	bit_clear(s->used, index);
	if (index < s->first_free_hint)
		s->first_free_hint = (uint16_t)index;
	if (s->in_use == s->capacity) {
		list_del(&s->link);
		list_add_head(&cls->partial, &s->link);
	}
	s->in_use--;
	cls->in_use--;
	if (s->in_use == 0 && cls->slabs > 1) {
		/* Keep one empty slab per class; give the rest back. */
		list_del(&s->link);
		s->magic = 0;
		cls->slabs--;
		sa->pages.free(sa->pages.ctx, (uint64_t)(uintptr_t)s, SLAB_ORDER);
	}
out:
	if (rc < 0)
		sa->bad_frees++;
	spin_unlock(&sa->lock);
	return rc;
}

size_t small_usable_size(struct small_allocator *sa, void *p)
{
	uint64_t addr = (uint64_t)(uintptr_t)p;
	unsigned int index;
	struct slab *s;
	size_t size = 0;
	bool is_slab = false;
	int order;

	if (!p)
		return 0;
	spin_lock(&sa->lock);
	order = sa->pages.order_of(sa->pages.ctx, addr, &is_slab);
	if (order >= 0 && !is_slab) {
		size = 4096ULL << order;
	} else {
		s = slab_lookup(sa, p, &index);
		if (s && bit_test(s->used, index))
			size = sa->classes[s->class_index].size;
	}
	spin_unlock(&sa->lock);
	return size;
}
