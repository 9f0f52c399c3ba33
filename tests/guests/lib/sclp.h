/*
 * SCLP requests of the test guests: SERVC, then an enabled wait for the
 * service-signal external interruption that names the SCCB, bounded by a
 * timeout. One request at a time (callers hold sclp_lock around the page).
 */
#ifndef TGUEST_SCLP_H
#define TGUEST_SCLP_H

#include "kernel/compiler.h"
#include "arch/s390x/sclp.h"
#include "tests/guests/lib/cpu.h"

#define SCLP_TIMEOUT_US 5000000ULL

/* Negative results of sclp_call; otherwise the SCCB's response code. */
#define SCLP_ERR_TIMEOUT -1 /* no service signal for the SCCB in time */
#define SCLP_ERR_NOT_OP  -2 /* SERVC cc 3 */
#define SCLP_ERR_BUSY    -3 /* SERVC cc 2 until the timeout */

/* The shared 4 KiB SCCB page and the lock that serialises its use. */
extern uint8_t sclp_page[SCCB_SIZE];
extern struct glock sclp_lock;

/* Issue command with the SCCB at sccb (4K-aligned, below 2 GiB) and wait for its completion. */
int sclp_call(uint32_t command, void *sccb, uint64_t timeout_us);

/*
 * Wait for the completion interruption of a request started by other means
 * (the hostile probes' SERVC). Returns true if it arrived in time.
 */
bool sclp_wait_completion(uint64_t sccb, uint64_t timeout_us);

struct sclp_info {
	uint64_t storage_bytes;                  /* rnmax * rnsize */
	unsigned int ncpus;                      /* CPU entries listed (up to GUEST_MAX_CPUS) */
	uint16_t cpu_address[GUEST_MAX_CPUS];
};

/* Read SCP info (forced, then plain). Returns 0 or the failing response / SCLP_ERR_*. */
int sclp_read_info(struct sclp_info *info);

#endif
