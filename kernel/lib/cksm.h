/*
 * A 32-bit ones'-complement-style checksum, the one the z/Architecture
 * CHECKSUM instruction computes: big-endian fullwords added with end-around
 * carry, a short tail padded with zeros. On s390x it is one instruction
 * (cheap even under emulation); elsewhere the same sum in C.
 */
#ifndef PLEXVM_KERNEL_LIB_CKSM_H
#define PLEXVM_KERNEL_LIB_CKSM_H

#include "kernel/compiler.h"

#if defined(__s390x__) && !defined(PLEXVM_HOST)
static inline uint32_t cksm32(const void *buf, size_t len, uint32_t sum)
{
	register unsigned long addr __asm__("2") = (unsigned long)buf;
	register unsigned long n __asm__("3") = len;
	unsigned long acc = sum;

	__asm__ __volatile__("0: cksm %0,%1\n\tjo 0b"
			     : "+d"(acc), "+d"(addr), "+d"(n) : : "cc", "memory");
	return (uint32_t)acc;
}
#else
static inline uint32_t cksm32(const void *buf, size_t len, uint32_t sum)
{
	const uint8_t *p = buf;

	while (len) {
		uint32_t w = 0;

		for (int i = 0; i < 4; i++)
			w = w << 8 | (len > (size_t)i ? p[i] : 0);
		sum += w;
		if (sum < w)
			sum++;
		p += len >= 4 ? 4 : len;
		len -= len >= 4 ? 4 : len;
	}
	return sum;
}
#endif

#endif
