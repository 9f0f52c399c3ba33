/*
 * Finding clashes among numbered ranges in O(n log n): duplicate virtual
 * devices, overlapping RDEVICE ranges, minidisks overlapping on a volume,
 * duplicate names (a name of up to 8 characters is the range [key, key]).
 * Spans in different groups (e.g. different volumes) never clash.
 */
#ifndef PLEXVM_CONFIG_CFG_SPAN_H
#define PLEXVM_CONFIG_CFG_SPAN_H

#include <stdint.h>

struct cfg_span {
	uint64_t group;
	uint64_t lo, hi;	/* inclusive */
	uint32_t line;		/* where it is defined; ties are broken by line, then ref */
	uint32_t ref;		/* caller's index, e.g. of the record or statement */
};

/*
 * Report clashing spans. `earlier` is the span defined first (lower line)
 * and `later` the one to blame. Every span that overlaps one sorted before it
 * is reported (a long range over several short ones may be reported more than
 * once; equal names are each reported once, against the first). Sorts v in place.
 */
typedef void (*cfg_span_clash_fn)(void *ctx, const struct cfg_span *earlier,
				  const struct cfg_span *later);
void cfg_span_clashes(struct cfg_span *v, unsigned n, cfg_span_clash_fn fn, void *ctx);

#endif
