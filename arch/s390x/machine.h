/* What the machine tells about itself at IPL: storage, processors, identity, facilities. */
#ifndef PLEXVM_ARCH_MACHINE_H
#define PLEXVM_ARCH_MACHINE_H

#include "kernel/compiler.h"
#include "arch/s390x/cpu.h"

#define FACILITY_DWORDS 4

struct machine_info {
	uint64_t storage_size;          /* bytes, from SCLP read SCP info */
	uint64_t increment_size;        /* storage increment in bytes */
	unsigned int ncpus;             /* CPU entries reported by the SCLP */
	uint16_t cpu_address[MAX_CPUS];
	uint8_t cpu_type[MAX_CPUS];     /* 0 = CP, 3 = IFL */
	uint16_t boot_cpu_address;
	uint64_t cpuid;                 /* STIDP */
	uint64_t facilities[FACILITY_DWORDS];
	unsigned int facility_dwords;   /* doublewords the machine reported */
	int config_level;               /* STSI current level: 1 basic, 2 LPAR, 3 VM */
	char manufacturer[17];
	char type[5];
	char model[17];
	char sequence[17];
	char plant[5];
	char lpar_name[9];
	uint16_t lpar_number;
	char hypervisor[17];            /* control program identifier from STSI 3.2.2 */
	char vm_name[9];
	char loadparm[9];
	char sclp_error[64];            /* why read SCP info failed, if it did */
};

extern struct machine_info machine;

/* Gather everything above; needs a working SCLP (synchronous, boot CPU only). */
int machine_detect(void);
static inline bool facility_installed(unsigned int bit)
{
	return bit < 64 * FACILITY_DWORDS &&
	       (machine.facilities[bit / 64] & (1ULL << (63 - bit % 64)));
}
unsigned int facility_count(void);

#endif
