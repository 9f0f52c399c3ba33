/* Freestanding subset of <stdio.h>: formatting into buffers only. */
#ifndef PLEXVM_LIB_STDIO_H
#define PLEXVM_LIB_STDIO_H

#include <stdarg.h>
#include <stddef.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
