/*
 * libFuzzer: a hostile guest against the SCLP model (kernel/vdev/vsclp*.c).
 *
 * Input: 4 configuration bytes, then operations until the data runs out:
 *   0 SERVC       command (4 bytes BE), SCCB address (3 bytes BE, modulo storage + 8 KiB)
 *   1 poke        offset (2 bytes BE, modulo storage), count (1), bytes: guest stores
 *   2 input       count (2 BE, at most 1100), bytes: an operator line (ends at NUL / '\n')
 *   3 resume      continue a request left in progress
 *   4 quiesce     ask the guest to shut down
 *   5 reset       guest reset
 *   6 budget      2 bytes BE: what the console consumer takes from now on (0xffff: all)
 *   7 SERVC tmpl  command index (1), page (1), SCCB length (2 BE), function code (1),
 *                 control mask byte 2 (1): writes that header, then SERVC
 * Configuration: byte 0 bits 0-1 consoles, bit 2 extended-length SCCBs, bits 3-7
 * storage pages (4..35); byte 1 bits 0-2 trim the storage by 512-byte steps (sizes
 * that are not whole pages), bits 3-5 the storage reported, bits 6-7 the increment;
 * byte 2 CPUs - 1; byte 3 bit 0 reversed CPU addresses.
 *
 * Invariants: guest storage is an exact-size heap block (AddressSanitizer sees any
 * access outside it); SERVC gives a condition code 0 or 2 or a program check 5 or
 * 6; nothing changes in storage on a program check, a busy condition or a request
 * left in progress; otherwise only bytes of the SCCB [sccb, sccb + its length,
 * at most 4 KiB) change, the service-signal parameter names the SCCB and the
 * response code is one the SCLP gives; the consumer is never offered 0 bytes; the
 * input queue stays within its bound.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/vdev/vsclp.h"

#define OPS_MAX 96

struct input {
	const uint8_t *d;
	size_t n;
};

static bool take(struct input *in, void *dst, size_t n)
{
	if (in->n < n)
		return false;
	memcpy(dst, in->d, n);
	in->d += n;
	in->n -= n;
	return true;
}

static size_t budget;

static size_t consumer(void *ctx, const char *data, size_t len, bool vt220)
{
	volatile char sink = 0;
	size_t t = len < budget ? len : budget;

	(void)ctx;
	(void)vt220;
	if (len == 0)
		abort();
	for (size_t i = 0; i < len; i++)
		sink ^= data[i];
	if (budget != SIZE_MAX)
		budget -= t;
	return t;
}

static const struct vsclp_console_ops ops = { .write = consumer };

static uint8_t *mem, *shadow;
static size_t mem_size;
static struct gmem g;
static struct vsclp *s;

static uint16_t be16_at(uint64_t a) { return a + 2 <= mem_size ? gmem_be16(mem + a) : 0; }

/* The bytes [lo, hi) may have changed, nothing else. */
static void check_changes(uint64_t lo, uint64_t hi)
{
	if (lo > mem_size)
		lo = mem_size;
	if (hi > mem_size)
		hi = mem_size;
	if (hi < lo)
		hi = lo;
	if (memcmp(mem, shadow, lo) || memcmp(mem + hi, shadow + hi, mem_size - hi))
		abort();
}

static void check_response(uint64_t sccb)
{
	switch (be16_at(sccb + 6)) {
	case VSCLP_RC_NORMAL_READ: case VSCLP_RC_NORMAL: case VSCLP_RC_BOUNDARY_VIOLATION:
	case VSCLP_RC_INVALID_COMMAND: case VSCLP_RC_INSUFFICIENT_LENGTH:
	case VSCLP_RC_INVALID_FUNCTION: case VSCLP_RC_NO_EVENTS: case VSCLP_RC_INVALID_SELECTION:
	case VSCLP_RC_EVENT_SYNTAX: case VSCLP_RC_INVALID_MASK_LENGTH:
		return;
	default:
		abort();
	}
}

/* Bytes of a request's SCCB that may change: its length, at least the header, at most a page. */
static uint64_t sccb_extent(uint64_t sccb)
{
	uint64_t len = be16_at(sccb);

	if (len > VSCLP_SCCB_MAX)
		len = VSCLP_SCCB_MAX;
	return sccb + (len < 8 ? 8 : len);
}

static void servc(uint32_t command, uint64_t sccb)
{
	uint64_t end = sccb_extent(sccb);
	uint32_t param = 0xffffffff;
	int rc;

	memcpy(shadow, mem, mem_size);
	rc = vsclp_service_call(s, &g, command, sccb, &param);
	if (rc == 0 && param != 0) {
		if ((param & ~3U) != sccb || vsclp_busy(s))
			abort();
		check_changes(sccb, end);
		check_response(sccb);
	} else if (rc == 0) {
		if (!vsclp_busy(s))
			abort();
		check_changes(0, 0);
	} else if (rc == 2 || rc == -VSCLP_PGM_ADDRESSING || rc == -VSCLP_PGM_SPECIFICATION) {
		if (param != 0)
			abort();
		check_changes(0, 0);
	} else {
		abort();
	}
}

