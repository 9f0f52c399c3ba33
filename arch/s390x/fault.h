/* What the interruption handlers know about an unexpected fault, for the panic report. */
#ifndef PLEXVM_ARCH_FAULT_H
#define PLEXVM_ARCH_FAULT_H

#include "kernel/compiler.h"
#include "arch/s390x/psw.h"

enum fault_kind {
	FAULT_PROGRAM_CHECK,
	FAULT_MACHINE_CHECK,
	FAULT_SVC,
	FAULT_RESTART,       /* operator restart key */
	FAULT_SOFTWARE,      /* panic() called by the kernel */
};

struct fault_info {
	enum fault_kind kind;
	uint16_t cpu_address;
	uint16_t code;            /* program-interruption or SVC code */
	uint16_t ilc;             /* instruction length code (bytes) */
	uint64_t mcck_code;       /* machine-check interruption code */
	uint64_t trans_exc_code;  /* translation-exception identification */
	struct psw psw;           /* old PSW */
	uint64_t gprs[16];
	bool gprs_valid;
};

typedef void (*fault_handler_t)(const struct fault_info *fi);
/* The kernel installs its panic reporter here; until then faults just stop the CPU. */
void fault_set_handler(fault_handler_t fn);

/* Program-interruption code names for reports. */
const char *program_check_name(uint16_t code);

#endif
