/* Clash detection among ranges by sorting and one sweep. */
#include "kernel/config/cfg_span.h"
#include <stdlib.h>

static int cmp_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

static int span_order(const void *pa, const void *pb)
{
	const struct cfg_span *a = pa, *b = pb;
	int c;

	if ((c = cmp_u64(a->group, b->group)) != 0)
		return c;
	if ((c = cmp_u64(a->lo, b->lo)) != 0)
		return c;
	if ((c = cmp_u64(a->line, b->line)) != 0)
		return c;
	return cmp_u64(a->ref, b->ref);
}

static int defined_before(const struct cfg_span *a, const struct cfg_span *b)
{
	if (a->line != b->line)
		return a->line < b->line;
	return a->ref < b->ref;
}

void cfg_span_clashes(struct cfg_span *v, unsigned n, cfg_span_clash_fn fn, void *ctx)
{
	unsigned reach = 0;	/* span of this group with the highest end so far */

	if (n < 2)
		return;
	qsort(v, n, sizeof(*v), span_order);
	for (unsigned i = 1; i < n; i++) {
		if (v[i].group != v[reach].group) {
			reach = i;
			continue;
		}
		if (v[i].lo <= v[reach].hi) {
			if (defined_before(&v[reach], &v[i]))
				fn(ctx, &v[reach], &v[i]);
			else
				fn(ctx, &v[i], &v[reach]);
		}
		if (v[i].hi > v[reach].hi)
			reach = i;
	}
}
