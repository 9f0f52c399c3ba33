/* An open PlexVM volume: image, label and checked allocation map. */
#ifndef PLEXVOL_VOLUME_H
#define PLEXVOL_VOLUME_H

#include "bdev.h"
#include "kernel/vol/allocmap.h"
#include "kernel/vol/filedir.h"
#include "kernel/vol/label.h"

struct volume {
	struct bdev bd;
	struct vol_label label;
	bool have_label;         /* label decoded (even if the map is not usable) */
	uint8_t map[VOL_BLOCK_SIZE];
	struct vol_map_info info;
};

/* Open the image, decode its label and map, check they agree with the image. */
int volume_open(struct volume *v, const char *path, bool writable);
int volume_close(struct volume *v);

/* Validate and write back the in-memory map. */
int volume_write_map(struct volume *v);

/* The extent starting at start_cyl. */
int volume_extent(struct volume *v, uint32_t start_cyl, struct vol_extent *e);

/*
 * Read an extent's directory block into dir. With create, an extent whose
 * first block is all zeros (never used) gets an empty directory in memory
 * (*created set); other data there, or a damaged directory, is an error.
 */
int volume_read_dir(struct volume *v, const struct vol_extent *e, uint8_t *dir, bool create,
		    bool *created);
int volume_write_dir(struct volume *v, const struct vol_extent *e, const uint8_t *dir);

#endif
