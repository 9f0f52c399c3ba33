/*
 * The guest SCLP model (kernel/vdev/vsclp*.c), driven with SCCBs built the way
 * Linux 6.1's drivers/s390/char/sclp*.c build them, and its answers parsed the
 * way Linux parses them.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/vdev/vsclp.h"
#include "arch/s390x/ebcdic.h"

#define STORAGE  (64 * 1024)
#define SCCB_A   0x4000ULL   /* page-aligned SCCB addresses in guest storage */
#define SCCB_B   0x6000ULL
#define SCCB_C   0x8000ULL

static uint8_t *mem;
static struct gmem g;
static struct vsclp *s;

/* The console consumer: collects output; budget limits what it takes in total. */
static struct sink {
	char text[16384];
	size_t len;
	size_t budget;
	int calls;
	int vt220_calls;
} out;

static size_t sink_write(void *ctx, const char *data, size_t len, bool vt220)
{
	struct sink *k = ctx;
	size_t take = len < k->budget ? len : k->budget;

	cr_assert_gt(len, 0, "the consumer is never offered nothing");
	if (take > sizeof(k->text) - k->len)
		take = sizeof(k->text) - k->len;
	memcpy(k->text + k->len, data, take);
	k->len += take;
	k->budget -= take;
	k->calls++;
	k->vt220_calls += vt220;
	return take;
}

static const struct vsclp_console_ops sink_ops = { .write = sink_write };
static const uint16_t cpus[] = { 0, 1, 5 };

static void setup_with(unsigned int consoles, bool els)
{
	struct vsclp_config cfg = {
		.storage_bytes = MiB(256), .ncpus = 3, .cpu_addrs = cpus,
		.consoles = consoles, .extended_length = els, .loadparm = "BOOT1",
	};

	mem = calloc(1, STORAGE);
	s = malloc(sizeof(*s));
	cr_assert(mem && s);
	gmem_flat_init(&g, mem, STORAGE);
	memset(&out, 0, sizeof(out));
	out.budget = SIZE_MAX;
	cr_assert_eq(vsclp_init(s, &cfg, &sink_ops, &out), 0);
}

static void setup(void) { setup_with(VSCLP_CON_LINEMODE | VSCLP_CON_VT220, false); }
static void teardown(void) { free(mem); free(s); }

/* Big-endian access to guest storage. */
static uint16_t rd16(uint64_t a) { return gmem_be16(mem + a); }
static uint32_t rd32(uint64_t a) { return gmem_be32(mem + a); }
static uint64_t rd64(uint64_t a) { return gmem_be64(mem + a); }
static void wr16(uint64_t a, uint16_t v) { gmem_put16(mem + a, v); }
static void wr32(uint64_t a, uint32_t v) { gmem_put32(mem + a, v); }

static uint16_t response(uint64_t sccb) { return rd16(sccb + 6); }

/* SERVC that must be accepted and complete at once; returns the response code. */
static uint16_t servc_ok(uint32_t cmd, uint64_t sccb, uint32_t *param)
{
	uint32_t p = 0;

	cr_assert_eq(vsclp_service_call(s, &g, cmd, sccb, &p), 0, "condition code 0");
	cr_assert_eq(p & ~3U, (uint32_t)sccb, "service signal for this SCCB (param %#x)", p);
	if (param)
		*param = p;
	return response(sccb);
}

/* A fresh SCCB header the way Linux sets one up. */
static void header(uint64_t sccb, uint16_t len, uint8_t fc, uint8_t cm2)
{
	memset(mem + sccb, 0, len);
	wr16(sccb, len);
	mem[sccb + 2] = fc;
	mem[sccb + 5] = cm2;
}

/* Linux's sclp_early_set_event_mask / __sclp_make_init_req: 8-byte (or 4-byte compat) masks. */
static uint16_t write_mask(uint64_t sccb, uint16_t ml, uint64_t receive, uint64_t send, uint32_t *param)
{
	header(sccb, 4096, 0, 0);
	wr16(sccb + 10, ml);
	for (int i = 0; i < ml && i < 8; i++) {
		mem[sccb + 12 + i] = (uint8_t)(receive >> (56 - 8 * i));
		mem[sccb + 12 + ml + i] = (uint8_t)(send >> (56 - 8 * i));
	}
	return servc_ok(VSCLP_CMD_WRITE_EVENT_MASK, sccb, param);
}

static uint64_t mask_at(uint64_t sccb, uint16_t ml, int which)
{
	uint64_t m = 0;

	for (int i = 0; i < 8; i++)
		m = m << 8 | (i < ml ? mem[sccb + 12 + which * ml + i] : 0);
	return m;
}

#define EV(t) VSCLP_EV_BIT(t)

TestSuite(vsclp, .init = setup, .fini = teardown);

/* ---- Read SCP info / read CPU info ------------------------------------------------ */

