/*
 * FICON/ESCON channel-to-channel adapters (3088) as link channels.
 *
 * The protocol on one device is writer-initiated and never leaves a Read
 * posted: a side with a frame issues WRITE; the peer, told by the Attention
 * this raises (or by polling SENSE COMMAND BYTE, should an Attention be lost),
 * issues READ, which takes the data at once and lets the WRITE complete. So a
 * WRITE completing means the peer has the frame. When both sides write at
 * once the adapter lets one WRITE wait and ends the other with Busy and
 * Attention; that side reads the waiting frame first and then writes again.
 * Which side's WRITE waits is the adapter's choice. An adapter whose two
 * sides both issued commands before it was connected (as every IPL does with
 * SENSE ID) may let crossing WRITEs both wait, so once per device one side
 * issues CONTROL and the other answers with SENSE COMMAND BYTE, which settles
 * the two roles. Besides, the link layer gives each of two or more CTCs of a
 * link one direction (the channel is half duplex): only a link down to a
 * single CTC writes both ways on one device.
 * Every channel program is one CCW (command chaining would suppress the
 * peer's Attentions), and no HALT is used in normal operation (it loses or
 * duplicates data on a CTC; the link's sequence numbers catch duplicates).
 */
#include "kernel/io/io.h"
#include "kernel/io/sense.h"
#include "kernel/link/link.h"
#include "kernel/alloc.h"
#include "kernel/console.h"
#include "kernel/init.h"
#include "kernel/mutex.h"
#include "kernel/sched.h"
#include "arch/s390x/tod.h"
#include <stdio.h>
#include <string.h>

#define CTC_CMD_WRITE        0x01
#define CTC_CMD_READ         0x02
#define CTC_CMD_NOOP         0x03
#define CTC_CMD_SENSE_CMD    0x14   /* sense command byte: what the peer has pending */
#define CTC_READ_SIZE        0xffff
#define CTC_WRITE_TIMEOUT_MS 3000   /* the peer answers an Attention in well under this */
#define CTC_READ_TIMEOUT_MS  1000   /* a READ answering an Attention finds the peer's WRITE at once */
#define CTC_CMD_CONTROL      0x07
#define CTC_POLL_MS          500
#define CTC_SETTLE_TRIES     10
#define CTC_COLLISION_TRIES  50

struct ctc {
	struct io_device *io;
	struct link_channel ch;
	struct mutex mutex;            /* one channel program at a time */
	struct spinlock lock;          /* attention flag */
	volatile bool attention;
	volatile bool started;
	volatile bool gone;
	volatile bool settled;         /* the CONTROL / SENSE COMMAND BYTE exchange happened */
	struct thread *worker;
	struct ccw1 *ccw;
	uint8_t *rbuf;                 /* READ buffer */
	uint8_t *cmdbyte;
	uint64_t reads, writes, collisions, lost_attentions, read_timeouts;
	char last_error[96];           /* the last failure reported */
};

static void set_ccw(struct ccw1 *c, uint8_t cmd, uint16_t count, const void *data)
{
	c->cmd = cmd;
	c->flags = CCW_FLAG_SLI;
	c->count = count;
	c->cda = (uint32_t)(uintptr_t)data;
}

static enum io_status run(struct ctc *c, uint64_t timeout_ms, struct io_request *req)
{
	memset(req, 0, sizeof(*req));
	req->cp = c->ccw;
	req->timeout_ms = timeout_ms;
	return io_run(c->io, req);
}

static void fail(struct ctc *c, const char *why, const struct io_request *req, enum io_status st)
{
	char text[96];

	if (st == IO_UNIT_CHECK && req && req->sense_valid)
		sense_format(req->sense, 8, text, sizeof(text));
	else
		snprintf(text, sizeof(text), "%s", io_status_name(st));
	/* Once per failure of a working channel, and when a retry fails differently. */
	if (c->ch.state == LCH_UP || (c->ch.state != LCH_DOWN && strcmp(text, c->last_error) != 0))
		kprintf("PLXCTC010E CTCA %04X %s: %s\n", c->io->devno, why, text);
	snprintf(c->last_error, sizeof(c->last_error), "%s", text);
	/* Quiet until the link layer starts the channel again. */
	c->started = false;
	link_channel_failed(&c->ch, why);
}

