/* Block number <-> cylinder/head/record on the 3390 4K-block layout. */
#include "kernel/vol/geometry.h"

void vol_block_to_chr(uint32_t block, struct vol_chr *out)
{
	out->cyl = block / VOL_BLOCKS_PER_CYL;
	out->head = (uint16_t)(block / VOL_BLOCKS_PER_TRACK % VOL_TRACKS_PER_CYL);
	out->rec = (uint8_t)(block % VOL_BLOCKS_PER_TRACK + 1);
}

int vol_chr_to_block(const struct vol_chr *chr, uint32_t *block, struct vol_error *err)
{
	uint64_t b;

	if (chr->head >= VOL_TRACKS_PER_CYL)
		return vol_fail(err, VOL_ERANGE, "head %u out of range 0-%u",
				chr->head, VOL_TRACKS_PER_CYL - 1);
	if (chr->rec < 1 || chr->rec > VOL_BLOCKS_PER_TRACK)
		return vol_fail(err, VOL_ERANGE, "record %u out of range 1-%u",
				chr->rec, VOL_BLOCKS_PER_TRACK);
	b = (uint64_t)chr->cyl * VOL_BLOCKS_PER_CYL + chr->head * VOL_BLOCKS_PER_TRACK
		+ (chr->rec - 1u);
	if (b > UINT32_MAX)
		return vol_fail(err, VOL_ERANGE, "cylinder %u too large for a block number",
				(unsigned)chr->cyl);
	*block = (uint32_t)b;
	return VOL_OK;
}

int vol_check_cylinders(uint64_t cyls, struct vol_error *err)
{
	if (cyls < VOL_MIN_CYLS || cyls > VOL_MAX_CYLS)
		return vol_fail(err, VOL_ERANGE, "%llu cylinders: a volume has %u to %u",
				(unsigned long long)cyls, VOL_MIN_CYLS, VOL_MAX_CYLS);
	return VOL_OK;
}