/* Linux sclp_early_read_info: forced command, 4 KiB, function code 0x80, variable length. */
Test(vsclp, read_scp_info_as_linux_parses_it)
{
	uint64_t a = SCCB_A, rnmax, rzm;
	char lp[9] = { 0 };

	header(a, 4096, 0x80, 0x80);
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_SCP_INFO_FORCED, a, NULL), 0x0010);
	rnmax = rd16(a + 8) ? rd16(a + 8) : rd64(a + 0x68);
	rzm = (mem[a + 10] ? mem[a + 10] : rd32(a + 0x64)) * MiB(1);
	cr_assert_eq(rnmax * rzm, MiB(256), "storage = rnmax * rzm");
	cr_assert_eq(rzm, MiB(1), "1 MiB increments while the count fits 16 bits");
	cr_assert_eq(rd16(a + 0x10), 3, "ncpurl");
	cr_assert_eq(rd16(a + 0x12), 128, "cpuoff");
	cr_assert_eq(mem[a + 128], 0);
	cr_assert_eq(mem[a + 144], 1);
	cr_assert_eq(mem[a + 160], 5, "third CPU address");
	cr_assert_eq(mem[a + 160 + 14], 0, "type CP");
	cr_assert_eq(rd16(a + 0x78), 5, "hcpua: Linux's max_cores = hcpua + 1");
	cr_assert_eq(rd64(a + 0x30), 0x0800000000000000ULL, "only the CPU info facility");
	cr_assert_eq(mem[a + 0x74] | mem[a + 0x75] | mem[a + 0x76] | mem[a + 0x77] | mem[a + 0x54] | mem[a + 0x55],
		     0, "no ESCA, CMMA, adapter interruption ... facilities");
	cr_assert_eq(mem[a + 0x63], 0, "hamaxpow 0: no highest-address limit");
	ebcdic_to_ascii(lp, mem + a + 0x18, 8);
	cr_assert_str_eq(lp, "BOOT1   ", "loadparm in EBCDIC, blank padded");
	cr_assert_eq(rd16(a), 4096, "length kept");
	/* The plain command answers the same. */
	header(a, 4096, 0x80, 0x80);
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_SCP_INFO, a, NULL), 0x0010);
	cr_assert_eq(rd16(a + 0x10), 3);
}

Test(vsclp, read_scp_info_too_short_sccb)
{
	uint64_t a = SCCB_A;

	header(a, 128 + 2 * 16, 0, 0);
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_SCP_INFO, a, NULL), 0x0300, "3 CPUs need 176 bytes");
	cr_assert_eq(rd16(a), 160, "length not changed without extended-length SCCBs");
	cr_assert_eq(rd16(a + 0x10), 0, "nothing stored");
	header(a, 128 + 3 * 16, 0, 0);
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_SCP_INFO, a, NULL), 0x0010, "exactly long enough");
}

Test(vsclp, extended_length_sccb)
{
	uint64_t a = SCCB_A;

	teardown();
	setup_with(VSCLP_CON_LINEMODE, true);
	/* Linux with facility 140: a 3-page SCCB for read SCP info. */
	header(a, 3 * 4096, 0x80, 0x80);
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_SCP_INFO_FORCED, a, NULL), 0x0010);
	cr_assert_eq(mem[a + 160], 5);
	/* Too short: the length needed is stored. */
	header(a, 64, 0, 0);
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_SCP_INFO, a, NULL), 0x0300);
	cr_assert_eq(rd16(a), 176);
	/* Other commands still may not cross a page. */
	header(a + 4000, 200, 0, 0);
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, a + 4000, NULL), 0x0100);
}

Test(vsclp, storage_increments)
{
	struct vsclp_config cfg = { .storage_bytes = GiB(128), .increment_bytes = MiB(1), .ncpus = 1 };
	uint64_t a = SCCB_A;

	cr_assert_eq(vsclp_init(s, &cfg, &sink_ops, &out), 0);
	header(a, 4096, 0, 0);
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_SCP_INFO, a, NULL), 0x0010);
	cr_assert_eq(rd16(a + 8), 0, "too many increments for rnmax");
	cr_assert_eq(rd64(a + 0x68), 131072, "rnmax2");
	cr_assert_eq(mem[a + 10], 1);

	cfg.increment_bytes = MiB(256);
	cr_assert_eq(vsclp_init(s, &cfg, &sink_ops, &out), 0);
	header(a, 4096, 0, 0);
	servc_ok(VSCLP_CMD_READ_SCP_INFO, a, NULL);
	cr_assert_eq(mem[a + 10], 0, "rnsize holds up to 128 MiB");
	cr_assert_eq(rd32(a + 0x64), 256, "rnsize2");
	cr_assert_eq(rd16(a + 8), 512);

	cfg.increment_bytes = 0; /* automatic: the count must fit 16 bits */
	cr_assert_eq(vsclp_init(s, &cfg, &sink_ops, &out), 0);
	header(a, 4096, 0, 0);
	servc_ok(VSCLP_CMD_READ_SCP_INFO, a, NULL);
	cr_assert_eq(mem[a + 10], 4);
	cr_assert_eq(rd16(a + 8), 32768);

	cfg.increment_bytes = MiB(3);
	cr_assert_eq(vsclp_init(s, &cfg, &sink_ops, &out), -1, "not a power of two");
	cfg.increment_bytes = 0;
	cfg.ncpus = 0;
	cr_assert_eq(vsclp_init(s, &cfg, &sink_ops, &out), -1, "no CPU");
	cfg.ncpus = 2;
	cfg.cpu_addrs = (const uint16_t[]){ 7, 7 };
	cr_assert_eq(vsclp_init(s, &cfg, &sink_ops, &out), -1, "duplicate CPU address");
	cfg.cpu_addrs = (const uint16_t[]){ 7, 256 };
	cr_assert_eq(vsclp_init(s, &cfg, &sink_ops, &out), -1, "CPU address above 255");
}

