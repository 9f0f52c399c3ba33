/*
 * The SIE (Start Interpretive Execution) state description, format 2 (a
 * z/Architecture host running a z/Architecture guest), and the entry into it.
 * 512 bytes, 512-byte aligned, neither in page 0 nor in the host's prefix area.
 */
#ifndef PLEXVM_ARCH_SIE_H
#define PLEXVM_ARCH_SIE_H

#include "kernel/compiler.h"
#include "arch/s390x/psw.h"

struct sie_block {
	uint8_t  intervention;     /* 0x000 intervention requests (SIE_IR_*) */
	uint8_t  state_controls;   /* 0x001 */
	uint8_t  mx;               /* 0x002 machine mode: SIE_MX_ESAME for a z/Architecture guest */
	uint8_t  m;                /* 0x003 mode controls */
	uint32_t prefix;           /* 0x004 guest prefix register */
	uint8_t  reserved008[0x20];/* 0x008 */
	uint64_t cpu_timer;        /* 0x028 guest CPU timer */
	uint64_t ckc;              /* 0x030 guest clock comparator */
	uint64_t epoch;            /* 0x038 guest TOD = host TOD + epoch */
	uint32_t svc_controls;     /* 0x040 */
	uint16_t lctl_controls;    /* 0x044 */
	uint16_t cpu_address;      /* 0x046 the guest CPU's address */
	uint32_t ictl;             /* 0x048 interception controls */
	uint32_t eca;              /* 0x04c execution controls */
	uint8_t  icptcode;         /* 0x050 interception code (SIE_ICPT_*) */
	uint8_t  icpt_status;      /* 0x051 */
	uint16_t last_host_cpu;    /* 0x052 */
	uint16_t reserved054;      /* 0x054 */
	uint16_t ipa;              /* 0x056 instruction parameter A: first halfword of the instruction */
	uint32_t ipb;              /* 0x058 instruction parameter B: its next four bytes */
	uint32_t ipc;              /* 0x05c */
	uint32_t rcpo;             /* 0x060 reference-and-change preservation; byte 0 0x80 = storage-key assist */
	uint32_t scao;             /* 0x064 system control area origin (multi-CPU SIGP assists, unused) */
	uint32_t reserved068;      /* 0x068 */
	uint16_t todpr_high;       /* 0x06c */
	uint16_t todpr;            /* 0x06e TOD programmable field */
	uint32_t reserved070;      /* 0x070 */
	uint8_t  zone;             /* 0x074 */
	uint8_t  reserved075;      /* 0x075 */
	uint8_t  tsch_dstat;       /* 0x076 */
	uint8_t  tsch_sstat;       /* 0x077 */
	uint64_t reserved078;      /* 0x078 */
	uint64_t mso;              /* 0x080 main-storage origin (1 MiB units) */
	uint64_t mse;              /* 0x088 main-storage extent: last byte, low 20 bits ignored */
	struct psw gpsw;           /* 0x090 guest PSW */
	uint64_t gg14;             /* 0x0a0 guest GR14 */
	uint64_t gg15;             /* 0x0a8 guest GR15 */
	uint8_t  reserved0b0[0x10];/* 0x0b0 */
	uint8_t  ip[0x34];         /* 0x0c0 interruption parameters: image of guest lowcore 0x80-0xb3 */
	uint8_t  reserved0f4[0x0c];/* 0x0f4 */
	uint64_t gcr[16];          /* 0x100 guest CR0-CR15 */
	uint8_t  reserved180[0x80];/* 0x180 */
} __packed __aligned(512);
_Static_assert(sizeof(struct sie_block) == 512, "SIE state description");

/* Intervention requests (0x000). */
#define SIE_IR_WAIT        0x10
#define SIE_IR_STOP        0x04
#define SIE_IR_IO          0x02   /* exit when the guest enables for I/O */
#define SIE_IR_EXT         0x01   /* exit when the guest enables for external interruptions */

#define SIE_MX_ESAME       0x08

/* LCTL interception controls (0x044): loads of these control registers intercept. */
#define SIE_LCTL_CR0       0x8000
#define SIE_LCTL_CR6       0x0200

/* Execution controls (0x04c, big-endian word: byte 0 is bits 0-7). */
#define SIE_ECA_EXT_ASSIST 0x80000000U  /* the machine delivers guest clock-comparator and CPU-timer interrupts */

/* Interception codes (0x050). */
#define SIE_ICPT_NONE          0
#define SIE_ICPT_INSTRUCTION   4
#define SIE_ICPT_PROGRAM       8
#define SIE_ICPT_INST_PROGRAM 12
#define SIE_ICPT_EXT_REQUEST  16   /* guest enabled while SIE_IR_EXT was set */
#define SIE_ICPT_EXT_INT      20
#define SIE_ICPT_IO_REQUEST   24
#define SIE_ICPT_WAIT         28
#define SIE_ICPT_VALIDITY     32
#define SIE_ICPT_STOP         40
#define SIE_ICPT_OPERATION    44

/* Offsets in ip[] (guest lowcore 0x80 + x is ip[x]). */
#define SIE_IP_EXT_CODE    0x06   /* lowcore 0x86 */
#define SIE_IP_PGM_ILC     0x0c   /* lowcore 0x8c */
#define SIE_IP_PGM_CODE    0x0e   /* lowcore 0x8e */
#define SIE_IP_TEID        0x28   /* lowcore 0xa8 */

/* Guest floating-point, access and FP control registers: they live in the real registers in SIE. */
struct sie_fpregs {
	uint64_t fpr[16];          /* 0x00 */
	uint32_t acr[16];          /* 0x80 */
	uint32_t fpc;              /* 0xc0 */
	uint32_t reserved;         /* 0xc4 */
} __packed;
_Static_assert(sizeof(struct sie_fpregs) == 0xc8, "fpregs");

/*
 * Run the guest until an interception or a host interruption: CR1 is loaded
 * with `asce` (the host address space that maps guest storage), guest GR0-13
 * come from gprs[0..13] and go back there, GR14/15 live in the block, and the
 * guest FPRs, access registers and FPC are loaded from and stored to fp.
 * Host interruptions must be enabled by the caller's PSW: they end SIE.
 */
void sie_enter(struct sie_block *sb, uint64_t *gprs, struct sie_fpregs *fp, uint64_t asce);

/* Run SIE once on a block that ends in a validity interception; 0, or the program check it gave. */
uint32_t sie_probe(struct sie_block *sb);

#endif
