/*
 * Privileged and system instructions, each wrapped once in a tiny inline
 * helper so that the rest of the code never contains inline assembly.
 */
#ifndef PLEXVM_ARCH_INSN_H
#define PLEXVM_ARCH_INSN_H

#include "kernel/compiler.h"
#include "arch/s390x/psw.h"

/* ---- CPU identity ---- */
static inline uint16_t stap(void)
{
	uint16_t a;

	__asm__ __volatile__("stap %0" : "=Q"(a));
	return a;
}

static inline uint64_t stidp(void)
{
	uint64_t id;

	__asm__ __volatile__("stidp %0" : "=Q"(id));
	return id;
}

/* STFLE: stores up to n doublewords; returns the number the machine has. */
static inline int stfle(uint64_t *list, int n)
{
	register unsigned long r0 __asm__("0") = (unsigned long)n - 1;

	__asm__ __volatile__(".insn s,0xb2b00000,0(%1)"
			     : "+d"(r0) : "a"(list) : "cc", "memory");
	return (int)r0 + 1;
}

/* STSI fc.sel1.sel2 into a 4K block; returns the condition code. fc 0 returns the level in r0. */
static inline int stsi(void *block, int fc, int sel1, int sel2, uint64_t *r0_out)
{
	register unsigned long r0 __asm__("0") = ((unsigned long)fc << 28) | (unsigned long)sel1;
	register unsigned long r1 __asm__("1") = (unsigned long)sel2;
	int cc;

	__asm__ __volatile__("stsi 0(%3)\n\tipm %2\n\tsrl %2,28"
			     : "+d"(r0), "+d"(r1), "=d"(cc) : "a"(block) : "cc", "memory");
	if (r0_out)
		*r0_out = r0;
	return cc;
}

/* ---- Signal processor ---- */
enum sigp_order {
	SIGP_SENSE = 0x01,
	SIGP_EXTERNAL_CALL = 0x02,
	SIGP_EMERGENCY_SIGNAL = 0x03,
	SIGP_START = 0x04,
	SIGP_STOP = 0x05,
	SIGP_RESTART = 0x06,
	SIGP_STOP_AND_STORE_STATUS = 0x09,
	SIGP_INITIAL_CPU_RESET = 0x0b,
	SIGP_CPU_RESET = 0x0c,
	SIGP_SET_PREFIX = 0x0d,
	SIGP_STORE_STATUS_AT_ADDRESS = 0x0e,
	SIGP_SET_ARCHITECTURE = 0x12,
	SIGP_SENSE_RUNNING = 0x15,
};

#define SIGP_STATUS_EQUIPMENT_CHECK 0x80000000U
#define SIGP_STATUS_INCORRECT_STATE 0x00000200U
#define SIGP_STATUS_INVALID_PARAM   0x00000100U
#define SIGP_STATUS_EXT_CALL_PENDING 0x00000080U
#define SIGP_STATUS_STOPPED         0x00000040U
#define SIGP_STATUS_OPERATOR_INTERV 0x00000020U
#define SIGP_STATUS_CHECK_STOP      0x00000010U
#define SIGP_STATUS_INOPERATIVE     0x00000004U
#define SIGP_STATUS_INVALID_ORDER   0x00000002U
#define SIGP_STATUS_RECEIVER_CHECK  0x00000001U

/* Returns the condition code; with cc 1 the status word is stored in *status. */
static inline int sigp(uint16_t cpu_addr, enum sigp_order order, uint32_t param, uint32_t *status)
{
	register unsigned long r1 __asm__("1") = param;
	int cc;

	__asm__ __volatile__("sigp %1,%2,0(%3)\n\tipm %0\n\tsrl %0,28"
			     : "=d"(cc), "+d"(r1) : "d"((unsigned long)cpu_addr), "a"((unsigned long)order)
			     : "cc", "memory");
	if (status && cc == 1)
		*status = (uint32_t)r1;
	return cc;
}

/* ---- Clocks and timers ---- */
static inline uint64_t stck(void)
{
	uint64_t t;

	__asm__ __volatile__("stck %0" : "=Q"(t) : : "cc");
	return t;
}

static inline void sckc(uint64_t t)
{
	__asm__ __volatile__("sckc %0" : : "Q"(t));
}

