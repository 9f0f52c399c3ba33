/*
 * What a probe (insn.h) ran into: the program checks the recovery handler
 * took since a given moment. Usage:
 *     uint32_t mark = pgm_mark();
 *     int cc = probe_xxx(...);
 *     if (pgm_since(mark, &code)) ... the probe program-checked with code
 */
#ifndef TGUEST_PROBE_H
#define TGUEST_PROBE_H

#include "kernel/compiler.h"
#include "tests/guests/lib/lowcore.h"

static inline uint32_t pgm_mark(void)
{
	return GLOWCORE->pgm_count;
}

/* True if a program check was recovered since mark; *code gets its interruption code. */
static inline bool pgm_since(uint32_t mark, uint16_t *code)
{
	if (GLOWCORE->pgm_count == mark)
		return false;
	*code = (uint16_t)GLOWCORE->pgm_code;
	return true;
}

/* Instruction length of the last recovered program check in bytes (0, 2, 4, 6). */
static inline unsigned int pgm_last_ilc(void)
{
	return (GLOWCORE->pgm_code >> 16) & 6;
}

static inline uint64_t pgm_last_address(void)
{
	return GLOWCORE->pgm_old_psw.addr;
}

#endif
