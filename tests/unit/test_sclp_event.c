/* SCLP console event encoding and decoding. */
#include <criterion/criterion.h>
#include <string.h>
#include "arch/s390x/sclp_event.h"
#include "arch/s390x/sclp.h"
#include "arch/s390x/ebcdic.h"

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

Test(sclp_event, message_sccb_holds_whole_lines)
{
	uint8_t sccb[4096];
	const char *text = "HELLO\nSECOND LINE\npartial";
	size_t used = sclp_build_msg_sccb(sccb, sizeof(sccb), text, strlen(text));
	uint8_t *mto;

	cr_assert_eq(used, 18, "the unterminated tail stays queued");
	cr_assert_eq(sccb[10], SCLP_EVTYP_MSG);
	cr_assert_eq(be16(sccb), 8 + 6 + 12 + 56 + 10 + 5 + 10 + 11);
	cr_assert_eq(be16(sccb + 8), be16(sccb) - 8, "event buffer length");
	cr_assert_eq(be16(sccb + 14), be16(sccb) - 14, "MDB length");
	cr_assert_eq(be16(sccb + 14 + 12 + 2), SCLP_OBJ_GO);
	mto = sccb + 14 + 12 + 56;
	cr_assert_eq(be16(mto), 15);
	cr_assert_eq(be16(mto + 2), SCLP_OBJ_MTO);
	cr_assert_eq(mto[10], 0xc8, "H in EBCDIC");
	cr_assert_eq(be16(mto + 15), 21);
}

Test(sclp_event, message_sccb_respects_its_size)
{
	uint8_t sccb[200];
	char text[1000];

	for (int i = 0; i < 1000; i++)
		text[i] = (i % 20 == 19) ? '\n' : 'x';
	size_t used = sclp_build_msg_sccb(sccb, sizeof(sccb), text, sizeof(text));
	cr_assert_eq(used, 80, "four 20-byte lines fit in 200 bytes");
	cr_assert_leq(be16(sccb), 200);
}

Test(sclp_event, vt220_sccb_translates_newlines)
{
	uint8_t sccb[64];
	size_t used = sclp_build_vt220_sccb(sccb, sizeof(sccb), "ab\ncd", 5);

	cr_assert_eq(used, 5);
	cr_assert_eq(sccb[10], SCLP_EVTYP_VT220);
	cr_assert(memcmp(sccb + 14, "ab\r\ncd", 6) == 0);
	cr_assert_eq(be16(sccb), 20);
	/* No room for the CR LF pair: stop before the newline. */
	used = sclp_build_vt220_sccb(sccb, 17, "ab\ncd", 5);
	cr_assert_eq(used, 2);
}

struct got {
	int n;
	enum sclp_input_kind kind[8];
	char text[8][128];
};

static void collect(void *ctx, enum sclp_input_kind kind, const char *text, size_t len)
{
	struct got *g = ctx;

	g->kind[g->n] = kind;
	memcpy(g->text[g->n], text, len);
	g->text[g->n][len] = '\0';
	g->n++;
}

