/* Limits: large inputs hit a cap with one clear error naming the line, never unbounded growth. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config_test_support.h"
#include "kernel/config/dir_validate.h"

static char *repeat_lines(const char *head, const char *fmt, unsigned n)
{
	size_t size = strlen(head) + (size_t)n * 64 + 1, used;
	char *t = malloc(size);

	used = (size_t)snprintf(t, size, "%s", head);
	for (unsigned i = 0; i < n; i++)
		used += (size_t)snprintf(t + used, size - used, fmt, i % 1000000, i % 1000000);
	return t;
}

Test(config_limits, sysconfig_records_are_capped)
{
	char *t = repeat_lines("SYSTEM_IDENTIFIER_DEFAULT M1\n", "RDEVICE %04X TYPE TAPE /* %u */\n",
			       SC_MAX_RECORDS + 10);
	struct cfg_errors e;
	struct sysconfig *sc = sc_text(t, &e);

	/* Record 1 is SYSTEM_IDENTIFIER_DEFAULT, so the RDEVICE on line 4097 is the first too many. */
	expect_only(&e, SC_FILE, SC_MAX_RECORDS + 1,
		    "too many statements (limit 4096 records) or out of memory");
	cr_assert_eq(sc->nrec, SC_MAX_RECORDS);
	sysconfig_free(sc);
	cfg_errors_free(&e);
	free(t);
}

Test(config_limits, system_names_are_capped)
{
	char *t = repeat_lines("", "SYSTEM_IDENTIFIER LPAR L%u S%u\n", SC_MAX_SYSTEMS + 1);
	struct cfg_errors e;
	struct sysconfig *sc = sc_text(t, &e);

	expect_only(&e, SC_FILE, SC_MAX_SYSTEMS + 1, "too many system names (limit 32)");
	cr_assert_eq(sc->nsys, SC_MAX_SYSTEMS);
	sysconfig_free(sc);
	cfg_errors_free(&e);
	free(t);
}

Test(config_limits, statements_per_directory_entry_are_capped)
{
	char *t = repeat_lines("USER A PW\n", " LINK B %04X %04X RR\n", DIR_MAX_ENTRY_STMTS + 5);
	struct cfg_errors e;
	struct directory *dir;

	cfg_errors_init(&e);
	dir = directory_parse(t, strlen(t), DIR_FILE, &e);
	expect_only(&e, DIR_FILE, DIR_MAX_ENTRY_STMTS + 2, "USER A has more than 2000 statements");
	cr_assert_eq(directory_find_user(dir, "A")->nstmts, DIR_MAX_ENTRY_STMTS);
	directory_free(dir);
	cfg_errors_free(&e);
	free(t);
}

Test(config_limits, errors_beyond_the_cap_are_counted_not_kept)
{
	char *t = repeat_lines("", "FOO%u %u\n", CFG_MAX_ERRORS + 25);
	struct cfg_errors e;
	struct sysconfig *sc = sc_text(t, &e);

	cr_assert_eq(e.count, CFG_MAX_ERRORS);
	cr_assert_eq(e.dropped, 25);
	cr_assert_eq(cfg_errors_total(&e), CFG_MAX_ERRORS + 25);
	sysconfig_free(sc);
	cfg_errors_free(&e);
	free(t);
}

Test(config_limits, many_users_validate_quickly)
{
	/* 20000 users with a minidisk each on one volume: sorting, not quadratic scans. */
	char *t = repeat_lines("", "USER U%u PW\n MDISK 0100 3390 %u 1 VOL1 MR\n", DIR_MAX_ENTRIES);
	struct cfg_errors e;
	struct directory *dir;

	cfg_errors_init(&e);
	dir = dir_text(t, NULL, &e);
	expect_clean(&e);
	cr_assert_eq(dir->nentries, DIR_MAX_ENTRIES);
	cr_assert_not_null(directory_find_user(dir, "U19999"));
	directory_free(dir);
	cfg_errors_free(&e);
	free(t);
}

Test(config_limits, build_statements_per_identity_are_capped)
{
	char *t = repeat_lines("IDENTITY I PW\n", " BUILD ON S%u USING SUBCONFIG I-%u\n", 33);
	struct cfg_errors e;
	struct directory *dir;

	cfg_errors_init(&e);
	dir = dir_text(t, NULL, &e);
	expect_error(&e, DIR_FILE, 34, "BUILD: IDENTITY I has more than 32 BUILD statements");
	expect_error(&e, DIR_FILE, 2, "BUILD: SUBCONFIG I-0 not found");
	directory_free(dir);
	cfg_errors_free(&e);
	free(t);
}