static inline uint64_t stckc(void)
{
	uint64_t t;

	__asm__ __volatile__("stckc %0" : "=Q"(t));
	return t;
}

static inline void spt(uint64_t t)
{
	__asm__ __volatile__("spt %0" : : "Q"(t));
}

static inline uint64_t stpt(void)
{
	uint64_t t;

	__asm__ __volatile__("stpt %0" : "=Q"(t));
	return t;
}

/* ---- Prefix ---- */
static inline uint32_t stpx(void)
{
	uint32_t p;

	__asm__ __volatile__("stpx %0" : "=Q"(p));
	return p;
}

/* ---- PSW and interruption masks ---- */
static inline uint64_t extract_psw_mask(void)
{
	unsigned long hi = 0, lo = 0;

	__asm__ __volatile__("epsw %0,%1" : "=d"(hi), "=d"(lo));
	return ((uint64_t)(uint32_t)hi << 32) | (uint32_t)lo;
}

/* Disable I/O and external interrupts; returns the previous system mask byte. */
static inline uint8_t irq_save(void)
{
	uint8_t old;

	__asm__ __volatile__("stnsm %0,0xfc" : "=Q"(old) : : "memory");
	return old;
}

static inline void irq_restore(uint8_t mask)
{
	__asm__ __volatile__("ssm %0" : : "Q"(mask) : "memory");
}

static inline void irq_enable(void)
{
	uint8_t old;

	__asm__ __volatile__("stosm %0,0x03" : "=Q"(old) : : "memory");
}

static inline void irq_disable(void)
{
	(void)irq_save();
}

static inline bool irqs_enabled(void)
{
	return (extract_psw_mask() & (PSW_MASK_IO | PSW_MASK_EXT)) != 0;
}

static inline void __noreturn load_psw(const struct psw *psw)
{
	__asm__ __volatile__("lpswe %0" : : "Q"(*psw) : "memory");
	__builtin_unreachable();
}

/*
 * Wait enabled for the interruptions in `mask` (PSW_MASK_IO/EXT) and for
 * machine checks, and return once one has been taken. The interrupt handlers
 * clear the wait bit and the I/O, external and machine-check masks in the old
 * PSW, so execution resumes here disabled, as the rest of the kernel runs.
 */
static inline void enabled_wait(uint64_t mask)
{
	struct psw psw = { .mask = PSW_MASK_KERNEL | PSW_MASK_WAIT | PSW_MASK_MCHECK | mask, .addr = 0 };
	unsigned long tmp;

	__asm__ __volatile__("larl %[t],0f\n\t"
			     "stg %[t],8(%[p])\n\t"
			     "lpswe 0(%[p])\n"
			     "0:"
			     : [t] "=&d"(tmp), "+m"(psw) : [p] "a"(&psw) : "memory", "cc");
}

static inline void __noreturn disabled_wait(uint64_t code)
{
	struct psw psw = { .mask = PSW_MASK_DISABLED_WAIT, .addr = code };

	for (;;)
		__asm__ __volatile__("lpswe %0" : : "Q"(psw) : "memory");
}

/* ---- Service call (SCLP) ---- */
/* Returns the condition code: 0 accepted, 2 busy, 3 not operational. */
static inline int servc(uint32_t command, void *sccb)
{
	int cc;

	__asm__ __volatile__(".insn rre,0xb2200000,%1,%2\n\tipm %0\n\tsrl %0,28"
			     : "=&d"(cc) : "d"((unsigned long)command), "a"(sccb) : "cc", "memory");
	return cc;
}

/* ---- Storage keys ---- */
/* Set the storage key of the 4K frame at real address addr (reference and change bits from key too). */
static inline void sske(uint64_t addr, uint8_t key)
{
	__asm__ __volatile__("sske %0,%1" : : "d"((unsigned long)key), "a"(addr) : "memory");
}

static inline uint8_t iske(uint64_t addr)
{
	unsigned long key = 0;

	__asm__ __volatile__("iske %0,%1" : "+d"(key) : "a"(addr));
	return (uint8_t)key;
}

/* ---- Misc ---- */
static inline void cpu_relax(void)
{
	__asm__ __volatile__("" ::: "memory");
}

static inline void memory_barrier(void)
{
	__asm__ __volatile__("bcr 14,0" ::: "memory");
}

#endif
