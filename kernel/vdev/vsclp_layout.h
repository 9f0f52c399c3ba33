/*
 * SCCB layouts of the guest's SCLP (kernel/vdev/vsclp*.c), big-endian as the
 * guest stores them. The structs document offsets and sizes only: fields are
 * read and written in a byte copy of the SCCB with gmem_be16/gmem_put16 etc. at
 * VSCLP_OFF(struct, field), never through a struct overlaid on guest bytes
 * (the host build is little-endian).
 */
#ifndef PLEXVM_KERNEL_VDEV_VSCLP_LAYOUT_H
#define PLEXVM_KERNEL_VDEV_VSCLP_LAYOUT_H

#include "kernel/compiler.h"
#include "kernel/vdev/gmem.h"

#define VSCLP_OFF(type, field) offsetof(struct type, field)

struct vsclp_sccb_header {
	uint16_t length;          /* 0x00 whole SCCB */
	uint8_t function_code;    /* 0x02 */
	uint8_t control_mask[3];  /* 0x03 [2] 0x80: variable-length response */
	uint16_t response_code;   /* 0x06 */
} __packed;
_Static_assert(sizeof(struct vsclp_sccb_header) == 8, "sccb header");

#define VSCLP_CM2_VARIABLE_LENGTH 0x80

/* Read SCP info: the fixed part; CPU entries follow at cpuoff (128). */
struct vsclp_read_info {
	struct vsclp_sccb_header h; /* 0x00 */
	uint16_t rnmax;           /* 0x08 storage increments (0: see rnmax2) */
	uint8_t rnsize;           /* 0x0a increment size in MiB (0: see rnsize2) */
	uint8_t pad_0b[5];        /* 0x0b */
	uint16_t ncpurl;          /* 0x10 CPU entries */
	uint16_t cpuoff;          /* 0x12 offset of the first CPU entry */
	uint8_t pad_14[4];        /* 0x14 */
	uint8_t loadparm[8];      /* 0x18 EBCDIC */
	uint8_t pad_20[10];       /* 0x20 */
	uint8_t fac42;            /* 0x2a multithreading */
	uint8_t fac43;            /* 0x2b */
	uint8_t pad_2c[4];        /* 0x2c */
	uint64_t facilities;      /* 0x30 SCLP facilities */
	uint8_t pad_38[10];       /* 0x38 */
	uint8_t fac66;            /* 0x42 */
	uint8_t pad_43[9];        /* 0x43 */
	uint32_t ibc;             /* 0x4c instruction blocking control */
	uint8_t pad_50[4];        /* 0x50 */
	uint8_t fac84;            /* 0x54 */
	uint8_t fac85;            /* 0x55 */
	uint8_t pad_56[5];        /* 0x56 */
	uint8_t fac91;            /* 0x5b */
	uint8_t pad_5c[6];        /* 0x5c */
	uint8_t fac98;            /* 0x62 */
	uint8_t hamaxpow;         /* 0x63 0: no limit on the highest address */
	uint32_t rnsize2;         /* 0x64 increment size in MiB */
	uint64_t rnmax2;          /* 0x68 storage increments */
	uint32_t hsa_size;        /* 0x70 */
	uint8_t fac116;           /* 0x74 64-bit SCA, CMMA, ESCA ... (all off) */
	uint8_t fac117;           /* 0x75 */
	uint8_t fac118;           /* 0x76 adapter interruption facilities (all off) */
	uint8_t fac119;           /* 0x77 */
	uint16_t hcpua;           /* 0x78 highest CPU address */
	uint8_t pad_7a[2];        /* 0x7a */
	uint32_t hmfai;           /* 0x7c */
} __packed;
_Static_assert(sizeof(struct vsclp_read_info) == 0x80, "read info");

/* SCLP facilities (read info 0x30) bits. */
#define VSCLP_FAC_CPU_INFO 0x0800000000000000ULL /* READ CPU INFO is available */

/* One CPU entry of read SCP info and read CPU info. */
struct vsclp_cpu_entry {
	uint8_t address;          /* 0x00 CPU address */
	uint8_t reserved_01;      /* 0x01 */
	uint8_t features[12];     /* 0x02 SIE features for nested guests (all off) */
	uint8_t type;             /* 0x0e 0 = CP, 3 = IFL */
	uint8_t reserved_0f;      /* 0x0f */
} __packed;
_Static_assert(sizeof(struct vsclp_cpu_entry) == 16, "cpu entry");

