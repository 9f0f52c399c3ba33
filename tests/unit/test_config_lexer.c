/* SYSTEM CONFIG and directory lexers: comments, continuations, odd bytes, limits. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config_test_support.h"
#include "kernel/config/sc_lexer.h"
#include "kernel/config/dir_lexer.h"
#include "kernel/config/dir_validate.h"

static struct cfg_stmt st;

static void lex_one(struct sc_lexer *lx, const char *want_first, unsigned ntok, unsigned line)
{
	cr_assert(sc_lexer_next(lx, &st), "expected a statement starting %s", want_first);
	cr_assert_eq(st.ntok, ntok);
	cr_assert_eq(st.line, line);
	cr_assert_eq(st.tok[0].len, strlen(want_first));
	cr_assert_eq(memcmp(st.tok[0].text, want_first, st.tok[0].len), 0);
}

Test(config_lexer, comments_span_lines_and_do_not_end_statements)
{
	const char *t = "/* a\n comment */ SSI X /* inline\n more */ PDR_VOL V\nUSER_VOLUME_LIST A\n";
	struct cfg_errors e;
	struct sc_lexer lx;

	cfg_errors_init(&e);
	sc_lexer_init(&lx, t, strlen(t), "f", &e);
	lex_one(&lx, "SSI", 4, 2);
	cr_assert_eq(st.tok[3].line, 3);
	lex_one(&lx, "USER_VOLUME_LIST", 2, 4);
	cr_assert_not(sc_lexer_next(&lx, &st));
	expect_clean(&e);
	cfg_errors_free(&e);
}

Test(config_lexer, trailing_comma_continues_even_across_comments_and_blank_lines)
{
	const char *t = "SSI X PDR_VOL V, /* more */\n\n   SLOT 1 A,SLOT 2 B\nVMLAN MACPREFIX 020001";
	struct cfg_errors e;
	struct sc_lexer lx;

	cfg_errors_init(&e);
	sc_lexer_init(&lx, t, strlen(t), "f", &e);
	lex_one(&lx, "SSI", 10, 1);
	cr_assert_eq(st.tok[4].line, 3, "SLOT is on line 3");
	cr_assert_eq(st.tok[7].len, 4, "comma separates SLOT from the previous operand");
	lex_one(&lx, "VMLAN", 3, 4);	/* no trailing newline */
	expect_clean(&e);
	cfg_errors_free(&e);
}

Test(config_lexer, continuation_at_end_of_file_is_reported_at_the_comma)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("SYSTEM_IDENTIFIER_DEFAULT M1\nUSER_VOLUME_LIST A,\n\n", &e);

	expect_only(&e, SC_FILE, 2, "statement continued past end of file");
	cr_assert_eq(sc->nrec, 2, "the statement itself is still kept");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_lexer, unterminated_comment_names_its_first_line)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("SYSTEM_IDENTIFIER_DEFAULT M1\n\n/* open\nforever\n", &e);

	expect_only(&e, SC_FILE, 3, "unterminated comment");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_lexer, control_bytes_and_nuls_are_reported_once_per_line)
{
	static const char t[] = "SYSTEM_IDENTIFIER_DEFAULT M1\nUSER_VOLUME_LIST A\0\0B\x01\n\xff";
	struct cfg_errors e;
	struct sysconfig *sc;

	cfg_errors_init(&e);
	sc = sysconfig_load(t, sizeof(t) - 1, SC_FILE, &e);
	cr_assert_eq(cfg_errors_total(&e), 2, "%s", errors_text(&e));
	expect_error(&e, SC_FILE, 2, "invalid character X'00'");
	expect_error(&e, SC_FILE, 3, "invalid character X'FF'");
	cr_assert_eq(sc->nrec, 3, "A and B are still separate volumes");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_lexer, bytes_inside_comments_are_ignored)
{
	static const char t[] = "/* caf\xc3\xa9 \0 */ SYSTEM_IDENTIFIER_DEFAULT M1\n";
	struct cfg_errors e;
	struct sysconfig *sc;

	cfg_errors_init(&e);
	sc = sysconfig_load(t, sizeof(t) - 1, SC_FILE, &e);
	expect_clean(&e);
	cr_assert_eq(sc->nrec, 1);
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_lexer, too_many_operands_is_an_error_and_the_statement_is_dropped)
{
	size_t n = 20 + 4 * (CFG_MAX_TOKENS + 10);
	char *t = malloc(n);
	struct cfg_errors e;
	struct sysconfig *sc;
	size_t used = (size_t)sprintf(t, "USER_VOLUME_LIST");

	for (int i = 0; i < CFG_MAX_TOKENS + 5; i++)
		used += (size_t)sprintf(t + used, " V%d", i % 10);
	sc = sc_text(t, &e);
	expect_only(&e, SC_FILE, 1, "statement has more than 256 operands");
	cr_assert_eq(sc->nrec, 0);
	sysconfig_free(sc);
	cfg_errors_free(&e);
	free(t);
}

Test(config_lexer, oversized_file_is_rejected_without_reading_it)
{
	struct cfg_errors e;
	struct sysconfig *sc;

	cfg_errors_init(&e);
	sc = sysconfig_parse("", (size_t)CFG_MAX_FILE_SIZE + 1, SC_FILE, &e);
	expect_only(&e, SC_FILE, 0, "file is larger than 16777216 bytes");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_lexer, empty_and_null_input_parse_to_nothing)
{
	struct cfg_errors e;
	struct sysconfig *sc;
	struct directory *dir;

	cfg_errors_init(&e);
	sc = sysconfig_load(NULL, 0, SC_FILE, &e);
	dir = directory_load(NULL, 0, DIR_FILE, NULL, &e);
	expect_clean(&e);
	cr_assert_eq(sc->nrec, 0);
	cr_assert_eq(dir->nentries, 0);
	sysconfig_free(sc);
	directory_free(dir);
	cfg_errors_free(&e);
}

Test(config_lexer, directory_lines_comments_and_blanks)
{
	const char *t = "* comment\n\n   * indented comment\nUSER A PW\r\n\tMDISK 0191 3390 1 10 VOL1 MR";
	struct cfg_errors e;
	struct dir_lexer lx;

	cfg_errors_init(&e);
	dir_lexer_init(&lx, t, strlen(t), "d", &e);
	cr_assert(dir_lexer_next(&lx, &st));
	cr_assert_eq(st.line, 4);
	cr_assert_eq(st.ntok, 3, "the carriage return is a blank");
	cr_assert(dir_lexer_next(&lx, &st));
	cr_assert_eq(st.line, 5);
	cr_assert_eq(st.ntok, 7);
	cr_assert_not(dir_lexer_next(&lx, &st));
	expect_clean(&e);
	cfg_errors_free(&e);
}

Test(config_lexer, directory_invalid_bytes_are_reported)
{
	static const char t[] = "USER A PW\nMDISK\0 0191\n";
	struct cfg_errors e;
	struct directory *dir;

	cfg_errors_init(&e);
	dir = directory_parse(t, sizeof(t) - 1, DIR_FILE, &e);
	expect_error(&e, DIR_FILE, 2, "invalid character X'00'");
	directory_free(dir);
	cfg_errors_free(&e);
}
