/* plexvol helpers. */
#include "util.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <ctype.h>
#include <fcntl.h>
#include <unistd.h>

int errmsg(const char *fmt, ...)
{
	va_list ap;

	fputs("plexvol: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

bool parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;
	int base = 10;

	if (!s || !*s || *s == '-' || *s == '+' || isspace((unsigned char)*s))
		return false;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		if (!*s)
			return false;
	}
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

bool parse_u32(const char *s, uint32_t *out)
{
	uint64_t v;

	if (!parse_u64(s, UINT32_MAX, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

bool upcase(char *buf, size_t n, const char *s)
{
	size_t len = strlen(s);

	if (len >= n)
		return false;
	for (size_t i = 0; i <= len; i++)
		buf[i] = (char)toupper((unsigned char)s[i]);
	return true;
}

uint64_t tod_now(void)
{
	/* TOD: microseconds since 1900-01-01 00:00 UTC, shifted left 12 bits. */
	const uint64_t epoch_1900_to_1970 = 2208988800ull;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	uint64_t secs, usec = 0;
	struct timeval tv;

	if (sde && parse_u64(sde, UINT32_MAX * 4ull, &secs)) {
		/* reproducible images */
	} else {
		gettimeofday(&tv, NULL);
		secs = (uint64_t)tv.tv_sec;
		usec = (uint64_t)tv.tv_usec;
	}
	return ((secs + epoch_1900_to_1970) * 1000000u + usec) << 12;
}

int read_file(const char *path, uint8_t **data, size_t *len)
{
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
	size_t cap = 1 << 20, n = 0;
	uint8_t *buf;

	if (fd < 0)
		return errmsg("%s: %s", path, strerror(errno));
	buf = malloc(cap);
	for (;;) {
		ssize_t got;

		if (!buf)
			return errmsg("%s: out of memory", path);
		if (n == cap) {
			uint8_t *bigger = realloc(buf, cap * 2);

			if (!bigger) {
				free(buf);
				return errmsg("%s: out of memory", path);
			}
			buf = bigger;
			cap *= 2;
		}
		got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;

			free(buf);
			if (fd)
				close(fd);
			return errmsg("%s: %s", path, strerror(e));
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (fd)
		close(fd);
	*data = buf;
	*len = n;
	return 0;
}
