/* Array growth for the config model (the kernel has no realloc). */
#include "kernel/config/cfg_grow.h"
#include "kernel/alloc.h"
#include <string.h>

int cfg_grow(void **arr, unsigned *cap, size_t elem, unsigned need, unsigned max)
{
	unsigned ncap;
	void *n;

	if (need <= *cap)
		return 0;
	if (need > max)
		return -1;
	ncap = *cap ? *cap : 8;
	while (ncap < need)
		ncap = ncap > max / 2 ? max : ncap * 2;
	n = kzalloc((size_t)ncap * elem);
	if (!n)
		return -1;
	if (*arr) {
		memcpy(n, *arr, (size_t)*cap * elem);
		kfree(*arr);
	}
	*arr = n;
	*cap = ncap;
	return 0;
}
