/*
 * The contract between the start-up library and a test guest program: the
 * program names itself (the prefix of its console lines) and provides
 * guest_main; the library has set up the interruption handlers, the console
 * and CPU 0 before calling it, and ends the run with a disabled wait.
 */
#ifndef TGUEST_GUEST_H
#define TGUEST_GUEST_H

#include "kernel/compiler.h"

/* Provided by the program. */
extern const char guest_name[];
/* Returns the number of failed checks (0: success). */
int guest_main(void);

/*
 * End the run: a disabled wait at WAIT_SUCCESS when failed == 0, else at
 * WAIT_CHECK_FAILED; at WAIT_NO_CONSOLE whenever the console failed.
 */
void __noreturn guest_exit(int failed);

#endif
