/* Operator console: output ring, input line queue (see console.h). */
#include "kernel/console.h"
#include "kernel/lib/ring.h"
#include "kernel/lib/line_editor.h"
#include "kernel/sched.h"
#include "arch/s390x/insn.h"
#include "arch/s390x/sclp.h"
#include "arch/s390x/cpu.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define OUT_RING_SIZE (256 * 1024)
#define INPUT_QUEUE_LINES 16

static char out_buf[OUT_RING_SIZE];
static struct ring out_ring;
static char staging[4096];
static struct spinlock out_lock = SPINLOCK_INIT;
static bool async_mode;
static volatile bool panic_mode;

static struct spinlock in_lock = SPINLOCK_INIT;
static char in_lines[INPUT_QUEUE_LINES][CONSOLE_LINE_MAX + 1];
static unsigned int in_head, in_tail; /* counters; head - tail lines queued */
static struct line_editor editor;
static struct console_stats stats;
/*
 * What the terminal shows (VT220 only; line mode has no echo). out_at_bol: the
 * last output byte ended a line. input_shown: characters of the operator's
 * unfinished input line echoed on the current screen line; output arriving
 * then erases that line first and redraws the input after it, so responses and
 * type-ahead never mix on one line.
 */
static bool out_at_bol = true;
static size_t input_shown;

static void start_tx_locked(void)
{
	size_t n, used;

	if (!ring_used(&out_ring) || sclp_console_tx_busy())
		return;
	n = ring_copy_out(&out_ring, staging, sizeof(staging));
	used = sclp_console_tx_start(staging, n);
	if (!used && n == sizeof(staging)) {
		/* A line longer than the staging buffer: force it out in pieces. */
		staging[n - 1] = '\n';
		used = sclp_console_tx_start(staging, n);
		if (used)
			used--; /* the forced newline was not in the ring */
	}
	ring_consume(&out_ring, used);
	stats.bytes_written += used;
}

static void tx_done(void)
{
	if (panic_mode)
		return;
	spin_lock(&out_lock);
	start_tx_locked();
	spin_unlock(&out_lock);
	wakeup(&out_ring);
}

static void erase_input_locked(void)
{
	static const char erase[] = "\r\x1b[K"; /* carriage return, erase line */

	if (ring_free(&out_ring) >= sizeof(erase) - 1)
		ring_put(&out_ring, erase, sizeof(erase) - 1);
	input_shown = 0;
}

static void redraw_input_locked(void)
{
	if (!editor.len || input_shown || ring_free(&out_ring) < editor.len)
		return;
	ring_put(&out_ring, editor.line, editor.len);
	input_shown = editor.len;
	start_tx_locked();
}

static bool in_thread_context(void)
{
	struct thread *t = current_thread();

	/* Not with interruptions disabled: a spinlock holder must never sleep. */
	return sched_running() && t && !t->is_idle && this_cpu()->irq_depth == 0 && irqs_enabled();
}

void console_write(const char *s, size_t n)
{
	if (panic_mode || !async_mode) {
		sclp_console_write_sync(s, n);
		if (!panic_mode)
			stats.bytes_written += n;
		return;
	}
	spin_lock(&out_lock);
	if (n && input_shown)
		erase_input_locked();
	if (n)
		out_at_bol = s[n - 1] == '\n';
	while (n) {
		size_t put = ring_put(&out_ring, s, n);

		s += put;
		n -= put;
		start_tx_locked();
		if (!n)
			break;
		if (!in_thread_context()) {
			/*
			 * Interruption context (or a spinlock holder) cannot wait for the SCLP:
			 * with 256 KiB queued the console is stuck, and what does not fit is
			 * counted as lost.
			 */
			stats.overflow_dropped += n;
			break;
		}
		stats.writer_waits++;
		sleep_on(&out_ring, &out_lock);
	}
	if (out_at_bol)
		redraw_input_locked();
	spin_unlock(&out_lock);
}

