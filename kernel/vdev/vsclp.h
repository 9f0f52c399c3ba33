/*
 * A guest's SCLP (service-call logical processor), hardware-free: what a guest
 * sees when it executes SERVC. Built for the hypervisor and for the host (unit
 * tests, fuzzer). The guest is an unmodified Linux; the commands and events are
 * the ones its drivers/s390/char/sclp*.c use:
 *
 *   READ SCP INFO (0x00020001, forced 0x00120001)  storage increments, CPU list
 *   READ CPU INFO (0x00010001)                     configured CPUs
 *   WRITE EVENT MASK (0x00780005)                  event types both sides accept
 *   WRITE EVENT DATA (0x00760005)                  console output: message (0x02,
 *                                                  line mode, EBCDIC) and VT220 (0x1a)
 *   READ EVENT DATA (0x00770005)                   console input: operator command
 *                                                  (0x01) or VT220 (0x1a); signal
 *                                                  quiesce (0x1d)
 *
 * The byte 0x0000ff00 of the command word (a resource number for other commands)
 * is ignored, so 0x00770105 is READ EVENT DATA too; a selective read is asked for
 * with function code 0x01 in the SCCB header, not in the command word.
 *
 * What the caller (the SIE intercept handler for SERVC) does:
 *
 *   rc = vsclp_service_call(s, g, gr[r2] (command), sccb absolute, &param);
 *   rc < 0   present program interruption -rc (VSCLP_PGM_*); the instruction is
 *            nullified (no condition code).
 *   rc == 2  condition code 2 (busy): a request is still in progress.
 *   rc == 0  condition code 0; then
 *            param != 0: present a service-signal external interruption (code
 *                        VSCLP_EXT_SERVICE_SIGNAL = 0x2401) with parameter param:
 *                        the SCCB address, bit 0x1 set when events are waiting;
 *            param == 0: the request is in progress because the console consumer
 *                        (ops->write) could not take all the output. Call
 *                        vsclp_resume() when it can take more; when that returns
 *                        true, present the service signal with its parameter.
 *                        Until then every SERVC gets condition code 2.
 *   (rc == 3, not operational, is never returned today.)
 *
 * A service signal is a single pending condition: if one is already pending for
 * the guest when another is to be presented, OR the parameters (at most one of
 * them carries an SCCB address, since one request runs at a time).
 *
 * Console input (vsclp_console_input) and a shutdown request (vsclp_signal_quiesce)
 * return VSCLP_IN_SIGNAL when the caller must present a service signal with
 * parameter VSCLP_EXT_EVENT_PENDING (no SCCB): the guest then reads the event with
 * READ EVENT DATA. When a request is in progress the bit rides on its completion.
 *
 * Output is lossless: every byte the guest writes reaches ops->write, which
 * returns how many bytes it took. When it takes fewer than offered, the request
 * stays in progress (no service signal, the SCCB is not updated), the SCLP
 * remembers how far it got and vsclp_resume() continues from there, so nothing
 * is lost and nothing is repeated. This is what a slow SCLP looks like to Linux:
 * its request simply has not completed. (Answering with a response code instead
 * loses data: Linux 6.1 retries 0x0040 and 0x0340 once - SCLP_BUFFER_MAX_RETRY is
 * 1 in sclp_rw.c and sclp_vt220.c - then drops the buffer, and sclp_vt220 drops a
 * 0x05f0 at once; a partly taken buffer would also be written twice.) If the
 * request stays blocked for 30 s Linux issues a read (condition code 2 until we
 * complete) and later still takes the completion of the original SCCB.
 *
 * Not thread-safe: the caller serializes all calls for one guest (one lock).
 * Code page: line-mode text is converted with CP037 (arch/s390x/ebcdic.h), which
 * is what Linux uses when it believes it runs under z/VM; under LPAR or KVM it
 * uses CP500, which differs in a few characters ([ ] ! ^ |). Believing it runs
 * under z/VM, Linux's line-mode tty also lowercases operator input (sclp_tty_tolower).
 * Offer the guest one console (vsclp_config.consoles): with both, Linux 6.1 makes
 * VT220 its console and input goes to VT220 whenever the guest enabled it.
 */
#ifndef PLEXVM_KERNEL_VDEV_VSCLP_H
#define PLEXVM_KERNEL_VDEV_VSCLP_H

#include "kernel/compiler.h"
#include "kernel/vdev/gmem.h"

