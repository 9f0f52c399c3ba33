/*
 * The architected formats that guest address translation reads, as named
 * constants: PSW and control-register bits, the address-space-control element
 * (ASCE), region-, segment- and page-table entries, the parts of a virtual
 * address, the translation-exception identification (TEID) and the program
 * interruption codes. Source: z/Architecture Principles of Operation, chapter 3
 * ("Storage": dynamic address translation, protection, prefixing) and chapter 6
 * (program interruption conditions).
 *
 * Bit numbers in comments are the PoP's: bit 0 is the leftmost (most significant)
 * bit of a 64-bit field, so PoP bit n is GDAT_BIT(n) == 1 << (63 - n).
 */
#ifndef PLEXVM_KERNEL_VM_GDAT_BITS_H
#define PLEXVM_KERNEL_VM_GDAT_BITS_H

#include "kernel/compiler.h"

#define GDAT_BIT(n) (1ULL << (63 - (n)))

/* ---- PSW, first doubleword (bits 0-63) ---------------------------------------------- */
#define GDAT_PSW_DAT        GDAT_BIT(5)   /* T: DAT mode */
#define GDAT_PSW_AS_SHIFT   46            /* bits 16-17: address-space control */
#define GDAT_PSW_AS_MASK    (3ULL << GDAT_PSW_AS_SHIFT)
#define GDAT_PSW_EA         GDAT_BIT(31)  /* extended addressing mode */
#define GDAT_PSW_BA         GDAT_BIT(32)  /* basic addressing mode */

/* Address-space control values (PSW bits 16-17); also TEID bits 62-63. */
#define GDAT_AS_PRIMARY     0u
#define GDAT_AS_AR          1u            /* access-register mode */
#define GDAT_AS_SECONDARY   2u
#define GDAT_AS_HOME        3u

/* Addressing modes: EA BA = 00 24-bit, 01 31-bit, 11 64-bit (10 is invalid). */
#define GDAT_AMODE24_MASK   0x0000000000ffffffULL
#define GDAT_AMODE31_MASK   0x000000007fffffffULL
#define GDAT_AMODE64_MASK   0xffffffffffffffffULL

/* ---- Control register 0 -------------------------------------------------------------- */
#define GDAT_CR0_LAP        GDAT_BIT(35)  /* low-address-protection control */
#define GDAT_CR0_EDAT       GDAT_BIT(40)  /* enhanced-DAT-enablement control (EDAT-1, and EDAT-2 if installed) */

/* CR1 (primary), CR7 (secondary) and CR13 (home) hold ASCEs. */

/* ---- Address-space-control element ----------------------------------------------------- */
#define GDAT_ASCE_ORIGIN    0xfffffffffffff000ULL /* bits 0-51: region- or segment-table origin (4 KiB units) */
#define GDAT_ASCE_G         GDAT_BIT(54)  /* subspace-group control (not used by translation) */
#define GDAT_ASCE_P         GDAT_BIT(55)  /* private-space control */
#define GDAT_ASCE_S         GDAT_BIT(56)  /* storage-alteration-event control (PER; not used here) */
#define GDAT_ASCE_X         GDAT_BIT(57)  /* space-switch-event control (not used here) */
#define GDAT_ASCE_R         GDAT_BIT(58)  /* real-space control: a real-space designation */
#define GDAT_ASCE_DT_SHIFT  2             /* bits 60-61: designation type (GDAT_TT_*) */
#define GDAT_ASCE_DT_MASK   (3ULL << GDAT_ASCE_DT_SHIFT)
#define GDAT_ASCE_TL_MASK   3ULL          /* bits 62-63: table length, in units of 4 KiB (512 entries) */

/* Designation types (ASCE bits 60-61) and table types (entry bits 60-61): the level. */
#define GDAT_TT_SEGMENT     0u
#define GDAT_TT_REGION3     1u
#define GDAT_TT_REGION2     2u
#define GDAT_TT_REGION1     3u

/* ---- Region-table entries (first, second, third) ------------------------------------- */
#define GDAT_RTE_ORIGIN     0xfffffffffffff000ULL /* bits 0-51: next lower table's origin (4 KiB units) */
#define GDAT_RTE_FC         GDAT_BIT(53)  /* region-third only, EDAT-2: format control (1 = 2 GiB frame) */
#define GDAT_RTE_P          GDAT_BIT(54)  /* DAT protection (honoured when EDAT-1 applies) */
#define GDAT_RTE_TF_SHIFT   6             /* bits 56-57: next lower table's offset (in 4 KiB units) */
#define GDAT_RTE_TF_MASK    (3ULL << GDAT_RTE_TF_SHIFT)
#define GDAT_RTE_I          GDAT_BIT(58)  /* region invalid */
#define GDAT_RTE_CR         GDAT_BIT(59)  /* region-third only, EDAT-2: common region */
#define GDAT_RTE_TT_SHIFT   2             /* bits 60-61: table type */
#define GDAT_RTE_TT_MASK    (3ULL << GDAT_RTE_TT_SHIFT)
#define GDAT_RTE_TL_MASK    3ULL          /* bits 62-63: next lower table's length (in 4 KiB units) */
#define GDAT_RTTE_RFAA      0xffffffff80000000ULL /* FC=1: bits 0-32, region-frame absolute address */

