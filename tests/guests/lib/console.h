/*
 * The console: the SCLP line-mode console (message events: MDB, GO, MTO in
 * EBCDIC), or the VT220 console if the SCLP takes only that. Output is sent
 * line by line, each write waited for with a timeout; after a failure the
 * console stays off and the run ends with WAIT_NO_CONSOLE.
 */
#ifndef TGUEST_CONSOLE_H
#define TGUEST_CONSOLE_H

#include "kernel/compiler.h"

enum console_kind {
	CONSOLE_NONE,
	CONSOLE_LINE_MODE,
	CONSOLE_VT220,
};

/* Announce the events the guest sends (write event mask). Returns the console found. */
enum console_kind console_init(void);
/* Append text; complete lines ('\n') are sent at once. Safe from any CPU. */
void console_write(const char *text, size_t len);
/* True once the console failed (no console, a timeout, or a rejected write). */
bool console_failed(void);
/* What went wrong, for a last attempt to tell (empty if nothing). */
const char *console_error(void);

#endif