struct vsclp_read_cpu_info {
	struct vsclp_sccb_header h; /* 0x00 */
	uint16_t nr_configured;   /* 0x08 */
	uint16_t offset_configured; /* 0x0a */
	uint16_t nr_standby;      /* 0x0c */
	uint16_t offset_standby;  /* 0x0e */
	uint8_t reserved_10[8];   /* 0x10 */
} __packed;
_Static_assert(sizeof(struct vsclp_read_cpu_info) == 0x18, "read cpu info");

/* Write event mask: four masks of mask_length bytes follow at 0x0c: the guest's
   receive and send masks, then the SCLP's receive and send masks. */
struct vsclp_event_mask {
	struct vsclp_sccb_header h; /* 0x00 */
	uint16_t reserved_08;     /* 0x08 */
	uint16_t mask_length;     /* 0x0a 1..VSCLP_MASK_LENGTH_MAX */
} __packed;
_Static_assert(sizeof(struct vsclp_event_mask) == 0x0c, "event mask sccb");

#define VSCLP_MASK_LENGTH_MAX 1021 /* four masks fill a 4 KiB SCCB */

/* Event buffer header; event buffers follow the SCCB header back to back. */
struct vsclp_evbuf_header {
	uint16_t length;          /* 0x00 including this header */
	uint8_t type;             /* 0x02 */
	uint8_t flags;            /* 0x03 0x80: processed (write event data) */
	uint16_t reserved;        /* 0x04 */
} __packed;
_Static_assert(sizeof(struct vsclp_evbuf_header) == 6, "evbuf header");

#define VSCLP_EVBUF_PROCESSED 0x80

/* Message event (0x02): message data blocks (MDBs) follow the event header. */
struct vsclp_mdb_header {
	uint16_t length;          /* 0x00 whole MDB */
	uint16_t type;            /* 0x02 1 */
	uint32_t tag;             /* 0x04 "MDB " in EBCDIC */
	uint32_t revision;        /* 0x08 1 */
} __packed;
_Static_assert(sizeof(struct vsclp_mdb_header) == 12, "mdb header");

#define VSCLP_MDB_TYPE 1
#define VSCLP_MDB_TAG  0xd4c4c240U

/* MDB objects: general object (1), message text object (4), others skipped. */
struct vsclp_mdb_object {
	uint16_t length;          /* 0x00 whole object */
	uint16_t type;            /* 0x02 */
} __packed;
_Static_assert(sizeof(struct vsclp_mdb_object) == 4, "mdb object");

#define VSCLP_OBJ_GO  1
#define VSCLP_OBJ_MTO 4

struct vsclp_mto {
	uint16_t length;          /* 0x00 including the text */
	uint16_t type;            /* 0x02 4 */
	uint16_t line_flags;      /* 0x04 0x1000: end of text */
	uint8_t alarm;            /* 0x06 */
	uint8_t reserved[3];      /* 0x07 */
	                          /* 0x0a text, EBCDIC */
} __packed;
_Static_assert(sizeof(struct vsclp_mto) == 10, "message text object");

/* Operator command event (0x01): GDS vectors MDS-MU > CP-MSU > text command, then
   subvectors self-defining text message (0x31) > text (0x30). */
struct vsclp_gds_vector {
	uint16_t length;          /* 0x00 including this header */
	uint16_t id;              /* 0x02 */
} __packed;
_Static_assert(sizeof(struct vsclp_gds_vector) == 4, "gds vector");

struct vsclp_gds_subvector {
	uint8_t length;           /* 0x00 including this header */
	uint8_t key;              /* 0x01 */
} __packed;
_Static_assert(sizeof(struct vsclp_gds_subvector) == 2, "gds subvector");

#define VSCLP_GDS_MDSMU      0x1310
#define VSCLP_GDS_CPMSU      0x1212
#define VSCLP_GDS_TEXTCMD    0x1320
#define VSCLP_GDS_SELFDEF    0x31
#define VSCLP_GDS_TEXT       0x30

/* VT220 input event: a session byte (0x00: data follows) precedes the bytes. */
#define VSCLP_VT220_SESSION_DATA 0x00

/* Signal quiesce event (0x1d). */
struct vsclp_quiesce {
	struct vsclp_evbuf_header h; /* 0x00 */
	uint16_t timeout;         /* 0x06 */
	uint8_t unit;             /* 0x08 */
} __packed;
_Static_assert(sizeof(struct vsclp_quiesce) == 9, "signal quiesce");

#endif
