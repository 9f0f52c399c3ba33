/* plexvol put, get, ls and rm: files in an extent's file directory. */
#include "cmds.h"
#include "util.h"
#include "volume.h"
#include "kernel/vol/crc32.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --extent START[:COUNT] */
static int parse_extent_ref(const char *spec, bool count_allowed, uint32_t *start,
			    uint32_t *count)
{
	char buf[32], *colon;

	*count = 0;
	if (!spec)
		return usage_error("--extent START%s is required", count_allowed ? "[:COUNT]" : "");
	snprintf(buf, sizeof(buf), "%s", spec);
	colon = strchr(buf, ':');
	if (colon) {
		*colon = '\0';
		if (!count_allowed)
			return usage_error("--extent %s: expected START", spec);
		if (!parse_u32(colon + 1, count) || *count == 0)
			return usage_error("--extent %s: bad cylinder count", spec);
	}
	if (strlen(spec) >= sizeof(buf) || !parse_u32(buf, start))
		return usage_error("--extent %s: bad start cylinder", spec);
	return 0;
}

static bool holds_files(const struct vol_extent *e)
{
	return e->type == VOL_EXT_PERM || e->type == VOL_EXT_DRCT;
}

/* Open the volume and find (for put: maybe add) the extent. */
static int open_extent(struct volume *v, struct opts *o, bool writable, bool count_allowed,
		       struct vol_extent *e)
{
	uint32_t start, count;
	struct vol_error err;
	int rc;

	if ((rc = parse_extent_ref(o->extent, count_allowed, &start, &count)))
		return rc;
	if (volume_open(v, o->pos[0], writable))
		return -1;
	if (vol_map_find_extent(v->map, sizeof(v->map), start, e, NULL) == VOL_OK) {
		if (count && e->cyl_count != count)
			return errmsg("%s: the extent at cylinder %u has %u cylinders, not %u",
				      o->pos[0], start, e->cyl_count, count);
	} else if (count) {
		struct vol_extent add = { .type = VOL_EXT_PERM, .start_cyl = start,
					  .cyl_count = count };

		if (vol_map_add_extent(v->map, sizeof(v->map), &add, &err))
			return errmsg("%s: cannot add PERM extent %u:%u: %s", o->pos[0], start,
				      count, err.msg);
		if (volume_write_map(v))
			return -1;
		*e = add;
		fprintf(stderr, "plexvol: added PERM extent at cylinders %u-%u\n", start,
			start + count - 1);
	} else {
		return volume_extent(v, start, e);
	}
	if (!holds_files(e))
		return errmsg("%s: the extent at cylinder %u is %s; files go in PERM or DRCT "
			      "extents", o->pos[0], start, vol_extent_type_name(e->type));
	return 0;
}

/* Write length bytes of data at relative block start of the extent. */
static int write_data(struct volume *v, const struct vol_extent *e, uint32_t start,
		      const uint8_t *data, size_t length)
{
	uint8_t blk[VOL_BLOCK_SIZE];
	uint32_t first = vol_extent_first_block(e) + start;

	for (size_t off = 0, b = 0; off < length; off += VOL_BLOCK_SIZE, b++) {
		size_t n = length - off < VOL_BLOCK_SIZE ? length - off : VOL_BLOCK_SIZE;

		memcpy(blk, data + off, n);
		memset(blk + n, 0, VOL_BLOCK_SIZE - n);
		if (bdev_write_block(&v->bd, first + (uint32_t)b, blk))
			return errmsg("%s", v->bd.err);
	}
	return 0;
}

int cmd_put(struct opts *o)
{
	struct volume v;
	struct vol_extent e;
	struct vol_error err;
	uint8_t dir[VOL_BLOCK_SIZE];
	bool created;
	int rc = -1;

	if (o->npos < 3 || (o->npos - 1) % 2)
		return usage_error("put: expected FILE --extent START[:COUNT] NAME INPUT "
				   "[NAME INPUT]...");
	for (int i = 1; i < o->npos; i += 2) {
		if (vol_file_name_check(o->pos[i], &err))
			return usage_error("put: '%s': %s", o->pos[i], err.msg);
	}
	if ((rc = open_extent(&v, o, true, true, &e)))
		goto out;
	rc = -1;
	if (volume_read_dir(&v, &e, dir, true, &created))
		goto out;
	if (created)
		fprintf(stderr, "plexvol: new file directory in the extent at cylinder %u\n",
			e.start_cyl);
	for (int i = 1; i < o->npos; i += 2) {
		const char *name = o->pos[i], *input = o->pos[i + 1];
		struct vol_file f = { 0 };
		uint8_t *data;
		size_t len;
		int bad;

		if (read_file(input, &data, &len))
			goto out;
		strcpy(f.name, name);
		f.length = len;
		f.crc32 = vol_crc32(0, data, len);
		bad = vol_fdir_place(dir, sizeof(dir), vol_extent_blocks(&e), name, len,
				     &f.start_block, &err) ||
		      vol_fdir_add(dir, sizeof(dir), vol_extent_blocks(&e), &f, &err);
		if (bad) {
			free(data);
			errmsg("%s: %s: %s", o->pos[0], name, err.msg);
			goto out;
		}
		/* Data first, then the directory that points at it. */
		bad = write_data(&v, &e, f.start_block, data, len) || volume_write_dir(&v, &e, dir);
		free(data);
		if (bad)
			goto out;
		printf("%s: %llu bytes at block %u of the extent, crc32 %08x\n", name,
		       (unsigned long long)f.length, f.start_block, f.crc32);
	}
	rc = 0;
out:
	if (volume_close(&v))
		rc = -1;
	return rc;
}

