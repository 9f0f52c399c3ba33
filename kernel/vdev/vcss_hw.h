/*
 * Architected channel-subsystem layouts as a guest stores and fetches them
 * (z/Architecture Principles of Operation, chapters 15-16): SCHIB (PMCW, SCSW),
 * ORB, IRB (SCSW, ESW, ECW), CCW formats 0 and 1, IDAWs and the interruption
 * code. Hardware-free and host-buildable (arch/s390x/css.h carries inline
 * assembly, so it is mirrored here rather than included).
 *
 * The structs document the byte layout only: guest storage is big-endian, so
 * fields are always read and written through the gmem_be / gmem_put helpers on
 * byte offsets (the VCSS_*_OFF constants), never through these structs on a
 * little-endian host. Bit masks apply to the big-endian word read that way.
 */
#ifndef PLEXVM_KERNEL_VDEV_VCSS_HW_H
#define PLEXVM_KERNEL_VDEV_VCSS_HW_H

#include "kernel/compiler.h"

/* ---- Subsystem-identification word (GR1 bits 32-63, lowcore 0xB8) ---- */
#define SID_ONE          0x00010000U  /* bit 47: always one for a subchannel */
#define SID_SSID(w)      (((w) >> 17) & 3)
#define SID_RESERVED     0xfff80000U  /* bits 32-44 (CSSID, M): no MCSS-E, must be zero */
#define SID_SCHNO(w)     ((w) & 0xffff)
#define SID_MAKE(ssid, n) (SID_ONE | ((uint32_t)(ssid) << 17) | ((n) & 0xffff))

/* ---- PMCW: path-management-control word, 28 bytes ---- */
struct vcss_pmcw {
	uint32_t intparm;          /* 0x00 interruption parameter */
	uint16_t flags;            /* 0x04 Q W ISC(3) - - - E LM(2) MM(2) D T V */
	uint16_t devno;            /* 0x06 device number */
	uint8_t lpm;               /* 0x08 logical-path mask */
	uint8_t pnom;              /* 0x09 path-not-operational mask */
	uint8_t lpum;              /* 0x0a last-path-used mask */
	uint8_t pim;               /* 0x0b path-installed mask */
	uint16_t mbi;              /* 0x0c measurement-block index */
	uint8_t pom;               /* 0x0e path-operational mask */
	uint8_t pam;               /* 0x0f path-available mask */
	uint8_t chpid[8];          /* 0x10 channel-path identifiers */
	uint32_t chars;            /* 0x18 subchannel type (bits 8-10), F, X, S */
} __packed;
_Static_assert(sizeof(struct vcss_pmcw) == 28, "pmcw");

/* PMCW word 1, bits 0-15 (the flags halfword) */
#define PMCW_Q            0x8000
#define PMCW_W            0x4000
#define PMCW_ISC          0x3800
#define PMCW_ISC_SHIFT    11
#define PMCW_E            0x0080      /* enabled */
#define PMCW_LM           0x0060      /* limit mode */
#define PMCW_MM           0x0018      /* measurement mode */
#define PMCW_D            0x0004      /* multipath mode */
#define PMCW_T            0x0002      /* timing facility */
#define PMCW_V            0x0001      /* device number valid */
#define PMCW_MSCH_SET     (PMCW_ISC | PMCW_E | PMCW_LM | PMCW_MM | PMCW_D)
#define PMCW_MSCH_ZERO    0xc300      /* bits 0, 1, 6, 7 must be zero for MSCH (bit 5 ignored) */
/* PMCW word 6 */
#define PMCW_CHARS_F      0x00000004U /* measurement-block format control */
#define PMCW_CHARS_X      0x00000002U /* extended-measurement-word mode */
#define PMCW_CHARS_S      0x00000001U /* concurrent sense */
#define PMCW_CHARS_ZERO   0xff1ffff8U /* reserved: bits 0-7 and 11-28 */

/* ---- SCSW: subchannel-status word, 12 bytes ---- */
struct vcss_scsw {
	uint32_t ctl;              /* 0x00 key S L CC F P I A U Z E N - FC AC SC */
	uint32_t cpa;              /* 0x04 CCW address */
	uint8_t dstat;             /* 0x08 device status */
	uint8_t cstat;             /* 0x09 subchannel status */
	uint16_t count;            /* 0x0a residual count */
} __packed;
_Static_assert(sizeof(struct vcss_scsw) == 12, "scsw");

