/*
 * libFuzzer: the file directory decoder on arbitrary bytes must never read
 * outside its buffer; place/add/remove must keep a valid directory valid, and
 * a start block chosen by place must be accepted by add.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/vol/filedir.h"

static uint64_t take(const uint8_t *data, size_t size, size_t off, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n; i++)
		v = v << 8 | (off + i < size ? data[off + i] : 0);
	return v;
}

static void must_be_valid(const uint8_t *blk, uint32_t extent_blocks)
{
	struct vol_error err;

	if (vol_fdir_decode(blk, VOL_BLOCK_SIZE, extent_blocks, NULL, &err) != VOL_OK)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t extents[4] = { 1, 10, 180, 65519u * 180 };
	uint8_t *copy = malloc(size ? size : 1);
	uint8_t *blk = malloc(VOL_BLOCK_SIZE);
	uint64_t sel = take(data, size, VOL_BLOCK_SIZE, 1);
	uint32_t extent_blocks = extents[sel & 3];
	uint64_t length = take(data, size, VOL_BLOCK_SIZE + 1, 8);
	struct vol_fdir_info info;
	struct vol_file f;
	struct vol_error err;
	char name[VOL_FILE_NAME_MAX + 1];
	uint32_t start;

	if ((sel & 4) == 0)
		length &= 0xfffff;  /* mostly sizes that fit */
	memcpy(copy, data, size);
	vol_fdir_decode(copy, size, extent_blocks, &info, &err);
	vol_fdir_get(copy, size, (unsigned)(sel >> 3), &f, &err);
	vol_fdir_lookup(copy, size, extent_blocks, "kernel", &f, &err);

	memset(blk, 0, VOL_BLOCK_SIZE);
	memcpy(blk, data, size < VOL_BLOCK_SIZE ? size : VOL_BLOCK_SIZE);
	vol_fdir_seal(blk);
	if (vol_fdir_decode(blk, VOL_BLOCK_SIZE, extent_blocks, &info, &err) != VOL_OK)
		goto out;
	for (unsigned i = 0; i < info.count; i++) {
		if (vol_fdir_get(blk, VOL_BLOCK_SIZE, i, &f, &err) != VOL_OK)
			__builtin_trap();
		if (vol_fdir_lookup(blk, VOL_BLOCK_SIZE, extent_blocks, f.name, &f, &err) != VOL_OK)
			__builtin_trap();
	}
	/* A name taken from the input (often one that exists), or a new one. */
	memset(name, 0, sizeof(name));
	if (info.count && (sel & 8)) {
		vol_fdir_get(blk, VOL_BLOCK_SIZE, (unsigned)(sel >> 4) % info.count, &f, &err);
		memcpy(name, f.name, sizeof(name));
	} else {
		memcpy(name, "newfile", 8);
	}
	if (vol_fdir_place(blk, VOL_BLOCK_SIZE, extent_blocks, name, length, &start, &err) ==
	    VOL_OK) {
		memset(&f, 0, sizeof(f));
		memcpy(f.name, name, sizeof(name));
		f.start_block = start;
		f.length = length;
		if (vol_fdir_add(blk, VOL_BLOCK_SIZE, extent_blocks, &f, &err) != VOL_OK)
			__builtin_trap();
		must_be_valid(blk, extent_blocks);
	}
	/* add at an arbitrary block: either refused or still valid afterwards */
	memset(&f, 0, sizeof(f));
	memcpy(f.name, "other", 6);
	f.start_block = (uint32_t)take(data, size, VOL_BLOCK_SIZE + 9, 4);
	f.length = length & 0xffff;
	if (vol_fdir_add(blk, VOL_BLOCK_SIZE, extent_blocks, &f, &err) == VOL_OK)
		must_be_valid(blk, extent_blocks);
	if (vol_fdir_remove(blk, VOL_BLOCK_SIZE, extent_blocks, name, &err) == VOL_OK)
		must_be_valid(blk, extent_blocks);
out:
	free(blk);
	free(copy);
	return 0;
}
