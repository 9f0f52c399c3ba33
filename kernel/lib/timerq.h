/*
 * A timer queue ordered by deadline, with one-shot and periodic entries.
 * Hardware-free: kernel/timer.c keeps one per CPU on the clock comparator;
 * unit-tested on the host.
 */
#ifndef PLEXVM_KERNEL_LIB_TIMERQ_H
#define PLEXVM_KERNEL_LIB_TIMERQ_H

#include "kernel/compiler.h"
#include "kernel/list.h"

struct timerq_entry {
	uint64_t deadline;
	uint64_t period;      /* 0 = one-shot */
	struct list link;
	bool queued;
};

struct timerq {
	struct list entries;  /* by deadline, earliest first */
};

void timerq_init(struct timerq *q);
void timerq_entry_init(struct timerq_entry *e);
/* Queue (or move) e at deadline. */
void timerq_add(struct timerq *q, struct timerq_entry *e, uint64_t deadline, uint64_t period);
void timerq_remove(struct timerq *q, struct timerq_entry *e);
/* Earliest deadline, or UINT64_MAX when empty. */
uint64_t timerq_next_deadline(const struct timerq *q);
/* Take the earliest entry due at `now` off the queue, or NULL. */
struct timerq_entry *timerq_pop_due(struct timerq *q, uint64_t now);
/*
 * Put a fired periodic entry back: its next deadline is the first multiple of
 * its period after the one that fired that is still in the future (missed
 * periods are skipped, not delivered in a burst).
 */
void timerq_rearm_periodic(struct timerq *q, struct timerq_entry *e, uint64_t now);

#endif