/* Linux sclp_get_core_info. */
Test(vsclp, read_cpu_info)
{
	uint64_t a = SCCB_A;
	uint16_t off;

	header(a, 4096, 0, 0x80);
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_CPU_INFO, a, NULL), 0x0010);
	cr_assert_eq(rd16(a + 8), 3, "configured");
	cr_assert_eq(rd16(a + 12), 0, "standby");
	off = rd16(a + 10);
	cr_assert_geq(off, 16);
	cr_assert_eq(mem[a + off + 32], 5);
	cr_assert_eq(rd16(a + 14), off + 48, "standby entries follow");
	header(a, 40, 0, 0);
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_CPU_INFO, a, NULL), 0x0300);
}

/* ---- SERVC checks --------------------------------------------------------------- */

Test(vsclp, program_checks)
{
	uint32_t p = 0xdead;

	header(SCCB_A, 4096, 0, 0);
	cr_assert_eq(vsclp_service_call(s, &g, VSCLP_CMD_READ_SCP_INFO, SCCB_A + 4, &p), -6,
		     "not on a doubleword boundary");
	cr_assert_eq(p, 0, "no service signal");
	cr_assert_eq(vsclp_service_call(s, &g, VSCLP_CMD_READ_SCP_INFO, STORAGE, &p), -5,
		     "outside storage");
	cr_assert_eq(vsclp_service_call(s, &g, VSCLP_CMD_READ_SCP_INFO, 0x1000, &p), -6, "in the lowcore");
	wr16(SCCB_B, 6);
	cr_assert_eq(vsclp_service_call(s, &g, VSCLP_CMD_READ_SCP_INFO, SCCB_B, &p), -6, "length below 8");
	cr_assert_eq(rd16(SCCB_B + 6), 0, "nothing stored");
}

/* A fake 4 GiB guest whose pages all alias one buffer: only for checks before any access. */
static uint8_t alias[8192];
static uint8_t *alias_page(const struct gmem *gm, uint64_t gabs)
{
	(void)gm;
	return alias + (gabs & 0xfff);
}

Test(vsclp, sccb_above_2g_is_a_specification_exception)
{
	struct gmem big = { .size = GiB(4), .page = alias_page };
	uint32_t p;

	gmem_put16(alias, 4096);
	cr_assert_eq(vsclp_service_call(s, &big, VSCLP_CMD_READ_SCP_INFO, GiB(2), &p), -6);
	cr_assert_eq(vsclp_service_call(s, &big, VSCLP_CMD_READ_SCP_INFO, GiB(2) - 4096, &p), 0);
}

Test(vsclp, sccb_header_sizes_and_commands)
{
	uint32_t p;

	header(SCCB_A, 8, 0, 0);
	cr_assert_eq(servc_ok(0x00990005, SCCB_A, &p), 0x01f0, "unknown command");
	header(SCCB_A, 8, 0, 0);
	cr_assert_eq(servc_ok(0x00040001, SCCB_A, &p), 0x01f0,
		     "read storage information is not offered");
	header(SCCB_A + 0xf00, 0x200, 0, 0);
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, SCCB_A + 0xf00, &p), 0x0100,
		     "crosses a 4 KiB boundary");
	header(SCCB_A, 8, 0, 0);
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_MASK, SCCB_A, &p), 0x0300, "no room for the mask length");
	header(SCCB_A, 8, 0, 0);
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, SCCB_A, &p), 0x0020, "no events: nothing to do");
}

/* ---- Write event mask ------------------------------------------------------------ */

