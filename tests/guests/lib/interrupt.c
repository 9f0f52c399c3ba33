/* Recording external and I/O interruptions. */
#include "tests/guests/lib/interrupt.h"
#include "tests/guests/lib/cpu.h"
#include "tests/guests/lib/insn.h"
#include "arch/s390x/tod.h"

struct io_record io_last;

void ext_interrupt(uint16_t code, uint32_t param, uint16_t cpu_addr)
{
	struct gcpu *cpu = this_gcpu();

	switch (code) {
	case EXT_CLOCK_COMPARATOR:
		/* The condition stays pending while TOD >= CKC: push the comparator away. */
		sckc(TOD_INFINITE);
		break;
	case EXT_EMERGENCY_SIGNAL: {
		int from = gcpu_index_of(cpu_addr);

		cpu->emergency_count++;
		if (from >= 0)
			cpu->emergency_from[from]++;
		break;
	}
	case EXT_SERVICE_SIGNAL:
		sclp_interrupt(param);
		break;
	default:
		cpu->ext_other_count++;
		cpu->ext_other_code = code;
		break;
	}
}

void io_interrupt(uint32_t schid, uint32_t intparm, uint32_t intword)
{
	(void)intword;
	io_last.schid = schid;
	io_last.intparm = intparm;
	memory_barrier();
	io_last.count++;
}
