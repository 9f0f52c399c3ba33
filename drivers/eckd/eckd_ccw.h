/*
 * ECKD channel-program parameter blocks: Define Extent and Locate Record
 * (3990 control unit), and the 3390's Read Device Characteristics answer.
 */
#ifndef PLEXVM_DRIVERS_ECKD_ECKD_CCW_H
#define PLEXVM_DRIVERS_ECKD_ECKD_CCW_H

#include "kernel/compiler.h"

#define ECKD_CMD_SEEK            0x07
#define ECKD_CMD_SEARCH_ID_EQ    0x31
#define ECKD_CMD_READ_DATA       0x06
#define ECKD_CMD_WRITE_DATA      0x05
#define ECKD_CMD_WRITE_UPDATE_DATA 0x85  /* orients to the next record itself */
#define ECKD_CMD_READ_COUNT      0x12
#define ECKD_CMD_WRITE_CKD       0x1d
#define ECKD_CMD_READ_CKD_MT     0x9e
#define ECKD_CMD_DEFINE_EXTENT   0x63
#define ECKD_CMD_LOCATE_RECORD   0x47
#define ECKD_CMD_RDC             0x64  /* read device characteristics */
#define ECKD_CMD_RESERVE         0xb4
#define ECKD_CMD_RELEASE         0x94
#define ECKD_CMD_UNCOND_RESERVE  0x14

/* Define Extent file mask, write control bits 0-1. */
#define DE_MASK_INHIBIT_HA_R0_WRITES 0x00
#define DE_MASK_INHIBIT_ALL_WRITES   0x40
#define DE_MASK_UPDATE_WRITES_ONLY   0x80
#define DE_MASK_PERMIT_ALL_WRITES    0xc0
#define DE_GLOBAL_NORMAL_CACHE       0xc0

struct define_extent {
	uint8_t mask;              /* 0x00 file mask */
	uint8_t global;            /* 0x01 global attributes */
	uint16_t blksize;          /* 0x02 */
	uint8_t reserved[4];       /* 0x04 */
	uint16_t beg_cyl;          /* 0x08 */
	uint16_t beg_head;         /* 0x0a */
	uint16_t end_cyl;          /* 0x0c */
	uint16_t end_head;         /* 0x0e */
} __packed __aligned(8);
_Static_assert(sizeof(struct define_extent) == 16, "define extent");

#define LR_OP_WRITE_DATA   0x01
#define LR_OP_FORMAT_WRITE 0x03
#define LR_OP_READ_DATA    0x06
#define LR_AUX_LENGTH_VALID 0x80

struct locate_record {
	uint8_t operation;         /* 0x00 */
	uint8_t auxiliary;         /* 0x01 */
	uint8_t reserved;          /* 0x02 */
	uint8_t count;             /* 0x03 records */
	uint16_t seek_cyl;         /* 0x04 */
	uint16_t seek_head;        /* 0x06 */
	uint16_t search_cyl;       /* 0x08 */
	uint16_t search_head;      /* 0x0a */
	uint8_t search_record;     /* 0x0c */
	uint8_t sector;            /* 0x0d */
	uint16_t length;           /* 0x0e transfer length factor */
} __packed __aligned(8);
_Static_assert(sizeof(struct locate_record) == 16, "locate record");

/* The count field of a CKD record. */
struct ckd_count {
	uint16_t cyl;              /* 0x00 */
	uint16_t head;             /* 0x02 */
	uint8_t record;            /* 0x04 */
	uint8_t key_len;           /* 0x05 */
	uint16_t data_len;         /* 0x06 */
} __packed;
_Static_assert(sizeof(struct ckd_count) == 8, "ckd count");

/* Read Device Characteristics (the fields PlexVM uses). */
struct eckd_rdc {
	uint16_t cu_type;          /* 0x00 */
	uint8_t cu_model;          /* 0x02 */
	uint16_t dev_type;         /* 0x03 */
	uint8_t dev_model;         /* 0x05 */
	uint8_t facilities[4];     /* 0x06 */
	uint8_t dev_class;         /* 0x0a */
	uint8_t unit_type;         /* 0x0b */
	uint16_t cylinders;        /* 0x0c */
	uint16_t tracks_per_cyl;   /* 0x0e */
	uint8_t sectors;           /* 0x10 */
	uint8_t track_bytes[3];    /* 0x11 */
	uint8_t rest[64 - 0x14];   /* 0x14 */
} __packed;
_Static_assert(sizeof(struct eckd_rdc) == 64, "rdc");

#endif