Test(vsclp, write_event_mask_negotiation)
{
	uint64_t a = SCCB_A;

	/* sclp_early_setup: receive operator commands, send VT220 and messages. */
	cr_assert_eq(write_mask(a, 8, EV(0x01), EV(0x1a) | EV(0x02), NULL), 0x0020);
	cr_assert_eq(mask_at(a, 8, 2), EV(0x02) | EV(0x1a), "SCLP receives messages and VT220");
	cr_assert_eq(mask_at(a, 8, 3), EV(0x01) | EV(0x1a) | EV(0x1d), "SCLP sends commands, VT220, quiesce");
	cr_assert_eq(mask_at(a, 8, 0), EV(0x01), "guest's own masks left as written");
	/* Compat 4-byte masks: type t is 0x80000000 >> (t - 1). */
	cr_assert_eq(write_mask(a, 4, EV(0x1a), EV(0x1a), NULL), 0x0020);
	cr_assert_eq(rd32(a + 12 + 8), 0x40000000U | 0x00000040U);
	cr_assert_eq(rd32(a + 12 + 12), 0x80000000U | 0x00000040U | 0x00000008U);
	/* One byte: only types 1..8 visible. */
	cr_assert_eq(write_mask(a, 1, 0, 0, NULL), 0x0020);
	cr_assert_eq(mem[a + 14], 0x40);
	cr_assert_eq(mem[a + 15], 0x80);
	/* Invalid lengths. */
	cr_assert_eq(write_mask(a, 0, 0, 0, NULL), 0x74f0);
	cr_assert_eq(write_mask(a, 1022, 0, 0, NULL), 0x74f0);
	header(a, 12 + 4 * 8 - 1, 0, 0);
	wr16(a + 10, 8);
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_MASK, a, NULL), 0x0300, "four masks do not fit");
}

Test(vsclp, masks_follow_the_consoles_offered)
{
	teardown();
	setup_with(VSCLP_CON_LINEMODE, false);
	write_mask(SCCB_A, 8, EV(0x01) | EV(0x1a), EV(0x02) | EV(0x1a), NULL);
	cr_assert_eq(mask_at(SCCB_A, 8, 2), EV(0x02));
	cr_assert_eq(mask_at(SCCB_A, 8, 3), EV(0x01) | EV(0x1d));
	teardown();
	setup_with(VSCLP_CON_VT220, false);
	write_mask(SCCB_A, 8, EV(0x01) | EV(0x1a), EV(0x02) | EV(0x1a), NULL);
	cr_assert_eq(mask_at(SCCB_A, 8, 2), EV(0x1a));
	cr_assert_eq(mask_at(SCCB_A, 8, 3), EV(0x1a) | EV(0x1d));
}

/* ---- Write event data: line mode -------------------------------------------------- */

/* sclp_make_buffer + sclp_write: SCCB, message event, MDB header, general object. */
static uint64_t msg_begin(uint64_t a)
{
	header(a, 8 + 6 + 12 + 56, 0, 0);
	wr16(a + 8, 6 + 12 + 56);
	mem[a + 10] = 0x02;
	wr16(a + 14, 12 + 56);
	wr16(a + 16, 1);
	wr32(a + 18, 0xd4c4c240);
	wr32(a + 22, 1);
	wr16(a + 26, 56);
	wr16(a + 28, 1);
	return a + 8 + 6 + 12 + 56;
}

/* sclp_initialize_mto + sclp_finalize_mto: one line, sizes of MDB, event and SCCB grow. */
static void msg_line(uint64_t a, uint64_t mdb, const char *text)
{
	uint16_t n = (uint16_t)strlen(text);
	uint64_t mto = a + rd16(a);

	wr16(mto, 10 + n);
	wr16(mto + 2, 4);
	wr16(mto + 4, 0x1000);
	ascii_to_ebcdic(mem + mto + 10, text, n);
	wr16(a, rd16(a) + 10 + n);
	wr16(a + 8, rd16(a + 8) + 10 + n);
	wr16(mdb, rd16(mdb) + 10 + n);
}

Test(vsclp, line_mode_message_with_two_lines)
{
	uint64_t a = SCCB_A;

	msg_begin(a);
	msg_line(a, a + 14, "Linux version 6.1.0");
	msg_line(a, a + 14, "Kernel command line: console=ttyS0");
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, a, NULL), 0x0020);
	cr_assert_eq(mem[a + 11] & 0x80, 0x80, "event flagged processed");
	out.text[out.len] = 0;
	cr_assert_str_eq(out.text, "Linux version 6.1.0\nKernel command line: console=ttyS0\n");
	cr_assert_eq(out.vt220_calls, 0);
}

Test(vsclp, several_mdbs_and_message_events)
{
	uint64_t a = SCCB_A, ev2;

	msg_begin(a);
	msg_line(a, a + 14, "one");
	/* A second MDB in the same event. */
	{
		uint64_t mdb = a + rd16(a);

		wr16(mdb, 12);
		wr16(mdb + 2, 1);
		wr32(mdb + 4, 0xd4c4c240);
		wr32(mdb + 8, 1);
		wr16(a, rd16(a) + 12);
		wr16(a + 8, rd16(a + 8) + 12);
		msg_line(a, mdb, "two");
		msg_line(a, mdb, "");
	}
	/* A second message event: built as its own SCCB elsewhere, then appended. */
	ev2 = a + rd16(a);
	msg_begin(SCCB_B);
	msg_line(SCCB_B, SCCB_B + 14, "three");
	memcpy(mem + ev2, mem + SCCB_B + 8, rd16(SCCB_B + 8));
	wr16(a, rd16(a) + rd16(SCCB_B + 8));
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, a, NULL), 0x0020);
	out.text[out.len] = 0;
	cr_assert_str_eq(out.text, "one\ntwo\n\nthree\n");
	cr_assert_eq(mem[a + 11] & 0x80, 0x80);
	cr_assert_eq(mem[ev2 + 3] & 0x80, 0x80);
}

