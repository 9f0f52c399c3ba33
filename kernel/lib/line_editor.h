/*
 * Line editing for a character terminal (the VT220 console): printable
 * characters are kept and echoed, backspace/DEL erase, Ctrl-U and Ctrl-C
 * cancel the line, CR or LF ends it, escape sequences (cursor keys) are
 * ignored. Hardware-independent; unit-tested on the host.
 */
#ifndef PLEXVM_KERNEL_LIB_LINE_EDITOR_H
#define PLEXVM_KERNEL_LIB_LINE_EDITOR_H

#include "kernel/compiler.h"

#define LINE_EDITOR_MAX 240

struct line_editor {
	char line[LINE_EDITOR_MAX + 1];
	size_t len;
	enum { LE_NORMAL, LE_ESCAPE, LE_CSI } esc;
	bool last_was_cr;
};

struct line_editor_out {
	char echo[LINE_EDITOR_MAX * 3 + 8]; /* what to echo for this input */
	size_t echo_len;
};

void line_editor_init(struct line_editor *le);
/*
 * Feed one byte. Returns true when a line is complete: it is then in le->line
 * (NUL-terminated) until the next call. Echo for this byte is appended to out.
 */
bool line_editor_feed(struct line_editor *le, char c, struct line_editor_out *out);

#endif
