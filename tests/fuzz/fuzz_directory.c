/*
 * libFuzzer harness for the user directory parser: parse the raw bytes and
 * validate them against a fixed SYSTEM CONFIG, then print the whole
 * directory, its digest and every user's effective entry on each member.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "kernel/config/sysconfig.h"
#include "kernel/config/directory.h"
#include "kernel/config/dir_validate.h"
#include "kernel/config/dir_view.h"
#include "kernel/config/dir_print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char config[] =
	"SSI CLU PDR_VOLUME VMCOM1 SLOT 1 MEMBER1 SLOT 2 MEMBER2\n"
	"MEMBER1: ACTIVATE ISLINK 0A00\nMEMBER2: ACTIVATE ISLINK 0B00\n"
	"DEFINE VSWITCH VSW1 RDEV 1000\nRELOCATION_DOMAIN LINUXDOM MEMBERS MEMBER1 MEMBER2\n"
	"SYSTEM_USERIDS OPERATOR OPERATOR\n";

static void sink(void *ctx, const char *line)
{
	size_t *total = ctx;

	*total += strlen(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const members[] = { NULL, "MEMBER1", "MEMBER2", "NOSUCH" };
	struct cfg_errors errs;
	struct sysconfig *sc;
	struct directory *dir;
	char hex[SHA256_HEX_SIZE];
	size_t total = 0;

	cfg_errors_init(&errs);
	sc = sysconfig_load(config, sizeof(config) - 1, "config", &errs);
	dir = directory_load((const char *)data, size, "fuzz", (size & 1) ? sc : NULL, &errs);
	if (dir) {
		directory_print(dir, 0, sink, &total);
		directory_digest_hex(dir, hex);
		for (unsigned i = 0; i < dir->nentries; i++) {
			const struct dir_entry *e = &dir->entries[i];

			if (e->kind != DIR_USER && e->kind != DIR_IDENTITY)
				continue;
			for (size_t m = 0; m < sizeof(members) / sizeof(members[0]); m++) {
				struct dir_view v;

				dir_view_of(&v, dir, e, members[m]);
				dir_view_print(&v, DIR_PRINT_PASSWORDS, sink, &total);
			}
			directory_find_user(dir, e->name);
		}
		directory_free(dir);
	}
	sysconfig_free(sc);
	cfg_errors_free(&errs);
	return 0;
}
