/* User directory tokenizer: lines, asterisk comments, blank-separated operands. */
#include "kernel/config/dir_lexer.h"
#include <string.h>

void dir_lexer_init(struct dir_lexer *lx, const char *buf, size_t len, const char *file,
		    struct cfg_errors *errs)
{
	memset(lx, 0, sizeof(*lx));
	lx->buf = buf;
	lx->len = buf ? len : 0;
	lx->file = file;
	lx->errs = errs;
}

static bool is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_token_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f;
}

/* Tokenize buf[start, end) of line lx->line into st. */
static void split_line(struct dir_lexer *lx, size_t start, size_t end, struct cfg_stmt *st)
{
	bool bad_reported = false;
	size_t p = start;

	while (p < end) {
		unsigned char c = (unsigned char)lx->buf[p];

		if (is_blank(c)) {
			p++;
		} else if (!is_token_char(c)) {
			if (!bad_reported)
				cfg_error(lx->errs, lx->file, lx->line, "invalid character X'%02X'", c);
			bad_reported = true;
			p++;
		} else {
			size_t s = p;

			while (p < end && is_token_char((unsigned char)lx->buf[p]))
				p++;
			if (st->ntok >= CFG_MAX_TOKENS) {
				if (!st->overflow)
					cfg_error(lx->errs, lx->file, lx->line,
						  "statement has more than %u operands", CFG_MAX_TOKENS);
				st->overflow = true;
				continue;
			}
			st->tok[st->ntok].text = lx->buf + s;
			st->tok[st->ntok].len = (uint32_t)(p - s);
			st->tok[st->ntok].line = lx->line;
			st->ntok++;
		}
	}
}

bool dir_lexer_next(struct dir_lexer *lx, struct cfg_stmt *st)
{
	while (lx->pos < lx->len) {
		const char *nl = memchr(lx->buf + lx->pos, '\n', lx->len - lx->pos);
		size_t end = nl ? (size_t)(nl - lx->buf) : lx->len;
		size_t start = lx->pos, first = start;

		lx->pos = nl ? end + 1 : end;
		lx->line++;
		while (first < end && is_blank((unsigned char)lx->buf[first]))
			first++;
		if (first == end || lx->buf[first] == '*')
			continue;
		st->ntok = 0;
		st->overflow = false;
		st->line = lx->line;
		split_line(lx, start, end, st);
		if (st->ntok > 0)
			return true;
	}
	return false;
}