/* sclp_early_print_lm: no trailing newline, lines split at '\n' into MTOs. */
Test(vsclp, malformed_message_is_rejected_whole)
{
	uint64_t a = SCCB_A;

	msg_begin(a);
	msg_line(a, a + 14, "good line");
	msg_line(a, a + 14, "bad line");
	wr16(a + rd16(a) - 18, 9); /* second MTO shorter than its header */
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, a, NULL), 0x73f0);
	cr_assert_eq(out.len, 0, "nothing of a malformed SCCB is written");
	cr_assert_eq(mem[a + 11] & 0x80, 0);

	msg_begin(a);
	msg_line(a, a + 14, "x");
	wr16(a + 14, rd16(a + 14) + 1); /* MDB longer than its event */
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, a, NULL), 0x73f0);

	msg_begin(a);
	msg_line(a, a + 14, "x");
	wr32(a + 18, 0x12345678); /* not an MDB */
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, a, NULL), 0x73f0);

	msg_begin(a);
	wr16(a + 8, 3); /* event buffer shorter than its header */
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, a, NULL), 0x73f0);

	msg_begin(a);
	wr16(a, rd16(a) + 4); /* trailing bytes too short for an event header */
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, a, NULL), 0x73f0);
	cr_assert_eq(out.len, 0);
}

/* ---- Write event data: VT220 and unknown types ---------------------------------- */

static void vt220_sccb(uint64_t a, const char *data, size_t n)
{
	header(a, (uint16_t)(8 + 6 + n), 0, 0);
	wr16(a + 8, (uint16_t)(6 + n));
	mem[a + 10] = 0x1a;
	memcpy(mem + a + 14, data, n);
}

Test(vsclp, vt220_burst)
{
	char burst[4096 - 14];

	for (size_t i = 0; i < sizeof(burst); i++)
		burst[i] = (char)(i % 251);
	vt220_sccb(SCCB_A, burst, sizeof(burst));
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, SCCB_A, NULL), 0x0020);
	cr_assert_eq(out.len, sizeof(burst));
	cr_assert(memcmp(out.text, burst, sizeof(burst)) == 0, "bytes passed as they are");
	cr_assert_eq(out.vt220_calls, out.calls);
	cr_assert_eq(mem[SCCB_A + 11], 0x80);
}

/* Linux's sclp_sd: a store-data event (0x0c) must be refused, or it waits forever. */
Test(vsclp, unknown_event_type_is_refused_and_not_processed)
{
	uint64_t a = SCCB_A;

	header(a, 8 + 6 + 40, 0, 0);
	wr16(a + 8, 6 + 40);
	mem[a + 10] = 0x0c;
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, a, NULL), 0x40f0);
	cr_assert_eq(mem[a + 11] & 0x80, 0, "not processed");

	/* After a VT220 event: that one is processed, the unknown one and later not. */
	vt220_sccb(a, "ok", 2);
	wr16(a + 16, 6);
	mem[a + 18] = 0x0c;
	mem[a + 19] = 0x80; /* a stale flag is cleared */
	wr16(a + 22, 8);
	mem[a + 24] = 0x1a;
	memcpy(mem + a + 28, "no", 2);
	wr16(a, 8 + 8 + 6 + 8);
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, a, NULL), 0x40f0);
	cr_assert_eq(mem[a + 11], 0x80);
	cr_assert_eq(mem[a + 19], 0);
	cr_assert_eq(mem[a + 25], 0);
	cr_assert_eq(out.len, 2);
	cr_assert(memcmp(out.text, "ok", 2) == 0);
}

Test(vsclp, console_not_offered_is_refused)
{
	teardown();
	setup_with(VSCLP_CON_LINEMODE, false);
	/* Linux's early printk writes VT220 whenever it asked to send it. */
	vt220_sccb(SCCB_A, "early", 5);
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, SCCB_A, NULL), 0x40f0);
	cr_assert_eq(out.len, 0);
	vt220_sccb(SCCB_A, "early", 5);
	mem[SCCB_A + 2] = 0x01;
	cr_assert_eq(servc_ok(VSCLP_CMD_WRITE_EVENT_DATA, SCCB_A, NULL), 0x40f0, "function code not 0");
}

/* ---- Backpressure --------------------------------------------------------------- */

