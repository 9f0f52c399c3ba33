/* Device geometry limits the directory checks minidisks and NICs against. */
#ifndef PLEXVM_CONFIG_DIR_LIMITS_H
#define PLEXVM_CONFIG_DIR_LIMITS_H

#include <stdint.h>
#include "kernel/config/directory.h"

#define DIR_DEVTYPE_COUNT 4
#define DIR_3390_MAX_CYLINDERS 1182006u		/* extended address volume */
#define DIR_3380_MAX_CYLINDERS 2655u		/* 3380 model K */
#define DIR_FBA_MAX_BLOCKS 2147483647u		/* 9336 and FB-512 */
#define DIR_VDISK_MAX_BLOCKS 4194304u		/* 2G of 512-byte blocks */
#define DIR_NIC_DEFAULT_DEVICES 3
#define DIR_NIC_MIN_DEVICES 3
#define DIR_NIC_MAX_DEVICES 3072

/* Cylinders (CKD) or blocks (FBA) a volume of this type can have. */
static inline uint64_t dir_devtype_limit(enum dir_devtype t)
{
	switch (t) {
	case DT_3390: return DIR_3390_MAX_CYLINDERS;
	case DT_3380: return DIR_3380_MAX_CYLINDERS;
	case DT_9336:
	case DT_FB512: return DIR_FBA_MAX_BLOCKS;
	}
	return 0;
}

static inline const char *dir_devtype_unit(enum dir_devtype t)
{
	return t == DT_3390 || t == DT_3380 ? "cylinders" : "blocks";
}

#endif