/* An operator command event as Hercules builds it (MDS-MU, CP-MSU, text data). */
static size_t hercules_opcmd(uint8_t *sccb, const char *cmd)
{
	static const uint8_t c1[] = {
		0x13, 0x10, 0x00, 0x25, 0x13, 0x11, 0x0E, 0x81, 0x03, 0x01, 0x00, 0x03, 0x02, 0x00,
		0x06, 0x03, 0x00, 0x00, 0x00, 0x00, 0x0E, 0x82, 0x03, 0x01, 0x00, 0x03, 0x02, 0x00,
		0x06, 0x03, 0x00, 0x00, 0x00, 0x00, 0x05, 0x90, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x15,
		0x49, 0x08, 0x01, 0x03, 0x01, 0x00, 0x03, 0x02, 0x00 };
	static const uint8_t c2[] = {
		0x12, 0x12, 0x00, 0x12, 0x15, 0x4D, 0x0E, 0x06, 0x06, 0x10, 0x00, 0x03, 0x00, 0x00,
		0x06, 0x60, 0xD6, 0xC3, 0xC6, 0xC1, 0x00, 0x04, 0x80, 0x70 };
	size_t n = strlen(cmd), p = 8;
	size_t evlen = 6 + 2 + sizeof(c1) + 2 + sizeof(c2) + 2 + 2 + 2 + 2 + n;
	int i;

	memset(sccb, 0, 4096);
	sccb[p] = (uint8_t)(evlen >> 8); sccb[p + 1] = (uint8_t)evlen; sccb[p + 2] = 1; p += 6;
	i = (int)(evlen - 6);
	sccb[p] = (uint8_t)(i >> 8); sccb[p + 1] = (uint8_t)i; p += 2;           /* MDS-MU length */
	memcpy(sccb + p, c1, sizeof(c1)); p += sizeof(c1);
	i -= (int)sizeof(c1) + 2;
	sccb[p] = (uint8_t)(i >> 8); sccb[p + 1] = (uint8_t)i; p += 2;           /* CP-MSU length */
	memcpy(sccb + p, c2, sizeof(c2)); p += sizeof(c2);
	i -= (int)sizeof(c2) + 2;
	sccb[p] = (uint8_t)(i >> 8); sccb[p + 1] = (uint8_t)i; p += 2;           /* text data */
	sccb[p++] = 0x13; sccb[p++] = 0x20;
	i -= 4;
	sccb[p++] = (uint8_t)i; sccb[p++] = 0x31;                                 /* self-defining */
	i -= 2;
	sccb[p++] = (uint8_t)i; sccb[p++] = 0x30;                                 /* text */
	ascii_to_ebcdic(sccb + p, cmd, n);
	p += n;
	sccb[0] = (uint8_t)(p >> 8); sccb[1] = (uint8_t)p;
	return p;
}

Test(sclp_event, hercules_operator_command_decodes)
{
	uint8_t sccb[4096];
	struct got g = { 0 };

	hercules_opcmd(sccb, "q cplevel [x]|y");
	cr_assert_eq(sclp_parse_input(sccb, sizeof(sccb), collect, &g), 1);
	cr_assert_eq(g.kind[0], SCLP_INPUT_COMMAND);
	cr_assert_str_eq(g.text[0], "q cplevel [x]|y");
}

Test(sclp_event, vt220_input_skips_the_session_byte)
{
	uint8_t sccb[64] = { 0, 22, 0, 0, 0, 0, 0, 0x20, 0, 14, SCLP_EVTYP_VT220, 0, 0, 0,
			     0x00, 'q', ' ', 't', 'i', '\r', 0, 0 };
	struct got g = { 0 };

	sccb[1] = 20;
	sccb[9] = 12;
	cr_assert_eq(sclp_parse_input(sccb, sizeof(sccb), collect, &g), 1);
	cr_assert_eq(g.kind[0], SCLP_INPUT_VT220);
	cr_assert_str_eq(g.text[0], "q ti\r");
}

Test(sclp_event, malformed_input_is_rejected_without_overrun)
{
	uint8_t sccb[4096];
	struct got g = { 0 };
	size_t len = hercules_opcmd(sccb, "query time");

	/* Every truncation of a valid event must be refused or decoded, never overrun. */
	for (size_t cut = 8; cut < len; cut++) {
		uint8_t copy[4096];

		memcpy(copy, sccb, len);
		copy[0] = (uint8_t)(cut >> 8);
		copy[1] = (uint8_t)cut;
		g.n = 0;
		cr_assert_lt(sclp_parse_input(copy, cut, collect, &g), 1, "cut at %zu", cut);
	}
	/* Lengths pointing past the SCCB. */
	sccb[8] = 0xff;
	cr_assert_eq(sclp_parse_input(sccb, len, collect, &g), -1);
	sccb[0] = 0xff;
	cr_assert_eq(sclp_parse_input(sccb, len, collect, &g), -1);
}

Test(sclp_event, ebcdic_round_trip_of_printable_ascii)
{
	for (int c = 0x20; c < 0x7f; c++) {
		uint8_t e;
		char back;
		char ch = (char)c;

		ascii_to_ebcdic(&e, &ch, 1);
		ebcdic_to_ascii(&back, &e, 1);
		cr_assert_eq(back, ch, "character %c", c);
	}
	uint8_t e;
	ascii_to_ebcdic(&e, "A", 1);
	cr_assert_eq(e, 0xc1);
}
