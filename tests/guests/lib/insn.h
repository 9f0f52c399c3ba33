/*
 * Every inline assembly statement of the test guests, each wrapped once.
 * The hypervisor's own wrappers (arch/s390x/insn.h: SIGP, STCK, SCKC, SERVC,
 * enabled and disabled waits; cr.h; css.h: STSCH, MSCH, SSCH, TSCH) are reused
 * as they are; this file adds what only the guests need:
 *  - STCKF, CS and DIAG;
 *  - probes: one instruction executed with a program-check recovery address
 *    armed in the lowcore (GLC_PGM_RECOVERY). If the instruction program-checks,
 *    the handler in entry.S records the interruption code, disarms the recovery
 *    and resumes at the label after the instruction in 64-bit supervisor state,
 *    disabled, with every register as it was at the interruption. A probe
 *    returns the condition code the instruction set, or -1 when it
 *    program-checked (see pgm_since() in probe.h for the code).
 */
#ifndef TGUEST_INSN_H
#define TGUEST_INSN_H

#include "kernel/compiler.h"
#include "arch/s390x/insn.h"
#include "arch/s390x/cr.h"
#include "arch/s390x/css.h"
#include "tests/guests/lib/lowcore.h"

/* ---- Clocks ---- */
static inline uint64_t stckf(void)
{
	uint64_t t;

	__asm__ __volatile__("stckf %0" : "=Q"(t) : : "cc");
	return t;
}

/* ---- Serialisation ---- */
/* Compare and swap: stores new at *p if *p == old; returns the value found at *p. */
static inline uint32_t cs32(volatile uint32_t *p, uint32_t old, uint32_t new)
{
	__asm__ __volatile__("cs %0,%2,%1" : "+d"(old), "+Q"(*p) : "d"(new) : "cc", "memory");
	return old;
}

/* ---- DIAGNOSE (the code is the second-operand address) ---- */
static inline void diag44(void)
{
	__asm__ __volatile__("diag %%r0,%%r0,0x44" : : : "memory");
}

/* ---- Probes ---- */
/* Arm the recovery address (label 0 below), run the instruction, take the cc, disarm. */
#define PROBE_ARM \
	"	larl	%[rec],0f\n" \
	"	stg	%[rec],%[lcrec]\n"
#define PROBE_DISARM \
	"	ipm	%[cc]\n" \
	"	srl	%[cc],28\n" \
	"	mvghi	%[lcrec],0\n" \
	"0:	sam64\n"
#define PROBE_OUTPUTS [rec] "=&a"(rec), [cc] "+&d"(cc)
#define PROBE_INPUTS  [lcrec] "i"(GLC_PGM_RECOVERY)

static inline int probe_load64(uint64_t addr, uint64_t *value)
{
	unsigned long rec;
	uint64_t v = 0;
	int cc = -1;

	__asm__ __volatile__(PROBE_ARM
			     "	lg	%[v],0(%[a])\n"
			     PROBE_DISARM
			     : PROBE_OUTPUTS, [v] "+&d"(v)
			     : PROBE_INPUTS, [a] "a"(addr) : "cc", "memory");
	*value = v;
	return cc;
}

static inline int probe_store64(uint64_t addr, uint64_t value)
{
	unsigned long rec;
	int cc = -1;

	__asm__ __volatile__(PROBE_ARM
			     "	stg	%[v],0(%[a])\n"
			     PROBE_DISARM
			     : PROBE_OUTPUTS
			     : PROBE_INPUTS, [a] "a"(addr), [v] "d"(value) : "cc", "memory");
	return cc;
}

static inline int probe_stsch(uint32_t schid, struct schib *schib)
{
	register unsigned long r1 __asm__("1") = schid;
	unsigned long rec;
	int cc = -1;

	__asm__ __volatile__(PROBE_ARM
			     "	stsch	0(%[s])\n"
			     PROBE_DISARM
			     : PROBE_OUTPUTS
			     : PROBE_INPUTS, [s] "a"(schib), "d"(r1) : "cc", "memory");
	return cc;
}

