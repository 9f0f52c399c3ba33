/*
 * The PlexVM allocation map: block 12 (cylinder 0, head 1, record 1) of a
 * volume. It says who owns the volume (the CP-owned marking) and how its
 * cylinders 1..cylinders-1 are divided into extents (PERM, PAGE, SPOL, TDSK,
 * PDR, DRCT). All multi-byte fields are big-endian.
 *
 * The 4096-byte block is the in-memory form too: the functions below check,
 * read and change a block buffer in place, so no large decoded copy exists.
 */
#ifndef PLEXVM_KERNEL_VOL_ALLOCMAP_H
#define PLEXVM_KERNEL_VOL_ALLOCMAP_H

#include "kernel/compiler.h"
#include "kernel/vol/error.h"
#include "kernel/vol/geometry.h"
#include "kernel/vol/names.h"

#define VOL_MAP_MAGIC        "PLXVMAP1"
#define VOL_MAP_VERSION      1u
#define VOL_MAP_OWNER_NOSYS  "NOSYS"   /* owner system of a shared cluster volume */

struct vol_map_header {
	char magic[8];                /* 0x00 "PLXVMAP1" (ASCII) */
	uint8_t version[4];           /* 0x08 u32: 1 */
	uint8_t checksum[4];          /* 0x0c u32: CRC-32 of the block with this field zero */
	char volser[8];               /* 0x10 ASCII, blank-padded */
	uint8_t cylinders[4];         /* 0x18 u32: cylinders on the volume */
	uint8_t block_size[4];        /* 0x1c u32: 4096 */
	uint8_t blocks_per_track[2];  /* 0x20 u16: 12 */
	uint8_t tracks_per_cyl[2];    /* 0x22 u16: 15 */
	uint8_t device_type[2];       /* 0x24 u16: 0x3390 */
	uint8_t flags[2];             /* 0x26 u16: none defined, zero */
	uint8_t extent_count[2];      /* 0x28 u16 */
	uint8_t reserved[6];          /* 0x2a zero */
	uint8_t created_tod[8];       /* 0x30 u64: TOD clock at format time */
	char owner_cluster[8];        /* 0x38 ASCII, blank-padded; blank = not owned */
	char owner_system[8];         /* 0x40 ASCII, blank-padded; "NOSYS" = whole cluster */
} __packed;                           /* 0x48 */
_Static_assert(sizeof(struct vol_map_header) == 72, "allocation map header");

struct vol_map_extent_rec {
	uint8_t type;                 /* 0x00 enum vol_extent_type */
	uint8_t flags;                /* 0x01 none defined, zero */
	uint8_t reserved0[2];         /* 0x02 zero */
	uint8_t start_cyl[4];         /* 0x04 u32 */
	uint8_t cyl_count[4];         /* 0x08 u32 */
	char name[8];                 /* 0x0c ASCII, blank-padded (owner or purpose) */
	uint8_t reserved1[4];         /* 0x14 zero */
} __packed;                           /* 0x18 */
_Static_assert(sizeof(struct vol_map_extent_rec) == 24, "allocation map extent");

#define VOL_MAP_MAX_EXTENTS \
	((VOL_BLOCK_SIZE - sizeof(struct vol_map_header)) / sizeof(struct vol_map_extent_rec))

struct vol_map_block {
	struct vol_map_header hdr;                             /* 0x000 */
	struct vol_map_extent_rec extent[VOL_MAP_MAX_EXTENTS]; /* 0x048 */
	uint8_t tail[VOL_BLOCK_SIZE - sizeof(struct vol_map_header)
		     - VOL_MAP_MAX_EXTENTS * sizeof(struct vol_map_extent_rec)]; /* 0xff0 zero */
} __packed;
_Static_assert(sizeof(struct vol_map_block) == VOL_BLOCK_SIZE, "allocation map block");
_Static_assert(VOL_MAP_MAX_EXTENTS == 167, "extents per map");

enum vol_extent_type {
	VOL_EXT_PERM = 1,   /* minidisk space */
	VOL_EXT_PAGE = 2,   /* paging */
	VOL_EXT_SPOL = 3,   /* spool */
	VOL_EXT_TDSK = 4,   /* temporary disks */
	VOL_EXT_PDR  = 5,   /* persistent data record area */
	VOL_EXT_DRCT = 6,   /* directory */
};

/* The header of a checked map, in host form. */
struct vol_map_info {
	char volser[VOL_VOLSER_MAX + 1];
	uint32_t version;
	uint32_t checksum;
	uint32_t cylinders;
	uint16_t device_type;
	uint16_t flags;
	uint16_t extent_count;
	uint64_t created_tod;
	char owner_cluster[VOL_NAME8_MAX + 1];   /* "" = not owned */
	char owner_system[VOL_NAME8_MAX + 1];
};

/* One extent in host form. */
struct vol_extent {
	uint8_t type;
	uint8_t flags;
	uint32_t start_cyl;
	uint32_t cyl_count;
	char name[VOL_NAME8_MAX + 1];            /* may be "" */
};

/* "PERM", "PAGE", ... or NULL. */
const char *vol_extent_type_name(unsigned type);
/* Type from its name (case-insensitive), or 0. */
unsigned vol_extent_type_parse(const char *name);

/* Blocks in an extent, and its first absolute block. */
static inline uint32_t vol_extent_blocks(const struct vol_extent *e)
{
	return e->cyl_count * VOL_BLOCKS_PER_CYL;
}
static inline uint32_t vol_extent_first_block(const struct vol_extent *e)
{
	return vol_cyl_first_block(e->start_cyl);
}

/*
 * Build an empty map (no extents, not owned) in block (len >= 4096 bytes).
 */
int vol_map_format(void *block, size_t len, const char *volser, uint32_t cylinders,
		   uint64_t created_tod, struct vol_error *err);

/*
 * Check everything in a map block and return its header: magic, version,
 * checksum, geometry fields, names, extent types, ranges (inside cylinders
 * 1..cylinders-1), overlaps, zero reserved fields and unused space.
 * info may be NULL.
 */
int vol_map_decode(const void *block, size_t len, struct vol_map_info *info,
		   struct vol_error *err);

/* Extent idx (0-based, in start-cylinder order) of a checked map. */
int vol_map_get_extent(const void *block, size_t len, unsigned idx, struct vol_extent *out,
		       struct vol_error *err);

/* The extent starting at start_cyl of a checked map (VOL_ENOENT if none). */
int vol_map_find_extent(const void *block, size_t len, uint32_t start_cyl,
			struct vol_extent *out, struct vol_error *err);

/*
 * Add an extent to a valid map, keeping the table in start-cylinder order;
 * checks type, flags, name, range and overlap and re-seals the checksum.
 */
int vol_map_add_extent(void *block, size_t len, const struct vol_extent *ext,
		       struct vol_error *err);

/* Remove the extent starting at start_cyl. */
int vol_map_remove_extent(void *block, size_t len, uint32_t start_cyl, struct vol_error *err);

/*
 * Set the owner (cluster and system, 1-8 characters each), or clear it with
 * both "" or NULL. A cluster volume shared by all members has system "NOSYS".
 */
int vol_map_set_owner(void *block, size_t len, const char *cluster, const char *system,
		      struct vol_error *err);

/* Recompute and store the checksum (after a change made by hand, e.g. in tests). */
void vol_map_seal(void *block);

#endif
