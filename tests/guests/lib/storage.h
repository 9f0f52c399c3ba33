/* The size of the guest's storage: mem=<MiB> on the command line, else SCLP read SCP info. */
#ifndef TGUEST_STORAGE_H
#define TGUEST_STORAGE_H

#include "kernel/compiler.h"

/*
 * Stores the size in bytes and where it came from ("mem=" or "sclp").
 * Returns 0, or -1 if neither gave a size (mem= malformed, SCLP failed).
 */
int storage_size(uint64_t *bytes, const char **source);

#endif
