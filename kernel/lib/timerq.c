/* Deadline-ordered timer queue (see timerq.h). */
#include "kernel/lib/timerq.h"

void timerq_init(struct timerq *q)
{
	list_init(&q->entries);
}

void timerq_entry_init(struct timerq_entry *e)
{
	e->deadline = 0;
	e->period = 0;
	list_init(&e->link);
	e->queued = false;
}

static void insert(struct timerq *q, struct timerq_entry *e)
{
	struct list *pos;

	list_for_each(pos, &q->entries)
		if (list_entry(pos, struct timerq_entry, link)->deadline > e->deadline)
			break;
	list_insert_between(&e->link, pos->prev, pos);
	e->queued = true;
}

void timerq_remove(struct timerq *q, struct timerq_entry *e)
{
	(void)q;
	if (e->queued) {
		list_del(&e->link);
		e->queued = false;
	}
}

void timerq_add(struct timerq *q, struct timerq_entry *e, uint64_t deadline, uint64_t period)
{
	timerq_remove(q, e);
	e->deadline = deadline;
	e->period = period;
	insert(q, e);
}

uint64_t timerq_next_deadline(const struct timerq *q)
{
	if (list_empty(&q->entries))
		return UINT64_MAX;
	return list_entry(q->entries.next, struct timerq_entry, link)->deadline;
}

struct timerq_entry *timerq_pop_due(struct timerq *q, uint64_t now)
{
	struct timerq_entry *e;

	if (list_empty(&q->entries))
		return NULL;
	e = list_entry(q->entries.next, struct timerq_entry, link);
	if (e->deadline > now)
		return NULL;
	timerq_remove(q, e);
	return e;
}

void timerq_rearm_periodic(struct timerq *q, struct timerq_entry *e, uint64_t now)
{
	uint64_t next;

	if (!e->period)
		return;
	next = e->deadline + e->period;
	if (next <= now)
		next += ((now - next) / e->period + 1) * e->period;
	e->deadline = next;
	insert(q, e);
}
