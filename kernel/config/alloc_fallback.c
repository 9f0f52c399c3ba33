/*
 * Link-time fallback for the hypervisor image only: weak kmalloc/kzalloc/kfree
 * that report "out of memory", so the configuration library links before the
 * kernel's allocator (kernel/mm) is present. The kernel's strong definitions
 * replace these; the config code handles NULL from kmalloc everywhere.
 * Host builds use kernel/alloc.h's malloc wrappers and compile nothing here.
 */
#ifndef PLEXVM_HOST
#include "kernel/alloc.h"

__attribute__((weak)) void *kmalloc(size_t n)
{
	(void)n;
	return NULL;
}

__attribute__((weak)) void *kzalloc(size_t n)
{
	(void)n;
	return NULL;
}

__attribute__((weak)) void kfree(void *p)
{
	(void)p;
}
#else
typedef int plexvm_alloc_fallback_unused;
#endif
