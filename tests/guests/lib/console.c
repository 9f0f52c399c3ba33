/* SCLP console output; the SCCBs are encoded by the hypervisor's sclp_event.c. */
#include "tests/guests/lib/console.h"
#include "tests/guests/lib/sclp.h"
#include "arch/s390x/sclp_event.h"
#include <string.h>
#include <stdio.h>

#define PENDING_MAX 2048

static enum console_kind kind = CONSOLE_NONE;
static bool failed;
static char error[64];
static char pending[PENDING_MAX]; /* text not yet sent: at most a partial line after a write */
static size_t npending;

static void fail(const char *what, int rc)
{
	failed = true;
	snprintf(error, sizeof(error), "%s %d", what, rc);
}

enum console_kind console_init(void)
{
	struct sclp_event_mask_sccb *m = (struct sclp_event_mask_sccb *)sclp_page;
	uint32_t offered;
	int rc;

	glock_take(&sclp_lock);
	memset(sclp_page, 0, sizeof(sclp_page));
	m->h.length = sizeof(*m);
	m->mask_length = sizeof(uint32_t);
	m->cp_receive_mask = 0;
	m->cp_send_mask = SCLP_EVTYP_MASK(SCLP_EVTYP_MSG) | SCLP_EVTYP_MASK(SCLP_EVTYP_VT220);
	rc = sclp_call(SCLP_CMD_WRITE_EVENT_MASK, sclp_page, SCLP_TIMEOUT_US);
	offered = m->sclp_receive_mask;
	glock_release(&sclp_lock);
	if (rc != SCLP_RC_NORMAL_COMPLETION) {
		fail("write event mask", rc);
		return CONSOLE_NONE;
	}
	if (offered & SCLP_EVTYP_MASK(SCLP_EVTYP_MSG))
		kind = CONSOLE_LINE_MODE;
	else if (offered & SCLP_EVTYP_MASK(SCLP_EVTYP_VT220))
		kind = CONSOLE_VT220;
	else
		fail("no console event type offered", (int)offered);
	return kind;
}

/* Send the complete lines of the pending text. Called with sclp_lock held. */
static void flush_lines(void)
{
	while (!failed && memchr(pending, '\n', npending)) {
		size_t used;
		int rc;

		if (kind == CONSOLE_LINE_MODE)
			used = sclp_build_msg_sccb(sclp_page, sizeof(sclp_page), pending, npending);
		else
			used = sclp_build_vt220_sccb(sclp_page, sizeof(sclp_page), pending,
						     (size_t)((char *)memchr(pending, '\n', npending) - pending) + 1);
		if (used == 0) {
			fail("cannot encode", (int)npending);
			break;
		}
		rc = sclp_call(SCLP_CMD_WRITE_EVENT_DATA, sclp_page, SCLP_TIMEOUT_US);
		if (rc != SCLP_RC_NORMAL_COMPLETION) {
			fail("write event data", rc);
			break;
		}
		memmove(pending, pending + used, npending - used);
		npending -= used;
	}
}

void console_write(const char *text, size_t len)
{
	glock_take(&sclp_lock);
	while (len > 0 && !failed && kind != CONSOLE_NONE) {
		size_t room = PENDING_MAX - 1 - npending;
		size_t n = len < room ? len : room;

		memcpy(pending + npending, text, n);
		npending += n;
		text += n;
		len -= n;
		if (npending == PENDING_MAX - 1 && !memchr(pending, '\n', npending))
			pending[npending++] = '\n'; /* an over-long line is cut */
		flush_lines();
	}
	glock_release(&sclp_lock);
}

bool console_failed(void)
{
	return failed || kind == CONSOLE_NONE;
}

const char *console_error(void)
{
	return error;
}
