/* Cluster-wide SYSTEM CONFIG digest over the canonical form. */
#include "kernel/config/sc_digest.h"
#include "kernel/config/sc_print.h"
#include <string.h>

static void hash_line(void *ctx, const char *line)
{
	struct sha256 *s = ctx;

	sha256_update(s, line, strlen(line));
	sha256_update(s, "\n", 1);
}

void sysconfig_digest(const struct sysconfig *sc, uint8_t out[SHA256_SIZE])
{
	struct sha256 s;

	sha256_init(&s);
	hash_line(&s, SC_DIGEST_VERSION_LINE);
	sysconfig_print(sc, SC_PRINT_CLUSTER, NULL, hash_line, &s);
	sha256_final(&s, out);
}

void sysconfig_digest_hex(const struct sysconfig *sc, char out[SHA256_HEX_SIZE])
{
	uint8_t d[SHA256_SIZE];

	sysconfig_digest(sc, d);
	sha256_hex(d, out);
}
