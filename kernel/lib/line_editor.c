/* Terminal line editing (see line_editor.h). */
#include "kernel/lib/line_editor.h"
#include <string.h>

void line_editor_init(struct line_editor *le)
{
	memset(le, 0, sizeof(*le));
}

static void echo(struct line_editor_out *out, const char *s, size_t n)
{
	if (out->echo_len + n > sizeof(out->echo))
		return;
	memcpy(out->echo + out->echo_len, s, n);
	out->echo_len += n;
}

bool line_editor_feed(struct line_editor *le, char c, struct line_editor_out *out)
{
	unsigned char u = (unsigned char)c;
	bool was_cr = le->last_was_cr;

	le->last_was_cr = false;
	switch (le->esc) {
	case LE_ESCAPE:
		le->esc = (c == '[' || c == 'O') ? LE_CSI : LE_NORMAL;
		return false;
	case LE_CSI:
		if (u >= 0x40 && u <= 0x7e)
			le->esc = LE_NORMAL;
		return false;
	case LE_NORMAL:
		break;
	}
	switch (u) {
	case '\r':
	case '\n':
		if (u == '\n' && was_cr)
			return false; /* the LF of a CR LF pair */
		le->last_was_cr = (u == '\r');
		le->line[le->len] = '\0';
		le->len = 0;
		echo(out, "\n", 1);
		return true;
	case 0x08:
	case 0x7f:
		if (le->len) {
			le->len--;
			echo(out, "\b \b", 3);
		}
		return false;
	case 0x03: /* Ctrl-C */
	case 0x15: /* Ctrl-U */
		le->len = 0;
		echo(out, "^C\n", 3);
		return false;
	case 0x1b:
		le->esc = LE_ESCAPE;
		return false;
	default:
		break;
	}
	if (u < 0x20 || u >= 0x7f)
		return false; /* other control characters and non-ASCII are ignored */
	if (le->len < LINE_EDITOR_MAX) {
		le->line[le->len++] = c;
		echo(out, &c, 1);
	}
	return false;
}
