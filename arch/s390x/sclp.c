/* SCLP request queue and the service-signal interruption. */
#include "arch/s390x/sclp.h"
#include "arch/s390x/interrupt.h"
#include "arch/s390x/insn.h"
#include "arch/s390x/cr.h"
#include "arch/s390x/tod.h"
#include "kernel/spinlock.h"

static struct spinlock sclp_lock = SPINLOCK_INIT;
static struct list sclp_queue = LIST_INIT(sclp_queue);
static struct sclp_req *sclp_running;
static bool sclp_retry_pending;
static void (*event_pending_handler)(void);

/* Start the head of the queue if nothing runs. Called with sclp_lock held. */
static void sclp_start_next(void)
{
	while (!sclp_running && !list_empty(&sclp_queue)) {
		struct sclp_req *req = list_first(&sclp_queue, struct sclp_req, link);
		int cc = servc(req->command, req->sccb);

		if (cc == 0) {
			req->status = SCLP_REQ_RUNNING;
			sclp_running = req;
			return;
		}
		if (cc == 2) {
			/* Busy: a service signal is still pending; retry when it arrives. */
			sclp_retry_pending = true;
			return;
		}
		list_del(&req->link);
		req->status = SCLP_REQ_FAILED;
		if (req->callback)
			req->callback(req);
	}
}

void sclp_submit(struct sclp_req *req)
{
	req->status = SCLP_REQ_QUEUED;
	spin_lock(&sclp_lock);
	list_add_tail(&sclp_queue, &req->link);
	sclp_start_next();
	spin_unlock(&sclp_lock);
}

static void sclp_interrupt(uint16_t code, uint32_t param, uint16_t cpu_addr)
{
	struct sclp_req *done = NULL;
	uint64_t sccb = param & ~7U;

	(void)code;
	(void)cpu_addr;
	spin_lock(&sclp_lock);
	if (sclp_running && sccb == (uint64_t)(uintptr_t)sclp_running->sccb) {
		done = sclp_running;
		sclp_running = NULL;
		list_del(&done->link);
		done->status = SCLP_REQ_DONE;
	}
	sclp_retry_pending = false;
	sclp_start_next();
	spin_unlock(&sclp_lock);
	if (done && done->callback)
		done->callback(done);
	if ((param & 3) && event_pending_handler)
		event_pending_handler();
}

void sclp_set_event_pending_handler(void (*fn)(void))
{
	event_pending_handler = fn;
}

static bool sclp_wait_done(struct sclp_req *req, uint64_t timeout_us)
{
	uint64_t deadline = tod_now() + tod_from_us(timeout_us);
	uint64_t cr0 = cr_read(0);

	cr_write(0, cr0 | CR0_SERVICE_SIGNAL | CR0_CLOCK_COMPARATOR);
	while (req->status == SCLP_REQ_QUEUED || req->status == SCLP_REQ_RUNNING) {
		if (tod_now() >= deadline)
			break;
		if (sclp_retry_pending) {
			spin_lock(&sclp_lock);
			sclp_start_next();
			spin_unlock(&sclp_lock);
		}
		sckc(deadline);
		enabled_wait(PSW_MASK_EXT);
	}
	cr_write(0, cr0);
	return req->status == SCLP_REQ_DONE;
}

int sclp_sync(uint32_t command, void *sccb, uint64_t timeout_us)
{
	struct sclp_req req = { .command = command, .sccb = sccb };

	sclp_submit(&req);
	if (!sclp_wait_done(&req, timeout_us)) {
		spin_lock(&sclp_lock);
		if (req.status == SCLP_REQ_QUEUED)
			list_del(&req.link);
		else if (sclp_running == &req)
			sclp_running = NULL; /* the SCLP never answered; forget it */
		spin_unlock(&sclp_lock);
		return -1;
	}
	return ((struct sccb_header *)sccb)->response_code;
}

void sclp_panic_takeover(void)
{
	/* Other CPUs are stopped: the lock may be held by one of them. */
	struct sclp_req *running = sclp_running;

	sclp_lock.owner = 0;
	if (running)
		sclp_wait_done(running, 2000000);
	sclp_running = NULL;
	list_init(&sclp_queue);
	sclp_retry_pending = false;
}

void sclp_init(void)
{
	ext_register(EXT_CODE_SERVICE_SIGNAL, sclp_interrupt);
}
