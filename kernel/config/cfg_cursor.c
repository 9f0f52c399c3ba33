/* Operand cursor with statement-aware error messages. */
#include "kernel/config/cfg_cursor.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cur_init(struct cfg_cursor *c, const struct cfg_stmt *st, unsigned first, const char *file,
	      struct cfg_errors *errs, const char *what)
{
	c->st = st;
	c->i = first;
	c->file = file;
	c->errs = errs;
	c->what = what;
	c->failed = false;
}

const struct cfg_token *cur_peek(const struct cfg_cursor *c)
{
	return cur_end(c) ? NULL : &c->st->tok[c->i];
}

const struct cfg_token *cur_take(struct cfg_cursor *c)
{
	return cur_end(c) ? NULL : &c->st->tok[c->i++];
}

uint32_t cur_line(const struct cfg_cursor *c)
{
	if (!cur_end(c))
		return c->st->tok[c->i].line;
	if (c->st->ntok)
		return c->st->tok[c->st->ntok - 1].line;
	return c->st->line;
}

void cur_error(struct cfg_cursor *c, const struct cfg_token *at, const char *fmt, ...)
{
	char msg[CFG_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cfg_error(c->errs, c->file, at ? at->line : cur_line(c), "%s: %s", c->what, msg);
	c->failed = true;
}

bool cur_keyword(struct cfg_cursor *c, const char *kw, unsigned min)
{
	const struct cfg_token *t = cur_peek(c);

	if (!t || !tok_abbrev(t, kw, min))
		return false;
	c->i++;
	return true;
}

const char *cfg_charset_desc(enum cfg_charset cs)
{
	switch (cs) {
	case CS_NAME: return "A-Z 0-9 @ # $";
	case CS_USERID: return "A-Z 0-9 @ # $ _ -";
	case CS_EQID: return "A-Z 0-9 @ # $ _ - .";
	case CS_WORD: return "without blanks";
	}
	return "";
}

bool cur_name(struct cfg_cursor *c, const char *desc, unsigned maxlen, enum cfg_charset cs,
	      char *out)
{
	const struct cfg_token *t = cur_take(c);
	char shown[32];

	if (!t) {
		out[0] = '\0';
		cur_error(c, NULL, "missing %s", desc);
		return false;
	}
	if (tok_name(t, maxlen, cs, out))
		return true;
	tok_show(t, shown, sizeof(shown));
	cur_error(c, t, "%s '%s' must be 1-%u characters %s", desc, shown, maxlen,
		  cfg_charset_desc(cs));
	return false;
}

bool cur_hex(struct cfg_cursor *c, const char *desc, unsigned maxdigits, uint32_t *out)
{
	const struct cfg_token *t = cur_take(c);
	char shown[32];

	if (!t) {
		cur_error(c, NULL, "missing %s", desc);
		return false;
	}
	if (tok_hex(t, maxdigits, out) == 0)
		return true;
	tok_show(t, shown, sizeof(shown));
	cur_error(c, t, "%s '%s' must be 1-%u hexadecimal digits", desc, shown, maxdigits);
	return false;
}

bool cur_dec(struct cfg_cursor *c, const char *desc, uint64_t min, uint64_t max, uint64_t *out)
{
	const struct cfg_token *t = cur_take(c);
	char shown[32];

	if (!t) {
		cur_error(c, NULL, "missing %s", desc);
		return false;
	}
	tok_show(t, shown, sizeof(shown));
	for (uint32_t k = 0; k < t->len; k++) {
		if (t->text[k] < '0' || t->text[k] > '9') {
			cur_error(c, t, "%s '%s' is not a decimal number", desc, shown);
			return false;
		}
	}
	if (tok_dec(t, max, out) != 0 || *out < min || *out > max) {
		cur_error(c, t, "%s %s out of range %llu-%llu", desc, shown, (unsigned long long)min,
			  (unsigned long long)max);
		return false;
	}
	return true;
}

bool cur_done(struct cfg_cursor *c)
{
	const struct cfg_token *t = cur_peek(c);
	char shown[32];

	if (!t)
		return true;
	tok_show(t, shown, sizeof(shown));
	cur_error(c, t, "unexpected operand '%s'", shown);
	return false;
}

bool cur_append_operand(struct cfg_cursor *c, char *out, size_t size)
{
	const struct cfg_token *t = cur_take(c);
	size_t n = strnlen(out, size);

	if (!t)
		return true;
	if (n + (n ? 1 : 0) + t->len + 1 > size) {
		cur_error(c, t, "operands longer than %u characters", (unsigned)size - 1);
		return false;
	}
	if (n)
		out[n++] = ' ';
	for (uint32_t i = 0; i < t->len; i++) {
		char ch = t->text[i];

		out[n++] = (ch >= 'a' && ch <= 'z') ? (char)(ch - 'a' + 'A') : ch;
	}
	out[n] = '\0';
	return true;
}

bool cur_join_operands(struct cfg_cursor *c, char *out, size_t size)
{
	while (!cur_end(c))
		if (!cur_append_operand(c, out, size))
			return false;
	return true;
}