static void resume(void)
{
	uint64_t sccb = s->busy_sccb, end = sccb_extent(sccb);
	bool was_busy = vsclp_busy(s);
	uint32_t param;

	memcpy(shadow, mem, mem_size);
	if (vsclp_resume(s, &g, &param)) {
		if (!was_busy || (param & ~3U) != sccb || vsclp_busy(s))
			abort();
		check_changes(sccb, end);
		check_response(sccb);
	} else {
		if (param != 0)
			abort();
		check_changes(0, 0);
	}
}

static const uint32_t commands[] = {
	VSCLP_CMD_READ_SCP_INFO, VSCLP_CMD_READ_SCP_INFO_FORCED, VSCLP_CMD_READ_CPU_INFO,
	VSCLP_CMD_WRITE_EVENT_MASK, VSCLP_CMD_WRITE_EVENT_DATA, VSCLP_CMD_READ_EVENT_DATA,
	VSCLP_CMD_READ_EVENT_DATA | 0x100, 0x00040001,
};

static void run(struct input *in, unsigned int pages)
{
	for (int op = 0; op < OPS_MAX; op++) {
		uint8_t b[8], code;
		char line[1101];

		if (!take(in, &code, 1))
			return;
		switch (code & 7) {
		case 0:
			if (!take(in, b, 7))
				return;
			servc(gmem_be32(b), (uint64_t)(b[4] << 16 | b[5] << 8 | b[6]) % (mem_size + 0x2000));
			break;
		case 1: {
			size_t off, cnt;

			if (!take(in, b, 3))
				return;
			off = gmem_be16(b) % mem_size;
			cnt = MIN((size_t)b[2], MIN(in->n, mem_size - off));
			memcpy(mem + off, in->d, cnt);
			in->d += cnt;
			in->n -= cnt;
			break;
		}
		case 2: {
			size_t cnt;
			enum vsclp_input_result r;

			if (!take(in, b, 2))
				return;
			cnt = MIN(MIN((size_t)gmem_be16(b), in->n), sizeof(line) - 1);
			memcpy(line, in->d, cnt);
			line[cnt] = 0;
			in->d += cnt;
			in->n -= cnt;
			r = vsclp_console_input(s, line);
			if (r < VSCLP_IN_TOO_LONG || r > VSCLP_IN_SIGNAL || s->in_len > VSCLP_INPUT_BYTES)
				abort();
			if (r == VSCLP_IN_SIGNAL && (vsclp_busy(s) || !vsclp_event_pending(s)))
				abort();
			break;
		}
		case 3:
			resume();
			break;
		case 4:
			vsclp_signal_quiesce(s);
			break;
		case 5:
			vsclp_reset(s);
			break;
		case 6:
			if (!take(in, b, 2))
				return;
			budget = gmem_be16(b) == 0xffff ? SIZE_MAX : gmem_be16(b);
			break;
		case 7: {
			uint64_t sccb;

			if (!take(in, b, 6))
				return;
			sccb = (2 + b[1] % (pages - 2)) * GMEM_PAGE + (uint64_t)(b[0] >> 3) * 8;
			if (sccb + 8 <= mem_size) {
				gmem_put16(mem + sccb, gmem_be16(b + 2));
				mem[sccb + 2] = b[4];
				mem[sccb + 5] = b[5];
				gmem_put16(mem + sccb + 6, 0);
			}
			servc(commands[b[0] & 7], sccb);
			break;
		}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	uint16_t addrs[VSCLP_MAX_CPUS];
	static const uint64_t storage[8] = {
		MiB(512), MiB(1), MiB(1027), GiB(64), GiB(64) + MiB(1), GiB(128), GiB(4096), MiB(300),
	};
	static const uint64_t increment[4] = { 0, MiB(1), MiB(256), MiB(2) };
	struct vsclp_config cfg = { 0 };
	unsigned int pages;
	uint8_t c[4];

	if (!take(&in, c, 4))
		return 0;
	if (!s)
		s = malloc(sizeof(*s));
	pages = 4 + (c[0] >> 3);
	mem_size = pages * GMEM_PAGE - (c[1] & 7) * 512;
	mem = calloc(1, mem_size);
	shadow = malloc(mem_size);
	gmem_flat_init(&g, mem, mem_size);
	cfg.storage_bytes = storage[(c[1] >> 3) & 7];
	cfg.increment_bytes = increment[c[1] >> 6];
	cfg.consoles = c[0] & 3;
	cfg.extended_length = c[0] & 4;
	cfg.ncpus = 1 + c[2] % VSCLP_MAX_CPUS;
	for (unsigned int i = 0; i < cfg.ncpus; i++)
		addrs[i] = (uint16_t)((c[3] & 1) ? 255 - i : i);
	cfg.cpu_addrs = addrs;
	cfg.loadparm = "FUZZ";
	if (vsclp_init(s, &cfg, &ops, NULL)) {
		if (cfg.storage_bytes >= cfg.increment_bytes)
			abort();  /* the only configuration refused here */
		goto out;
	}
	budget = SIZE_MAX;
	run(&in, pages);
out:
	free(mem);
	free(shadow);
	return 0;
}