Test(vsclp, full_console_leaves_the_request_in_progress)
{
	char text[300];
	uint32_t p = 1;

	for (size_t i = 0; i < sizeof(text); i++)
		text[i] = (char)('a' + i % 26);
	vt220_sccb(SCCB_A, text, sizeof(text));
	out.budget = 100;
	cr_assert_eq(vsclp_service_call(s, &g, VSCLP_CMD_WRITE_EVENT_DATA, SCCB_A, &p), 0);
	cr_assert_eq(p, 0, "no service signal yet");
	cr_assert(vsclp_busy(s));
	cr_assert_eq(response(SCCB_A), 0, "SCCB not updated");
	cr_assert_eq(mem[SCCB_A + 11], 0, "not processed");
	cr_assert_eq(out.len, 100);

	/* Meanwhile the SCLP is busy. */
	header(SCCB_B, 4096, 0, 0);
	cr_assert_eq(vsclp_service_call(s, &g, VSCLP_CMD_READ_SCP_INFO, SCCB_B, &p), 2);
	cr_assert_eq(response(SCCB_B), 0);
	cr_assert_eq(vsclp_resume(s, &g, &p), false, "consumer still full");

	out.budget = 150;
	cr_assert_eq(vsclp_resume(s, &g, &p), false);
	cr_assert_eq(out.len, 250);
	out.budget = SIZE_MAX;
	cr_assert_eq(vsclp_resume(s, &g, &p), true);
	cr_assert_eq(p, (uint32_t)SCCB_A);
	cr_assert_eq(response(SCCB_A), 0x0020);
	cr_assert_eq(mem[SCCB_A + 11], 0x80);
	cr_assert_eq(out.len, sizeof(text), "every byte once");
	cr_assert(memcmp(out.text, text, sizeof(text)) == 0, "in order, none repeated");
	cr_assert(!vsclp_busy(s));
	cr_assert_eq(vsclp_resume(s, &g, &p), false, "nothing in progress");
}

Test(vsclp, backpressure_inside_line_mode_text)
{
	uint64_t a = SCCB_A;
	uint32_t p;
	char big[600];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	msg_begin(a);
	msg_line(a, a + 14, "first");
	msg_line(a, a + 14, big);
	msg_line(a, a + 14, "last");
	for (size_t step = 1; step <= 200; step++) {
		out.budget = 7;
		if (step == 1)
			cr_assert_eq(vsclp_service_call(s, &g, VSCLP_CMD_WRITE_EVENT_DATA, a, &p), 0);
		else if (vsclp_resume(s, &g, &p))
			break;
	}
	cr_assert(!vsclp_busy(s));
	cr_assert_eq(p, (uint32_t)a);
	out.text[out.len] = 0;
	cr_assert_eq(out.len, 6 + 600 + 5);
	cr_assert(strncmp(out.text, "first\nxxx", 9) == 0);
	cr_assert_str_eq(out.text + 6 + 599, "\nlast\n");
}

Test(vsclp, reset_drops_a_request_in_progress)
{
	uint32_t p;

	vt220_sccb(SCCB_A, "abc", 3);
	out.budget = 1;
	vsclp_service_call(s, &g, VSCLP_CMD_WRITE_EVENT_DATA, SCCB_A, &p);
	cr_assert(vsclp_busy(s));
	vsclp_reset(s);
	cr_assert(!vsclp_busy(s));
	cr_assert_eq(vsclp_resume(s, &g, &p), false);
	header(SCCB_B, 4096, 0, 0);
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_SCP_INFO, SCCB_B, NULL), 0x0010);
}

/* ---- Input: read event data ------------------------------------------------------ */

/* __sclp_make_read_req: 4 KiB, unconditional read, variable-length response. */
static uint16_t read_events(uint64_t a, uint32_t *param)
{
	header(a, 4096, 0, 0x80);
	return servc_ok(VSCLP_CMD_READ_EVENT_DATA, a, param);
}

static const uint8_t *find_vec(const uint8_t *p, const uint8_t *end, uint16_t id)
{
	for (; p + 4 <= end && gmem_be16(p) >= 4; p += gmem_be16(p))
		if (gmem_be16(p + 2) == id)
			return p;
	return NULL;
}

/*
 * Linux's sclp_dispatch_evbufs + sclp_tty_receiver + sclp_switch_cases + sclp_tty_input:
 * the characters the tty would see from the operator command events of an SCCB.
 */
static int linux_tty_input(uint64_t a, char *tty, size_t cap)
{
	size_t len = 0;
	int events = 0;

	for (uint16_t off = 8; off < rd16(a); off += rd16(a + off)) {
		const uint8_t *ev = mem + a + off, *end = ev + rd16(a + off), *v, *cpmsu;

		cr_assert_geq(rd16(a + off), 6);
		if (ev[2] != 0x01)
			continue;
		events++;
		v = find_vec(ev + 6, end, 0x1310);
		cr_assert_not_null(v, "MDS-MU");
		cpmsu = find_vec(v + 4, v + gmem_be16(v), 0x1212);
		cr_assert_not_null(cpmsu, "CP-MSU");
		for (v = cpmsu + 4; v < cpmsu + gmem_be16(cpmsu); v += gmem_be16(v)) {
			if (gmem_be16(v + 2) != 0x1320)
				continue;
			for (const uint8_t *sv = v + 4; sv < v + gmem_be16(v); sv += sv[0]) {
				if (sv[1] != 0x31)
					continue;
				for (const uint8_t *t = sv + 2; t < sv + sv[0]; t += t[0]) {
					uint8_t e[256];
					size_t n = 0;
					bool cont;

					if (t[1] != 0x30)
						continue;
					/* sclp_switch_cases: "%%" is '%', a single '%' toggles case and goes */
					for (int i = 2; i < t[0]; i++) {
						if (t[i] == 0x6c && !(i + 1 < t[0] && t[i + 1] == 0x6c))
							continue;
						e[n++] = t[i];
						if (t[i] == 0x6c)
							i++;
					}
					cont = n >= 2 && e[n - 2] == 0x5f && e[n - 1] == 0x95;
					if (cont)
						n -= 2;
					cr_assert_lt(len + n + 1, cap);
					ebcdic_to_ascii(tty + len, e, n);
					len += n;
					if (!cont)
						tty[len++] = '\n';
				}
			}
		}
	}
	tty[len] = 0;
	return events;
}