int cmd_get(struct opts *o)
{
	struct volume v;
	struct vol_extent e;
	struct vol_file f;
	struct vol_error err;
	uint8_t dir[VOL_BLOCK_SIZE], blk[VOL_BLOCK_SIZE];
	const char *out_path;
	uint32_t crc = 0;
	FILE *out = NULL;
	int rc;

	if (o->npos != 3)
		return usage_error("get: expected FILE --extent START NAME OUTPUT");
	out_path = o->pos[2];
	if ((rc = open_extent(&v, o, false, false, &e)) || (rc = -1, volume_read_dir(&v, &e, dir, false, NULL)))
		goto fail;
	if (vol_fdir_lookup(dir, sizeof(dir), vol_extent_blocks(&e), o->pos[1], &f, &err)) {
		errmsg("%s: extent at cylinder %u: %s", o->pos[0], e.start_cyl, err.msg);
		goto fail;
	}
	out = strcmp(out_path, "-") ? fopen(out_path, "wb") : stdout;
	if (!out) {
		errmsg("%s: %s", out_path, strerror(errno));
		goto fail;
	}
	for (uint64_t off = 0, b = 0; off < f.length; off += VOL_BLOCK_SIZE, b++) {
		size_t n = f.length - off < VOL_BLOCK_SIZE ? (size_t)(f.length - off) : VOL_BLOCK_SIZE;

		if (bdev_read_block(&v.bd, vol_extent_first_block(&e) + f.start_block + (uint32_t)b,
				    blk)) {
			errmsg("%s", v.bd.err);
			goto fail;
		}
		crc = vol_crc32(crc, blk, n);
		if (fwrite(blk, 1, n, out) != n) {
			errmsg("%s: %s", out_path, strerror(errno));
			goto fail;
		}
	}
	if (crc != f.crc32) {
		errmsg("%s: file '%s' is damaged: its data gives crc32 %08x, the directory says "
		       "%08x", o->pos[0], f.name, crc, f.crc32);
		goto fail;
	}
	if (out != stdout && fclose(out)) {
		out = NULL;
		errmsg("%s: %s", out_path, strerror(errno));
		goto fail;
	}
	if (out == stdout && fflush(stdout)) {
		errmsg("stdout: %s", strerror(errno));
		out = NULL;
		goto fail;
	}
	return volume_close(&v);
fail:
	if (out && out != stdout)
		fclose(out);
	if (out && out != stdout)
		unlink(out_path);  /* no partial or damaged output */
	volume_close(&v);
	return rc ? rc : -1;
}

int cmd_ls(struct opts *o)
{
	struct volume v;
	struct vol_extent e;
	struct vol_fdir_info info;
	uint8_t dir[VOL_BLOCK_SIZE];
	int rc;

	if (o->npos != 1)
		return usage_error("ls: expected FILE --extent START");
	if ((rc = open_extent(&v, o, false, false, &e)) || (rc = volume_read_dir(&v, &e, dir, false, NULL))) {
		volume_close(&v);
		return rc;
	}
	vol_fdir_decode(dir, sizeof(dir), vol_extent_blocks(&e), &info, NULL);
	printf("%s extent %s cylinders %u-%u: %u blocks, %u in use, %u files\n",
	       vol_extent_type_name(e.type), e.name[0] ? e.name : "(no name)", e.start_cyl,
	       e.start_cyl + e.cyl_count - 1, vol_extent_blocks(&e), info.used_blocks, info.count);
	printf("%-32s %8s %8s %12s %8s\n", "NAME", "START", "BLOCKS", "BYTES", "CRC32");
	for (unsigned i = 0; i < info.count; i++) {
		struct vol_file f;

		vol_fdir_get(dir, sizeof(dir), i, &f, NULL);
		printf("%-32s %8u %8llu %12llu %08x\n", f.name, f.start_block,
		       (unsigned long long)vol_file_blocks(&f), (unsigned long long)f.length, f.crc32);
	}
	return volume_close(&v);
}

int cmd_rm(struct opts *o)
{
	struct volume v;
	struct vol_extent e;
	struct vol_error err;
	uint8_t dir[VOL_BLOCK_SIZE];
	int rc;

	if (o->npos < 2)
		return usage_error("rm: expected FILE --extent START NAME...");
	if ((rc = open_extent(&v, o, true, false, &e)) || (rc = volume_read_dir(&v, &e, dir, false, NULL)))
		goto out;
	for (int i = 1; i < o->npos; i++) {
		if (vol_fdir_remove(dir, sizeof(dir), vol_extent_blocks(&e), o->pos[i], &err)) {
			rc = errmsg("%s: %s", o->pos[0], err.msg);
			goto out;
		}
	}
	rc = volume_write_dir(&v, &e, dir);
out:
	if (volume_close(&v))
		rc = -1;
	return rc;
}