/* The peer's pending command (0 when none). */
static int sense_command_byte(struct ctc *c)
{
	struct io_request req;

	set_ccw(c->ccw, CTC_CMD_SENSE_CMD, 1, c->cmdbyte);
	*c->cmdbyte = 0;
	if (run(c, 2000, &req) != IO_OK)
		return -1;
	return *c->cmdbyte;
}

/* Take the frame the peer is writing. Called with the mutex held. Returns the I/O status. */
static enum io_status read_frame(struct ctc *c)
{
	struct io_request req;
	enum io_status st;
	size_t len;

	set_ccw(c->ccw, CTC_CMD_READ, CTC_READ_SIZE, c->rbuf);
	st = run(c, CTC_READ_TIMEOUT_MS, &req);
	if (st == IO_OK) {
		len = CTC_READ_SIZE - req.scsw.count;
		c->reads++;
		if (c->started)
			link_channel_frame(&c->ch, c->rbuf, len);
		return st;
	}
	if (st == IO_UNIT_CHECK || st == IO_NOT_OPERATIONAL)
		fail(c, "read failed", &req, st);
	/*
	 * Busy+Attention: the peer had no write for us after all. A timeout (the
	 * READ was cancelled) means the same: the Attention came from the peer's
	 * own READ. A peer that is really gone is found by the link's silence check.
	 */
	if (st == IO_TIMEOUT)
		c->read_timeouts++;
	return st;
}

static int ctc_send(struct link_channel *ch, const void *frame, size_t len)
{
	struct ctc *c = ch->priv;
	int rc = -1;

	if (len > CTC_READ_SIZE || c->gone)
		return -1;
	mutex_lock(&c->mutex);
	for (int tries = 0; tries < CTC_COLLISION_TRIES; tries++) {
		struct io_request req;
		enum io_status st;
		int pending;

		set_ccw(c->ccw, CTC_CMD_WRITE, (uint16_t)len, frame);
		st = run(c, CTC_WRITE_TIMEOUT_MS, &req);
		if (st == IO_OK) {
			c->writes++;
			rc = 0;
			break;
		}
		if (st != IO_ATTENTION && st != IO_BUSY) {
			fail(c, "write failed", &req, st);
			break;
		}
		/*
		 * A collision: the peer is writing too, or still holds a command.
		 * SENSE COMMAND BYTE tells which: its WRITE is read here (then ours
		 * goes again), its CONTROL answered.
		 */
		c->collisions++;
		pending = sense_command_byte(c);
		if (pending < 0) {
			fail(c, "sense command byte failed", NULL, IO_CHANNEL_ERROR);
			break;
		}
		if (pending == CTC_CMD_CONTROL)
			c->settled = true;
		else if (pending == CTC_CMD_WRITE)
			read_frame(c);
		/*
		 * Otherwise the peer held some other command for a moment (its SENSE
		 * COMMAND BYTE polling for a lost Attention): try the write again. A
		 * READ now would only meet the peer's own READ and wait.
		 */
	}
	if (rc != 0 && c->ch.state != LCH_DOWN)
		fail(c, "writes keep colliding", NULL, IO_BUSY);
	mutex_unlock(&c->mutex);
	return rc;
}

static void worker(void *arg)
{
	struct ctc *c = arg;

	for (;;) {
		bool attention;

		spin_lock(&c->lock);
		if (!c->attention)
			sleep_on_until(&c->attention, &c->lock, tod_now() + tod_from_ms(CTC_POLL_MS));
		attention = c->attention;
		c->attention = false;
		spin_unlock(&c->lock);
		if (c->gone)
			break;
		if (!c->started && !attention)
			continue;
		mutex_lock(&c->mutex);
		if (attention && c->started) {
			int pending;

			/*
			 * Mostly the peer is writing. If not (its CONTROL), the READ ends
			 * busy and SENSE COMMAND BYTE answers the CONTROL.
			 */
			if (read_frame(c) != IO_OK) {
				pending = sense_command_byte(c);
				if (pending == CTC_CMD_CONTROL)
					c->settled = true;
				else if (pending == CTC_CMD_WRITE)
					read_frame(c);
			}
		} else if (attention) {
			/* Not started yet: answer a CONTROL; a waiting WRITE starts us. */
			int pending = sense_command_byte(c);

			if (pending == CTC_CMD_CONTROL)
				c->settled = true;
			else if (pending == CTC_CMD_WRITE)
				link_channel_kick(&c->ch);
		} else if (c->started && sense_command_byte(c) == CTC_CMD_WRITE) {
			/* The Attention for this write was lost: take the frame anyway. */
			c->lost_attentions++;
			read_frame(c);
		}
		mutex_unlock(&c->mutex);
	}
}

