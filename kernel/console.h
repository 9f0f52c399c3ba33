/*
 * The operator console. Output is queued in a ring and written by the SCLP
 * console driver as fast as the SCLP takes it; writers in thread context wait
 * for room rather than lose output. Input lines (edited and echoed on VT220,
 * whole lines in line mode) are queued for the operator command thread.
 */
#ifndef PLEXVM_KERNEL_CONSOLE_H
#define PLEXVM_KERNEL_CONSOLE_H

#include "kernel/compiler.h"
#include "arch/s390x/sclp_console.h"
#include <stdarg.h>

#define CONSOLE_LINE_MAX 240

/* Synchronous console for early boot. */
void console_early_init(enum sclp_console_mode prefer);
/* Queued output and interrupt-driven input, once interruptions can be taken. */
void console_start(void);
void console_write(const char *s, size_t n);
void kprintf(const char *fmt, ...) __printf(1, 2);
void kvprintf(const char *fmt, va_list ap);
/* Wait (thread context) for the next input line; returns its length. */
size_t console_read_line(char *buf, size_t size);
/* Wait (thread context) until everything queued has been written. */
void console_flush(void);
/* Panic path: take the SCLP over, write out what is queued, stay synchronous. */
void console_panic_takeover(void);
const char *console_type(void);

struct console_stats {
	uint64_t bytes_written;
	uint64_t lines_read;
	uint64_t input_dropped;   /* lines lost because the input queue was full */
	uint64_t echo_dropped;    /* echo bytes not shown because output was full */
	uint64_t writer_waits;    /* times a writer waited for room */
	uint64_t overflow_dropped; /* bytes lost by interruption-context writers finding the queue full */
	size_t queued;            /* bytes waiting now */
};
void console_stats(struct console_stats *out);

#endif
