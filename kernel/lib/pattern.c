/* Test data patterns and checksums (hardware-free). */
#include "kernel/lib/pattern.h"
#include <string.h>

void pattern_fill(void *buf, size_t len, uint64_t seed, uint64_t block)
{
	uint64_t x = seed * 0x9e3779b97f4a7c15ULL + block * 0xbf58476d1ce4e5b9ULL + 1;
	uint8_t *p = buf;

	while (len >= 8) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(p, &x, 8);
		p += 8;
		len -= 8;
	}
	while (len--) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		*p++ = (uint8_t)x;
	}
}

uint64_t checksum64(const void *buf, size_t len, uint64_t h)
{
	const uint8_t *p = buf;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}