/* ---- Segment-table entries ------------------------------------------------------------ */
#define GDAT_STE_PTO        0xfffffffffffff800ULL /* FC=0: bits 0-52, page-table origin (2 KiB units) */
#define GDAT_STE_FC         GDAT_BIT(53)  /* EDAT-1: format control (1 = 1 MiB frame) */
#define GDAT_STE_P          GDAT_BIT(54)  /* DAT protection */
#define GDAT_STE_I          GDAT_BIT(58)  /* segment invalid */
#define GDAT_STE_CS         GDAT_BIT(59)  /* common segment */
#define GDAT_STE_TT_SHIFT   2             /* bits 60-61: table type (must be GDAT_TT_SEGMENT) */
#define GDAT_STE_TT_MASK    (3ULL << GDAT_STE_TT_SHIFT)
#define GDAT_STE_SFAA       0xfffffffffff00000ULL /* FC=1: bits 0-43, segment-frame absolute address */

/* ---- Page-table entries ----------------------------------------------------------------- */
#define GDAT_PTE_PFRA       0xfffffffffffff000ULL /* bits 0-51: page-frame real address */
#define GDAT_PTE_Z          GDAT_BIT(52)  /* must be zero: translation specification otherwise */
#define GDAT_PTE_I          GDAT_BIT(53)  /* page invalid */
#define GDAT_PTE_P          GDAT_BIT(54)  /* DAT protection */

/* ---- Virtual address: RFX 0-10, RSX 11-21, RTX 22-32, SX 33-43, PX 44-51, BX 52-63 ---- */
#define GDAT_SX_SHIFT       20            /* the index for level L (GDAT_TT_*) is at 20 + 11 * L */
#define GDAT_INDEX_BITS     11
#define GDAT_INDEX_MASK     0x7ffULL
#define GDAT_PX_SHIFT       12
#define GDAT_PX_MASK        0xffULL
#define GDAT_PAGE_SIZE      0x1000ULL
#define GDAT_SEGMENT_SIZE   0x100000ULL   /* 1 MiB: an EDAT-1 segment frame */
#define GDAT_REGION3_SIZE   0x80000000ULL /* 2 GiB: an EDAT-2 region frame */
#define GDAT_ENTRY_SIZE     8ULL
/* Table length and offset are compared with the leftmost 2 bits of an 11-bit index. */
#define GDAT_INDEX_TL_SHIFT 9

/* ---- Prefixing ------------------------------------------------------------------------- */
#define GDAT_PREFIX_MASK    0x7fffe000u   /* prefix register bits 33-50 (bits 1-18 of the word) */
#define GDAT_PREFIX_AREA    0x2000ULL     /* 8 KiB swapped between real 0 and the prefix */

/* ---- Low-address protection: effective addresses 0-511 and 4096-4607 ------------------- */
#define GDAT_LOW_ADDR_MASK  0xffffffffffffee00ULL /* an address is low if these bits are zero */

/* ---- Translation-exception identification (lowcore 0xA8, 8 bytes) ---------------------- */
#define GDAT_TEID_ADDR      0xfffffffffffff000ULL /* bits 0-51: the page of the failing address */
#define GDAT_TEID_FSI_FETCH GDAT_BIT(52)  /* bits 52-53 = 10: fetch (facility 75) */
#define GDAT_TEID_FSI_STORE GDAT_BIT(53)  /* bits 52-53 = 01: store (facility 75) */
#define GDAT_TEID_B56       GDAT_BIT(56)  /* protection: with 61 = 0, low-address protection */
#define GDAT_TEID_B60       GDAT_BIT(60)  /* protection: key-controlled / access-list-controlled */
#define GDAT_TEID_B61       GDAT_BIT(61)  /* protection: with 56 = 0, DAT protection (address valid) */
#define GDAT_TEID_AS_MASK   3ULL          /* bits 62-63: the address space (GDAT_AS_*) */

/* ---- Program interruption codes (lowcore 0x8E) ----------------------------------------- */
#define GDAT_PGM_PROTECTION        0x04
#define GDAT_PGM_ADDRESSING        0x05
#define GDAT_PGM_SPECIFICATION     0x06
#define GDAT_PGM_SEGMENT_TRANS     0x10
#define GDAT_PGM_PAGE_TRANS        0x11
#define GDAT_PGM_TRANS_SPEC        0x12
#define GDAT_PGM_ASCE_TYPE         0x38
#define GDAT_PGM_REGION_FIRST      0x39
#define GDAT_PGM_REGION_SECOND     0x3a
#define GDAT_PGM_REGION_THIRD      0x3b

#endif
