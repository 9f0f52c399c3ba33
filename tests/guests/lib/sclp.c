/* SCLP requests: SERVC and a bounded enabled wait for the service signal. */
#include "tests/guests/lib/sclp.h"
#include "tests/guests/lib/interrupt.h"
#include "tests/guests/lib/insn.h"
#include "tests/guests/lib/wait.h"
#include "arch/s390x/tod.h"
#include <string.h>

uint8_t sclp_page[SCCB_SIZE] __aligned(4096);
struct glock sclp_lock = GLOCK_INIT;

/* The SCCB whose completion is awaited; cleared by the interruption that names it. */
static volatile uint64_t sclp_pending;
/* SERVC said busy: a service signal is outstanding; any service signal ends the wait. */
static volatile bool sclp_busy_wait;

void sclp_interrupt(uint32_t param)
{
	uint64_t sccb = param & ~7U;

	if (sccb && sccb == sclp_pending)
		sclp_pending = 0;
	sclp_busy_wait = false;
}

static bool request_done(void *arg)
{
	(void)arg;
	return sclp_pending == 0;
}

static bool busy_over(void *arg)
{
	(void)arg;
	return !sclp_busy_wait;
}

bool sclp_wait_completion(uint64_t sccb, uint64_t timeout_us)
{
	bool done;

	sclp_pending = sccb;
	done = wait_until(request_done, NULL, CR0_SERVICE_SIGNAL, false, timeout_us);
	sclp_pending = 0;
	return done;
}

int sclp_call(uint32_t command, void *sccb, uint64_t timeout_us)
{
	uint64_t deadline = stck() + tod_from_us(timeout_us);
	int cc;

	for (;;) {
		cc = servc(command, sccb);
		if (cc != 2)
			break;
		/* Busy: wait for the outstanding service signal, then try again. */
		sclp_busy_wait = true;
		if (stck() >= deadline)
			return SCLP_ERR_BUSY;
		(void)wait_until(busy_over, NULL, CR0_SERVICE_SIGNAL, false, 1000);
	}
	if (cc != 0)
		return SCLP_ERR_NOT_OP; /* cc 3 */
	if (!sclp_wait_completion((uint64_t)(uintptr_t)sccb, timeout_us))
		return SCLP_ERR_TIMEOUT;
	return ((volatile struct sccb_header *)sccb)->response_code;
}

static int read_info_once(uint32_t command, struct sclp_info *info)
{
	struct sclp_read_info *ri = (struct sclp_read_info *)sclp_page;
	uint64_t increments, increment_mib;
	int rc;

	memset(sclp_page, 0, sizeof(sclp_page));
	ri->h.length = SCCB_SIZE;
	rc = sclp_call(command, sclp_page, SCLP_TIMEOUT_US);
	if (rc != SCLP_RC_NORMAL_READ_COMPLETION)
		return rc;
	increments = ri->rnmax ? ri->rnmax : ri->rnmax2;
	increment_mib = ri->rnsize ? ri->rnsize : ri->rnsize2;
	info->storage_bytes = increments * increment_mib << 20;
	info->ncpus = 0;
	if (ri->cpuoff >= sizeof(*ri) && ri->cpuoff < SCCB_SIZE) {
		const struct sclp_cpu_entry *e = (const void *)(sclp_page + ri->cpuoff);

		for (unsigned int i = 0; i < ri->ncpurl && info->ncpus < GUEST_MAX_CPUS; i++) {
			if ((const uint8_t *)(e + i + 1) > sclp_page + SCCB_SIZE)
				break;
			info->cpu_address[info->ncpus++] = e[i].address;
		}
	}
	return 0;
}

int sclp_read_info(struct sclp_info *info)
{
	int rc;

	memset(info, 0, sizeof(*info));
	glock_take(&sclp_lock);
	rc = read_info_once(SCLP_CMD_READ_SCP_INFO_FORCED, info);
	if (rc != 0 && rc != SCLP_ERR_TIMEOUT)
		rc = read_info_once(SCLP_CMD_READ_SCP_INFO, info);
	glock_release(&sclp_lock);
	return rc;
}
