/*
 * libFuzzer harness for the IPL bundle reader, as the hypervisor uses it on
 * its initial ramdisk: check, list, find both files and parse them. Also
 * writes a bundle from the input and requires the reader to accept it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/config/bundle.h"
#include "kernel/config/sysconfig.h"
#include "kernel/config/directory.h"
#include "kernel/config/dir_validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_back(const uint8_t *data, size_t size)
{
	const void *cfg, *dir;
	size_t clen, dlen;
	struct bundle_info info;
	int n = bundle_count(data, size);

	for (int i = 0; i < n; i++)
		if (bundle_entry(data, size, (unsigned)i, &info) != BUNDLE_OK ||
		    info.offset + info.size > size)
			abort();
	if (bundle_find(data, size, BUNDLE_SYSTEM_CONFIG, &cfg, &clen) == BUNDLE_OK &&
	    bundle_find(data, size, BUNDLE_USER_DIRECT, &dir, &dlen) == BUNDLE_OK) {
		struct cfg_errors errs;
		struct sysconfig *sc;

		cfg_errors_init(&errs);
		sc = sysconfig_load(cfg, clen, BUNDLE_SYSTEM_CONFIG, &errs);
		directory_free(directory_load(dir, dlen, BUNDLE_USER_DIRECT, sc, &errs));
		sysconfig_free(sc);
		cfg_errors_free(&errs);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bundle_item items[2] = {
		{ BUNDLE_SYSTEM_CONFIG, data, size / 2 },
		{ BUNDLE_USER_DIRECT, data + size / 2, size - size / 2 },
	};
	size_t need, written;
	uint8_t *out;

	read_back(data, size);
	need = bundle_size(items, 2);
	out = need ? malloc(need) : NULL;
	if (!out || bundle_write(out, need, items, 2, &written) != BUNDLE_OK ||
	    bundle_check(out, written) != BUNDLE_OK)
		abort();
	free(out);
	return 0;
}
