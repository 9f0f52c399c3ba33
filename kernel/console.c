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

static bool in_thread_context(void)
{
	struct thread *t = current_thread();

	return sched_running() && t && !t->is_idle && this_cpu()->irq_depth == 0;
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
	while (n) {
		size_t put = ring_put(&out_ring, s, n);

		s += put;
		n -= put;
		start_tx_locked();
		if (!n)
			break;
		if (!in_thread_context()) {
			/*
			 * Interruption context cannot wait for the SCLP: with 256 KiB queued
			 * the console is stuck, and what does not fit is counted as lost.
			 */
			stats.overflow_dropped += n;
			break;
		}
		stats.writer_waits++;
		sleep_on(&out_ring, &out_lock);
	}
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

static void echo(const char *s, size_t n)
{
	spin_lock(&out_lock);
	if (ring_free(&out_ring) >= n)
		ring_put(&out_ring, s, n);
	else
		stats.echo_dropped += n;
	start_tx_locked();
	spin_unlock(&out_lock);
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

		out.echo_len = 0;
		if (line_editor_feed(&editor, text[i], &out)) {
			echo(out.echo, out.echo_len);
			queue_line(editor.line, strlen(editor.line));
		} else if (out.echo_len) {
			echo(out.echo, out.echo_len);
		}
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
