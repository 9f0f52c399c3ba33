/*
 * libFuzzer: the allocation map decoder on arbitrary bytes must never read
 * outside its buffer, and the editing functions must keep a valid map valid.
 * Each input is decoded as it is (exact-size heap copy), then as a 4096-byte
 * block with its checksum repaired so that the checks behind it are reached.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/vol/allocmap.h"

static uint32_t take32(const uint8_t *data, size_t size, size_t off)
{
	uint32_t v = 0;

	for (size_t i = 0; i < 4; i++)
		v = v << 8 | (off + i < size ? data[off + i] : 0);
	return v;
}

static void must_be_valid(const uint8_t *blk)
{
	struct vol_error err;

	if (vol_map_decode(blk, VOL_BLOCK_SIZE, NULL, &err) != VOL_OK)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	uint8_t *blk = malloc(VOL_BLOCK_SIZE);
	struct vol_map_info info;
	struct vol_extent e;
	struct vol_error err;
	/* Parameters for the editing calls come from the bytes after the block. */
	uint32_t p0 = take32(data, size, VOL_BLOCK_SIZE);
	uint32_t p1 = take32(data, size, VOL_BLOCK_SIZE + 4);

	memcpy(copy, data, size);
	vol_map_decode(copy, size, &info, &err);
	vol_map_get_extent(copy, size, p0 & 0xff, &e, &err);

	memset(blk, 0, VOL_BLOCK_SIZE);
	memcpy(blk, data, size < VOL_BLOCK_SIZE ? size : VOL_BLOCK_SIZE);
	vol_map_seal(blk);
	if (vol_map_decode(blk, VOL_BLOCK_SIZE, &info, &err) == VOL_OK) {
		for (unsigned i = 0; i < info.extent_count; i++) {
			if (vol_map_get_extent(blk, VOL_BLOCK_SIZE, i, &e, &err) != VOL_OK)
				__builtin_trap();
		}
		e.type = (uint8_t)(p0 >> 24);
		e.flags = 0;
		e.start_cyl = p0 & 0xffff;
		e.cyl_count = p1 & 0xffff;
		memcpy(e.name, "FUZZ", 5);
		if (vol_map_add_extent(blk, VOL_BLOCK_SIZE, &e, &err) == VOL_OK) {
			must_be_valid(blk);
			if (vol_map_find_extent(blk, VOL_BLOCK_SIZE, e.start_cyl, &e, &err) != VOL_OK)
				__builtin_trap();
		}
		if (vol_map_remove_extent(blk, VOL_BLOCK_SIZE, p1 >> 16, &err) == VOL_OK)
			must_be_valid(blk);
		if (vol_map_set_owner(blk, VOL_BLOCK_SIZE, (p1 & 1) ? "CLUSTER" : "",
				      (p1 & 1) ? "NOSYS" : "", &err) == VOL_OK)
			must_be_valid(blk);
	}
	free(blk);
	free(copy);
	return 0;
}
