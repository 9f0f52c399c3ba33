/*
 * A guest's absolute storage as virtual devices see it. Hardware-free: in the
 * hypervisor `page` walks the host DAT tables that map the guest; in host unit
 * tests and fuzzers it indexes a flat buffer (gmem_flat_init). Every access is
 * bounds-checked: a guest address outside its storage is an error the device
 * model turns into the architected condition (program check, channel program
 * check, SCLP response code), never a host access.
 */
#ifndef PLEXVM_KERNEL_VDEV_GMEM_H
#define PLEXVM_KERNEL_VDEV_GMEM_H

#include "kernel/compiler.h"
#include <string.h>

#define GMEM_PAGE 4096ULL

struct gmem {
	uint64_t size;                              /* bytes of guest absolute storage */
	/* Host address of the byte at guest absolute gabs (< size); NULL if unmapped. */
	uint8_t *(*page)(const struct gmem *g, uint64_t gabs);
	void *priv;
};

/* Whether [gabs, gabs + len) lies inside guest storage (no wrap-around). */
static inline bool gmem_valid(const struct gmem *g, uint64_t gabs, uint64_t len)
{
	return gabs <= g->size && len <= g->size - gabs;
}

/* Copy between buf and guest storage, page by page. 0, or -1 when any byte is outside. */
static inline int gmem_copy(const struct gmem *g, uint64_t gabs, uint8_t *buf, size_t len, bool to_guest)
{
	if (!gmem_valid(g, gabs, len))
		return -1;
	while (len) {
		size_t chunk = (size_t)(GMEM_PAGE - (gabs & (GMEM_PAGE - 1)));
		uint8_t *p = g->page(g, gabs);

		if (chunk > len)
			chunk = len;
		if (!p)
			return -1;
		if (to_guest)
			memcpy(p, buf, chunk);
		else
			memcpy(buf, p, chunk);
		buf += chunk;
		gabs += chunk;
		len -= chunk;
	}
	return 0;
}

static inline int gmem_read(const struct gmem *g, uint64_t gabs, void *buf, size_t len)
{
	return gmem_copy(g, gabs, buf, len, false);
}

static inline int gmem_write(const struct gmem *g, uint64_t gabs, const void *buf, size_t len)
{
	return gmem_copy(g, gabs, (uint8_t *)(uintptr_t)buf, len, true);
}

/* Big-endian scalar helpers (s390x is big-endian; host tests may not be). */
static inline uint16_t gmem_be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline uint32_t gmem_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline uint64_t gmem_be64(const uint8_t *p) { return (uint64_t)gmem_be32(p) << 32 | gmem_be32(p + 4); }
static inline void gmem_put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void gmem_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
static inline void gmem_put64(uint8_t *p, uint64_t v) { gmem_put32(p, (uint32_t)(v >> 32)); gmem_put32(p + 4, (uint32_t)v); }

#ifdef PLEXVM_HOST
/* A flat buffer as guest storage, for host tests. */
static inline uint8_t *gmem_flat_page(const struct gmem *g, uint64_t gabs)
{
	return gabs < g->size ? (uint8_t *)g->priv + gabs : NULL;
}
static inline void gmem_flat_init(struct gmem *g, void *buf, uint64_t size)
{
	g->size = size;
	g->page = gmem_flat_page;
	g->priv = buf;
}
#endif

#endif
