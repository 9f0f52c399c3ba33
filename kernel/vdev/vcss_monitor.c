/*
 * The channel-subsystem-wide instructions without a subchannel operand:
 * STORE CHANNEL REPORT WORD (no channel reports are ever made pending here)
 * and SET CHANNEL MONITOR (accepted and remembered; nothing is measured).
 */
#include "kernel/vdev/vcss_priv.h"

/* STCRW: a word-aligned word; with no report pending zeros are stored, cc 1. */
int vcss_stcrw(struct vcss *v, uint64_t addr)
{
	static const uint8_t zero[4];

	if (addr & 3)
		return -VCSS_PGM_SPECIFICATION;
	if (gmem_write(v->g, addr, zero, sizeof(zero)) < 0)
		return -VCSS_PGM_ADDRESSING;
	return 1;
}

/*
 * SCHM: GR1 bits 36-61 must be zero; with the measurement-block-update bit
 * (M, bit 62) GR2 is the measurement-block origin, on a 32-byte boundary;
 * otherwise an operand exception. The condition code is unchanged (0 here).
 */
int vcss_schm(struct vcss *v, uint64_t gr1, uint64_t gr2)
{
	if (gr1 & SCHM_GR1_RESERVED)
		return -VCSS_PGM_OPERAND;
	if ((gr1 & SCHM_GR1_M) && (gr2 & SCHM_MBO_ALIGN))
		return -VCSS_PGM_OPERAND;
	v->mbk = (uint8_t)((gr1 >> 28) & 0xf);
	v->mb_update = gr1 & SCHM_GR1_M;
	v->mb_dct = gr1 & 1;
	v->mbo = v->mb_update ? gr2 : 0;
	return 0;
}
