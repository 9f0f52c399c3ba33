/* Ring buffer, line editor, command line and date helpers. */
#include <criterion/criterion.h>
#include <string.h>
#include "kernel/lib/ring.h"
#include "kernel/lib/line_editor.h"
#include "kernel/lib/cmdline.h"
#include "kernel/lib/datetime.h"

Test(ring, wraps_without_losing_order)
{
	char buf[16], out[64];
	struct ring r;
	const char *p;
	size_t n;

	ring_init(&r, buf, sizeof(buf));
	cr_assert_eq(ring_put(&r, "0123456789", 10), 10);
	ring_consume(&r, 8);
	cr_assert_eq(ring_put(&r, "abcdefghijklmnop", 16), 14, "only the free space is taken");
	cr_assert_eq(ring_used(&r), 16);
	n = ring_copy_out(&r, out, sizeof(out));
	cr_assert_eq(n, 16);
	cr_assert(memcmp(out, "89abcdefghijklmn", 16) == 0);
	n = ring_peek(&r, &p);
	cr_assert_eq(n, 8, "contiguous part up to the wrap");
	cr_assert(memcmp(p, "89abcdef", 8) == 0);
	ring_consume(&r, 100);
	cr_assert_eq(ring_used(&r), 0);
}

static const char *feed(struct line_editor *le, const char *in, char *echo, size_t *lines)
{
	static char last[LINE_EDITOR_MAX + 1];
	size_t elen = 0;

	*lines = 0;
	for (const char *c = in; *c; c++) {
		struct line_editor_out out = { .echo_len = 0 };

		if (line_editor_feed(le, *c, &out)) {
			strcpy(last, le->line);
			(*lines)++;
		}
		memcpy(echo + elen, out.echo, out.echo_len);
		elen += out.echo_len;
	}
	echo[elen] = '\0';
	return last;
}

Test(line_editor, editing_and_echo)
{
	struct line_editor le;
	char echo[512];
	size_t lines;
	const char *line;

	line_editor_init(&le);
	line = feed(&le, "q cpk\x7flevel\r", echo, &lines);
	cr_assert_eq(lines, 1);
	cr_assert_str_eq(line, "q cplevel");
	cr_assert_str_eq(echo, "q cpk\b \blevel\n");
	line = feed(&le, "abc\x15xyz\r\n", echo, &lines);
	cr_assert_eq(lines, 1, "CR LF is one line end");
	cr_assert_str_eq(line, "xyz");
	line = feed(&le, "a\x1b[Ab\x1bOBc\n", echo, &lines);
	cr_assert_str_eq(line, "abc", "cursor key sequences are ignored");
	line = feed(&le, "\x08\x08ok\x01\x02\n", echo, &lines);
	cr_assert_str_eq(line, "ok", "backspace on an empty line and control characters do nothing");
	cr_assert_str_eq(echo, "ok\n");
}

Test(line_editor, long_lines_are_capped)
{
	struct line_editor le;
	char in[LINE_EDITOR_MAX + 50], echo[2048];
	size_t lines;
	const char *line;

	memset(in, 'x', sizeof(in));
	in[sizeof(in) - 2] = '\r';
	in[sizeof(in) - 1] = '\0';
	line_editor_init(&le);
	line = feed(&le, in, echo, &lines);
	cr_assert_eq(lines, 1);
	cr_assert_eq(strlen(line), LINE_EDITOR_MAX);
}

Test(cmdline, keys_values_and_last_wins)
{
	struct cmdline cl;

	cr_assert_eq(cmdline_parse(&cl, "member=MEMBER1  console=vt220 debug member=M2\x01x", 100), 5);
	cr_assert_str_eq(cmdline_get(&cl, "member"), "M2");
	cr_assert_str_eq(cmdline_get(&cl, "console"), "vt220");
	cr_assert_str_eq(cmdline_get(&cl, "debug"), "");
	cr_assert_null(cmdline_get(&cl, "absent"));
	cr_assert_eq(cmdline_parse(&cl, "a=1 b=2", 3), 1, "stops at the length given");
	cr_assert_eq(cmdline_parse(&cl, "", 10), 0);
}

Test(datetime, known_instants)
{
	struct datetime dt;
	char buf[32];
	/* 2026-11-25 06:10:23 UTC: seconds since 1900 = 4004575823 */
	uint64_t tod = 4004575823ULL * 1000000ULL * 4096ULL;

	tod_to_datetime(tod, &dt);
	cr_assert_eq(dt.year, 2026);
	cr_assert_eq(dt.month, 11);
	cr_assert_eq(dt.day, 25);
	cr_assert_eq(dt.hour, 6);
	cr_assert_eq(dt.minute, 10);
	cr_assert_eq(dt.second, 23);
	cr_assert_str_eq(weekday_name(dt.weekday), "WEDNESDAY");
	datetime_format_short(&dt, buf, sizeof(buf));
	cr_assert_str_eq(buf, "11/25/26 06:10:23");
	tod_to_datetime(0, &dt);
	cr_assert_eq(dt.year, 1900);
	cr_assert_str_eq(weekday_name(dt.weekday), "MONDAY");
	/* 2000-02-29 (leap day of a century leap year): 3160771200 s */
	tod_to_datetime(3160771200ULL * 1000000ULL * 4096ULL, &dt);
	cr_assert_eq(dt.month, 2);
	cr_assert_eq(dt.day, 29);
	cr_assert_eq(dt.yday, 60);
}

Test(datetime, formats)
{
	char buf[32];

	format_hms(4096ULL * 1000000 * 3725, buf, sizeof(buf));
	cr_assert_str_eq(buf, "01:02:05");
	format_cputime(4096ULL * 10000 * 6543, buf, sizeof(buf));
	cr_assert_str_eq(buf, "001:05.43");
	format_storage(512ULL << 20, buf, sizeof(buf));
	cr_assert_str_eq(buf, "512M");
	format_storage(2ULL << 30, buf, sizeof(buf));
	cr_assert_str_eq(buf, "2G");
	format_storage(1536ULL << 20, buf, sizeof(buf));
	cr_assert_str_eq(buf, "1536M");
	format_storage(0, buf, sizeof(buf));
	cr_assert_str_eq(buf, "0");
	format_storage(4096 + 1, buf, sizeof(buf));
	cr_assert_str_eq(buf, "4097B");
}
