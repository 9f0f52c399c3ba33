/* TOD clock units: bit 51 is one microsecond, so 1 us = 4096 units. */
#ifndef PLEXVM_ARCH_TOD_H
#define PLEXVM_ARCH_TOD_H

#include "kernel/compiler.h"

#define TOD_UNITS_PER_US 4096ULL
#define TOD_INFINITE     0xffffffffffffffffULL

static inline uint64_t tod_from_us(uint64_t us) { return us * TOD_UNITS_PER_US; }
static inline uint64_t tod_from_ms(uint64_t ms) { return ms * 1000 * TOD_UNITS_PER_US; }
static inline uint64_t tod_to_us(uint64_t tod) { return tod / TOD_UNITS_PER_US; }
static inline uint64_t tod_to_ms(uint64_t tod) { return tod / (1000 * TOD_UNITS_PER_US); }

#ifndef PLEXVM_HOST
#include "arch/s390x/insn.h"
static inline uint64_t tod_now(void) { return stck(); }
#endif

#endif
