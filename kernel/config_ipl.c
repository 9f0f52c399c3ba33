/* Loading SYSTEM CONFIG and the user directory at IPL (see config_ipl.h). */
#include "kernel/config_ipl.h"
#include "kernel/bootparam.h"
#include "kernel/console.h"
#include "kernel/init.h"
#include "kernel/system.h"
#include "kernel/config/bundle.h"
#include "kernel/config/sysconfig.h"
#include "kernel/config/sc_member.h"
#include "kernel/config/sc_digest.h"
#include "kernel/config/dir_validate.h"
#include "kernel/config/cfg_errors.h"
#include "arch/s390x/machine.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MAX_ERRORS_SHOWN 40

struct running_config config;

static void minimal(const char *fmt, const char *arg)
{
	snprintf(config.reason, sizeof(config.reason), fmt, arg);
	config.valid = false;
}

static void report_errors(struct cfg_errors *errs)
{
	char line[200];

	cfg_errors_sort(errs);
	for (unsigned int i = 0; i < errs->count && i < MAX_ERRORS_SHOWN; i++) {
		cfg_error_format(&errs->v[i], line, sizeof(line));
		kprintf("PLXCFG003E %s\n", line);
	}
	if (cfg_errors_total(errs) > MAX_ERRORS_SHOWN)
		kprintf("PLXCFG003E ... and %u more errors\n", cfg_errors_total(errs) - MAX_ERRORS_SHOWN);
}

/* This member: member= on the command line, else SYSTEM_IDENTIFIER for this machine. */
static bool choose_member(void)
{
	const char *param = bootparam_get("member");
	char name[SC_NAME_SIZE];

	if (param && *param) {
		snprintf(name, sizeof(name), "%.8s", param);
		for (char *p = name; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		if (!sysconfig_is_system(config.sc, name)) {
			kprintf("PLXCFG005E member=%s names no system of SYSTEM CONFIG\n", name);
			minimal("member %s is not defined in SYSTEM CONFIG", name);
			return false;
		}
	} else {
		uint32_t serial = (uint32_t)(machine.cpuid >> 32) & 0xffffff;

		if (sysconfig_identify(config.sc, machine.lpar_name, machine.type, serial, name) != 0) {
			kprintf("PLXCFG006E No SYSTEM_IDENTIFIER matches LPAR %s, machine %s serial %06X; "
				"IPL with member=NAME\n", machine.lpar_name[0] ? machine.lpar_name : "(none)",
				machine.type, serial);
			minimal("%s", "this system is not identified by SYSTEM_IDENTIFIER");
			return false;
		}
	}
	snprintf(config.member, sizeof(config.member), "%s", name);
	snprintf(sys.sysname, sizeof(sys.sysname), "%s", name);
	return true;
}

static int config_load(void)
{
	const void *cfg, *dir;
	size_t clen, dlen;
	uint64_t start, size;
	struct cfg_errors errs;
	const struct sc_ssi *ssi;
	int rc;

	if (!bootparam_initrd(&start, &size)) {
		kprintf("PLXCFG001W No configuration bundle was supplied; running without SYSTEM CONFIG "
			"and user directory\n");
		minimal("%s", "no configuration bundle was supplied at IPL");
		return 0;
	}
	if (start >= machine.storage_size || size > machine.storage_size - start) {
		/* main.c did not set the area aside (PLXIPL010W): reading it could end the IPL. */
		kprintf("PLXCFG002E The configuration bundle is not usable: it lies outside storage\n");
		minimal("%s", "the configuration bundle is not usable: it lies outside storage");
		return 0;
	}
	rc = bundle_find((const void *)(uintptr_t)start, size, BUNDLE_SYSTEM_CONFIG, &cfg, &clen);
	if (rc == 0)
		rc = bundle_find((const void *)(uintptr_t)start, size, BUNDLE_USER_DIRECT, &dir, &dlen);
	if (rc != 0) {
		kprintf("PLXCFG002E The configuration bundle is not usable: %s\n", bundle_strerror(rc));
		minimal("the configuration bundle is not usable: %s", bundle_strerror(rc));
		return 0;
	}
	config.config_bytes = clen;
	config.directory_bytes = dlen;
	cfg_errors_init(&errs);
	config.sc = sysconfig_load(cfg, clen, "SYSTEM CONFIG", &errs);
	config.dir = config.sc ? directory_load(dir, dlen, "USER DIRECT", config.sc, &errs) : NULL;
	config.errors = cfg_errors_total(&errs);
	if (!config.sc || !config.dir) {
		kprintf("PLXCFG007E No storage to hold the configuration\n");
		minimal("%s", "no storage to hold the configuration");
		cfg_errors_free(&errs);
		return 0;
	}
	sysconfig_digest_hex(config.sc, config.digest);
	ssi = sysconfig_ssi(config.sc);
	if (ssi)
		snprintf(config.cluster, sizeof(config.cluster), "%s", ssi->name);
	if (config.errors) {
		report_errors(&errs);
		kprintf("PLXCFG004E %u errors in the configuration: running in a minimal state "
			"(no cluster, no guests) until it is corrected\n", config.errors);
		minimal("%s", "the configuration files have errors (see the IPL messages)");
		cfg_errors_free(&errs);
		choose_member();
		return 0;
	}
	cfg_errors_free(&errs);
	if (!choose_member())
		return 0;
	config.valid = true;
	kprintf("PLXCFG010I Configuration loaded: member %s%s%s, %zu-byte SYSTEM CONFIG, "
		"%zu-byte directory\n", config.member, config.cluster[0] ? " of SSI cluster " : "",
		config.cluster, clen, dlen);
	return 0;
}
INITCALL(2, config_load);