Test(vsclp, line_mode_input)
{
	uint32_t p;
	char tty[4096];

	teardown();
	setup_with(VSCLP_CON_LINEMODE, false);
	/* Typed before the guest listens: queued, no signal. */
	cr_assert_eq(vsclp_console_input(s, "uname -a"), VSCLP_IN_QUEUED);
	/* sclp_tty registers for operator commands; the mask completion says events wait. */
	cr_assert_eq(write_mask(SCCB_A, 8, EV(0x01) | EV(0x09), EV(0x02), &p), 0x0020);
	cr_assert_eq(p, (uint32_t)SCCB_A | 1, "event pending");
	cr_assert_eq(vsclp_console_input(s, "echo 100% done"), VSCLP_IN_SIGNAL);
	cr_assert_eq(read_events(SCCB_B, &p), 0x0020);
	cr_assert_eq(p, (uint32_t)SCCB_B, "nothing left pending");
	cr_assert_eq(mem[SCCB_B + 5], 0, "variable-length bit reset");
	cr_assert_lt(rd16(SCCB_B), 4096, "length is what was used");
	cr_assert_eq(linux_tty_input(SCCB_B, tty, sizeof(tty)), 2, "one event per line");
	cr_assert_str_eq(tty, "uname -a\necho 100% done\n");
	cr_assert_eq(read_events(SCCB_B, NULL), 0x60f0);
	cr_assert_eq(rd16(SCCB_B), 8);
}

Test(vsclp, long_line_mode_input_keeps_one_line)
{
	char line[VSCLP_INPUT_LINE_MAX + 1], tty[4096];

	for (int i = 0; i < VSCLP_INPUT_LINE_MAX; i++)
		line[i] = (i % 7 == 3) ? '%' : (char)('a' + i % 26);
	line[VSCLP_INPUT_LINE_MAX] = 0;
	teardown();
	setup_with(VSCLP_CON_LINEMODE, false);
	write_mask(SCCB_A, 8, EV(0x01), EV(0x02), NULL);
	cr_assert_eq(vsclp_console_input(s, line), VSCLP_IN_SIGNAL);
	cr_assert_eq(read_events(SCCB_B, NULL), 0x0020);
	cr_assert_eq(linux_tty_input(SCCB_B, tty, sizeof(tty)), 1);
	cr_assert_eq(strlen(tty), VSCLP_INPUT_LINE_MAX + 1);
	cr_assert(strncmp(tty, line, VSCLP_INPUT_LINE_MAX) == 0, "reassembled by the ^n continuations");
	/* Too long a line is refused rather than cut. */
	{
		char *longer = malloc(VSCLP_INPUT_LINE_MAX + 2);

		memset(longer, 'y', VSCLP_INPUT_LINE_MAX + 1);
		longer[VSCLP_INPUT_LINE_MAX + 1] = 0;
		cr_assert_eq(vsclp_console_input(s, longer), VSCLP_IN_TOO_LONG);
		free(longer);
	}
}

Test(vsclp, vt220_input)
{
	uint32_t p;

	/*
	 * A guest reading both gets input on the console it last wrote to: here
	 * the VT220 (console=ttysclp0).
	 */
	cr_assert_eq(write_mask(SCCB_A, 8, EV(0x01) | EV(0x1a), EV(0x02) | EV(0x1a), NULL), 0x0020);
	vt220_sccb(SCCB_C, "$ ", 2);
	cr_assert_eq(servc_ok(0x00760005, SCCB_C, NULL), 0x0020);
	cr_assert_eq(vsclp_console_input(s, "ls -l"), VSCLP_IN_SIGNAL);
	cr_assert_eq(vsclp_console_input(s, "pwd\nignored"), VSCLP_IN_SIGNAL);
	cr_assert_eq(read_events(SCCB_B, &p), 0x0020);
	cr_assert_eq(p, (uint32_t)SCCB_B);
	cr_assert_eq(rd16(SCCB_B), 8 + 6 + 1 + 10);
	cr_assert_eq(rd16(SCCB_B + 8), 6 + 1 + 10);
	cr_assert_eq(mem[SCCB_B + 10], 0x1a);
	cr_assert_eq(mem[SCCB_B + 14], 0x00, "session byte: data follows");
	cr_assert(memcmp(mem + SCCB_B + 15, "ls -l\npwd\n", 10) == 0);
}

