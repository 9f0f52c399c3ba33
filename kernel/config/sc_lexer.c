/* SYSTEM CONFIG tokenizer: comments, continuation commas, line numbers. */
#include "kernel/config/sc_lexer.h"
#include <string.h>

void sc_lexer_init(struct sc_lexer *lx, const char *buf, size_t len, const char *file,
		   struct cfg_errors *errs)
{
	memset(lx, 0, sizeof(*lx));
	lx->buf = buf;
	lx->len = buf ? len : 0;
	lx->line = 1;
	lx->file = file;
	lx->errs = errs;
}

static bool is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_token_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != ',';
}

static bool comment_starts(const struct sc_lexer *lx, size_t pos)
{
	return pos + 1 < lx->len && lx->buf[pos] == '/' && lx->buf[pos + 1] == '*';
}

static void skip_comment(struct sc_lexer *lx)
{
	uint32_t start_line = lx->line;

	lx->pos += 2;
	while (lx->pos < lx->len) {
		char c = lx->buf[lx->pos];

		if (c == '*' && lx->pos + 1 < lx->len && lx->buf[lx->pos + 1] == '/') {
			lx->pos += 2;
			return;
		}
		if (c == '\n')
			lx->line++;
		lx->pos++;
	}
	cfg_error(lx->errs, lx->file, start_line, "unterminated comment");
}

static void add_token(struct sc_lexer *lx, struct cfg_stmt *st, size_t start)
{
	if (st->ntok == 0)
		st->line = lx->line;
	if (st->ntok >= CFG_MAX_TOKENS) {
		if (!st->overflow)
			cfg_error(lx->errs, lx->file, lx->line,
				  "statement has more than %u operands", CFG_MAX_TOKENS);
		st->overflow = true;
		return;
	}
	st->tok[st->ntok].text = lx->buf + start;
	st->tok[st->ntok].len = (uint32_t)(lx->pos - start);
	st->tok[st->ntok].line = lx->line;
	st->ntok++;
}

bool sc_lexer_next(struct sc_lexer *lx, struct cfg_stmt *st)
{
	bool continued = false;		/* the last thing seen was a comma */
	uint32_t comma_line = 0;

	st->ntok = 0;
	st->line = 0;
	st->overflow = false;
	while (lx->pos < lx->len) {
		unsigned char c = (unsigned char)lx->buf[lx->pos];

		if (c == '\n') {
			lx->line++;
			lx->pos++;
			if (st->ntok > 0 && !continued)
				return true;
		} else if (is_blank(c)) {
			lx->pos++;
		} else if (comment_starts(lx, lx->pos)) {
			skip_comment(lx);
		} else if (c == ',') {
			continued = true;
			comma_line = lx->line;
			lx->pos++;
		} else if (!is_token_char(c)) {
			if (lx->bad_char_line != lx->line)
				cfg_error(lx->errs, lx->file, lx->line, "invalid character X'%02X'", c);
			lx->bad_char_line = lx->line;
			lx->pos++;
		} else {
			size_t start = lx->pos;

			while (lx->pos < lx->len && is_token_char((unsigned char)lx->buf[lx->pos]) &&
			       !comment_starts(lx, lx->pos))
				lx->pos++;
			add_token(lx, st, start);
			continued = false;
		}
	}
	if (continued && st->ntok > 0)
		cfg_error(lx->errs, lx->file, comma_line, "statement continued past end of file");
	return st->ntok > 0;
}
