/* Timing with the TOD clock (STCKF): 4096 units per microsecond. */
#ifndef TGUEST_TIMING_H
#define TGUEST_TIMING_H

#include "kernel/compiler.h"
#include "tests/guests/lib/insn.h"
#include "arch/s390x/tod.h"

struct stopwatch {
	uint64_t start;
	uint64_t stop;
};

static inline void stopwatch_start(struct stopwatch *w)
{
	w->start = stckf();
}

static inline void stopwatch_stop(struct stopwatch *w)
{
	w->stop = stckf();
}

static inline uint64_t stopwatch_us(const struct stopwatch *w)
{
	return tod_to_us(w->stop - w->start);
}

/* Nanoseconds per event over n events (0 if n is 0). */
static inline uint64_t stopwatch_ns_each(const struct stopwatch *w, uint64_t n)
{
	return n ? (w->stop - w->start) * 1000 / TOD_UNITS_PER_US / n : 0;
}

#endif