#define SCSW_KEY          0xf0000000U
#define SCSW_S            0x08000000U  /* suspend control (from the ORB) */
#define SCSW_L            0x04000000U  /* format-0 ESW stored */
#define SCSW_DCC          0x03000000U  /* deferred condition code */
#define SCSW_DCC_SHIFT    24
#define SCSW_F            0x00800000U  /* format-1 CCWs */
#define SCSW_P            0x00400000U  /* prefetch */
#define SCSW_I            0x00200000U  /* initial-status interruption */
#define SCSW_A            0x00100000U  /* address-limit checking */
#define SCSW_U            0x00080000U  /* suppress suspended interruption */
#define SCSW_Z            0x00040000U  /* zero condition code */
#define SCSW_E            0x00020000U  /* extended control (ECW stored) */
#define SCSW_N            0x00010000U  /* path not operational */
#define SCSW_FROM_ORB     0xf8f80000U  /* key S . F P I A U: same bit positions as ORB word 1 */
#define SCSW_FC_START     0x00004000U
#define SCSW_FC_HALT      0x00002000U
#define SCSW_FC_CLEAR     0x00001000U
#define SCSW_FC           0x00007000U
#define SCSW_AC_RESUME    0x00000800U
#define SCSW_AC_START     0x00000400U
#define SCSW_AC_HALT      0x00000200U
#define SCSW_AC_CLEAR     0x00000100U
#define SCSW_AC_SCH_ACT   0x00000080U
#define SCSW_AC_DEV_ACT   0x00000040U
#define SCSW_AC_SUSPENDED 0x00000020U
#define SCSW_AC           0x00000fe0U
#define SCSW_SC_ALERT     0x00000010U
#define SCSW_SC_INTERMED  0x00000008U
#define SCSW_SC_PRIMARY   0x00000004U
#define SCSW_SC_SECONDARY 0x00000002U
#define SCSW_SC_PENDING   0x00000001U
#define SCSW_SC           0x0000001fU

/* Device status */
#define DSTAT_ATTN        0x80
#define DSTAT_SM          0x40
#define DSTAT_CUE         0x20
#define DSTAT_BUSY        0x10
#define DSTAT_CE          0x08
#define DSTAT_DE          0x04
#define DSTAT_UC          0x02
#define DSTAT_UE          0x01
/* Subchannel status */
#define CSTAT_PCI         0x80
#define CSTAT_IL          0x40
#define CSTAT_PROG        0x20
#define CSTAT_PROT        0x10
#define CSTAT_CDC         0x08
#define CSTAT_CCC         0x04
#define CSTAT_ICC         0x02
#define CSTAT_CHAIN       0x01

/* ---- SCHIB: subchannel-information block, 52 bytes ---- */
struct vcss_schib {
	struct vcss_pmcw pmcw;     /* 0x00 */
	struct vcss_scsw scsw;     /* 0x1c */
	uint64_t mba;              /* 0x28 measurement-block address */
	uint8_t mda[4];            /* 0x30 model-dependent area */
} __packed;
_Static_assert(sizeof(struct vcss_schib) == 52, "schib");

#define SCHIB_LEN         52
#define SCHIB_PMCW_OFF    0x00
#define SCHIB_SCSW_OFF    0x1c
#define SCHIB_MBA_OFF     0x28

/* ---- ORB: operation-request block (command mode), 12 bytes, 32 with X ---- */
struct vcss_orb {
	uint32_t intparm;          /* 0x00 interruption parameter */
	uint32_t flags;            /* 0x04 key S C M Y F P I A U B H T LPM(8) L D ----- X */
	uint32_t cpa;              /* 0x08 channel-program address, bit 0 zero */
	uint32_t ext[5];           /* 0x0c with X: CSS priority, CU priority, reserved */
} __packed;
_Static_assert(sizeof(struct vcss_orb) == 32, "orb");

