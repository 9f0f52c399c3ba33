/*
 * Errors of the volume format library: a negative code plus a message that
 * names the problem precisely (field, value, limit). Hardware-free.
 */
#ifndef PLEXVM_KERNEL_VOL_ERROR_H
#define PLEXVM_KERNEL_VOL_ERROR_H

#include "kernel/compiler.h"

enum vol_rc {
	VOL_OK        = 0,
	VOL_EINVAL    = -1,   /* bad argument from the caller */
	VOL_ESHORT    = -2,   /* buffer shorter than the structure */
	VOL_ENOTFMT   = -3,   /* wrong magic / identifier: not this structure at all */
	VOL_EVERSION  = -4,   /* unsupported format version */
	VOL_ECHECKSUM = -5,   /* stored checksum does not match the contents */
	VOL_ECORRUPT  = -6,   /* a field holds an invalid value */
	VOL_ERANGE    = -7,   /* an extent or file lies outside its container */
	VOL_EOVERLAP  = -8,   /* two extents or files overlap */
	VOL_ENOSPC    = -9,   /* no room (table full, no free space) */
	VOL_ENOENT    = -10,  /* no such extent or file */
	VOL_EEXIST    = -11,  /* already there */
};

struct vol_error {
	char msg[128];
};

/* Fill err (may be NULL) with a printf-style message and return code. */
int vol_fail(struct vol_error *err, int code, const char *fmt, ...) __printf(3, 4);

/* A short name for a return code ("checksum mismatch"...). */
const char *vol_rc_name(int code);

#endif
