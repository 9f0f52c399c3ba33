/*
 * PlexVM volume geometry: 3390 tracks and cylinders holding 4096-byte blocks.
 *
 *   block b  <->  cylinder b / 180, head (b / 12) % 15, record (b % 12) + 1
 *
 * Cylinder 0 is reserved for the label and the allocation map. On an ECKD
 * volume track 0 (blocks 0-11) holds the IBM label records instead of blocks;
 * on a raw image block 0 holds the label. Block 12 (cylinder 0, head 1,
 * record 1) is the allocation map on both.
 */
#ifndef PLEXVM_KERNEL_VOL_GEOMETRY_H
#define PLEXVM_KERNEL_VOL_GEOMETRY_H

#include "kernel/compiler.h"
#include "kernel/vol/error.h"

#define VOL_BLOCK_SIZE        4096u
#define VOL_BLOCKS_PER_TRACK  12u
#define VOL_TRACKS_PER_CYL    15u
#define VOL_BLOCKS_PER_CYL    (VOL_BLOCKS_PER_TRACK * VOL_TRACKS_PER_CYL) /* 180 */
#define VOL_DEVTYPE_3390      0x3390u
#define VOL_MAP_BLOCK         12u   /* cylinder 0, head 1, record 1 */
#define VOL_MIN_CYLS          2u    /* cylinder 0 plus at least one usable cylinder */
#define VOL_MAX_CYLS          65520u /* largest 3390 without extended addressing */

/* A record address on the volume: cylinder, head (track in cylinder), record. */
struct vol_chr {
	uint32_t cyl;
	uint16_t head;   /* 0..14 */
	uint8_t rec;     /* 1..12 for 4K blocks */
};

void vol_block_to_chr(uint32_t block, struct vol_chr *out);
/* VOL_ERANGE for a head or record number outside the 3390 block layout. */
int vol_chr_to_block(const struct vol_chr *chr, uint32_t *block, struct vol_error *err);

static inline uint32_t vol_cyl_first_block(uint32_t cyl)
{
	return cyl * VOL_BLOCKS_PER_CYL;
}

/* Blocks in count cylinders (64-bit: never overflows). */
static inline uint64_t vol_cyls_blocks(uint64_t count)
{
	return count * VOL_BLOCKS_PER_CYL;
}

/* Bytes of 4K blocks in count cylinders. */
static inline uint64_t vol_cyls_bytes(uint64_t count)
{
	return vol_cyls_blocks(count) * VOL_BLOCK_SIZE;
}

/* Blocks needed to hold length bytes (whole blocks). */
static inline uint64_t vol_bytes_to_blocks(uint64_t length)
{
	return length / VOL_BLOCK_SIZE + (length % VOL_BLOCK_SIZE != 0);
}

/* True for blocks 0-11, on track 0 (the label track). */
static inline bool vol_block_on_label_track(uint32_t block)
{
	return block < VOL_BLOCKS_PER_TRACK;
}

/* Check a cylinder count for a whole volume (VOL_MIN_CYLS..VOL_MAX_CYLS). */
int vol_check_cylinders(uint64_t cyls, struct vol_error *err);

#endif