/* SERVC command words (after masking with VSCLP_CMD_MASK). */
#define VSCLP_CMD_MASK                 0xffff00ffU
#define VSCLP_CMD_READ_CPU_INFO        0x00010001U
#define VSCLP_CMD_READ_SCP_INFO        0x00020001U
#define VSCLP_CMD_READ_SCP_INFO_FORCED 0x00120001U
#define VSCLP_CMD_WRITE_EVENT_DATA     0x00760005U
#define VSCLP_CMD_READ_EVENT_DATA      0x00770005U
#define VSCLP_CMD_WRITE_EVENT_MASK     0x00780005U

/* SCCB response codes. */
#define VSCLP_RC_NORMAL_READ           0x0010 /* read SCP / CPU info */
#define VSCLP_RC_NORMAL                0x0020
#define VSCLP_RC_BOUNDARY_VIOLATION    0x0100 /* SCCB crosses a 4 KiB boundary */
#define VSCLP_RC_INVALID_COMMAND       0x01f0
#define VSCLP_RC_INSUFFICIENT_LENGTH   0x0300
#define VSCLP_RC_INVALID_FUNCTION      0x40f0 /* also: event type not handled */
#define VSCLP_RC_NO_EVENTS             0x60f0
#define VSCLP_RC_INVALID_SELECTION     0x70f0
#define VSCLP_RC_EVENT_SYNTAX          0x73f0 /* malformed event buffer / MDB */
#define VSCLP_RC_INVALID_MASK_LENGTH   0x74f0

/* Event types. */
#define VSCLP_EV_OPCMD     0x01 /* operator command (line-mode input), SCLP -> guest */
#define VSCLP_EV_MSG       0x02 /* message (line-mode output), guest -> SCLP */
#define VSCLP_EV_VT220     0x1a /* VT220 data, both ways */
#define VSCLP_EV_QUIESCE   0x1d /* signal quiesce (shut down), SCLP -> guest */
/* The bit for event type t (1..64) in a 64-bit mask (its first 8 mask bytes, big-endian). */
#define VSCLP_EV_BIT(t)    (1ULL << (64 - (t)))

/* Service-signal external interruption. */
#define VSCLP_EXT_SERVICE_SIGNAL 0x2401
#define VSCLP_EXT_EVENT_PENDING  0x1U

/* Program interruption codes, returned negated by vsclp_service_call. */
#define VSCLP_PGM_ADDRESSING     0x0005
#define VSCLP_PGM_SPECIFICATION  0x0006

#define VSCLP_SCCB_MAX       4096   /* an SCCB does not cross a 4 KiB boundary */
#define VSCLP_MAX_CPUS       248    /* CPU entries that fit read SCP info (offset 128) in 4 KiB */
#define VSCLP_INPUT_BYTES    65536  /* queued console input */
#define VSCLP_INPUT_LINE_MAX 1024   /* longest input line */

/* Consoles offered to the guest (vsclp_config.consoles). */
#define VSCLP_CON_LINEMODE 0x1 /* Linux ttyS0 / sclp_line */
#define VSCLP_CON_VT220    0x2 /* Linux ttysclp0 / console=ttyS1 */

struct vsclp_config {
	uint64_t storage_bytes;    /* guest storage; reported in whole increments */
	uint64_t increment_bytes;  /* power of two >= 1 MiB; 0: the smallest that keeps
	                              the increment count <= 65535 */
	unsigned int ncpus;        /* 1..VSCLP_MAX_CPUS */
	const uint16_t *cpu_addrs; /* ncpus distinct CPU addresses <= 255; NULL: 0..ncpus-1 */
	uint8_t cpu_type;          /* type in the CPU entries: 0 = CP, 3 = IFL */
	unsigned int consoles;     /* VSCLP_CON_*: which consoles the guest sees */
	bool extended_length;      /* the guest has facility 140 (extended-length SCCB):
	                              read SCP / CPU info SCCBs may cross 4 KiB */
	const char *loadparm;      /* up to 8 characters, reported in EBCDIC; NULL: blanks */
	bool cp500;                /* line-mode text in code page 500 (Linux outside z/VM), else 037 */
};

struct vsclp_console_ops {
	/*
	 * Console output of the guest, converted to ASCII: line-mode messages (each
	 * message text object is one line, ending in '\n'; vt220 false) or VT220
	 * bytes as the guest wrote them (vt220 true). Returns how many bytes it took
	 * (0..len); fewer than len blocks the request until vsclp_resume().
	 * May be NULL: output is discarded.
	 */
	size_t (*write)(void *ctx, const char *data, size_t len, bool vt220);
};