static inline int probe_ssch(uint32_t schid, const struct orb *orb)
{
	register unsigned long r1 __asm__("1") = schid;
	unsigned long rec;
	int cc = -1;

	__asm__ __volatile__(PROBE_ARM
			     "	ssch	0(%[o])\n"
			     PROBE_DISARM
			     : PROBE_OUTPUTS
			     : PROBE_INPUTS, [o] "a"(orb), "d"(r1) : "cc", "memory");
	return cc;
}

static inline int probe_msch(uint32_t schid, const struct schib *schib)
{
	register unsigned long r1 __asm__("1") = schid;
	unsigned long rec;
	int cc = -1;

	__asm__ __volatile__(PROBE_ARM
			     "	msch	0(%[s])\n"
			     PROBE_DISARM
			     : PROBE_OUTPUTS
			     : PROBE_INPUTS, [s] "a"(schib), "d"(r1) : "cc", "memory");
	return cc;
}

/* SIGP: with cc 1 the status word (low half of r1) is stored in *status. */
static inline int probe_sigp(uint16_t cpu_addr, unsigned int order, uint32_t param, uint32_t *status)
{
	register unsigned long r1 __asm__("1") = param;
	unsigned long rec;
	int cc = -1;

	__asm__ __volatile__(PROBE_ARM
			     "	sigp	%%r1,%[cpu],0(%[order])\n"
			     PROBE_DISARM
			     : PROBE_OUTPUTS, "+d"(r1)
			     : PROBE_INPUTS, [cpu] "d"((unsigned long)cpu_addr),
			       [order] "a"((unsigned long)order)
			     : "cc", "memory");
	if (cc == 1)
		*status = (uint32_t)r1;
	return cc;
}

static inline int probe_servc(uint32_t command, uint64_t sccb)
{
	unsigned long rec;
	int cc = -1;

	__asm__ __volatile__(PROBE_ARM
			     "	.insn	rre,0xb2200000,%[cmd],%[sccb]\n"
			     PROBE_DISARM
			     : PROBE_OUTPUTS
			     : PROBE_INPUTS, [cmd] "d"((unsigned long)command), [sccb] "a"(sccb)
			     : "cc", "memory");
	return cc;
}

/* DIAGNOSE with the code as its second-operand address; r0..r3 are passed as zero. */
static inline int probe_diag(unsigned int code)
{
	register unsigned long r0 __asm__("0") = 0;
	register unsigned long r1 __asm__("1") = 0;
	unsigned long rec;
	int cc = -1;

	__asm__ __volatile__(PROBE_ARM
			     "	diag	%%r0,%%r1,0(%[code])\n"
			     PROBE_DISARM
			     : PROBE_OUTPUTS, "+d"(r0), "+d"(r1)
			     : PROBE_INPUTS, [code] "a"((unsigned long)code) : "cc", "memory");
	return cc;
}

/*
 * LPSWE of a PSW with the given mask whose address is the recovery label plus
 * offset. An invalid PSW gives a specification exception; a valid one simply
 * continues at the label (SAM64 there restores 64-bit addressing). An odd
 * offset (1) makes the instruction address odd.
 */
static inline int probe_lpswe(uint64_t mask, uint64_t offset)
{
	struct psw psw = { .mask = mask, .addr = 0 };
	unsigned long rec;
	int cc = -1;

	__asm__ __volatile__(PROBE_ARM
			     "	agr	%[rec],%[off]\n"
			     "	stg	%[rec],8(%[p])\n"
			     "	lpswe	0(%[p])\n"
			     PROBE_DISARM
			     : PROBE_OUTPUTS, "+m"(psw)
			     : PROBE_INPUTS, [p] "a"(&psw), [off] "d"(offset) : "cc", "memory");
	return cc;
}

/*
 * Problem-state probes: LPSWE into problem state (64-bit, key 0), then one
 * privileged instruction, which must give a privileged-operation exception. If
 * it runs instead, the invalid opcode 0x0000 after it (operation exception)
 * brings the CPU back to the handler: the recorded code is then 0x0001.
 */
#define PSTATE_ENTER \
	"	larl	%[rec],1f\n" \
	"	stg	%[rec],8(%[p])\n" \
	"	lpswe	0(%[p])\n" \
	"1:"
