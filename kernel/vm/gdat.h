/*
 * Guest address translation for SIE intercept handlers. Hardware-free: every
 * table entry and operand is reached through a struct gmem (guest absolute
 * storage, bounds-checked), so it builds freestanding and for the host.
 *
 * An intercepted instruction's operand address (the ORB of SSCH, the SCCB of
 * SERVC, STSI's buffer, TSCH's IRB, DIAG parameter blocks...) is a logical
 * address in the guest CPU's current address space. gdat_translate turns it into
 * a guest absolute address with the rules and exceptions of the z/Architecture
 * Principles of Operation (chapter 3):
 *
 *   1. The addressing mode (PSW bits 31-32) wraps the logical address to 24, 31
 *      or 64 bits. EA=1 BA=0 cannot be the PSW of a running CPU: specification.
 *   2. DAT off (PSW bit 5 = 0): the logical address is real. DAT on: the
 *      address-space control (PSW bits 16-17) selects the ASCE: primary CR1,
 *      secondary CR7, home CR13. Access-register mode is not supported
 *      (GDAT_CODE_AR_MODE, which is not a program interruption code).
 *   3. Low-address protection (CR0 bit 35) for stores to effective addresses
 *      0-511 and 4096-4607, unless DAT is on and the ASCE is private (bit 55).
 *   4. DAT: a real-space designation (ASCE bit 58) makes the address real;
 *      otherwise the region-first/second/third, segment and page tables are
 *      walked from the designated level with the ASCE-type, table-length and
 *      table-offset checks, invalid bits, table-type and other translation-
 *      specification checks, EDAT-1 1 MiB segment frames and EDAT-2 2 GiB region
 *      frames (CR0 bit 40 and the facilities in gdat_regs), DAT protection.
 *      Table origins are taken as absolute addresses (the architecture leaves
 *      real or absolute unpredictable); an entry outside storage is an
 *      addressing exception.
 *   5. DAT protection for stores (before the operand's addressing check, as
 *      KVM, QEMU and Hercules order them).
 *   6. Prefixing of real addresses (EDAT frame addresses are already absolute).
 *   7. Addressing: the absolute address must lie inside guest storage.
 *
 * Not modelled: key-controlled protection and storage keys (fetch protection,
 * reference and change bits), instruction-execution protection (no instruction
 * fetch is translated here), PER storage alteration, the IPTE interlock against
 * other guest CPUs changing the tables during a walk, TLB effects.
 */
#ifndef PLEXVM_KERNEL_VM_GDAT_H
#define PLEXVM_KERNEL_VM_GDAT_H

#include "kernel/compiler.h"
#include "kernel/vdev/gmem.h"
#include "kernel/vm/gdat_bits.h"

/* DAT facilities installed in the guest's configuration (as its STFLE reports them). */
#define GDAT_FAC_EDAT1  0x1u   /* facility 8: enhanced DAT 1 (1 MiB segment frames, region DAT protection) */
#define GDAT_FAC_EDAT2  0x2u   /* facility 78: enhanced DAT 2 (2 GiB region frames); only with EDAT1 */

/* The guest CPU state translation depends on. */
struct gdat_regs {
	uint64_t psw_mask;     /* first doubleword of the guest PSW (DAT, AS, EA, BA) */
	uint64_t cr0;          /* LAP (bit 35), EDAT enablement (bit 40) */
	uint64_t cr1;          /* primary ASCE */
	uint64_t cr7;          /* secondary ASCE */
	uint64_t cr13;         /* home ASCE */
	uint32_t prefix;       /* prefix register (bits 1-18 used) */
	uint32_t facilities;   /* GDAT_FAC_* */
};

/* Codes that are not program interruptions; the caller decides (e.g. end the guest). */
#define GDAT_CODE_AR_MODE   0x10000u  /* access-register mode, which is not implemented */
#define GDAT_CODE_TOO_LONG  0x10001u  /* gdat_write longer than GDAT_WRITE_MAX */

/* The longest gdat_write: its page translations are kept on the stack. */
#define GDAT_WRITE_MAX      0x10000u
#define GDAT_WRITE_PAGES    (GDAT_WRITE_MAX / 4096u + 1u)

/* Why an access failed: what the program interruption must present. */
struct gdat_fault {
	uint32_t code;          /* program interruption code (lowcore 0x8E), or GDAT_CODE_* */
	bool teid_valid;        /* whether teid is part of the interruption (stored at 0xA8) */
	uint64_t teid;          /* translation-exception identification, 8 bytes at lowcore 0xA8:
	                           bits 0-51 failing page, 52-53 fetch/store, 56/60/61 protection
	                           cause, 62-63 address space (GDAT_TEID_*) */
	uint8_t exc_access_id;  /* exception access id (lowcore 0xA0): the access register in AR
	                           mode; always 0 here (undefined outside AR mode) */
};

/*
 * Translate one logical address of a store (write) or fetch. 0 with *absolute set
 * (< g->size), or -1 with *fault filled (and *absolute untouched).
 */
int gdat_translate(const struct gmem *g, const struct gdat_regs *r, uint64_t logical,
		   bool write, uint64_t *absolute, struct gdat_fault *fault);

/*
 * Copy len bytes at a logical address out of / into guest storage, translating
 * page by page (the address wraps at the end of the addressing mode's range).
 * 0, or -1 with *fault for the first failing byte. A read may have filled part of
 * buf before failing. A write (at most GDAT_WRITE_MAX bytes) translates every
 * page first and stores nothing when any part would fault; the stores use those
 * translations even if they change the tables. len 0 accesses nothing and succeeds.
 */
int gdat_read(const struct gmem *g, const struct gdat_regs *r, uint64_t logical,
	      void *buf, size_t len, struct gdat_fault *fault);
int gdat_write(const struct gmem *g, const struct gdat_regs *r, uint64_t logical,
	       const void *buf, size_t len, struct gdat_fault *fault);

/* Whether len bytes at a logical address could be fetched (write false) or stored:
 * 0, or -1 with *fault, accessing no operand byte. */
int gdat_check(const struct gmem *g, const struct gdat_regs *r, uint64_t logical,
	       size_t len, bool write, struct gdat_fault *fault);

/* Real -> absolute (prefixing): real 0-8191 and the 8 KiB at the prefix trade places. */
uint64_t gdat_real_to_abs(uint64_t real, uint32_t prefix);

/* The mask of the PSW's addressing mode (GDAT_AMODE*_MASK), 0 for the invalid EA=1 BA=0. */
uint64_t gdat_amode_mask(uint64_t psw_mask);

#endif
