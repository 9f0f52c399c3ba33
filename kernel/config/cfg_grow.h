/* Growing a kmalloc'd array by doubling, with a hard cap on its length. */
#ifndef PLEXVM_CONFIG_CFG_GROW_H
#define PLEXVM_CONFIG_CFG_GROW_H

#include <stddef.h>

/*
 * Make *arr hold at least `need` elements of `elem` bytes (contents kept,
 * new space zeroed). Returns 0, or -1 when `need` exceeds `max` or memory
 * runs out (the array is then unchanged).
 */
int cfg_grow(void **arr, unsigned *cap, size_t elem, unsigned need, unsigned max);

#endif
