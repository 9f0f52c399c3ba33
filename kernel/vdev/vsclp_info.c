/*
 * READ SCP INFO and READ CPU INFO: the guest's storage (increment size and
 * count) and its CPUs, as Linux's sclp_early.c and sclp_cmd.c parse them.
 * Optional facilities all read as absent (no SIE features for nested guests,
 * no ESCA, no adapter interruptions, no CPU or memory reconfiguration); the
 * only SCLP facility offered is READ CPU INFO.
 */
#include "kernel/vdev/vsclp_internal.h"
#include <string.h>

/* CPU entries start at this fixed offset (what a 4 KiB SCCB without extended
   length uses; Linux reads bytes 134.. only when cpuoff is above 134). */
#define INFO_CPU_OFFSET sizeof(struct vsclp_read_info)
#define CPU_INFO_OFFSET sizeof(struct vsclp_read_cpu_info)

_Static_assert(sizeof(struct vsclp_read_info) + VSCLP_MAX_CPUS * sizeof(struct vsclp_cpu_entry) <=
	       VSCLP_SCCB_MAX, "read info with every CPU fits one page");

/*
 * Whether the SCCB can hold `need` bytes; if not, answer "insufficient length"
 * and, where extended-length SCCBs exist, store the length that would do.
 */
static bool long_enough(const struct vsclp *s, uint8_t *sccb, size_t n, size_t need)
{
	if (vsclp_sccb_length(sccb) >= need && n >= need)
		return true;
	if (s->extended_length)
		gmem_put16(sccb + VSCLP_OFF(vsclp_sccb_header, length), (uint16_t)need);
	vsclp_respond(sccb, VSCLP_RC_INSUFFICIENT_LENGTH);
	return false;
}

static void put_cpu_entries(const struct vsclp *s, uint8_t *p)
{
	for (unsigned int i = 0; i < s->ncpus; i++, p += sizeof(struct vsclp_cpu_entry)) {
		memset(p, 0, sizeof(struct vsclp_cpu_entry));
		p[VSCLP_OFF(vsclp_cpu_entry, address)] = s->cpu_addr[i];
		p[VSCLP_OFF(vsclp_cpu_entry, type)] = s->cpu_type;
	}
}

void vsclp_read_scp_info(struct vsclp *s, uint8_t *sccb, size_t n)
{
	size_t need = INFO_CPU_OFFSET + s->ncpus * sizeof(struct vsclp_cpu_entry);

	if (!long_enough(s, sccb, n, need))
		return;
	memset(sccb + sizeof(struct vsclp_sccb_header), 0, need - sizeof(struct vsclp_sccb_header));
	if (s->rnmax <= 0xffff) {
		gmem_put16(sccb + VSCLP_OFF(vsclp_read_info, rnmax), (uint16_t)s->rnmax);
	} else {
		gmem_put64(sccb + VSCLP_OFF(vsclp_read_info, rnmax2), s->rnmax);
	}
	if (s->rnsize_mib <= 128)
		sccb[VSCLP_OFF(vsclp_read_info, rnsize)] = (uint8_t)s->rnsize_mib;
	else
		gmem_put32(sccb + VSCLP_OFF(vsclp_read_info, rnsize2), s->rnsize_mib);
	gmem_put16(sccb + VSCLP_OFF(vsclp_read_info, ncpurl), s->ncpus);
	gmem_put16(sccb + VSCLP_OFF(vsclp_read_info, cpuoff), (uint16_t)INFO_CPU_OFFSET);
	memcpy(sccb + VSCLP_OFF(vsclp_read_info, loadparm), s->loadparm, sizeof(s->loadparm));
	gmem_put64(sccb + VSCLP_OFF(vsclp_read_info, facilities), VSCLP_FAC_CPU_INFO);
	gmem_put16(sccb + VSCLP_OFF(vsclp_read_info, hcpua), s->hcpua);
	put_cpu_entries(s, sccb + INFO_CPU_OFFSET);
	vsclp_respond(sccb, VSCLP_RC_NORMAL_READ);
}

void vsclp_read_cpu_info(struct vsclp *s, uint8_t *sccb, size_t n)
{
	size_t need = CPU_INFO_OFFSET + s->ncpus * sizeof(struct vsclp_cpu_entry);

	if (!long_enough(s, sccb, n, need))
		return;
	memset(sccb + sizeof(struct vsclp_sccb_header), 0, need - sizeof(struct vsclp_sccb_header));
	gmem_put16(sccb + VSCLP_OFF(vsclp_read_cpu_info, nr_configured), s->ncpus);
	gmem_put16(sccb + VSCLP_OFF(vsclp_read_cpu_info, offset_configured), (uint16_t)CPU_INFO_OFFSET);
	gmem_put16(sccb + VSCLP_OFF(vsclp_read_cpu_info, nr_standby), 0);
	gmem_put16(sccb + VSCLP_OFF(vsclp_read_cpu_info, offset_standby), (uint16_t)need);
	put_cpu_entries(s, sccb + CPU_INFO_OFFSET);
	vsclp_respond(sccb, VSCLP_RC_NORMAL_READ);
}
