/* Host builds (tools, unit tests, fuzzers) are single-threaded users of the spinlocks. */
#ifdef PLEXVM_HOST
#include "kernel/spinlock.h"

uint32_t spinlock_owner_tag(void)
{
	return 1;
}
#endif
