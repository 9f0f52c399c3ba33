/*
 * One member's effective configuration: which system this is (from the IPL
 * command line or SYSTEM_IDENTIFIER), its SSI slot and its VMLAN prefixes
 * with z/VM's defaults. The member's statements are the records that apply
 * to it: iterate them with sysconfig_next(sc, member, kind, &iter).
 */
#ifndef PLEXVM_CONFIG_SC_MEMBER_H
#define PLEXVM_CONFIG_SC_MEMBER_H

#include <stdint.h>
#include <stdbool.h>
#include "kernel/config/sysconfig.h"

/* Default USERPREFIX in an SSI cluster; the default MACPREFIX is 02000n for slot n. */
#define SC_DEFAULT_USERPREFIX 0x020000u
#define SC_DEFAULT_MACPREFIX_BASE 0x020000u

struct sc_member {
	char name[SC_NAME_SIZE];
	unsigned slot;			/* SSI slot, 0 when not an SSI member */
	uint32_t macprefix, userprefix;
	uint32_t macprefix_line;	/* VMLAN statement that set it, 0 when defaulted */
	uint32_t userprefix_line;
};

/*
 * Fill *m for system `name`. Returns 0, or -1 when the name is not a system
 * of this SYSTEM CONFIG (neither SYSTEM_IDENTIFIER nor an SSI slot).
 */
int sysconfig_member(const struct sysconfig *sc, const char *name, struct sc_member *m);

/*
 * Which system this is, the way z/VM picks it at IPL: a SYSTEM_IDENTIFIER
 * LPAR entry matching `lpar`, else a machine-type/CPU-id entry matching
 * `model` and `cpuid`, else SYSTEM_IDENTIFIER_DEFAULT. lpar or model may be
 * NULL when unknown. Returns 0 with the name in out, or -1 when nothing matches.
 */
int sysconfig_identify(const struct sysconfig *sc, const char *lpar, const char *model,
		       uint32_t cpuid, char out[SC_NAME_SIZE]);

#endif
