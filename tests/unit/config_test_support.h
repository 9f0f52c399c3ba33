/* Helpers for the configuration unit tests: parse strings, read samples, check exact errors. */
#ifndef PLEXVM_TESTS_CONFIG_TEST_SUPPORT_H
#define PLEXVM_TESTS_CONFIG_TEST_SUPPORT_H

#include <stddef.h>
#include "kernel/config/cfg_errors.h"
#include "kernel/config/sysconfig.h"
#include "kernel/config/directory.h"

#define SC_FILE "t.config"
#define DIR_FILE "t.direct"

/* Parse and validate (every member) a SYSTEM CONFIG given as text; file name SC_FILE. */
struct sysconfig *sc_text(const char *text, struct cfg_errors *e);

/*
 * Parse and validate a directory given as text (against sc when not NULL);
 * file DIR_FILE. Errors are appended to e, which the caller initialized
 * (cfg_errors_init, or sc_text).
 */
struct directory *dir_text(const char *text, const struct sysconfig *sc, struct cfg_errors *e);

/* Whole file into a malloc'd buffer (tests run from the repository root). */
char *slurp(const char *path, size_t *len);

/* All errors as one newline-separated string (static buffer) for assertion messages. */
const char *errors_text(const struct cfg_errors *e);

/* Assert there are no errors. */
void expect_clean(const struct cfg_errors *e);

/* Assert some error is exactly "file:line: <msg>". */
void expect_error(const struct cfg_errors *e, const char *file, unsigned line, const char *msg);

/* Assert there is exactly one error and it is "file:line: <msg>". */
void expect_only(const struct cfg_errors *e, const char *file, unsigned line, const char *msg);

/* Canonical lines (SC_PRINT_* scope) joined with newlines (static buffer). */
const char *sc_canonical(const struct sysconfig *sc, int scope, const char *member);

/* Effective entry of userid on member, canonical, passwords shown, newline-joined (static buffer). */
const char *dir_effective(const struct directory *dir, const char *userid, const char *member);

#endif
