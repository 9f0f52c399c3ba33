/*
 * The file directory of an extent: the extent's first block lists up to 63
 * files stored in the extent's following blocks (a guest's kernel, initrd and
 * parameter line on a minidisk). Files occupy whole blocks, in order of their
 * start block, without overlap; a file's CRC-32 covers its length bytes.
 * Block numbers in the directory are relative to the extent's first block.
 *
 * As with the allocation map, the 4096-byte block buffer is the in-memory form.
 */
#ifndef PLEXVM_KERNEL_VOL_FILEDIR_H
#define PLEXVM_KERNEL_VOL_FILEDIR_H

#include "kernel/compiler.h"
#include "kernel/vol/error.h"
#include "kernel/vol/geometry.h"

#define VOL_FDIR_MAGIC     "PLXFDIR1"
#define VOL_FDIR_VERSION   1u
#define VOL_FILE_NAME_MAX  32u

struct vol_fdir_header {
	char magic[8];           /* 0x00 "PLXFDIR1" (ASCII) */
	uint8_t version[4];      /* 0x08 u32: 1 */
	uint8_t checksum[4];     /* 0x0c u32: CRC-32 of the block with this field zero */
	uint8_t entry_count[4];  /* 0x10 u32 */
	uint8_t reserved[12];    /* 0x14 zero */
} __packed;                      /* 0x20 */
_Static_assert(sizeof(struct vol_fdir_header) == 32, "file directory header");

struct vol_fdir_entry_rec {
	char name[32];           /* 0x00 ASCII, NUL-padded (all 32 may be used) */
	uint8_t start_block[4];  /* 0x20 u32: relative to the extent's first block, >= 1 */
	uint8_t length[8];       /* 0x24 u64: bytes */
	uint8_t crc32[4];        /* 0x2c u32: CRC-32 of the file's length bytes */
	uint8_t reserved[16];    /* 0x30 zero */
} __packed;                      /* 0x40 */
_Static_assert(sizeof(struct vol_fdir_entry_rec) == 64, "file directory entry");

#define VOL_FDIR_MAX_FILES \
	((VOL_BLOCK_SIZE - sizeof(struct vol_fdir_header)) / sizeof(struct vol_fdir_entry_rec))

struct vol_fdir_block {
	struct vol_fdir_header hdr;                           /* 0x000 */
	struct vol_fdir_entry_rec entry[VOL_FDIR_MAX_FILES];  /* 0x020 */
	uint8_t tail[VOL_BLOCK_SIZE - sizeof(struct vol_fdir_header)
		     - VOL_FDIR_MAX_FILES * sizeof(struct vol_fdir_entry_rec)]; /* 0xfe0 zero */
} __packed;
_Static_assert(sizeof(struct vol_fdir_block) == VOL_BLOCK_SIZE, "file directory block");
_Static_assert(VOL_FDIR_MAX_FILES == 63, "files per directory");

struct vol_fdir_info {
	uint32_t version;
	uint32_t checksum;
	uint32_t count;
	uint32_t used_blocks;    /* the directory block plus the files' blocks */
};

/* One file in host form. */
struct vol_file {
	char name[VOL_FILE_NAME_MAX + 1];
	uint32_t start_block;    /* relative to the extent's first block */
	uint64_t length;         /* bytes */
	uint32_t crc32;
};

static inline uint64_t vol_file_blocks(const struct vol_file *f)
{
	return vol_bytes_to_blocks(f->length);
}

/* A file name: 1-32 printable ASCII characters without blanks (0x21-0x7e). */
int vol_file_name_check(const char *name, struct vol_error *err);

/* Build an empty directory in block (len >= 4096). */
int vol_fdir_format(void *block, size_t len, struct vol_error *err);

/*
 * Check a directory block for an extent of extent_blocks blocks: magic,
 * version, checksum, count, names (valid, unique), ranges (start >= 1, whole
 * blocks inside the extent), order and overlap, zero reserved and unused
 * bytes. info may be NULL.
 */
int vol_fdir_decode(const void *block, size_t len, uint32_t extent_blocks,
		    struct vol_fdir_info *info, struct vol_error *err);

/* Entry idx (0-based, in start-block order) of a checked directory. */
int vol_fdir_get(const void *block, size_t len, unsigned idx, struct vol_file *out,
		 struct vol_error *err);

/* Check the directory and find a file by name (VOL_ENOENT if absent). */
int vol_fdir_lookup(const void *block, size_t len, uint32_t extent_blocks, const char *name,
		    struct vol_file *out, struct vol_error *err);

/*
 * Choose the start block for a new version of file name of length bytes: the
 * first gap that fits, leaving any old version of name intact when possible
 * (so that the directory can be switched over after the data is written);
 * otherwise the old version's blocks count as free. VOL_ENOSPC when neither
 * fits or the directory is full.
 */
int vol_fdir_place(const void *block, size_t len, uint32_t extent_blocks, const char *name,
		   uint64_t length, uint32_t *start, struct vol_error *err);

/*
 * Add a file (replacing a file of the same name), keeping start-block order;
 * checks name, range and overlap and re-seals the checksum.
 */
int vol_fdir_add(void *block, size_t len, uint32_t extent_blocks, const struct vol_file *f,
		 struct vol_error *err);

/* Remove a file by name. */
int vol_fdir_remove(void *block, size_t len, uint32_t extent_blocks, const char *name,
		    struct vol_error *err);

/* Recompute and store the checksum. */
void vol_fdir_seal(void *block);

#endif
