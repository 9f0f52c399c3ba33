/*
 * Explicit byte order for guest-visible virtio structures. Virtio 1.0 fields
 * (rings, request headers, configuration space) are little-endian; legacy
 * virtio (virtio-ccw revision 0) uses the guest's native order, big-endian on
 * z/Architecture; the virtio-ccw command blocks are big-endian except the
 * feature bits, which are little-endian in every revision. Code never reads a
 * guest field through a host integer type: it goes through these helpers, so
 * the same source is right on the s390x hypervisor and on little-endian hosts.
 */
#ifndef PLEXVM_KERNEL_VDEV_VENDIAN_H
#define PLEXVM_KERNEL_VDEV_VENDIAN_H

#include "kernel/compiler.h"
#include "kernel/vdev/gmem.h"

static inline uint16_t vle16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t vle32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t vle64(const uint8_t *p) { return (uint64_t)vle32(p + 4) << 32 | vle32(p); }
static inline void vput_le16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void vput_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline void vput_le64(uint8_t *p, uint64_t v) { vput_le32(p, (uint32_t)v); vput_le32(p + 4, (uint32_t)(v >> 32)); }

/* In the order the guest uses for this device: le = virtio 1.0, else legacy big-endian. */
static inline uint16_t vget16(const void *p, bool le) { return le ? vle16(p) : gmem_be16(p); }
static inline uint32_t vget32(const void *p, bool le) { return le ? vle32(p) : gmem_be32(p); }
static inline uint64_t vget64(const void *p, bool le) { return le ? vle64(p) : gmem_be64(p); }
static inline void vput16(void *p, uint16_t v, bool le) { if (le) vput_le16(p, v); else gmem_put16(p, v); }
static inline void vput32(void *p, uint32_t v, bool le) { if (le) vput_le32(p, v); else gmem_put32(p, v); }
static inline void vput64(void *p, uint64_t v, bool le) { if (le) vput_le64(p, v); else gmem_put64(p, v); }

#endif
