/* Machine detection at IPL: SCLP read SCP info, STIDP, STFLE, STSI. */
#include "arch/s390x/machine.h"
#include "arch/s390x/sclp.h"
#include "arch/s390x/insn.h"
#include "arch/s390x/ebcdic.h"
#include <string.h>
#include <stdio.h>

struct machine_info machine;

static uint8_t info_sccb[SCCB_SIZE] __aligned(4096);
static uint8_t sysib[4096] __aligned(4096);

/* Copy an EBCDIC field as a trimmed ASCII string. */
static void field(char *dst, size_t dst_size, const uint8_t *src, size_t n)
{
	size_t len = MIN(n, dst_size - 1);

	ebcdic_to_ascii(dst, src, len);
	dst[len] = '\0';
	while (len && (dst[len - 1] == ' ' || dst[len - 1] == '\0'))
		dst[--len] = '\0';
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)dst[i] < 0x20 || (unsigned char)dst[i] >= 0x7f)
			dst[i] = '?';
}

static int read_scp_info(void)
{
	static const uint32_t commands[] = { SCLP_CMD_READ_SCP_INFO_FORCED, SCLP_CMD_READ_SCP_INFO };
	struct sclp_read_info *ri = (void *)info_sccb;
	int rc = -1;

	for (unsigned int i = 0; i < ARRAY_SIZE(commands); i++) {
		memset(info_sccb, 0, sizeof(info_sccb));
		ri->h.length = SCCB_SIZE;
		rc = sclp_sync(commands[i], ri, 2000000);
		if (rc == SCLP_RC_NORMAL_READ_COMPLETION || rc == SCLP_RC_NORMAL_COMPLETION)
			break;
	}
	if (rc != SCLP_RC_NORMAL_READ_COMPLETION && rc != SCLP_RC_NORMAL_COMPLETION) {
		snprintf(machine.sclp_error, sizeof(machine.sclp_error),
			 "read SCP info response %#x", (unsigned int)rc);
		return -1;
	}
	machine.increment_size = (uint64_t)(ri->rnsize ? ri->rnsize : ri->rnsize2) << 20;
	machine.storage_size = (ri->rnmax ? ri->rnmax : ri->rnmax2) * machine.increment_size;
	field(machine.loadparm, sizeof(machine.loadparm), ri->loadparm, 8);
	machine.ncpus = 0;
	if (ri->cpuoff >= sizeof(struct sccb_header) &&
	    ri->cpuoff + (size_t)ri->ncpurl * sizeof(struct sclp_cpu_entry) <= SCCB_SIZE) {
		const struct sclp_cpu_entry *e = (const void *)(info_sccb + ri->cpuoff);

		for (unsigned int i = 0; i < ri->ncpurl && machine.ncpus < MAX_CPUS; i++) {
			machine.cpu_address[machine.ncpus] = e[i].address;
			machine.cpu_type[machine.ncpus] = e[i].type;
			machine.ncpus++;
		}
	}
	return 0;
}

static void detect_identity(void)
{
	uint64_t level = 0;

	machine.cpuid = stidp();
	machine.facility_dwords = (unsigned int)stfle(machine.facilities, FACILITY_DWORDS);
	if (machine.facility_dwords > FACILITY_DWORDS)
		machine.facility_dwords = FACILITY_DWORDS;
	if (stsi(sysib, 0, 0, 0, &level) == 0)
		machine.config_level = (int)(level >> 28);
	if (stsi(sysib, 1, 1, 1, NULL) == 0) {
		field(machine.manufacturer, sizeof(machine.manufacturer), sysib + 0x20, 16);
		field(machine.type, sizeof(machine.type), sysib + 0x30, 4);
		field(machine.sequence, sizeof(machine.sequence), sysib + 0x50, 16);
		field(machine.plant, sizeof(machine.plant), sysib + 0x60, 4);
		field(machine.model, sizeof(machine.model), sysib + 0x64, 16);
	}
	if (machine.config_level >= 2 && stsi(sysib, 2, 2, 2, NULL) == 0) {
		machine.lpar_number = (uint16_t)((sysib[0x20] << 8) | sysib[0x21]);
		field(machine.lpar_name, sizeof(machine.lpar_name), sysib + 0x2c, 8);
	}
	if (machine.config_level >= 3 && stsi(sysib, 3, 2, 2, NULL) == 0 && (sysib[31] & 0x0f)) {
		field(machine.vm_name, sizeof(machine.vm_name), sysib + 0x2c, 8);
		field(machine.hypervisor, sizeof(machine.hypervisor), sysib + 0x38, 16);
	}
}

int machine_detect(void)
{
	machine.boot_cpu_address = stap();
	detect_identity();
	if (read_scp_info() != 0)
		return -1;
	if (machine.ncpus == 0) {
		machine.cpu_address[0] = machine.boot_cpu_address;
		machine.ncpus = 1;
	}
	return 0;
}

unsigned int facility_count(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < machine.facility_dwords; i++)
		n += (unsigned int)__builtin_popcountll(machine.facilities[i]);
	return n;
}
