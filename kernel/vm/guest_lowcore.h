/* Offsets in a z/Architecture guest's lowcore (its prefix area) that the hypervisor writes. */
#ifndef PLEXVM_KERNEL_VM_GUEST_LOWCORE_H
#define PLEXVM_KERNEL_VM_GUEST_LOWCORE_H

#include "kernel/compiler.h"

#define GLC_EXT_PARAMS        0x080  /* 4: external-interruption parameter */
#define GLC_EXT_CPU_ADDR      0x084  /* 2: CPU address of the signalling CPU */
#define GLC_EXT_CODE          0x086  /* 2: external-interruption code */
#define GLC_PGM_ILC           0x08c  /* 2: instruction length in bytes */
#define GLC_PGM_CODE          0x08e  /* 2: program-interruption code */
#define GLC_DATA_EXC_CODE     0x090  /* 4 */
#define GLC_EXC_ACCESS_ID     0x0a0  /* 1 */
#define GLC_TEID              0x0a8  /* 8: translation-exception identification */
#define GLC_SUBCHANNEL_ID     0x0b8  /* 4: subchannel-identification word */
#define GLC_IO_INT_PARM       0x0bc  /* 4 */
#define GLC_IO_INT_WORD       0x0c0  /* 4: interruption-identification word */
#define GLC_STFL              0x0c8  /* 4: STFL facility list */
#define GLC_RESTART_OLD_PSW   0x120
#define GLC_EXT_OLD_PSW       0x130
#define GLC_SVC_OLD_PSW       0x140
#define GLC_PGM_OLD_PSW       0x150
#define GLC_MCCK_OLD_PSW      0x160
#define GLC_IO_OLD_PSW        0x170
#define GLC_RESTART_NEW_PSW   0x1a0
#define GLC_EXT_NEW_PSW       0x1b0
#define GLC_SVC_NEW_PSW       0x1c0
#define GLC_PGM_NEW_PSW       0x1d0
#define GLC_MCCK_NEW_PSW      0x1e0
#define GLC_IO_NEW_PSW        0x1f0

struct vcpu;
/* Host address of byte `offset` of v's lowcore, or NULL. */
uint8_t *vcpu_lowcore(const struct vcpu *v, unsigned int offset);

#endif