Test(vsclp, input_goes_to_the_line_mode_console_the_guest_uses)
{
	char tty[64];

	/* Both registered, console output on line mode (console=ttyS0): operator commands. */
	cr_assert_eq(write_mask(SCCB_A, 8, EV(0x01) | EV(0x1a), EV(0x02) | EV(0x1a), NULL), 0x0020);
	msg_begin(SCCB_C);
	msg_line(SCCB_C, SCCB_C + 14, "login:");
	cr_assert_eq(servc_ok(0x00760005, SCCB_C, NULL), 0x0020);
	cr_assert_eq(vsclp_console_input(s, "echo hi"), VSCLP_IN_SIGNAL);
	cr_assert_eq(read_events(SCCB_B, NULL), 0x0020);
	cr_assert_eq(mem[SCCB_B + 10], 0x01, "an operator command event, not VT220");
	cr_assert_eq(linux_tty_input(SCCB_B, tty, sizeof(tty)), 1);
	cr_assert_str_eq(tty, "echo hi\n");
}

Test(vsclp, input_waiting_for_too_small_an_sccb)
{
	write_mask(SCCB_A, 8, EV(0x01), EV(0x02), NULL);
	vsclp_console_input(s, "hello");
	header(SCCB_B, 20, 0, 0);
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_EVENT_DATA, SCCB_B, NULL), 0x0300);
	cr_assert(vsclp_event_pending(s), "the line stays queued");
	/* A fixed-length read: the unused rest is zeroed, the length kept. */
	header(SCCB_B, 4096, 0, 0);
	memset(mem + SCCB_B + 8, 0xee, 4088);
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_EVENT_DATA, SCCB_B, NULL), 0x0020);
	cr_assert_eq(rd16(SCCB_B), 4096);
	cr_assert_eq(mem[SCCB_B + 4095], 0);
	cr_assert(!vsclp_event_pending(s));
}

Test(vsclp, selective_read)
{
	write_mask(SCCB_A, 8, EV(0x01) | EV(0x1d), EV(0x02), NULL);
	vsclp_signal_quiesce(s);
	vsclp_console_input(s, "x");
	header(SCCB_B, 4096, 0x01, 0);
	mem[SCCB_B + 8 + 3] = 0x08; /* type 0x1d only */
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_EVENT_DATA | 0x100, SCCB_B, NULL), 0x0020,
		     "the resource byte of the command word is ignored");
	cr_assert_eq(mem[SCCB_B + 10], 0x1d);
	cr_assert_eq(rd16(SCCB_B + 8), 9);
	cr_assert_eq(mem[SCCB_B + 8 + 9], 0, "only the quiesce event");
	header(SCCB_B, 4096, 0x01, 0);
	mem[SCCB_B + 8] = 0x40; /* type 0x02: not in the receive mask */
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_EVENT_DATA, SCCB_B, NULL), 0x70f0);
	header(SCCB_B, 4096, 0x02, 0);
	cr_assert_eq(servc_ok(VSCLP_CMD_READ_EVENT_DATA, SCCB_B, NULL), 0x40f0, "invalid function");
	cr_assert(vsclp_event_pending(s), "the line is still there");
}

Test(vsclp, quiesce)
{
	uint32_t p;

	cr_assert_eq(vsclp_signal_quiesce(s), VSCLP_IN_QUEUED, "not enabled yet");
	write_mask(SCCB_A, 8, EV(0x1d), 0, &p);
	cr_assert_eq(p & 1, 1);
	cr_assert_eq(read_events(SCCB_B, &p), 0x0020);
	cr_assert_eq(mem[SCCB_B + 10], 0x1d);
	cr_assert_eq(p & 1, 0);
}

Test(vsclp, input_queue_is_bounded)
{
	char line[VSCLP_INPUT_LINE_MAX + 1];
	int queued = 0;

	memset(line, 'q', VSCLP_INPUT_LINE_MAX);
	line[VSCLP_INPUT_LINE_MAX] = 0;
	while (vsclp_console_input(s, line) == VSCLP_IN_QUEUED)
		queued++;
	cr_assert_eq(queued, VSCLP_INPUT_BYTES / (VSCLP_INPUT_LINE_MAX + 1));
	cr_assert_eq(vsclp_console_input(s, line), VSCLP_IN_FULL);
	cr_assert_eq(vsclp_console_input(s, "short"), VSCLP_IN_QUEUED, "what still fits is taken");
}

Test(vsclp, no_signal_while_busy)
{
	uint32_t p;

	write_mask(SCCB_A, 8, EV(0x1a), EV(0x1a), NULL);
	vt220_sccb(SCCB_A, "abc", 3);
	out.budget = 0;
	vsclp_service_call(s, &g, VSCLP_CMD_WRITE_EVENT_DATA, SCCB_A, &p);
	cr_assert_eq(vsclp_console_input(s, "typed"), VSCLP_IN_QUEUED, "rides on the completion");
	out.budget = SIZE_MAX;
	cr_assert(vsclp_resume(s, &g, &p));
	cr_assert_eq(p, (uint32_t)SCCB_A | 1);
}
