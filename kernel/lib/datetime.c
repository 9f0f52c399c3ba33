/* Calendar conversion of TOD values (hardware-free). */
#include "kernel/lib/datetime.h"
#include <stdio.h>

#define TOD_US 4096ULL

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

void tod_to_datetime(uint64_t tod, struct datetime *dt)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	uint64_t us = tod / TOD_US;
	uint64_t secs = us / 1000000;
	uint64_t days = secs / 86400;
	uint64_t rem = secs % 86400;
	int y = 1900;

	dt->microsecond = (int)(us % 1000000);
	dt->hour = (int)(rem / 3600);
	dt->minute = (int)(rem % 3600 / 60);
	dt->second = (int)(rem % 60);
	dt->weekday = (int)((days + 1) % 7); /* 1900-01-01 was a Monday */
	while (days >= (uint64_t)(leap(y) ? 366 : 365)) {
		days -= leap(y) ? 366 : 365;
		y++;
	}
	dt->year = y;
	dt->yday = (int)days + 1;
	dt->month = 1;
	for (int m = 0; m < 12; m++) {
		int len = mdays[m] + (m == 1 && leap(y));

		if (days < (uint64_t)len)
			break;
		days -= (uint64_t)len;
		dt->month++;
	}
	dt->day = (int)days + 1;
}

const char *weekday_name(int weekday)
{
	static const char *const names[7] = {
		"SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
	};

	return weekday >= 0 && weekday < 7 ? names[weekday] : "?";
}

void datetime_format_short(const struct datetime *dt, char *buf, size_t size)
{
	snprintf(buf, size, "%02d/%02d/%02d %02d:%02d:%02d", dt->month, dt->day, dt->year % 100,
		 dt->hour, dt->minute, dt->second);
}

void format_hms(uint64_t tod_units, char *buf, size_t size)
{
	uint64_t secs = tod_units / TOD_US / 1000000;

	snprintf(buf, size, "%02llu:%02llu:%02llu", (unsigned long long)(secs / 3600),
		 (unsigned long long)(secs % 3600 / 60), (unsigned long long)(secs % 60));
}

void format_cputime(uint64_t tod_units, char *buf, size_t size)
{
	uint64_t hundredths = tod_units / TOD_US / 10000;
	uint64_t secs = hundredths / 100;

	snprintf(buf, size, "%03llu:%02llu.%02llu", (unsigned long long)(secs / 60),
		 (unsigned long long)(secs % 60), (unsigned long long)(hundredths % 100));
}

void format_storage(uint64_t bytes, char *buf, size_t size)
{
	static const char units[] = { 'K', 'M', 'G', 'T', 'P' };
	uint64_t v = bytes;
	int u = -1;

	if (bytes == 0) {
		snprintf(buf, size, "0");
		return;
	}
	/* Largest unit that divides exactly, as z/VM prints storage sizes. */
	while (u < 4 && v % 1024 == 0) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, size, "%lluB", (unsigned long long)v);
	else
		snprintf(buf, size, "%llu%c", (unsigned long long)v, units[u]);
}
