/* ECKD DASD driver entry points beyond the volume interface. */
#ifndef PLEXVM_DRIVERS_ECKD_ECKD_H
#define PLEXVM_DRIVERS_ECKD_ECKD_H

#include "kernel/compiler.h"

struct volume;

/* Format cylinders first..last: 12 x 4 KiB records per track; track 0 gets the label. */
int eckd_format(struct volume *v, uint32_t first_cyl, uint32_t last_cyl, const char *volser);
bool eckd_is_eckd(const struct volume *v);

#endif