#define PSTATE_LEAVE "	.word	0x0000\n"
#define PSTATE_PSW { .mask = PSW_MASK_EA | PSW_MASK_BA | PSW_MASK_PSTATE, .addr = 0 }

static inline int probe_pstate_stctg(void)
{
	struct psw psw = PSTATE_PSW;
	unsigned long rec;
	uint64_t cr0 = 0;
	int cc = -1;

	__asm__ __volatile__(PROBE_ARM PSTATE_ENTER
			     "	stctg	%%c0,%%c0,%[cr]\n"
			     PSTATE_LEAVE PROBE_DISARM
			     : PROBE_OUTPUTS, "+m"(psw), [cr] "=Q"(cr0)
			     : PROBE_INPUTS, [p] "a"(&psw) : "cc", "memory");
	return cc;
}

static inline int probe_pstate_sigp(void)
{
	struct psw psw = PSTATE_PSW;
	unsigned long rec;
	int cc = -1;

	/* SIGP sense to CPU address 0: harmless if it ran. */
	__asm__ __volatile__(PROBE_ARM
			     "	lghi	%%r0,0\n"
			     "	lghi	%%r1,0\n"
			     PSTATE_ENTER
			     "	sigp	%%r1,%%r0,1\n"
			     PSTATE_LEAVE PROBE_DISARM
			     : PROBE_OUTPUTS, "+m"(psw)
			     : PROBE_INPUTS, [p] "a"(&psw) : "cc", "memory", "r0", "r1");
	return cc;
}

static inline int probe_pstate_diag(void)
{
	struct psw psw = PSTATE_PSW;
	unsigned long rec;
	int cc = -1;

	__asm__ __volatile__(PROBE_ARM PSTATE_ENTER
			     "	diag	%%r0,%%r0,0x44\n"
			     PSTATE_LEAVE PROBE_DISARM
			     : PROBE_OUTPUTS, "+m"(psw)
			     : PROBE_INPUTS, [p] "a"(&psw) : "cc", "memory");
	return cc;
}

/* ---- Storage keys (SSKE and ISKE are arch/s390x/insn.h's) ---- */
/* Reset reference bit extended: the condition code is the old R and C bits (R*2 + C). */
static inline int rrbe(uint64_t addr)
{
	int cc;

	__asm__ __volatile__("	rrbe	%%r0,%[a]\n"
			     "	ipm	%[cc]\n"
			     "	srl	%[cc],28\n"
			     : [cc] "=d"(cc) : [a] "a"(addr) : "cc", "memory");
	return cc;
}

/*
 * A store or fetch of a doubleword under PSW key `key` (SET PSW KEY FROM ADDRESS
 * takes the key from bits 56-59 of its operand address); key 0 again afterwards,
 * and also after a program check (the recovery PSW has key 0).
 */
static inline int probe_keyed_store64(uint64_t addr, uint8_t key, uint64_t value)
{
	unsigned long rec;
	int cc = -1;

	__asm__ __volatile__(PROBE_ARM
			     "	spka	0(%[k])\n"
			     "	stg	%[v],0(%[a])\n"
			     "	spka	0\n"
			     PROBE_DISARM
			     : PROBE_OUTPUTS
			     : PROBE_INPUTS, [a] "a"(addr), [v] "d"(value), [k] "a"((unsigned long)key << 4)
			     : "cc", "memory");
	return cc;
}

static inline int probe_keyed_load64(uint64_t addr, uint8_t key, uint64_t *value)
{
	unsigned long rec;
	uint64_t v = 0;
	int cc = -1;

	__asm__ __volatile__(PROBE_ARM
			     "	spka	0(%[k])\n"
			     "	lg	%[v],0(%[a])\n"
			     "	spka	0\n"
			     PROBE_DISARM
			     : PROBE_OUTPUTS, [v] "+&d"(v)
			     : PROBE_INPUTS, [a] "a"(addr), [k] "a"((unsigned long)key << 4)
			     : "cc", "memory");
	*value = v;
	return cc;
}

#endif
