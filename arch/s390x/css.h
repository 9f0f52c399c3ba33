/*
 * Channel subsystem: control blocks (PMCW/SCHIB, SCSW, ORB, CCW, IRB) and the
 * I/O instructions, each wrapped once. Layouts per the z/Architecture
 * Principles of Operation; bit fields are expressed as masks on big-endian
 * words rather than C bit-fields.
 */
#ifndef PLEXVM_ARCH_CSS_H
#define PLEXVM_ARCH_CSS_H

#include "kernel/compiler.h"

/* Subchannel identifier in GR1: 0x0001 | ssid << 1 in the high halfword, then the number. */
static inline uint32_t schid_make(unsigned int ssid, unsigned int sch)
{
	return 0x00010000U | ((uint32_t)ssid << 17) | (sch & 0xffff);
}

/* ---- PMCW: path-management-control word (28 bytes) ---- */
struct pmcw {
	uint32_t intparm;          /* 0x00 interruption parameter */
	uint16_t flags;            /* 0x04 Q, W, ISC (3), ena, lm, mme, mp, tf, dnv */
	uint16_t devno;            /* 0x06 device number */
	uint8_t lpm;               /* 0x08 logical path mask */
	uint8_t pnom;              /* 0x09 path not operational mask */
	uint8_t lpum;              /* 0x0a last path used mask */
	uint8_t pim;               /* 0x0b path installed mask */
	uint16_t mbi;              /* 0x0c measurement block index */
	uint8_t pom;               /* 0x0e path operational mask */
	uint8_t pam;               /* 0x0f path available mask */
	uint8_t chpid[8];          /* 0x10 */
	uint32_t flags2;           /* 0x18 subchannel type (bits 8-10), csense... */
} __packed;
_Static_assert(sizeof(struct pmcw) == 28, "pmcw");

#define PMCW_ISC_SHIFT 11
#define PMCW_ISC_MASK  0x3800
#define PMCW_ENABLED   0x0080
#define PMCW_MULTIPATH 0x0004
#define PMCW_DNV       0x0001
#define PMCW_ST(f2)    (((f2) >> 21) & 7) /* 0 = I/O subchannel */

/* ---- SCSW: subchannel-status word (12 bytes) ---- */
struct scsw {
	uint32_t flags;            /* 0x00 key, controls, FC, AC, SC */
	uint32_t cpa;              /* 0x04 CCW address */
	uint8_t dstat;             /* 0x08 device status */
	uint8_t cstat;             /* 0x09 subchannel status */
	uint16_t count;            /* 0x0a residual count */
} __packed;
_Static_assert(sizeof(struct scsw) == 12, "scsw");

#define SCSW_CC(f)          (((f) >> 24) & 3)   /* deferred condition code */
#define SCSW_FC_START       0x00004000U
#define SCSW_FC_HALT        0x00002000U
#define SCSW_FC_CLEAR       0x00001000U
#define SCSW_FC_MASK        0x00007000U
#define SCSW_AC_RESUME_PEND 0x00000800U
#define SCSW_AC_START_PEND  0x00000400U
#define SCSW_AC_HALT_PEND   0x00000200U
#define SCSW_AC_CLEAR_PEND  0x00000100U
#define SCSW_AC_SCH_ACTIVE  0x00000080U
#define SCSW_AC_DEV_ACTIVE  0x00000040U
#define SCSW_AC_SUSPENDED   0x00000020U
#define SCSW_SC_ALERT       0x00000010U
#define SCSW_SC_INTERMEDIATE 0x00000008U
#define SCSW_SC_PRIMARY     0x00000004U
#define SCSW_SC_SECONDARY   0x00000002U
#define SCSW_SC_PENDING     0x00000001U

#define DEV_ATTENTION  0x80
#define DEV_STATUS_MOD 0x40
#define DEV_CU_END     0x20
#define DEV_BUSY       0x10
#define DEV_CHAN_END   0x08
#define DEV_DEV_END    0x04
#define DEV_UNIT_CHECK 0x02
#define DEV_UNIT_EXC   0x01

#define SCH_PCI        0x80
#define SCH_INCORR_LEN 0x40
#define SCH_PROG_CHECK 0x20
#define SCH_PROT_CHECK 0x10
#define SCH_DATA_CHECK 0x08
#define SCH_CTRL_CHECK 0x04
#define SCH_INTF_CHECK 0x02
#define SCH_CHAIN_CHECK 0x01

/* ---- SCHIB: subchannel-information block ---- */
struct schib {
	struct pmcw pmcw;          /* 0x00 */
	struct scsw scsw;          /* 0x1c */
	uint64_t mba;              /* 0x28 */
	uint8_t mda[4];            /* 0x30 */
} __packed __aligned(4);
_Static_assert(sizeof(struct schib) == 52, "schib");

/* ---- ORB: operation-request block (format 1 CCWs) ---- */
struct orb {
	uint32_t intparm;          /* 0x00 */
	uint32_t flags;            /* 0x04 key, S, C, M, Y, F, P, I, A, U, ..., LPM, L, D, X */
	uint32_t cpa;              /* 0x08 channel program address (31-bit) */
	uint32_t reserved[5];      /* 0x0c */
} __packed __aligned(4);
_Static_assert(sizeof(struct orb) == 32, "orb");

