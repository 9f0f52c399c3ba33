/* System-wide facts set at IPL. */
#ifndef PLEXVM_KERNEL_SYSTEM_H
#define PLEXVM_KERNEL_SYSTEM_H

#include "kernel/compiler.h"

struct system_state {
	uint64_t ipl_tod;          /* TOD at IPL */
	char sysname[9];           /* this member's system name */
};

extern struct system_state sys;

/* Orderly stop: run the shutdown hooks, drain the console, disabled wait 0xfff. */
void __noreturn system_shutdown(void);

#endif
