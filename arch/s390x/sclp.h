/*
 * Service-call logical processor (SCLP): SCCB layouts and the request queue.
 * One request runs at a time; completion arrives as a service-signal external
 * interruption whose parameter is the SCCB address (bit 0x1: events pending).
 */
#ifndef PLEXVM_ARCH_SCLP_H
#define PLEXVM_ARCH_SCLP_H

#include "kernel/compiler.h"
#include "kernel/list.h"

#define SCLP_CMD_READ_CPU_INFO        0x00010001
#define SCLP_CMD_READ_SCP_INFO        0x00020001
#define SCLP_CMD_READ_SCP_INFO_FORCED 0x00120001
#define SCLP_CMD_WRITE_EVENT_DATA     0x00760005
#define SCLP_CMD_READ_EVENT_DATA      0x00770005
#define SCLP_CMD_WRITE_EVENT_MASK     0x00780005

#define SCLP_RC_NORMAL_READ_COMPLETION 0x0010
#define SCLP_RC_NORMAL_COMPLETION      0x0020
#define SCLP_RC_INVALID_COMMAND        0x01f0
#define SCLP_RC_NO_EVENTS              0x60f0
#define SCLP_RC_EVENTS_SUPPRESSED      0x62f0

#define SCCB_SIZE 4096

struct sccb_header {
	uint16_t length;          /* 0x00 */
	uint8_t function_code;    /* 0x02 */
	uint8_t control_mask[3];  /* 0x03 */
	uint16_t response_code;   /* 0x06 */
} __packed;
_Static_assert(sizeof(struct sccb_header) == 8, "sccb header");

/* Read SCP info response (the fields PlexVM uses). */
struct sclp_read_info {
	struct sccb_header h;     /* 0x00 */
	uint16_t rnmax;           /* 0x08 storage increments */
	uint8_t rnsize;           /* 0x0a increment size in MiB (0: see rnsize2) */
	uint8_t pad_0b[5];        /* 0x0b */
	uint16_t ncpurl;          /* 0x10 CPU entries */
	uint16_t cpuoff;          /* 0x12 offset of the first CPU entry */
	uint8_t pad_14[4];        /* 0x14 */
	uint8_t loadparm[8];      /* 0x18 */
	uint8_t pad_20[0x64 - 0x20];
	uint32_t rnsize2;         /* 0x64 */
	uint64_t rnmax2;          /* 0x68 */
	uint8_t pad_70[0x78 - 0x70];
	uint16_t hcpua;           /* 0x78 highest CPU address */
} __packed;
_Static_assert(sizeof(struct sclp_read_info) == 0x7a, "read info");

/* One CPU entry of read SCP info / read CPU info. */
struct sclp_cpu_entry {
	uint8_t address;          /* 0x00 */
	uint8_t pad_01[13];       /* 0x01 */
	uint8_t type;             /* 0x0e 0 = CP, 3 = IFL */
	uint8_t pad_0f;           /* 0x0f */
} __packed;
_Static_assert(sizeof(struct sclp_cpu_entry) == 16, "cpu entry");

/* Event buffer header inside read/write event data SCCBs. */
struct sclp_evbuf_header {
	uint16_t length;          /* 0x00 including this header */
	uint8_t type;             /* 0x02 */
	uint8_t flags;            /* 0x03 0x80 = processed */
	uint16_t reserved;        /* 0x04 */
} __packed;
_Static_assert(sizeof(struct sclp_evbuf_header) == 6, "evbuf header");

#define SCLP_EVTYP_OPCMD   0x01
#define SCLP_EVTYP_MSG     0x02
#define SCLP_EVTYP_PMSGCMD 0x09
#define SCLP_EVTYP_VT220   0x1a
#define SCLP_EVTYP_MASK(t) (0x80000000U >> ((t) - 1))

/* Write event mask: four masks of mask_length bytes follow. */
struct sclp_event_mask_sccb {
	struct sccb_header h;     /* 0x00 */
	uint16_t reserved;        /* 0x08 */
	uint16_t mask_length;     /* 0x0a */
	uint32_t cp_receive_mask; /* 0x0c what PlexVM wants to receive */
	uint32_t cp_send_mask;    /* 0x10 what PlexVM will send */
	uint32_t sclp_receive_mask; /* 0x14 what the SCLP accepts */
	uint32_t sclp_send_mask;  /* 0x18 what the SCLP can send */
} __packed;
_Static_assert(sizeof(struct sclp_event_mask_sccb) == 0x1c, "event mask sccb");

enum sclp_req_status {
	SCLP_REQ_QUEUED,
	SCLP_REQ_RUNNING,
	SCLP_REQ_DONE,
	SCLP_REQ_FAILED,   /* SERVC said not operational */
};

struct sclp_req {
	uint32_t command;
	void *sccb;                        /* 4K-aligned, below 2 GiB */
	volatile enum sclp_req_status status;
	void (*callback)(struct sclp_req *req); /* interrupt context; may be NULL */
	void *data;
	struct list link;
};

/* Queue a request; its callback runs from the service-signal interruption. */
void sclp_submit(struct sclp_req *req);
/*
 * Run a request and wait for it with the processor in an enabled wait. Only for
 * contexts where no other processor takes the completion: early boot and panic.
 * Returns the SCCB response code, or -1 on timeout / not operational.
 */
int sclp_sync(uint32_t command, void *sccb, uint64_t timeout_us);
/* Called (interrupt context) when the SCLP signals that events are pending. */
void sclp_set_event_pending_handler(void (*fn)(void));
/* Take over the SCLP for the panic path: wait for a running request, drop the queue. */
void sclp_panic_takeover(void);
void sclp_init(void);

#endif
