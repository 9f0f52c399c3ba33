/*
 * libFuzzer harness for the SYSTEM CONFIG parser: parse the raw bytes, then
 * run everything the hypervisor and plexcfg run on a parsed file (validation
 * of every member, effective views, canonical output, digest, identification).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "kernel/config/sysconfig.h"
#include "kernel/config/sc_validate.h"
#include "kernel/config/sc_member.h"
#include "kernel/config/sc_print.h"
#include "kernel/config/sc_digest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sink(void *ctx, const char *line)
{
	size_t *total = ctx;

	*total += strlen(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cfg_errors errs;
	struct sysconfig *sc;
	char hex[SHA256_HEX_SIZE], name[SC_NAME_SIZE];
	size_t total = 0;

	cfg_errors_init(&errs);
	sc = sysconfig_load((const char *)data, size, "fuzz", &errs);
	if (sc) {
		sysconfig_print(sc, SC_PRINT_ALL, NULL, sink, &total);
		sysconfig_print(sc, SC_PRINT_CLUSTER, NULL, sink, &total);
		for (unsigned i = 0; i < sc->nsys; i++) {
			struct sc_member m;

			sysconfig_validate(sc, sc->sys[i].name, &errs);
			sysconfig_member(sc, sc->sys[i].name, &m);
			sysconfig_print(sc, SC_PRINT_MEMBER, sc->sys[i].name, sink, &total);
		}
		sysconfig_digest_hex(sc, hex);
		sysconfig_identify(sc, "LP01", "2964", 0x0A1B2C, name);
		sysconfig_free(sc);
	}
	cfg_errors_sort(&errs);
	for (unsigned i = 0; i < errs.count; i++) {
		char line[CFG_FILE_NAME_MAX + CFG_MSG_MAX + 32];

		cfg_error_format(&errs.v[i], line, sizeof(line));
	}
	cfg_errors_free(&errs);
	return 0;
}
