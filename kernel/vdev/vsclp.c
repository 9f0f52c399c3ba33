/*
 * The guest SCLP: configuration, and SERVC itself - the checks on the SCCB
 * address and length, the copy in and out of guest storage, the dispatch to the
 * commands (vsclp_info.c, vsclp_mask.c, vsclp_write.c, vsclp_read.c) and the
 * request left in progress by a full console. See vsclp.h.
 */
#include "kernel/vdev/vsclp_internal.h"
#include "arch/s390x/ebcdic.h"
#include <string.h>

#define LOWCORE_BYTES 0x2000ULL

static bool power_of_two(uint64_t v) { return v && !(v & (v - 1)); }

static int set_storage(struct vsclp *s, const struct vsclp_config *cfg)
{
	uint64_t inc = cfg->increment_bytes;

	if (!inc) {
		inc = MiB(1);
		while (cfg->storage_bytes / inc > 0xffff)
			inc <<= 1;
	}
	if (!power_of_two(inc) || inc < MiB(1) || (inc >> 20) > 0xffffffffULL ||
	    cfg->storage_bytes < inc)
		return -1;
	s->rnsize_mib = (uint32_t)(inc >> 20);
	s->rnmax = cfg->storage_bytes / inc;
	return 0;
}

static int set_cpus(struct vsclp *s, const struct vsclp_config *cfg)
{
	if (cfg->ncpus == 0 || cfg->ncpus > VSCLP_MAX_CPUS)
		return -1;
	s->ncpus = (uint16_t)cfg->ncpus;
	s->hcpua = 0;
	for (unsigned int i = 0; i < cfg->ncpus; i++) {
		uint16_t a = cfg->cpu_addrs ? cfg->cpu_addrs[i] : (uint16_t)i;

		if (a > 0xff)
			return -1;
		for (unsigned int j = 0; j < i; j++)
			if (s->cpu_addr[j] == a)
				return -1;
		s->cpu_addr[i] = (uint8_t)a;
		if (a > s->hcpua)
			s->hcpua = a;
	}
	s->cpu_type = cfg->cpu_type;
	return 0;
}

int vsclp_init(struct vsclp *s, const struct vsclp_config *cfg,
	       const struct vsclp_console_ops *ops, void *ctx)
{
	size_t n = 0;

	memset(s, 0, sizeof(*s));
	if (set_storage(s, cfg) || set_cpus(s, cfg))
		return -1;
	memset(s->loadparm, 0x40, sizeof(s->loadparm));
	if (cfg->loadparm) {
		while (n < sizeof(s->loadparm) && cfg->loadparm[n])
			n++;
		ascii_to_ebcdic(s->loadparm, cfg->loadparm, n);
	}
	s->consoles = cfg->consoles & (VSCLP_CON_LINEMODE | VSCLP_CON_VT220);
	s->extended_length = cfg->extended_length;
	s->ops = ops;
	s->ctx = ctx;
	s->cp500 = cfg->cp500;
	return 0;
}

void vsclp_reset(struct vsclp *s)
{
	s->cp_receive_mask = 0;
	s->cp_send_mask = 0;
	s->mask_length = 0;
	s->busy = false;
	s->busy_sccb = 0;
	s->out_done = 0;
	s->quiesce_pending = false;
}

static bool known_command(uint32_t cmd)
{
	switch (cmd) {
	case VSCLP_CMD_READ_CPU_INFO:
	case VSCLP_CMD_READ_SCP_INFO:
	case VSCLP_CMD_READ_SCP_INFO_FORCED:
	case VSCLP_CMD_WRITE_EVENT_DATA:
	case VSCLP_CMD_READ_EVENT_DATA:
	case VSCLP_CMD_WRITE_EVENT_MASK:
		return true;
	default:
		return false;
	}
}

/* Only read SCP info and read CPU info may use an extended-length SCCB. */
static bool may_cross_page(const struct vsclp *s, uint32_t cmd)
{
	return s->extended_length &&
	       (cmd == VSCLP_CMD_READ_SCP_INFO || cmd == VSCLP_CMD_READ_SCP_INFO_FORCED ||
		cmd == VSCLP_CMD_READ_CPU_INFO);
}

static bool crosses_page(uint64_t sccb, uint16_t len)
{
	return (sccb & (GMEM_PAGE - 1)) + len > GMEM_PAGE;
}

static uint32_t completion_param(const struct vsclp *s, uint64_t sccb)
{
	return (uint32_t)sccb | (vsclp_event_pending(s) ? VSCLP_EXT_EVENT_PENDING : 0);
}

/* Store only the response code (the header is known to be in storage). */
static int respond_only(const struct gmem *g, uint64_t sccb, uint16_t rc)
{
	uint8_t b[2];

	gmem_put16(b, rc);
	return gmem_write(g, sccb + VSCLP_OFF(vsclp_sccb_header, response_code), b, 2);
}