static void ctc_unsolicited(struct io_device *dev, const struct irb *irb)
{
	struct ctc *c = dev->driver_data;

	if (!c || !(irb->scsw.dstat & DEV_ATTENTION))
		return;
	spin_lock(&c->lock);
	c->attention = true;
	wakeup(&c->attention);
	spin_unlock(&c->lock);
}

static void ctc_gone(struct io_device *dev)
{
	struct ctc *c = dev->driver_data;

	if (!c)
		return;
	c->gone = true;
	c->ch.disabled = true;
	link_channel_failed(&c->ch, "device not operational");
	spin_lock(&c->lock);
	wakeup(&c->attention);
	spin_unlock(&c->lock);
}

/* Settle the collision roles once per device (see the top of the file). */
static void settle_roles(struct ctc *c)
{
	for (int attempt = 0; attempt < CTC_SETTLE_TRIES && !c->settled && !c->gone; attempt++) {
		struct io_request req;
		enum io_status st;

		sleep_ms((tod_now() >> 12) % 250 + 10);
		if (c->settled)
			break;
		mutex_lock(&c->mutex);
		set_ccw(c->ccw, CTC_CMD_CONTROL, 0, NULL);
		st = run(c, 1500, &req);
		mutex_unlock(&c->mutex);
		if (st == IO_OK)
			c->settled = true;
		else if (st == IO_UNIT_CHECK || st == IO_NOT_OPERATIONAL)
			break; /* no peer yet: it settles the roles when it starts */
	}
}

static int ctc_start(struct link_channel *ch)
{
	struct ctc *c = ch->priv;

	if (c->gone || c->io->state != IODEV_ONLINE)
		return -1;
	if (!c->settled)
		settle_roles(c);
	c->started = true;
	return 0;
}

static void ctc_stop(struct link_channel *ch)
{
	struct ctc *c = ch->priv;

	c->started = false;
}

static const struct link_channel_ops ctc_ops = {
	.start = ctc_start,
	.send = ctc_send,
	.stop = ctc_stop,
};

static bool ctc_match(const struct io_device *dev)
{
	return dev->id_valid && dev->id.cu_type == 0x3088;
}

static int ctc_probe(struct io_device *dev)
{
	struct ctc *c = kzalloc(sizeof(*c));

	if (!c)
		return -1;
	c->io = dev;
	mutex_init(&c->mutex);
	c->ccw = io_alloc(sizeof(*c->ccw));
	c->rbuf = io_alloc(CTC_READ_SIZE + 1);
	c->cmdbyte = io_alloc(8);
	if (!c->ccw || !c->rbuf || !c->cmdbyte) {
		io_free(c->ccw);
		io_free(c->rbuf);
		io_free(c->cmdbyte);
		kfree(c);
		return -1;
	}
	c->ch.ops = &ctc_ops;
	c->ch.priv = c;
	c->ch.devno = dev->devno;
	c->ch.kind = "CTCA";
	c->ch.half_duplex = true;
	/*
	 * Hercules 3.13's CTCE can overwrite a frame the reader has not yet
	 * copied when the writer is quick: keep what is sent until acknowledged.
	 */
	c->ch.window = 2 * 1024 * 1024;
	dev->driver_data = c;
	c->worker = thread_create("CTC", worker, c, CPU_ANY);
	link_channel_register(&c->ch);
	return 0;
}

static void ctc_describe(struct io_device *dev, char *buf, size_t size)
{
	struct ctc *c = dev->driver_data;

	if (!c || !c->ch.link)
		snprintf(buf, size, "FREE");
	else
		snprintf(buf, size, "ISFC %s  READS %llu WRITES %llu COLLISIONS %llu%s",
			 link_channel_state_name(c->ch.state), (unsigned long long)c->reads,
			 (unsigned long long)c->writes, (unsigned long long)c->collisions,
			 c->settled ? "" : "  ROLES UNSETTLED");
}

static struct io_driver ctc_driver = {
	.name = "ctc",
	.device_class = "CTCA",
	.match = ctc_match,
	.probe = ctc_probe,
	.unsolicited = ctc_unsolicited,
	.gone = ctc_gone,
	.describe = ctc_describe,
};

static int ctc_register(void)
{
	io_driver_register(&ctc_driver);
	return 0;
}
INITCALL(3, ctc_register);
