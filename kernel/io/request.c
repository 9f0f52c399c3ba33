/*
 * Channel-program requests: start, interruption-driven completion, automatic
 * sense on unit check, and timeouts escalating HALT -> CLEAR SUBCHANNEL.
 *
 *   RUNNING --status--> (unit check) SENSING --status--> done
 *      |                                 |
 *      +---timeout--> HALTING --timeout--> CLEARING --timeout--> done (boxed)
 *                        |                     |
 *                        +------status---------+--> done (IO_TIMEOUT)
 */
#include "kernel/io/io.h"
#include "kernel/sched.h"
#include "kernel/console.h"
#include "arch/s390x/tod.h"
#include <string.h>

#define DEFAULT_TIMEOUT_MS 10000
#define ESCALATE_MS 2000

static void arm_timeout(struct io_device *dev, uint64_t ms);

/* Protects the complete flags that io_run sleeps on (see sched.h for the pattern). */
static struct spinlock wait_lock = SPINLOCK_INIT;

const char *io_status_name(enum io_status s)
{
	switch (s) {
	case IO_OK: return "ok";
	case IO_UNIT_CHECK: return "unit check";
	case IO_CHANNEL_ERROR: return "channel error";
	case IO_TIMEOUT: return "timeout";
	case IO_NOT_OPERATIONAL: return "not operational";
	case IO_BUSY: return "busy";
	case IO_UNIT_EXCEPTION: return "unit exception";
	case IO_ATTENTION: return "attention";
	case IO_CANCELLED: return "cancelled";
	}
	return "?";
}

static int start_program(struct io_device *dev, struct ccw1 *cp, uint32_t extra_flags)
{
	uint8_t lpm = dev->schib.pmcw.pam ? dev->schib.pmcw.pam : 0xff;

	memset(&dev->orb, 0, sizeof(dev->orb));
	dev->orb.intparm = dev->index;
	dev->orb.flags = ORB_FMT1 | ORB_PREFETCH | ORB_LPM(lpm) | extra_flags;
	dev->orb.cpa = (uint32_t)(uintptr_t)cp;
	return ssch(dev->schid, &dev->orb);
}

/* Finish the active request. Called with dev->lock held; returns it for the caller. */
static struct io_request *finish(struct io_device *dev, enum io_status status)
{
	struct io_request *req = dev->active;

	if (!req)
		return NULL;
	req->status = status;
	req->ended_tod = tod_now();
	req->state = REQ_IDLE;
	dev->active = NULL;
	dev->seq++;
	dev->completions++;
	return req;
}

static void signal_complete(struct io_request *req)
{
	/*
	 * Read the callback first: once complete is set, a waiter in io_run may
	 * return and its stack frame, which holds req, be reused at once.
	 */
	void (*done)(struct io_request *) = req->done;

	spin_lock(&wait_lock);
	req->complete = true;
	wakeup(req);
	spin_unlock(&wait_lock);
	if (done)
		done(req);
}

/* Notify outside the device lock. */
static void notify(struct io_device *dev, struct io_request *req)
{
	if (!req)
		return;
	timer_cancel(&dev->timeout);
	signal_complete(req);
}

enum io_status io_start(struct io_device *dev, struct io_request *req)
{
	struct irb irb;
	int cc, tries = 0;

	req->complete = false;
	req->sense_valid = false;
	req->status = IO_OK;
	memset(&req->scsw, 0, sizeof(req->scsw));
	spin_lock(&dev->lock);
	if (dev->state == IODEV_NOT_OPERATIONAL || dev->state == IODEV_BOXED) {
		spin_unlock(&dev->lock);
		return IO_NOT_OPERATIONAL;
	}
	if (dev->active) {
		spin_unlock(&dev->lock);
		return IO_BUSY;
	}
	for (;;) {
		cc = start_program(dev, req->cp, req->orb_flags);
		if (cc != 1 || ++tries > 3)
			break;
		/* Status pending from before (e.g. an attention): clear it and retry. */
		if (tsch(dev->schid, &irb) == 0 && dev->driver && dev->driver->unsolicited) {
			dev->unsolicited++;
			spin_unlock(&dev->lock);
			dev->driver->unsolicited(dev, &irb);
			spin_lock(&dev->lock);
			if (dev->active) {
				spin_unlock(&dev->lock);
				return IO_BUSY;
			}
		}
	}
	if (cc != 0) {
		spin_unlock(&dev->lock);
		if (cc == 3) {
			dev->state = IODEV_NOT_OPERATIONAL;
			return IO_NOT_OPERATIONAL;
		}
		return IO_BUSY;
	}
	dev->active = req;
	dev->starts++;
	req->state = REQ_RUNNING;
	req->seq = dev->seq;
	dev->timeout_seq = req->seq;
	req->started_tod = tod_now();
	spin_unlock(&dev->lock);
	arm_timeout(dev, req->timeout_ms ? req->timeout_ms : DEFAULT_TIMEOUT_MS);
	return IO_OK;
}

enum io_status io_run(struct io_device *dev, struct io_request *req)
{
	enum io_status rc = io_start(dev, req);

	if (rc != IO_OK)
		return rc;
	spin_lock(&wait_lock);
	while (!READ_ONCE(req->complete))
		sleep_on(req, &wait_lock);
	spin_unlock(&wait_lock);
	return req->status;
}

