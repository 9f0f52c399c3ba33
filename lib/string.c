/*
 * Freestanding string and memory functions (ISO C semantics).
 * Built for the hypervisor and, with prefixed symbols, for host unit tests
 * that compare every function against the host C library.
 */
#include <string.h>
#include <ctype.h>
#include <stdint.h>

#if defined(__s390x__)
/*
 * On z/Architecture the long move and compare instructions do the work:
 * one instruction per call (repeated only when the CPU interrupts it), which
 * also makes them fast under emulation.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
	register unsigned long d __asm__("2") = (unsigned long)dst;
	register unsigned long dl __asm__("3") = n;
	register unsigned long s __asm__("4") = (unsigned long)src;
	register unsigned long sl __asm__("5") = n;

	__asm__ __volatile__("0: mvcle %0,%2,0\n\tjo 0b"
			     : "+d"(d), "+d"(dl), "+d"(s), "+d"(sl) : : "cc", "memory");
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	register unsigned long d __asm__("2") = (unsigned long)dst;
	register unsigned long dl __asm__("3") = n;
	register unsigned long s __asm__("4") = 0;
	register unsigned long sl __asm__("5") = 0;

	__asm__ __volatile__("0: mvcle %0,%2,0(%4)\n\tjo 0b"
			     : "+d"(d), "+d"(dl), "+d"(s), "+d"(sl) : "a"((unsigned long)(unsigned char)c)
			     : "cc", "memory");
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	register unsigned long x __asm__("2") = (unsigned long)a;
	register unsigned long xl __asm__("3") = n;
	register unsigned long y __asm__("4") = (unsigned long)b;
	register unsigned long yl __asm__("5") = n;
	int cc;

	__asm__ __volatile__("0: clcle %1,%3,0\n\tjo 0b\n\tipm %0\n\tsrl %0,28"
			     : "=d"(cc), "+d"(x), "+d"(xl), "+d"(y), "+d"(yl) : : "cc", "memory");
	return cc == 0 ? 0 : (cc == 1 ? -1 : 1);
}
#else
void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Word copies when both sides are aligned alike: the common case for frames. */
	if ((((uintptr_t)d ^ (uintptr_t)s) & 7) == 0) {
		while (n && ((uintptr_t)d & 7)) {
			*d++ = *s++;
			n--;
		}
		while (n >= 8) {
			*(uint64_t *)(void *)d = *(const uint64_t *)(const void *)s;
			d += 8;
			s += 8;
			n -= 8;
		}
	}
	while (n--)
		*d++ = *s++;
	return dst;
}
#endif

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

#if !defined(__s390x__)
void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t pattern = (unsigned char)c;

	pattern |= pattern << 8;
	pattern |= pattern << 16;
	pattern |= pattern << 32;
	while (n && ((uintptr_t)d & 7)) {
		*d++ = (unsigned char)c;
		n--;
	}
	while (n >= 8) {
		*(uint64_t *)(void *)d = pattern;
		d += 8;
		n -= 8;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}
#endif

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	while (*x && *x == *y) {
		x++;
		y++;
	}
	return (*x > *y) - (*x < *y);
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	for (; n; n--, x++, y++) {
		if (*x != *y)
			return (*x > *y) - (*x < *y);
		if (!*x)
			break;
	}
	return 0;
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int x = tolower((unsigned char)*a);
		int y = tolower((unsigned char)*b);

		if (x != y)
			return x - y;
		if (!x)
			break;
	}
	return 0;
}

int strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, (size_t)-1);
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return (char *)haystack;
	for (; *haystack; haystack++)
		if (*haystack == *needle && strncmp(haystack, needle, n) == 0)
			return (char *)haystack;
	return NULL;
}

size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}
