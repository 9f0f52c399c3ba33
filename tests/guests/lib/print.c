/* gprintf: vsnprintf into a line buffer, then the console. */
#include "tests/guests/lib/print.h"
#include "tests/guests/lib/console.h"
#include <stdarg.h>
#include <stdio.h>

#define PRINT_MAX 512

int gprintf(const char *fmt, ...)
{
	char buf[PRINT_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return n;
	console_write(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	return n;
}