#define ORB_LEN           12
#define ORB_LEN_X         32
#define ORB_KEY           0xf0000000U
#define ORB_S             0x08000000U  /* suspend control */
#define ORB_C             0x04000000U  /* streaming-mode control (accepted, no effect) */
#define ORB_M             0x02000000U  /* modification control (accepted, no effect) */
#define ORB_Y             0x01000000U  /* synchronization control (accepted, no effect) */
#define ORB_F             0x00800000U  /* format-1 CCWs */
#define ORB_P             0x00400000U  /* prefetch control */
#define ORB_I             0x00200000U  /* initial-status-interruption control */
#define ORB_A             0x00100000U  /* address-limit-checking control */
#define ORB_U             0x00080000U  /* suppress-suspended-interruption control */
#define ORB_B             0x00040000U  /* transport mode: not provided, must be zero */
#define ORB_H             0x00020000U  /* format-2 IDAWs */
#define ORB_T             0x00010000U  /* 2K format-2 IDAWs */
#define ORB_GET_LPM(f)    (((f) >> 8) & 0xff)
#define ORB_L             0x00000080U  /* incorrect-length-suppression mode */
#define ORB_D             0x00000040U  /* MIDAW: not provided, must be zero */
#define ORB_RESERVED      0x0000003eU  /* bits 26-30 */
#define ORB_X             0x00000001U  /* ORB extension */
#define ORB_CPA_HIGH      0x80000000U  /* CPA bit 0 must be zero */

/* ---- IRB: interruption-response block, 96 bytes ---- */
struct vcss_irb {
	struct vcss_scsw scsw;     /* 0x00 */
	uint32_t esw[5];           /* 0x0c extended-status word: 0 subchannel logout (LPUM in byte 1), 1 ERW */
	uint8_t ecw[32];           /* 0x20 extended-control word: concurrent sense */
	uint32_t emw[8];           /* 0x40 extended-measurement word */
} __packed;
_Static_assert(sizeof(struct vcss_irb) == 96, "irb");

#define IRB_LEN           96
#define IRB_STORED_LEN    64          /* SCSW, ESW, ECW: the EMW needs X mode, not provided */
#define IRB_ESW_OFF       0x0c
#define IRB_ECW_OFF       0x20
#define ESW0_LPUM_SHIFT   16          /* LPUM in byte 1 of ESW word 0 */
#define ERW_S             0x01000000U /* concurrent sense: the ECW holds sense data */
#define ERW_SCNT_SHIFT    16          /* sense count, bits 10-15 */

/* ---- CCW ---- */
struct vcss_ccw0 {
	uint8_t cmd;               /* 0x00 command code */
	uint8_t cda[3];            /* 0x01 data address (24-bit) */
	uint8_t flags;             /* 0x04 */
	uint8_t reserved;          /* 0x05 ignored */
	uint16_t count;            /* 0x06 */
} __packed;
_Static_assert(sizeof(struct vcss_ccw0) == 8, "ccw0");

struct vcss_ccw1 {
	uint8_t cmd;               /* 0x00 command code */
	uint8_t flags;             /* 0x01 */
	uint16_t count;            /* 0x02 */
	uint32_t cda;              /* 0x04 data address, bit 0 zero (31-bit) */
} __packed;
_Static_assert(sizeof(struct vcss_ccw1) == 8, "ccw1");

#define CCWF_CD           0x80        /* chain data */
#define CCWF_CC           0x40        /* chain command */
#define CCWF_SLI          0x20        /* suppress length indication */
#define CCWF_SKIP         0x10
#define CCWF_PCI          0x08        /* program-controlled interruption */
#define CCWF_IDA          0x04        /* indirect data addressing */
#define CCWF_S            0x02        /* suspend */
#define CCWF_MIDA         0x01        /* MIDAW: not provided */

#define CCW_CMD_TIC       0x08
#define CCW_CMD_NOP       0x03
#define CCW_CMD_SENSE     0x04
#define CCW_CMD_SENSE_ID  0xe4

/* Sense ID data: FF, CU type and model, device type and model, then CIWs */
#define SENSE_ID_BASIC_LEN 8
#define SENSE_ID_MAX_CIWS  8

/* ---- I/O-interruption code (lowcore 0xB8-0xC3) ---- */
#define IIW_ISC_SHIFT     27          /* ISC in bits 2-4 of the interruption-identification word */

/* SCHM GR1: MBK bits 32-35, M bit 62, D bit 63; bits 36-61 reserved. */
#define SCHM_GR1_RESERVED 0x0ffffffcULL
#define SCHM_GR1_M        0x00000002ULL
#define SCHM_MBO_ALIGN    0x1fULL

#endif
