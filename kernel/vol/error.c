/* Error reporting for the volume format library. */
#include "kernel/vol/error.h"
#include <stdarg.h>
#include <stdio.h>

int vol_fail(struct vol_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return code;
}

const char *vol_rc_name(int code)
{
	switch (code) {
	case VOL_OK:        return "ok";
	case VOL_EINVAL:    return "invalid argument";
	case VOL_ESHORT:    return "buffer too short";
	case VOL_ENOTFMT:   return "not formatted";
	case VOL_EVERSION:  return "unsupported version";
	case VOL_ECHECKSUM: return "checksum mismatch";
	case VOL_ECORRUPT:  return "invalid field";
	case VOL_ERANGE:    return "out of range";
	case VOL_EOVERLAP:  return "overlap";
	case VOL_ENOSPC:    return "no space";
	case VOL_ENOENT:    return "not found";
	case VOL_EEXIST:    return "already exists";
	default:            return "unknown error";
	}
}
