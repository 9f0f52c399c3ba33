/* Storage size from the command line or the SCLP. */
#include "tests/guests/lib/storage.h"
#include "tests/guests/lib/cmdline.h"
#include "tests/guests/lib/sclp.h"

int storage_size(uint64_t *bytes, const char **source)
{
	struct sclp_info info;
	uint64_t mib;
	int rc = cmdline_u64("mem", &mib);

	if (rc == CMDLINE_FOUND && mib > 0) {
		*bytes = mib << 20;
		*source = "mem=";
		return 0;
	}
	if (rc == CMDLINE_MALFORMED)
		return -1;
	if (sclp_read_info(&info) != 0 || info.storage_bytes == 0)
		return -1;
	*bytes = info.storage_bytes;
	*source = "sclp";
	return 0;
}
