/* Opening a volume and its metadata for the plexvol commands. */
#include "volume.h"
#include "util.h"
#include <string.h>

int volume_open(struct volume *v, const char *path, bool writable)
{
	uint8_t label[VOL_LABEL_LEN];
	struct vol_error err;

	memset(v, 0, sizeof(*v));
	if (bdev_open(&v->bd, path, writable) || bdev_read_label(&v->bd, label))
		return errmsg("%s", v->bd.err);
	if (vol_label_decode(label, sizeof(label), &v->label, &err))
		return errmsg("%s: volume label: %s", path, err.msg);
	v->have_label = true;
	if (bdev_read_block(&v->bd, VOL_MAP_BLOCK, v->map))
		return errmsg("%s (no PlexVM allocation map: plexvol format makes one)",
			      v->bd.err);
	if (vol_map_decode(v->map, sizeof(v->map), &v->info, &err))
		return errmsg("%s: block %u: %s", path, VOL_MAP_BLOCK, err.msg);
	if (strcmp(v->info.volser, v->label.volser) != 0)
		return errmsg("%s: label volser %s differs from allocation map volser %s", path,
			      v->label.volser, v->info.volser);
	if (v->info.cylinders != v->bd.cyls)
		return errmsg("%s: allocation map says %u cylinders, the image has %u", path,
			      v->info.cylinders, v->bd.cyls);
	return 0;
}

int volume_close(struct volume *v)
{
	if (bdev_close(&v->bd))
		return errmsg("%s", v->bd.err);
	return 0;
}

int volume_write_map(struct volume *v)
{
	struct vol_error err;

	if (vol_map_decode(v->map, sizeof(v->map), &v->info, &err))
		return errmsg("%s: internal error, map invalid: %s", v->bd.path, err.msg);
	if (bdev_write_block(&v->bd, VOL_MAP_BLOCK, v->map))
		return errmsg("%s", v->bd.err);
	return 0;
}

int volume_extent(struct volume *v, uint32_t start_cyl, struct vol_extent *e)
{
	struct vol_error err;

	if (vol_map_find_extent(v->map, sizeof(v->map), start_cyl, e, &err))
		return errmsg("%s: %s", v->bd.path, err.msg);
	return 0;
}

int volume_read_dir(struct volume *v, const struct vol_extent *e, uint8_t *dir, bool create,
		    bool *created)
{
	struct vol_error err;
	int rc;

	if (created)
		*created = false;
	if (bdev_read_block(&v->bd, vol_extent_first_block(e), dir))
		return errmsg("%s", v->bd.err);
	rc = vol_fdir_decode(dir, VOL_BLOCK_SIZE, vol_extent_blocks(e), NULL, &err);
	if (rc == VOL_ENOTFMT && create) {
		for (unsigned i = 0; i < VOL_BLOCK_SIZE; i++) {
			if (dir[i])
				return errmsg("%s: the first block of the extent at cylinder %u (block "
					      "%u) holds data that is not a file directory; not "
					      "overwriting it (plexvol write-block %s %u /dev/null "
					      "clears it)", v->bd.path, e->start_cyl,
					      vol_extent_first_block(e), v->bd.path,
					      vol_extent_first_block(e));
		}
		vol_fdir_format(dir, VOL_BLOCK_SIZE, NULL);
		if (created)
			*created = true;
		return 0;
	}
	if (rc == VOL_ENOTFMT)
		return errmsg("%s: the %s extent at cylinder %u has no file directory",
			      v->bd.path, vol_extent_type_name(e->type), e->start_cyl);
	if (rc)
		return errmsg("%s: file directory of the extent at cylinder %u: %s", v->bd.path,
			      e->start_cyl, err.msg);
	return 0;
}

int volume_write_dir(struct volume *v, const struct vol_extent *e, const uint8_t *dir)
{
	struct vol_error err;

	if (vol_fdir_decode(dir, VOL_BLOCK_SIZE, vol_extent_blocks(e), NULL, &err))
		return errmsg("%s: internal error, directory invalid: %s", v->bd.path, err.msg);
	if (bdev_write_block(&v->bd, vol_extent_first_block(e), dir))
		return errmsg("%s", v->bd.err);
	return 0;
}