void kvprintf(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf)) {
		n = sizeof(buf) - 1;
		buf[n - 1] = '\n';
	}
	console_write(buf, (size_t)n);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}

static void queue_line(const char *text, size_t len)
{
	spin_lock(&in_lock);
	if (in_head - in_tail >= INPUT_QUEUE_LINES) {
		stats.input_dropped++;
		spin_unlock(&in_lock);
		return;
	}
	len = MIN(len, (size_t)CONSOLE_LINE_MAX);
	memcpy(in_lines[in_head % INPUT_QUEUE_LINES], text, len);
	in_lines[in_head % INPUT_QUEUE_LINES][len] = '\0';
	in_head++;
	stats.lines_read++;
	wakeup(in_lines);
	spin_unlock(&in_lock);
}

/* Echo typed characters; the caller holds out_lock (it also guards the editor). */
static void echo_locked(const char *s, size_t n)
{
	if (ring_free(&out_ring) < n) {
		stats.echo_dropped += n;
		return;
	}
	ring_put(&out_ring, s, n);
	/* Only input echoed at the start of a line can be erased and redrawn. */
	if (n && s[n - 1] == '\n')
		input_shown = 0;
	else if (out_at_bol)
		input_shown = editor.len;
	start_tx_locked();
}

static void rx(enum sclp_input_kind kind, const char *text, size_t len)
{
	if (panic_mode)
		return;
	if (kind == SCLP_INPUT_COMMAND) {
		queue_line(text, len);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		struct line_editor_out out;
		char line[LINE_EDITOR_MAX + 1];
		bool done;

		out.echo_len = 0;
		spin_lock(&out_lock);
		done = line_editor_feed(&editor, text[i], &out);
		if (out.echo_len)
			echo_locked(out.echo, out.echo_len);
		if (done) {
			size_t n = strnlen(editor.line, LINE_EDITOR_MAX);

			memcpy(line, editor.line, n);
			line[n] = '\0';
		}
		spin_unlock(&out_lock);
		if (done)
			queue_line(line, strlen(line));
	}
}

static const struct sclp_console_ops ops = { .tx_done = tx_done, .rx = rx };

void console_early_init(enum sclp_console_mode prefer)
{
	ring_init(&out_ring, out_buf, sizeof(out_buf));
	line_editor_init(&editor);
	sclp_console_init(prefer);
}

void console_start(void)
{
	async_mode = true;
	sclp_console_set_ops(&ops);
}

size_t console_read_line(char *buf, size_t size)
{
	size_t len;

	spin_lock(&in_lock);
	while (in_head == in_tail)
		sleep_on(in_lines, &in_lock);
	len = strnlen(in_lines[in_tail % INPUT_QUEUE_LINES], CONSOLE_LINE_MAX);
	if (len >= size)
		len = size - 1;
	memcpy(buf, in_lines[in_tail % INPUT_QUEUE_LINES], len);
	buf[len] = '\0';
	in_tail++;
	spin_unlock(&in_lock);
	return len;
}

void console_flush(void)
{
	spin_lock(&out_lock);
	while (async_mode && (ring_used(&out_ring) || sclp_console_tx_busy()))
		sleep_on(&out_ring, &out_lock);
	spin_unlock(&out_lock);
}

void console_panic_takeover(void)
{
	size_t n;

	panic_mode = true;
	sclp_panic_takeover();
	out_lock.owner = 0;
	while ((n = ring_copy_out(&out_ring, staging, sizeof(staging))) != 0) {
		sclp_console_write_sync(staging, n);
		ring_consume(&out_ring, n);
	}
}

const char *console_type(void)
{
	return sclp_console_mode_name();
}

void console_stats(struct console_stats *out)
{
	spin_lock(&out_lock);
	*out = stats;
	out->queued = ring_used(&out_ring);
	spin_unlock(&out_lock);
}
