/*
 * SCLP console event encoding and decoding, independent of the hardware so
 * that it builds on the host and is unit-tested and fuzzed there:
 *  - write event data SCCBs for the line-mode (message) and VT220 consoles;
 *  - read event data SCCBs: VT220 input bytes and operator commands (the GDS
 *    structure MDS-MU / CP-MSU / text data / self-defining text / text).
 */
#ifndef PLEXVM_ARCH_SCLP_EVENT_H
#define PLEXVM_ARCH_SCLP_EVENT_H

#include "kernel/compiler.h"

/* Line-mode message data block header, general object and message text object. */
struct sclp_mdb_header {
	uint16_t length;          /* 0x00 whole MDB */
	uint16_t type;            /* 0x02 1 */
	uint32_t tag;             /* 0x04 "MDB " in EBCDIC */
	uint32_t revision;        /* 0x08 1 */
} __packed;
_Static_assert(sizeof(struct sclp_mdb_header) == 12, "mdb header");

struct sclp_go {
	uint16_t length;          /* 0x00 */
	uint16_t type;            /* 0x02 1 = general object */
	uint32_t domid;           /* 0x04 */
	uint8_t hhmmss[8];        /* 0x08 */
	uint8_t th[3];            /* 0x10 */
	uint8_t reserved0;        /* 0x13 */
	uint8_t dddyyyy[7];       /* 0x14 */
	uint8_t reserved1;        /* 0x1b */
	uint16_t msg_flags;       /* 0x1c */
	uint8_t reserved2[10];    /* 0x1e */
	uint8_t system_name[8];   /* 0x28 */
	uint8_t job_name[8];      /* 0x30 */
} __packed;
_Static_assert(sizeof(struct sclp_go) == 56, "general object");

struct sclp_mto {
	uint16_t length;          /* 0x00 including text */
	uint16_t type;            /* 0x02 4 = message text */
	uint16_t line_flags;      /* 0x04 0x1000 = end text */
	uint8_t alarm;            /* 0x06 */
	uint8_t reserved[3];      /* 0x07 */
} __packed;
_Static_assert(sizeof(struct sclp_mto) == 10, "message text object");

#define SCLP_MDB_TAG        0xd4c4c240U /* "MDB " */
#define SCLP_OBJ_GO         1
#define SCLP_OBJ_MTO        4
#define SCLP_MTO_ENDTEXT    0x1000
#define SCLP_LINE_MAX       1000 /* longer lines are split */

/*
 * Build a write-event-data SCCB (header, one message event) holding as many
 * complete lines of data[0..n) as fit in sccb_size bytes. Lines end with '\n'.
 * Returns the number of bytes of data consumed (0 when no complete line is there).
 */
size_t sclp_build_msg_sccb(void *sccb, size_t sccb_size, const char *data, size_t n);
/* Same for the VT220 console: raw bytes, '\n' sent as "\r\n". */
size_t sclp_build_vt220_sccb(void *sccb, size_t sccb_size, const char *data, size_t n);

enum sclp_input_kind {
	SCLP_INPUT_VT220,      /* raw terminal bytes */
	SCLP_INPUT_COMMAND,    /* one operator command line, translated to ASCII */
};

typedef void (*sclp_input_fn)(void *ctx, enum sclp_input_kind kind, const char *text, size_t len);

/*
 * Walk the event buffers of a read-event-data SCCB of sccb_size bytes.
 * Returns the number of input events delivered, or -1 if the SCCB is malformed
 * (events decoded before the damage are still delivered).
 */
int sclp_parse_input(const void *sccb, size_t sccb_size, sclp_input_fn fn, void *ctx);

#endif