#define ORB_FMT1      0x00800000U  /* format-1 CCWs */
#define ORB_PREFETCH  0x00400000U
#define ORB_INIT_STAT 0x00200000U  /* initial-status interruption */
#define ORB_SUSPEND   0x08000000U  /* suspend control */
#define ORB_LPM(m)    ((uint32_t)(m) << 8)
#define ORB_ILSM      0x00000080U  /* incorrect-length suppression mode */

/* ---- CCW format 1 ---- */
struct ccw1 {
	uint8_t cmd;               /* 0x00 */
	uint8_t flags;             /* 0x01 */
	uint16_t count;            /* 0x02 */
	uint32_t cda;              /* 0x04 data address (31-bit) */
} __packed __aligned(8);
_Static_assert(sizeof(struct ccw1) == 8, "ccw1");

#define CCW_FLAG_CD   0x80  /* chain data */
#define CCW_FLAG_CC   0x40  /* command chaining */
#define CCW_FLAG_SLI  0x20  /* suppress length indication */
#define CCW_FLAG_SKIP 0x10
#define CCW_FLAG_PCI  0x08
#define CCW_FLAG_IDA  0x04
#define CCW_FLAG_SUSPEND 0x02

#define CCW_CMD_TIC      0x08
#define CCW_CMD_SENSE    0x04
#define CCW_CMD_NOOP     0x03
#define CCW_CMD_SENSE_ID 0xe4

/* ---- IRB: interruption-response block ---- */
struct irb {
	struct scsw scsw;          /* 0x00 */
	uint32_t esw[5];           /* 0x0c extended status word */
	uint8_t ecw[32];           /* 0x20 extended control word (concurrent sense) */
	uint32_t emw[8];           /* 0x40 extended measurement word */
} __packed __aligned(4);
_Static_assert(sizeof(struct irb) == 96, "irb");

/* ---- SENSE ID data ---- */
struct senseid {
	uint8_t reserved;          /* 0x00 0xff */
	uint16_t cu_type;          /* 0x01 */
	uint8_t cu_model;          /* 0x03 */
	uint16_t dev_type;         /* 0x04 */
	uint8_t dev_model;         /* 0x06 */
	uint8_t unused;            /* 0x07 */
	uint8_t ciw[8][4];         /* 0x08 command information words */
} __packed;
_Static_assert(sizeof(struct senseid) == 40, "senseid");

/* ---- Channel report word ---- */
struct crw {
	uint32_t word;             /* S, R, C, RSC (4), A, ERC (6), RSID (16) */
} __packed;
#define CRW_RSC(w)  (((w) >> 24) & 0xf)
#define CRW_ERC(w)  (((w) >> 16) & 0x3f)
#define CRW_RSID(w) ((w) & 0xffff)
#define CRW_CHAIN   0x20000000U
#define CRW_RSC_SUBCHANNEL 0x3

/* ---- The I/O instructions. Each returns the condition code. ---- */
static inline int stsch(uint32_t schid, struct schib *schib)
{
	register unsigned long r1 __asm__("1") = schid;
	int cc;

	__asm__ __volatile__("stsch 0(%2)\n\tipm %0\n\tsrl %0,28"
			     : "=d"(cc), "=m"(*schib) : "a"(schib), "d"(r1) : "cc");
	return cc;
}

static inline int msch(uint32_t schid, const struct schib *schib)
{
	register unsigned long r1 __asm__("1") = schid;
	int cc;

	__asm__ __volatile__("msch 0(%1)\n\tipm %0\n\tsrl %0,28"
			     : "=d"(cc) : "a"(schib), "d"(r1), "m"(*schib) : "cc");
	return cc;
}

static inline int ssch(uint32_t schid, const struct orb *orb)
{
	register unsigned long r1 __asm__("1") = schid;
	int cc;

	__asm__ __volatile__("ssch 0(%1)\n\tipm %0\n\tsrl %0,28"
			     : "=d"(cc) : "a"(orb), "d"(r1), "m"(*orb) : "cc", "memory");
	return cc;
}

static inline int tsch(uint32_t schid, struct irb *irb)
{
	register unsigned long r1 __asm__("1") = schid;
	int cc;

	__asm__ __volatile__("tsch 0(%2)\n\tipm %0\n\tsrl %0,28"
			     : "=d"(cc), "=m"(*irb) : "a"(irb), "d"(r1) : "cc");
	return cc;
}

static inline int hsch(uint32_t schid)
{
	register unsigned long r1 __asm__("1") = schid;
	int cc;

	__asm__ __volatile__("hsch\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "d"(r1) : "cc");
	return cc;
}

static inline int csch(uint32_t schid)
{
	register unsigned long r1 __asm__("1") = schid;
	int cc;

	__asm__ __volatile__("csch\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "d"(r1) : "cc");
	return cc;
}

static inline int stcrw(struct crw *crw)
{
	int cc;

	__asm__ __volatile__("stcrw 0(%2)\n\tipm %0\n\tsrl %0,28"
			     : "=d"(cc), "=m"(*crw) : "a"(crw) : "cc");
	return cc;
}

#endif
