/* The deadline-ordered timer queue: one-shot and periodic semantics. */
#include <criterion/criterion.h>
#include "kernel/lib/timerq.h"

Test(timerq, pops_in_deadline_order_when_due)
{
	struct timerq q;
	struct timerq_entry a, b, c;

	timerq_init(&q);
	timerq_entry_init(&a);
	timerq_entry_init(&b);
	timerq_entry_init(&c);
	cr_assert_eq(timerq_next_deadline(&q), UINT64_MAX);
	timerq_add(&q, &a, 300, 0);
	timerq_add(&q, &b, 100, 0);
	timerq_add(&q, &c, 200, 0);
	cr_assert_eq(timerq_next_deadline(&q), 100);
	cr_assert_null(timerq_pop_due(&q, 99), "nothing is due before its deadline");
	cr_assert_eq(timerq_pop_due(&q, 250), &b);
	cr_assert_eq(timerq_pop_due(&q, 250), &c);
	cr_assert_null(timerq_pop_due(&q, 250));
	cr_assert_eq(timerq_pop_due(&q, 300), &a);
	cr_assert(!a.queued);
}

Test(timerq, re_adding_moves_an_entry)
{
	struct timerq q;
	struct timerq_entry a, b;

	timerq_init(&q);
	timerq_entry_init(&a);
	timerq_entry_init(&b);
	timerq_add(&q, &a, 100, 0);
	timerq_add(&q, &b, 200, 0);
	timerq_add(&q, &a, 300, 0);
	cr_assert_eq(timerq_next_deadline(&q), 200);
	timerq_remove(&q, &b);
	timerq_remove(&q, &b);
	cr_assert_eq(timerq_next_deadline(&q), 300);
}

Test(timerq, periodic_rearm_skips_missed_periods)
{
	struct timerq q;
	struct timerq_entry p;

	timerq_init(&q);
	timerq_entry_init(&p);
	timerq_add(&q, &p, 1000, 100);
	cr_assert_eq(timerq_pop_due(&q, 1010), &p);
	timerq_rearm_periodic(&q, &p, 1010);
	cr_assert_eq(timerq_next_deadline(&q), 1100, "the next period");
	cr_assert_eq(timerq_pop_due(&q, 1555), &p);
	timerq_rearm_periodic(&q, &p, 1555);
	cr_assert_eq(timerq_next_deadline(&q), 1600, "late by 4 periods: one delivery, then on the grid");
	cr_assert_eq(timerq_pop_due(&q, 1600), &p);
	timerq_rearm_periodic(&q, &p, 1600);
	cr_assert_eq(timerq_next_deadline(&q), 1700, "exactly on time");
}

Test(timerq, one_shot_is_not_rearmed)
{
	struct timerq q;
	struct timerq_entry o;

	timerq_init(&q);
	timerq_entry_init(&o);
	timerq_add(&q, &o, 10, 0);
	cr_assert_eq(timerq_pop_due(&q, 10), &o);
	timerq_rearm_periodic(&q, &o, 10);
	cr_assert_null(timerq_pop_due(&q, UINT64_MAX - 1));
}
