/* plexcfg file helpers: whole-file reads, atomic writes, error output. */
#include "io.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *read_file(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t n, want;
	char *buf;
	long size;

	if (!f) {
		fprintf(stderr, "plexcfg: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	/* Size the buffer from the file, reading at most max + 1 bytes. */
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0)
		want = (size_t)size < max ? (size_t)size : max;
	else
		want = max;
	buf = malloc(want + 2);
	if (!buf) {
		fprintf(stderr, "plexcfg: %s: out of memory\n", path);
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, want + 1, f);
	if (ferror(f)) {
		fprintf(stderr, "plexcfg: %s: read error\n", path);
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int write_file(const char *path, const void *buf, size_t len)
{
	size_t tmplen = strlen(path) + 8;
	char *tmp = malloc(tmplen);
	FILE *f;

	if (!tmp)
		return -1;
	snprintf(tmp, tmplen, "%s.tmp", path);
	f = fopen(tmp, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "plexcfg: %s: %s\n", path, strerror(errno));
		if (f)
			remove(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

unsigned print_errors(struct cfg_errors *errs)
{
	char line[CFG_FILE_NAME_MAX + CFG_MSG_MAX + 32];

	cfg_errors_sort(errs);
	for (unsigned i = 0; i < errs->count; i++) {
		cfg_error_format(&errs->v[i], line, sizeof(line));
		fprintf(stderr, "%s\n", line);
	}
	if (errs->dropped)
		fprintf(stderr, "plexcfg: %u more errors not shown\n", errs->dropped);
	return cfg_errors_total(errs);
}

void emit_stdout(void *ctx, const char *line)
{
	(void)ctx;
	puts(line);
}