/* The state of one guest's SCLP. Large (input queue): allocate it, don't put it on a stack. */
struct vsclp {
	/* Configuration (vsclp_init). */
	uint64_t rnmax;            /* storage increments */
	uint32_t rnsize_mib;       /* increment size in MiB */
	uint16_t ncpus;
	uint16_t hcpua;            /* highest CPU address */
	uint8_t cpu_addr[VSCLP_MAX_CPUS];
	uint8_t cpu_type;
	uint8_t loadparm[8];       /* EBCDIC */
	unsigned int consoles;
	bool extended_length;
	const struct vsclp_console_ops *ops;
	void *ctx;
	bool cp500;
	bool last_out_vt220;       /* the guest's latest console output went to the VT220 console */

	/* Event masks the guest set with WRITE EVENT MASK (types 1..64). */
	uint64_t cp_receive_mask;
	uint64_t cp_send_mask;
	uint16_t mask_length;      /* 0: no mask written yet */

	/* A WRITE EVENT DATA in progress (the console consumer was full). */
	bool busy;
	uint64_t busy_sccb;
	uint64_t out_done;         /* output bytes of that SCCB already delivered */

	/* Events waiting for READ EVENT DATA. */
	bool quiesce_pending;
	uint32_t in_head;          /* input ring: lines of ASCII, each ending in '\n' */
	uint32_t in_len;
	uint8_t in[VSCLP_INPUT_BYTES];

	/* Work areas: the SCCB copy (the guest cannot change it under us) and one encoded input line. */
	uint8_t sccb[VSCLP_SCCB_MAX];
	uint8_t line[2 * VSCLP_INPUT_LINE_MAX];
};

/*
 * Set up an SCLP as a guest finds it at IPL. 0, or -1 when the configuration is
 * unusable (no or too many CPUs, duplicate or too high CPU addresses, increment
 * not a power of two >= 1 MiB, storage smaller than one increment).
 */
int vsclp_init(struct vsclp *s, const struct vsclp_config *cfg,
	       const struct vsclp_console_ops *ops, void *ctx);

/* Guest reset (IPL, system reset): masks cleared, a request in progress dropped
   (no service signal). Queued console input is kept. */
void vsclp_reset(struct vsclp *s);

/*
 * The guest executed SERVC with this command word and an SCCB at guest absolute
 * address sccb (the caller has applied prefixing to the real address). Returns
 * the condition code (0 or 2) or -program interruption code; see the top of this
 * file for what the caller does with it and with *ext_param.
 * Program checks: addressing when the SCCB header (or, with extended length, any
 * of it) is outside guest storage; specification when the SCCB is not on a
 * doubleword boundary, not below 2 GiB, lies in absolute 0..8 KiB, or its length
 * is below 8. An SCCB in the issuing CPU's own prefix area (real 0..8 KiB) is
 * the caller's to reject with a specification exception.
 */
int vsclp_service_call(struct vsclp *s, const struct gmem *g, uint32_t command,
		       uint64_t sccb, uint32_t *ext_param);

/*
 * Continue a request left in progress (vsclp_service_call gave *ext_param 0).
 * true: it completed, present a service signal with *ext_param; false: the
 * consumer is still full, or nothing is in progress.
 */
bool vsclp_resume(struct vsclp *s, const struct gmem *g, uint32_t *ext_param);

/* Whether a request is in progress. */
static inline bool vsclp_busy(const struct vsclp *s) { return s->busy; }

/* Whether the guest has events waiting that it asked to receive. */
bool vsclp_event_pending(const struct vsclp *s);

enum vsclp_input_result {
	VSCLP_IN_TOO_LONG = -2,  /* longer than VSCLP_INPUT_LINE_MAX: not queued */
	VSCLP_IN_FULL = -1,      /* the input queue is full: not queued */
	VSCLP_IN_QUEUED = 0,     /* queued; no service signal now */
	VSCLP_IN_SIGNAL = 1,     /* queued; present a service signal with VSCLP_EXT_EVENT_PENDING */
};

/*
 * Queue one operator input line (ASCII, ends at NUL or '\n'). The guest reads it
 * as VT220 bytes followed by '\n' when it enabled VT220 input (event 0x1a), else
 * as an operator command (event 0x01, EBCDIC; Linux adds the newline). Lines wait
 * while the guest has neither enabled; the queue holds VSCLP_INPUT_BYTES.
 */
enum vsclp_input_result vsclp_console_input(struct vsclp *s, const char *line);

/* Ask the guest to shut down (signal quiesce, event 0x1d; Linux runs ctrl-alt-del). */
enum vsclp_input_result vsclp_signal_quiesce(struct vsclp *s);

#endif
