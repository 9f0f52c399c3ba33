/*
 * Events waiting for the guest: operator input lines in a bounded ring (ASCII,
 * each line followed by '\n'; encoded for the guest only when it reads them,
 * vsclp_read.c) and a pending signal quiesce.
 */
#include "kernel/vdev/vsclp_internal.h"

_Static_assert((VSCLP_INPUT_BYTES & (VSCLP_INPUT_BYTES - 1)) == 0, "input ring size is a power of two");

uint8_t vsclp_in_byte(const struct vsclp *s, uint32_t i)
{
	return s->in[(s->in_head + i) & (VSCLP_INPUT_BYTES - 1)];
}

uint32_t vsclp_in_line_length(const struct vsclp *s)
{
	uint32_t n = 0;

	while (n < s->in_len && vsclp_in_byte(s, n) != '\n')
		n++;
	return n;
}

void vsclp_in_drop(struct vsclp *s, uint32_t n)
{
	if (n > s->in_len)
		n = s->in_len;
	s->in_head = (s->in_head + n) & (VSCLP_INPUT_BYTES - 1);
	s->in_len -= n;
}

static void in_push(struct vsclp *s, uint8_t c)
{
	s->in[(s->in_head + s->in_len) & (VSCLP_INPUT_BYTES - 1)] = c;
	s->in_len++;
}

/* Whether the guest takes console input in either form now. */
bool vsclp_input_receivable(const struct vsclp *s)
{
	return vsclp_guest_receives(s, VSCLP_EV_VT220) || vsclp_guest_receives(s, VSCLP_EV_OPCMD);
}

bool vsclp_event_pending(const struct vsclp *s)
{
	return (s->quiesce_pending && vsclp_guest_receives(s, VSCLP_EV_QUIESCE)) ||
	       (s->in_len && vsclp_input_receivable(s));
}

static enum vsclp_input_result queued(const struct vsclp *s)
{
	return !s->busy && vsclp_event_pending(s) ? VSCLP_IN_SIGNAL : VSCLP_IN_QUEUED;
}

enum vsclp_input_result vsclp_console_input(struct vsclp *s, const char *line)
{
	uint32_t n = 0;

	while (line[n] && line[n] != '\n') {
		if (n == VSCLP_INPUT_LINE_MAX)
			return VSCLP_IN_TOO_LONG;
		n++;
	}
	if (VSCLP_INPUT_BYTES - s->in_len < n + 1)
		return VSCLP_IN_FULL;
	for (uint32_t i = 0; i < n; i++)
		in_push(s, (uint8_t)line[i]);
	in_push(s, '\n');
	return queued(s);
}

enum vsclp_input_result vsclp_signal_quiesce(struct vsclp *s)
{
	s->quiesce_pending = true;
	return queued(s);
}
