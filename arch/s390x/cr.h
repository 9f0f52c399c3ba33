/* Control registers: access helpers and the bits PlexVM sets. */
#ifndef PLEXVM_ARCH_CR_H
#define PLEXVM_ARCH_CR_H

#include "kernel/compiler.h"

/* CR0 */
#define CR0_AFP                (1ULL << (63 - 45)) /* additional floating-point registers */
#define CR0_EMERGENCY_SIGNAL   (1ULL << (63 - 49))
#define CR0_EXTERNAL_CALL      (1ULL << (63 - 50))
#define CR0_CLOCK_COMPARATOR   (1ULL << (63 - 52))
#define CR0_CPU_TIMER          (1ULL << (63 - 53))
#define CR0_SERVICE_SIGNAL     (1ULL << (63 - 54))
#define CR0_INTERRUPT_KEY      (1ULL << (63 - 57))
/* CR14 */
#define CR14_CHANNEL_REPORT    (1ULL << (63 - 35))
#define CR14_RECOVERY          (1ULL << (63 - 36))
#define CR14_DEGRADATION       (1ULL << (63 - 37))
#define CR14_EXT_DAMAGE        (1ULL << (63 - 38))
#define CR14_WARNING           (1ULL << (63 - 39))

#define CR0_EXT_SUBCLASSES (CR0_EMERGENCY_SIGNAL | CR0_EXTERNAL_CALL | CR0_CLOCK_COMPARATOR | \
			    CR0_CPU_TIMER | CR0_SERVICE_SIGNAL)

static inline uint64_t cr_read(int n)
{
	uint64_t v;

	switch (n) {
#define CR_READ_CASE(i) case i: __asm__ __volatile__("stctg " #i "," #i ",%0" : "=Q"(v)); break
	CR_READ_CASE(0); CR_READ_CASE(1); CR_READ_CASE(2); CR_READ_CASE(3);
	CR_READ_CASE(4); CR_READ_CASE(5); CR_READ_CASE(6); CR_READ_CASE(7);
	CR_READ_CASE(8); CR_READ_CASE(9); CR_READ_CASE(10); CR_READ_CASE(11);
	CR_READ_CASE(12); CR_READ_CASE(13); CR_READ_CASE(14); CR_READ_CASE(15);
#undef CR_READ_CASE
	default: v = 0; break;
	}
	return v;
}

static inline void cr_write(int n, uint64_t v)
{
	switch (n) {
#define CR_WRITE_CASE(i) case i: __asm__ __volatile__("lctlg " #i "," #i ",%0" :: "Q"(v) : "memory"); break
	CR_WRITE_CASE(0); CR_WRITE_CASE(1); CR_WRITE_CASE(2); CR_WRITE_CASE(3);
	CR_WRITE_CASE(4); CR_WRITE_CASE(5); CR_WRITE_CASE(6); CR_WRITE_CASE(7);
	CR_WRITE_CASE(8); CR_WRITE_CASE(9); CR_WRITE_CASE(10); CR_WRITE_CASE(11);
	CR_WRITE_CASE(12); CR_WRITE_CASE(13); CR_WRITE_CASE(14); CR_WRITE_CASE(15);
#undef CR_WRITE_CASE
	default: break;
	}
}

static inline void cr_set_bits(int n, uint64_t bits) { cr_write(n, cr_read(n) | bits); }
static inline void cr_clear_bits(int n, uint64_t bits) { cr_write(n, cr_read(n) & ~bits); }

#endif
