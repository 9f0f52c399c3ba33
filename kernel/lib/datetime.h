/* TOD clock values as calendar dates and times (UTC; TOD epoch 1900-01-01). */
#ifndef PLEXVM_KERNEL_LIB_DATETIME_H
#define PLEXVM_KERNEL_LIB_DATETIME_H

#include "kernel/compiler.h"

struct datetime {
	int year;        /* e.g. 2026 */
	int month;       /* 1-12 */
	int day;         /* 1-31 */
	int hour, minute, second;
	int microsecond;
	int weekday;     /* 0 = Sunday */
	int yday;        /* 1-366 */
};

void tod_to_datetime(uint64_t tod, struct datetime *dt);
const char *weekday_name(int weekday);   /* "WEDNESDAY" */
/* "mm/dd/yy hh:mm:ss" */
void datetime_format_short(const struct datetime *dt, char *buf, size_t size);
/* Elapsed TOD units as "hh:mm:ss" (hours grow beyond 99 as needed). */
void format_hms(uint64_t tod_units, char *buf, size_t size);
/* CPU time as z/VM shows it: "mmm:ss.hh". */
void format_cputime(uint64_t tod_units, char *buf, size_t size);
/* A byte count as z/VM shows storage: "512M", "2G", "64K", "0". */
void format_storage(uint64_t bytes, char *buf, size_t size);

#endif
