/*
 * The z/Architecture prefix area (lowcore): 8 KiB at real address 0 of each
 * processor. Hardware-defined fields carry their architected offsets; the
 * software fields PlexVM keeps there (save areas, per-CPU pointers) sit in
 * the range the architecture leaves to the control program.
 */
#ifndef PLEXVM_ARCH_LOWCORE_H
#define PLEXVM_ARCH_LOWCORE_H

/* Offsets, usable from assembly. */
#define LC_IPL_PSW            0x0000
#define LC_EXT_PARAMS         0x0080
#define LC_EXT_CPU_ADDR       0x0084
#define LC_EXT_INT_CODE       0x0086
#define LC_SVC_ILC            0x0088
#define LC_SVC_CODE           0x008a
#define LC_PGM_ILC            0x008c
#define LC_PGM_CODE           0x008e
#define LC_DATA_EXC_CODE      0x0090
#define LC_MON_CLASS          0x0094
#define LC_PER_CODE           0x0096
#define LC_PER_ADDRESS        0x0098
#define LC_EXC_ACCESS_ID      0x00a0
#define LC_OP_ACCESS_ID       0x00a2
#define LC_TRANS_EXC_CODE     0x00a8
#define LC_MONITOR_CODE       0x00b0
#define LC_SUBCHANNEL_ID      0x00b8
#define LC_SUBCHANNEL_NR      0x00ba
#define LC_IO_INT_PARM        0x00bc
#define LC_IO_INT_WORD        0x00c0
#define LC_STFL_FAC_LIST      0x00c8
#define LC_MCCK_CODE          0x00e8
#define LC_EXT_DAMAGE_CODE    0x00f4
#define LC_FAILING_STORAGE    0x00f8
#define LC_BREAKING_EVENT     0x0110
#define LC_RESTART_OLD_PSW    0x0120
#define LC_EXT_OLD_PSW        0x0130
#define LC_SVC_OLD_PSW        0x0140
#define LC_PGM_OLD_PSW        0x0150
#define LC_MCCK_OLD_PSW       0x0160
#define LC_IO_OLD_PSW         0x0170
#define LC_RESTART_NEW_PSW    0x01a0
#define LC_EXT_NEW_PSW        0x01b0
#define LC_SVC_NEW_PSW        0x01c0
#define LC_PGM_NEW_PSW        0x01d0
#define LC_MCCK_NEW_PSW       0x01e0
#define LC_IO_NEW_PSW         0x01f0

/* Software area (0x200-0xfff is available to the control program). */
#define LC_SAVE_ASYNC         0x0200 /* GPRs at external/I/O entry (16 x 8) */
#define LC_SAVE_SYNC          0x0280 /* GPRs at program-check/SVC entry */
#define LC_SAVE_MCCK          0x0300 /* GPRs at machine-check entry */
#define LC_SAVE_RESTART       0x0380 /* GPRs at restart entry */
#define LC_CPU                0x0400 /* struct cpu * of this processor */
#define LC_ASYNC_STACK        0x0408 /* top of the interrupt stack */
#define LC_PANIC_STACK        0x0410 /* top of the program/machine-check stack */
#define LC_RESTART_STACK      0x0418 /* top of the stack for restart/secondary start */
#define LC_RESTART_FN         0x0420 /* C function a restart runs */
#define LC_RESTART_ARG        0x0428 /* its argument */
#define LC_PGM_FIXUP          0x0430 /* resume address for an expected program check */
#define LC_PGM_FIXUP_CODE     0x0438 /* interruption code seen by the fixup (u32) */
#define LC_PGM_NESTING        0x043c /* program checks being handled (u32) */
#define LC_MCCK_STACK         0x0440 /* top of the machine-check stack */
#define LC_NESTED_WAIT_PSW    0x0450 /* disabled wait loaded on a fault inside a fault */
#define LC_SW_END             0x0460

/* Hardware save areas used by store status and machine checks. */
#define LC_MCESAD             0x11b0
#define LC_FPR_SAVE           0x1200
#define LC_GPR_SAVE           0x1280
#define LC_PSW_SAVE           0x1300
#define LC_PREFIX_SAVE        0x1318
#define LC_FPC_SAVE           0x131c
#define LC_TOD_PROG_SAVE      0x1324
#define LC_CPU_TIMER_SAVE     0x1328
#define LC_CLOCK_COMP_SAVE    0x1330
#define LC_AR_SAVE            0x1340
#define LC_CR_SAVE            0x1380

#define LOWCORE_SIZE          0x2000

#ifndef __ASSEMBLER__
#include "arch/s390x/psw.h"

struct cpu;

