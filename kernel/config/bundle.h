/*
 * The IPL configuration bundle: SYSTEM CONFIG and USER DIRECT in one
 * self-describing blob, passed to the hypervisor as its initial ramdisk.
 * All integers are big-endian.
 *
 *   offset size  header (56 bytes)
 *   0      8     magic "PLEXBNDL"
 *   8      4     version (1)
 *   12     4     header size (56)
 *   16     4     entry count (1..BUNDLE_MAX_ENTRIES)
 *   20     4     total size of the bundle in bytes (the ramdisk may be longer)
 *   24     32    SHA-256 of header and entry table, this field taken as zeros
 *
 *   56 + 80*i    entry i (80 bytes)
 *   0      32    name: 1..31 printable ASCII characters, NUL-padded
 *   32     4     offset of the data from the start of the bundle
 *   36     4     size of the data
 *   40     32    SHA-256 of the data
 *   72     8     reserved, zero
 *
 * Data follows the table (the writer aligns each to 8 bytes, zero padding).
 * The reader checks everything against the buffer length before use:
 * sizes, bounds, overlapping data, names, reserved bytes and checksums.
 */
#ifndef PLEXVM_CONFIG_BUNDLE_H
#define PLEXVM_CONFIG_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#define BUNDLE_MAGIC "PLEXBNDL"
#define BUNDLE_VERSION 1
#define BUNDLE_HEADER_SIZE 56
#define BUNDLE_ENTRY_SIZE 80
#define BUNDLE_MAX_ENTRIES 32
#define BUNDLE_NAME_MAX 31
#define BUNDLE_ALIGN 8

/* Entry names used by plexcfg and the IPL code. */
#define BUNDLE_SYSTEM_CONFIG "SYSTEM CONFIG"
#define BUNDLE_USER_DIRECT "USER DIRECT"

enum bundle_status {
	BUNDLE_OK = 0,
	BUNDLE_E_SHORT = -1,		/* buffer shorter than the bundle says */
	BUNDLE_E_MAGIC = -2,
	BUNDLE_E_VERSION = -3,
	BUNDLE_E_HEADER = -4,		/* bad header size, count or total size */
	BUNDLE_E_HEADER_CHECKSUM = -5,
	BUNDLE_E_ENTRY = -6,		/* bad name, bounds, overlap or reserved bytes */
	BUNDLE_E_DUPLICATE = -7,	/* two entries with one name */
	BUNDLE_E_CHECKSUM = -8,		/* data does not match its SHA-256 */
	BUNDLE_E_NOT_FOUND = -9,
	BUNDLE_E_NOSPACE = -10,		/* writer: output buffer too small */
	BUNDLE_E_ARG = -11,		/* writer: bad name, count or size */
};

struct bundle_item {
	const char *name;
	const void *data;
	size_t len;
};

struct bundle_info {
	char name[BUNDLE_NAME_MAX + 1];
	size_t offset, size;
};

/* Validate the whole bundle in buf[0, len), checksums included. Returns BUNDLE_OK or an error. */
int bundle_check(const void *buf, size_t len);

/* Number of entries of a valid bundle, or a negative error. */
int bundle_count(const void *buf, size_t len);

/* Entry `index` of a valid bundle. */
int bundle_entry(const void *buf, size_t len, unsigned index, struct bundle_info *info);

/* Validate the bundle, then find entry `name`: *data points into buf. */
int bundle_find(const void *buf, size_t len, const char *name, const void **data,
		size_t *data_len);

/* Bytes bundle_write needs for these items, or 0 when they cannot be bundled. */
size_t bundle_size(const struct bundle_item *items, unsigned count);

/* Write a bundle of `count` items into out[0, cap); *written gets its size. */
int bundle_write(void *out, size_t cap, const struct bundle_item *items, unsigned count,
		 size_t *written);

const char *bundle_strerror(int status);

#endif
