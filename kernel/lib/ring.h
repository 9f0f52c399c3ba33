/*
 * A byte ring buffer (single lock held by the caller). Capacity must be a
 * power of two. Hardware-independent; unit-tested on the host.
 */
#ifndef PLEXVM_KERNEL_LIB_RING_H
#define PLEXVM_KERNEL_LIB_RING_H

#include "kernel/compiler.h"

struct ring {
	char *buf;
	size_t size;      /* power of two */
	uint64_t head;    /* total bytes ever written */
	uint64_t tail;    /* total bytes ever consumed */
};

static inline void ring_init(struct ring *r, char *buf, size_t size)
{
	r->buf = buf;
	r->size = size;
	r->head = r->tail = 0;
}

static inline size_t ring_used(const struct ring *r) { return (size_t)(r->head - r->tail); }
static inline size_t ring_free(const struct ring *r) { return r->size - ring_used(r); }

/* Append up to n bytes; returns how many fit. */
size_t ring_put(struct ring *r, const char *data, size_t n);
/* The longest contiguous run of unread bytes (may be less than ring_used at the wrap). */
size_t ring_peek(const struct ring *r, const char **data);
/* Copy up to max unread bytes into out, linearised across the wrap, without consuming. */
size_t ring_copy_out(const struct ring *r, char *out, size_t max);
void ring_consume(struct ring *r, size_t n);

#endif