struct lowcore {
	struct psw ipl_psw_esa;        /* 0x0000 (8 bytes ESA form in practice) */
	uint8_t pad_0010[0x80 - 0x10];
	uint32_t ext_params;           /* 0x0080 */
	uint16_t ext_cpu_addr;         /* 0x0084 */
	uint16_t ext_int_code;         /* 0x0086 */
	uint16_t svc_ilc;              /* 0x0088 */
	uint16_t svc_code;             /* 0x008a */
	uint16_t pgm_ilc;              /* 0x008c */
	uint16_t pgm_code;             /* 0x008e */
	uint32_t data_exc_code;        /* 0x0090 */
	uint16_t mon_class;            /* 0x0094 */
	uint8_t per_code;              /* 0x0096 */
	uint8_t per_atmid;             /* 0x0097 */
	uint64_t per_address;          /* 0x0098 */
	uint8_t exc_access_id;         /* 0x00a0 */
	uint8_t per_access_id;         /* 0x00a1 */
	uint8_t op_access_id;          /* 0x00a2 */
	uint8_t ar_mode_id;            /* 0x00a3 */
	uint8_t pad_00a4[4];           /* 0x00a4 */
	uint64_t trans_exc_code;       /* 0x00a8 */
	uint64_t monitor_code;         /* 0x00b0 */
	uint16_t subchannel_id;        /* 0x00b8 */
	uint16_t subchannel_nr;        /* 0x00ba */
	uint32_t io_int_parm;          /* 0x00bc */
	uint32_t io_int_word;          /* 0x00c0 */
	uint8_t pad_00c4[4];           /* 0x00c4 */
	uint32_t stfl_fac_list;        /* 0x00c8 */
	uint8_t pad_00cc[0xe8 - 0xcc]; /* 0x00cc */
	uint64_t mcck_code;            /* 0x00e8 */
	uint8_t pad_00f0[4];           /* 0x00f0 */
	uint32_t ext_damage_code;      /* 0x00f4 */
	uint64_t failing_storage;      /* 0x00f8 */
	uint8_t pad_0100[0x110 - 0x100];
	uint64_t breaking_event;       /* 0x0110 */
	uint8_t pad_0118[8];           /* 0x0118 */
	struct psw restart_old_psw;    /* 0x0120 */
	struct psw ext_old_psw;        /* 0x0130 */
	struct psw svc_old_psw;        /* 0x0140 */
	struct psw pgm_old_psw;        /* 0x0150 */
	struct psw mcck_old_psw;       /* 0x0160 */
	struct psw io_old_psw;         /* 0x0170 */
	uint8_t pad_0180[0x1a0 - 0x180];
	struct psw restart_new_psw;    /* 0x01a0 */
	struct psw ext_new_psw;        /* 0x01b0 */
	struct psw svc_new_psw;        /* 0x01c0 */
	struct psw pgm_new_psw;        /* 0x01d0 */
	struct psw mcck_new_psw;       /* 0x01e0 */
	struct psw io_new_psw;         /* 0x01f0 */
	uint64_t save_async[16];       /* 0x0200 */
	uint64_t save_sync[16];        /* 0x0280 */
	uint64_t save_mcck[16];        /* 0x0300 */
	uint64_t save_restart[16];     /* 0x0380 */
	struct cpu *cpu;               /* 0x0400 */
	uint64_t async_stack;          /* 0x0408 */
	uint64_t panic_stack;          /* 0x0410 */
	uint64_t restart_stack;        /* 0x0418 */
	uint64_t restart_fn;           /* 0x0420 */
	uint64_t restart_arg;          /* 0x0428 */
	uint64_t pgm_fixup;            /* 0x0430 */
	uint32_t pgm_fixup_code;       /* 0x0438 */
	uint32_t pgm_nesting;          /* 0x043c */
	uint64_t mcck_stack;           /* 0x0440 */
	uint8_t pad_0448[8];           /* 0x0448 */
	struct psw nested_wait_psw;    /* 0x0450 */
	uint8_t pad_0460[0x11b0 - 0x460];
	uint64_t mcesad;               /* 0x11b0 */
	uint8_t pad_11b8[0x1200 - 0x11b8];
	uint64_t fpr_save[16];         /* 0x1200 */
	uint64_t gpr_save[16];         /* 0x1280 */
	struct psw psw_save;           /* 0x1300 */
	uint8_t pad_1310[8];           /* 0x1310 */
	uint32_t prefix_save;          /* 0x1318 */
	uint32_t fpc_save;             /* 0x131c */
	uint8_t pad_1320[4];           /* 0x1320 */
	uint32_t tod_prog_save;        /* 0x1324 */
	uint64_t cpu_timer_save;       /* 0x1328 */
	uint64_t clock_comp_save;      /* 0x1330 */
	uint8_t pad_1338[8];           /* 0x1338 */
	uint32_t ar_save[16];          /* 0x1340 */
	uint64_t cr_save[16];          /* 0x1380 */
	uint8_t pad_1400[0x2000 - 0x1400];
} __packed __aligned(8192);

_Static_assert(sizeof(struct lowcore) == LOWCORE_SIZE, "lowcore size");
_Static_assert(offsetof(struct lowcore, ext_int_code) == LC_EXT_INT_CODE, "lc ext code");
_Static_assert(offsetof(struct lowcore, pgm_code) == LC_PGM_CODE, "lc pgm code");
_Static_assert(offsetof(struct lowcore, io_int_word) == LC_IO_INT_WORD, "lc io word");
_Static_assert(offsetof(struct lowcore, mcck_code) == LC_MCCK_CODE, "lc mcck code");
_Static_assert(offsetof(struct lowcore, restart_old_psw) == LC_RESTART_OLD_PSW, "lc rst old");
_Static_assert(offsetof(struct lowcore, io_new_psw) == LC_IO_NEW_PSW, "lc io new");
_Static_assert(offsetof(struct lowcore, cpu) == LC_CPU, "lc cpu");
_Static_assert(offsetof(struct lowcore, pgm_nesting) == LC_PGM_NESTING, "lc nesting");
_Static_assert(offsetof(struct lowcore, mcesad) == LC_MCESAD, "lc mcesad");
_Static_assert(offsetof(struct lowcore, mcck_stack) == LC_MCCK_STACK, "lc mcck stack");
_Static_assert(offsetof(struct lowcore, nested_wait_psw) == LC_NESTED_WAIT_PSW, "lc nested psw");
_Static_assert(offsetof(struct lowcore, cr_save) == LC_CR_SAVE, "lc cr save");

/* This processor's own lowcore: real address 0 through prefixing. */
#define LOWCORE ((struct lowcore *)0)

#endif /* __ASSEMBLER__ */
#endif