/* Run a write-event-data request on the copy; on completion store it. 1: done, 0: blocked, <0: error. */
static int run_write(struct vsclp *s, const struct gmem *g, uint64_t sccb, size_t n)
{
	if (!vsclp_write_event_data(s, s->sccb, n))
		return 0;
	s->out_done = 0;
	return gmem_write(g, sccb, s->sccb, n) ? -1 : 1;
}

int vsclp_service_call(struct vsclp *s, const struct gmem *g, uint32_t command,
		       uint64_t sccb, uint32_t *ext_param)
{
	uint32_t cmd = command & VSCLP_CMD_MASK;
	uint8_t hdr[sizeof(struct vsclp_sccb_header)];
	uint16_t len;
	size_t n;

	*ext_param = 0;
	if (!gmem_valid(g, sccb, sizeof(hdr)))
		return -VSCLP_PGM_ADDRESSING;
	if ((sccb & ~0x7ffffff8ULL) || sccb < LOWCORE_BYTES)
		return -VSCLP_PGM_SPECIFICATION;
	if (s->busy)
		return 2;
	if (gmem_read(g, sccb, hdr, sizeof(hdr)))
		return -VSCLP_PGM_ADDRESSING;
	len = vsclp_sccb_length(hdr);
	if (len < sizeof(hdr))
		return -VSCLP_PGM_SPECIFICATION;

	if (!known_command(cmd) || (crosses_page(sccb, len) && !may_cross_page(s, cmd))) {
		if (respond_only(g, sccb, known_command(cmd) ? VSCLP_RC_BOUNDARY_VIOLATION
							      : VSCLP_RC_INVALID_COMMAND))
			return -VSCLP_PGM_ADDRESSING;
		*ext_param = completion_param(s, sccb);
		return 0;
	}
	if (!gmem_valid(g, sccb, len))
		return -VSCLP_PGM_ADDRESSING;
	n = MIN(len, (size_t)VSCLP_SCCB_MAX);
	if (gmem_read(g, sccb, s->sccb, n))
		return -VSCLP_PGM_ADDRESSING;

	switch (cmd) {
	case VSCLP_CMD_READ_SCP_INFO:
	case VSCLP_CMD_READ_SCP_INFO_FORCED:
		vsclp_read_scp_info(s, s->sccb, n);
		break;
	case VSCLP_CMD_READ_CPU_INFO:
		vsclp_read_cpu_info(s, s->sccb, n);
		break;
	case VSCLP_CMD_WRITE_EVENT_MASK:
		vsclp_write_event_mask(s, s->sccb, n);
		break;
	case VSCLP_CMD_READ_EVENT_DATA:
		vsclp_read_event_data(s, s->sccb, n);
		break;
	case VSCLP_CMD_WRITE_EVENT_DATA:
		s->out_done = 0;
		switch (run_write(s, g, sccb, n)) {
		case 0:
			s->busy = true;
			s->busy_sccb = sccb;
			return 0;
		case 1:
			*ext_param = completion_param(s, sccb);
			return 0;
		default:
			return -VSCLP_PGM_ADDRESSING;
		}
	}
	if (gmem_write(g, sccb, s->sccb, n))
		return -VSCLP_PGM_ADDRESSING;
	*ext_param = completion_param(s, sccb);
	return 0;
}

bool vsclp_resume(struct vsclp *s, const struct gmem *g, uint32_t *ext_param)
{
	uint64_t sccb = s->busy_sccb;
	uint8_t hdr[sizeof(struct vsclp_sccb_header)];
	uint16_t len;
	int rc = -1;

	*ext_param = 0;
	if (!s->busy)
		return false;
	/*
	 * The SCCB belongs to the SCLP until the request completes, but a guest may
	 * still have changed it: check its length again. Its header was valid at
	 * SERVC, so a bad length can at least be answered there.
	 */
	if (gmem_read(g, sccb, hdr, sizeof(hdr)) == 0) {
		len = vsclp_sccb_length(hdr);
		if (len < sizeof(hdr) || crosses_page(sccb, len) || !gmem_valid(g, sccb, len))
			rc = respond_only(g, sccb, VSCLP_RC_INSUFFICIENT_LENGTH) ? -1 : 1;
		else if (gmem_read(g, sccb, s->sccb, len) == 0)
			rc = run_write(s, g, sccb, len);
	}
	if (rc == 0)
		return false;
	/* Completed, or storage went away under the request: end it either way. */
	s->busy = false;
	s->busy_sccb = 0;
	s->out_done = 0;
	if (rc < 0)
		return false;
	*ext_param = completion_param(s, sccb);
	return true;
}
