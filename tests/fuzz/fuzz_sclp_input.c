/* libFuzzer: the SCLP read-event-data decoder must never read outside the SCCB. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "arch/s390x/sclp_event.h"

static void sink(void *ctx, enum sclp_input_kind kind, const char *text, size_t len)
{
	volatile char c = 0;

	(void)ctx;
	(void)kind;
	for (size_t i = 0; i < len; i++)
		c ^= text[i];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size heap copy so that any overread is caught by AddressSanitizer. */
	uint8_t *copy = malloc(size ? size : 1);
	char line[300];

	memcpy(copy, data, size);
	sclp_parse_input(copy, size, sink, NULL);
	/* The encoders too: arbitrary text into SCCBs of arbitrary small sizes. */
	if (size > 2) {
		size_t cap = data[0] * 4 + 8;
		uint8_t *sccb = malloc(cap);
		size_t n = size - 1 < sizeof(line) ? size - 1 : sizeof(line);

		memcpy(line, data + 1, n);
		sclp_build_msg_sccb(sccb, cap, line, n);
		sclp_build_vt220_sccb(sccb, cap, line, n);
		free(sccb);
	}
	free(copy);
	return 0;
}
