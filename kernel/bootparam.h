/* The IPL command line (boot parameter area at 0x10480) and initial ramdisk. */
#ifndef PLEXVM_KERNEL_BOOTPARAM_H
#define PLEXVM_KERNEL_BOOTPARAM_H

#include "kernel/compiler.h"

/* Copy the command line and ramdisk location out of the boot parameter area. */
void bootparam_init(void);
/* Value of key=value on the command line (NULL if absent; "" for a bare key). */
const char *bootparam_get(const char *key);
const char *bootparam_cmdline(void);
/* The initial ramdisk, if the loader supplied one within storage. */
bool bootparam_initrd(uint64_t *start, uint64_t *size);

#endif
