/*
 * Digest of the cluster-wide part of a SYSTEM CONFIG: SHA-256 over the
 * canonical text (sc_print.h) of the unqualified statements, in file order,
 * each line ending in a newline, after a version line. Comments, blanks,
 * case, continuations and member-qualified statements do not change it.
 */
#ifndef PLEXVM_CONFIG_SC_DIGEST_H
#define PLEXVM_CONFIG_SC_DIGEST_H

#include <stdint.h>
#include "kernel/config/sysconfig.h"
#include "kernel/config/sha256.h"

#define SC_DIGEST_VERSION_LINE "PLEXVM SYSTEM CONFIG DIGEST 1"

void sysconfig_digest(const struct sysconfig *sc, uint8_t out[SHA256_SIZE]);
void sysconfig_digest_hex(const struct sysconfig *sc, char out[SHA256_HEX_SIZE]);

#endif
