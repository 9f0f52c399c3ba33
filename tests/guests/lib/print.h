/* Formatted console output (the hypervisor's vsnprintf: no floating point). */
#ifndef TGUEST_PRINT_H
#define TGUEST_PRINT_H

#include "kernel/compiler.h"

/* Format and write to the console; lines are sent when their '\n' is written. */
int gprintf(const char *fmt, ...) __printf(1, 2);

#endif
