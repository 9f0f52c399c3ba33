/* Stopping the machine with a diagnostic. */
#ifndef PLEXVM_KERNEL_PANIC_H
#define PLEXVM_KERNEL_PANIC_H

#include "kernel/compiler.h"

/* A software-detected unrecoverable error (e.g. storage exhausted at boot). */
void __noreturn panic(const char *fmt, ...) __printf(1, 2);
/* Install the fault reporter for program checks, machine checks and restarts. */
void panic_init(void);
bool panic_in_progress(void);

#define BUG_ON(cond) do { if (unlikely(cond)) panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond); } while (0)

#endif
