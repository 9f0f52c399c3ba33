/* Deterministic test data: the same (seed, block) always gives the same 4 KiB. */
#ifndef PLEXVM_KERNEL_LIB_PATTERN_H
#define PLEXVM_KERNEL_LIB_PATTERN_H

#include "kernel/compiler.h"

void pattern_fill(void *buf, size_t len, uint64_t seed, uint64_t block);
/* FNV-1a 64-bit checksum. */
uint64_t checksum64(const void *buf, size_t len, uint64_t start);
#define CHECKSUM64_INIT 0xcbf29ce484222325ULL

#endif
