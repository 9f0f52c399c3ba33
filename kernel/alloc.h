/*
 * Kernel memory allocation as seen by hardware-independent code. In the
 * hypervisor these are the small-object allocator (kernel/mm/kmalloc.c);
 * in host builds (tools, unit tests, fuzzers) they are the C library's.
 */
#ifndef PLEXVM_KERNEL_ALLOC_H
#define PLEXVM_KERNEL_ALLOC_H

#include <stddef.h>

#ifdef PLEXVM_HOST
#include <stdlib.h>
static inline void *kmalloc(size_t n) { return malloc(n ? n : 1); }
static inline void *kzalloc(size_t n) { return calloc(1, n ? n : 1); }
static inline void kfree(void *p) { free(p); }
#else
void *kmalloc(size_t n);
void *kzalloc(size_t n);
void kfree(void *p);
#endif

#endif
