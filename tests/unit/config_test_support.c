/* Helpers for the configuration unit tests. */
#include "config_test_support.h"
#include "kernel/config/sc_validate.h"
#include "kernel/config/sc_print.h"
#include "kernel/config/dir_validate.h"
#include "kernel/config/dir_print.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sysconfig *sc_text(const char *text, struct cfg_errors *e)
{
	struct sysconfig *sc;

	cfg_errors_init(e);
	sc = sysconfig_load(text, strlen(text), SC_FILE, e);
	cr_assert_not_null(sc);
	return sc;
}

struct directory *dir_text(const char *text, const struct sysconfig *sc, struct cfg_errors *e)
{
	struct directory *dir;

	dir = directory_load(text, strlen(text), DIR_FILE, sc, e);
	cr_assert_not_null(dir);
	return dir;
}

char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	cr_assert_not_null(f, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

const char *errors_text(const struct cfg_errors *e)
{
	static char text[16384];
	size_t used = 0;

	text[0] = '\0';
	for (unsigned i = 0; i < e->count && used + 400 < sizeof(text); i++) {
		used += (size_t)cfg_error_format(&e->v[i], text + used, sizeof(text) - used);
		text[used++] = '\n';
		text[used] = '\0';
	}
	return text;
}

void expect_clean(const struct cfg_errors *e)
{
	cr_assert_eq(cfg_errors_total(e), 0, "expected no errors, got:\n%s", errors_text(e));
}

static int find_exact(const struct cfg_errors *e, const char *file, unsigned line, const char *msg)
{
	for (unsigned i = 0; i < e->count; i++)
		if (strcmp(e->v[i].file, file) == 0 && e->v[i].line == line &&
		    strcmp(e->v[i].msg, msg) == 0)
			return (int)i;
	return -1;
}

void expect_error(const struct cfg_errors *e, const char *file, unsigned line, const char *msg)
{
	cr_assert(find_exact(e, file, line, msg) >= 0, "expected \"%s:%u: %s\", got:\n%s", file, line,
		  msg, errors_text(e));
}

void expect_only(const struct cfg_errors *e, const char *file, unsigned line, const char *msg)
{
	cr_assert_eq(cfg_errors_total(e), 1, "expected only \"%s:%u: %s\", got:\n%s", file, line, msg,
		     errors_text(e));
	expect_error(e, file, line, msg);
}

struct joined {
	char *buf;
	size_t size, used;
};

static void join_line(void *ctx, const char *line)
{
	struct joined *j = ctx;
	int n = snprintf(j->buf + j->used, j->size - j->used, "%s\n", line);

	if (n > 0 && j->used + (size_t)n < j->size)
		j->used += (size_t)n;
}

const char *sc_canonical(const struct sysconfig *sc, int scope, const char *member)
{
	static char text[65536];
	struct joined j = { text, sizeof(text), 0 };

	text[0] = '\0';
	sysconfig_print(sc, (enum sc_print_scope)scope, member, join_line, &j);
	return text;
}

const char *dir_effective(const struct directory *dir, const char *userid, const char *member)
{
	static char text[65536];
	struct joined j = { text, sizeof(text), 0 };
	struct dir_view v;

	text[0] = '\0';
	if (dir_view_init(&v, dir, userid, member) != 0)
		return "(no such user)";
	dir_view_print(&v, DIR_PRINT_PASSWORDS, join_line, &j);
	return text;
}
