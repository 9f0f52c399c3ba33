/* CRC-32/IEEE (the zlib/Ethernet CRC: reflected, polynomial 0xEDB88320). */
#ifndef PLEXVM_KERNEL_VOL_CRC32_H
#define PLEXVM_KERNEL_VOL_CRC32_H

#include "kernel/compiler.h"

/*
 * Continue a CRC over n more bytes: start with crc = 0, feed the data in any
 * number of pieces, the result is the finished CRC ("123456789" -> 0xCBF43926).
 */
uint32_t vol_crc32(uint32_t crc, const void *data, size_t n);

/* The 256-entry table, exported so that the unit tests can check it. */
extern const uint32_t vol_crc32_table[256];

/*
 * CRC of a block whose 4-byte checksum field at field_off is taken as zero
 * (the field itself is not read). field_off + 4 must not exceed n.
 */
uint32_t vol_crc32_skip_field(const void *block, size_t n, size_t field_off);

#endif