static void timeout_fired(struct timer *t, void *arg)
{
	struct io_device *dev = arg;
	struct io_request *done = NULL;
	struct io_request *req;

	(void)t;
	spin_lock(&dev->lock);
	req = dev->active;
	if (!req || req->seq != dev->timeout_seq) {
		spin_unlock(&dev->lock);
		return; /* that request ended; this is a stale expiry */
	}
	switch (req->state) {
	case REQ_RUNNING:
	case REQ_SENSING:
		dev->timeouts++;
		req->state = REQ_HALTING;
		if (hsch(dev->schid) == 0)
			break;
		/* Halt refused: try clear. */
		__attribute__((fallthrough));
	case REQ_HALTING:
		req->state = REQ_CLEARING;
		if (csch(dev->schid) == 0)
			break;
		__attribute__((fallthrough));
	case REQ_CLEARING:
		/* Nothing ended it: give up on the device. */
		dev->state = IODEV_BOXED;
		done = finish(dev, IO_TIMEOUT);
		break;
	case REQ_IDLE:
		break;
	}
	spin_unlock(&dev->lock);
	if (done) {
		signal_complete(done);
		return;
	}
	/* Re-arm from this callback: the timer is ours and not queued now. */
	timer_arm_in_ms(&dev->timeout, ESCALATE_MS, false);
}

static void arm_timeout(struct io_device *dev, uint64_t ms)
{
	timer_arm_in_ms(&dev->timeout, ms, false);
}

void io_cancel(struct io_device *dev)
{
	spin_lock(&dev->lock);
	if (dev->active && dev->active->state == REQ_RUNNING) {
		dev->active->state = REQ_HALTING;
		hsch(dev->schid);
	}
	spin_unlock(&dev->lock);
}

static enum io_status status_of(const struct scsw *s)
{
	if (s->cstat & (SCH_PROG_CHECK | SCH_PROT_CHECK | SCH_DATA_CHECK | SCH_CTRL_CHECK |
			SCH_INTF_CHECK | SCH_CHAIN_CHECK))
		return IO_CHANNEL_ERROR;
	if (s->dstat & DEV_UNIT_CHECK)
		return IO_UNIT_CHECK;
	if (s->dstat & DEV_UNIT_EXC)
		return IO_UNIT_EXCEPTION;
	if (s->dstat & DEV_ATTENTION)
		return IO_ATTENTION;
	if (s->dstat & DEV_BUSY)
		return IO_BUSY;
	return IO_OK;
}

static void after_interrupt(struct io_device *dev)
{
	if (dev->driver && dev->driver->after_interrupt)
		dev->driver->after_interrupt(dev);
}

/* Called for each I/O interruption of a device (interruption context). */
void io_device_interrupt(struct io_device *dev);
void io_device_interrupt(struct io_device *dev)
{
	struct io_request *req, *done = NULL;
	struct irb irb;
	int cc;

	spin_lock(&dev->lock);
	cc = tsch(dev->schid, &irb);
	if (cc == 3) {
		dev->state = IODEV_NOT_OPERATIONAL;
		done = finish(dev, IO_NOT_OPERATIONAL);
		spin_unlock(&dev->lock);
		notify(dev, done);
		if (dev->driver && dev->driver->gone)
			dev->driver->gone(dev);
		return;
	}
	if (cc != 0) {
		spin_unlock(&dev->lock);
		return; /* no status pending: spurious */
	}
	req = dev->active;
	/* No request, or status that belongs to no function (an unsolicited alert). */
	if (!req || (irb.scsw.flags & SCSW_FC_MASK) == 0) {
		dev->unsolicited++;
		spin_unlock(&dev->lock);
		if (dev->driver && dev->driver->unsolicited)
			dev->driver->unsolicited(dev, &irb);
		after_interrupt(dev);
		return;
	}
	/* A start function ends with primary (or alert) status; intermediate status (PCI) does not end it. */
	if ((irb.scsw.flags & SCSW_FC_MASK) == SCSW_FC_START &&
	    !(irb.scsw.flags & (SCSW_SC_PRIMARY | SCSW_SC_ALERT))) {
		spin_unlock(&dev->lock);
		return;
	}
	switch (req->state) {
	case REQ_RUNNING:
		req->scsw = irb.scsw;
		if ((irb.scsw.dstat & DEV_UNIT_CHECK) && !req->no_auto_sense) {
			dev->unit_checks++;
			dev->sense_ccw.cmd = CCW_CMD_SENSE;
			dev->sense_ccw.flags = CCW_FLAG_SLI;
			dev->sense_ccw.count = IO_SENSE_BYTES;
			dev->sense_ccw.cda = (uint32_t)(uintptr_t)dev->sense_buf;
			memset(dev->sense_buf, 0, sizeof(dev->sense_buf));
			if (start_program(dev, &dev->sense_ccw, 0) == 0) {
				req->state = REQ_SENSING;
				break;
			}
			done = finish(dev, IO_UNIT_CHECK);
			break;
		}
		done = finish(dev, status_of(&irb.scsw));
		break;
	case REQ_SENSING:
		if (!(irb.scsw.dstat & DEV_UNIT_CHECK) && !irb.scsw.cstat) {
			memcpy(req->sense, dev->sense_buf, IO_SENSE_BYTES);
			req->sense_valid = true;
		}
		done = finish(dev, IO_UNIT_CHECK);
		break;
	case REQ_HALTING:
	case REQ_CLEARING:
		req->scsw = irb.scsw;
		/* A halt that found the program already ended reports its real status. */
		if ((irb.scsw.flags & (SCSW_FC_HALT | SCSW_FC_CLEAR)) || req->state == REQ_CLEARING)
			done = finish(dev, IO_TIMEOUT);
		else
			done = finish(dev, status_of(&irb.scsw));
		break;
	case REQ_IDLE:
		break;
	}
	spin_unlock(&dev->lock);
	notify(dev, done);
	after_interrupt(dev);
}

void io_request_timer_init(struct io_device *dev);
void io_request_timer_init(struct io_device *dev)
{
	timer_init(&dev->timeout, timeout_fired, dev);
}
