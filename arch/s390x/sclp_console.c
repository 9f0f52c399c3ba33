/* SCLP console driver: event masks, write and read event data. */
#include "arch/s390x/sclp_console.h"
#include "arch/s390x/sclp.h"
#include "arch/s390x/sclp_event.h"
#include <string.h>

static uint8_t mask_sccb[SCCB_SIZE] __aligned(4096);
static uint8_t tx_sccb[SCCB_SIZE] __aligned(4096);
static uint8_t rx_sccb[SCCB_SIZE] __aligned(4096);
static uint8_t sync_sccb[SCCB_SIZE] __aligned(4096);

static enum sclp_console_mode mode;
static const struct sclp_console_ops *ops;
static struct sclp_req tx_req, rx_req;
static volatile bool tx_busy;
static bool rx_busy;
static struct sclp_console_stats stats;

#define SYNC_TIMEOUT_US 2000000

enum sclp_console_mode sclp_console_init(enum sclp_console_mode prefer)
{
	struct sclp_event_mask_sccb *m = (void *)mask_sccb;
	uint32_t want_rx = SCLP_EVTYP_MASK(SCLP_EVTYP_OPCMD) | SCLP_EVTYP_MASK(SCLP_EVTYP_PMSGCMD) |
			   SCLP_EVTYP_MASK(SCLP_EVTYP_VT220);
	uint32_t want_tx = SCLP_EVTYP_MASK(SCLP_EVTYP_MSG) | SCLP_EVTYP_MASK(SCLP_EVTYP_VT220);
	bool has_msg, has_vt220;
	int rc;

	memset(m, 0, sizeof(*m));
	m->h.length = sizeof(*m);
	m->mask_length = 4;
	m->cp_receive_mask = want_rx;
	m->cp_send_mask = want_tx;
	rc = sclp_sync(SCLP_CMD_WRITE_EVENT_MASK, m, SYNC_TIMEOUT_US);
	if (rc != SCLP_RC_NORMAL_COMPLETION) {
		mode = SCLP_CONSOLE_NONE;
		return mode;
	}
	has_msg = m->sclp_receive_mask & SCLP_EVTYP_MASK(SCLP_EVTYP_MSG);
	has_vt220 = (m->sclp_receive_mask & SCLP_EVTYP_MASK(SCLP_EVTYP_VT220)) &&
		    (m->sclp_send_mask & SCLP_EVTYP_MASK(SCLP_EVTYP_VT220));
	/*
	 * Line mode is the HMC's operating system messages console and all Hercules
	 * offers; VT220 is QEMU's sclpconsole. Take line mode when both are there
	 * unless asked otherwise.
	 */
	if (prefer == SCLP_CONSOLE_VT220 && has_vt220)
		mode = SCLP_CONSOLE_VT220;
	else if (has_msg)
		mode = SCLP_CONSOLE_LINEMODE;
	else if (has_vt220)
		mode = SCLP_CONSOLE_VT220;
	else
		mode = SCLP_CONSOLE_NONE;
	return mode;
}

enum sclp_console_mode sclp_console_mode(void)
{
	return mode;
}

const char *sclp_console_mode_name(void)
{
	switch (mode) {
	case SCLP_CONSOLE_LINEMODE: return "SCLP line mode";
	case SCLP_CONSOLE_VT220: return "SCLP VT220";
	case SCLP_CONSOLE_NONE: break;
	}
	return "none";
}

static size_t build(void *sccb, const char *data, size_t n)
{
	if (mode == SCLP_CONSOLE_VT220)
		return sclp_build_vt220_sccb(sccb, SCCB_SIZE, data, n);
	return sclp_build_msg_sccb(sccb, SCCB_SIZE, data, n);
}

static void tx_complete(struct sclp_req *req)
{
	struct sccb_header *h = req->sccb;

	if (req->status != SCLP_REQ_DONE || h->response_code != SCLP_RC_NORMAL_COMPLETION)
		stats.write_errors++;
	tx_busy = false;
	if (ops && ops->tx_done)
		ops->tx_done();
}

size_t sclp_console_tx_start(const char *data, size_t n)
{
	size_t used;

	if (mode == SCLP_CONSOLE_NONE)
		return n; /* nowhere to write: drop rather than block forever */
	if (tx_busy)
		return 0;
	used = build(tx_sccb, data, n);
	if (!used)
		return 0;
	tx_busy = true;
	stats.writes++;
	tx_req = (struct sclp_req){ .command = SCLP_CMD_WRITE_EVENT_DATA, .sccb = tx_sccb,
				    .callback = tx_complete };
	sclp_submit(&tx_req);
	return used;
}

bool sclp_console_tx_busy(void)
{
	return tx_busy;
}

void sclp_console_write_sync(const char *data, size_t n)
{
	while (n && mode != SCLP_CONSOLE_NONE) {
		size_t used = build(sync_sccb, data, n);

		if (!used) {
			/* An unterminated tail in line mode: send it as a line of its own. */
			char tail[SCLP_LINE_MAX + 1];
			size_t len = MIN(n, (size_t)SCLP_LINE_MAX);

			memcpy(tail, data, len);
			tail[len] = '\n';
			used = build(sync_sccb, tail, len + 1);
			if (!used)
				return;
			used = len;
		}
		if (sclp_sync(SCLP_CMD_WRITE_EVENT_DATA, sync_sccb, SYNC_TIMEOUT_US) < 0)
			stats.write_errors++;
		data += used;
		n -= used;
	}
}

static void rx_deliver(void *ctx, enum sclp_input_kind kind, const char *text, size_t len)
{
	(void)ctx;
	stats.read_events++;
	if (ops && ops->rx)
		ops->rx(kind, text, len);
}

static void rx_start(void);

static void rx_complete(struct sclp_req *req)
{
	struct sccb_header *h = req->sccb;
	bool more = false;

	stats.reads++;
	if (req->status == SCLP_REQ_DONE && h->response_code == SCLP_RC_NORMAL_COMPLETION) {
		if (sclp_parse_input(rx_sccb, SCCB_SIZE, rx_deliver, NULL) < 0)
			stats.malformed++;
		more = true; /* there may be further events queued */
	}
	__atomic_store_n(&rx_busy, false, __ATOMIC_RELEASE);
	if (more)
		rx_start();
}

static void rx_start(void)
{
	struct sccb_header *h = (void *)rx_sccb;

	if (__atomic_exchange_n(&rx_busy, true, __ATOMIC_ACQUIRE))
		return;
	memset(rx_sccb, 0, SCCB_SIZE);
	h->length = SCCB_SIZE;
	h->control_mask[2] = 0x80; /* variable-length response */
	rx_req = (struct sclp_req){ .command = SCLP_CMD_READ_EVENT_DATA, .sccb = rx_sccb,
				    .callback = rx_complete };
	sclp_submit(&rx_req);
}

void sclp_console_set_ops(const struct sclp_console_ops *o)
{
	ops = o;
	sclp_set_event_pending_handler(rx_start);
	/* Input may have arrived before anyone listened. */
	rx_start();
}

void sclp_console_stats(struct sclp_console_stats *out)
{
	*out = stats;
}
