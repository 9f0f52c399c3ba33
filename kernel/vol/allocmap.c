/* Allocation map (block 12): build, check, read and change in place. */
#include "kernel/vol/allocmap.h"
#include "kernel/vol/bytes.h"
#include "kernel/vol/crc32.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const type_names[] = {
	[VOL_EXT_PERM] = "PERM", [VOL_EXT_PAGE] = "PAGE", [VOL_EXT_SPOL] = "SPOL",
	[VOL_EXT_TDSK] = "TDSK", [VOL_EXT_PDR] = "PDR",   [VOL_EXT_DRCT] = "DRCT",
};

const char *vol_extent_type_name(unsigned type)
{
	if (type == 0 || type >= ARRAY_SIZE(type_names))
		return NULL;
	return type_names[type];
}

unsigned vol_extent_type_parse(const char *name)
{
	for (unsigned t = 1; t < ARRAY_SIZE(type_names); t++) {
		if (name && strcasecmp(name, type_names[t]) == 0)
			return t;
	}
	return 0;
}

static bool all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++) {
		if (b[i])
			return false;
	}
	return true;
}

static uint32_t map_crc(const void *block)
{
	return vol_crc32_skip_field(block, VOL_BLOCK_SIZE,
				    offsetof(struct vol_map_header, checksum));
}

void vol_map_seal(void *block)
{
	struct vol_map_block *m = block;

	put_be32(m->hdr.checksum, map_crc(block));
}

int vol_map_format(void *block, size_t len, const char *volser, uint32_t cylinders,
		   uint64_t created_tod, struct vol_error *err)
{
	struct vol_map_block *m = block;
	int rc;

	if (len < VOL_BLOCK_SIZE)
		return vol_fail(err, VOL_ESHORT, "allocation map buffer of %u bytes, need %u",
				(unsigned)len, VOL_BLOCK_SIZE);
	rc = vol_volser_check(volser, err);
	if (rc)
		return rc;
	rc = vol_check_cylinders(cylinders, err);
	if (rc)
		return rc;
	memset(m, 0, VOL_BLOCK_SIZE);
	memcpy(m->hdr.magic, VOL_MAP_MAGIC, 8);
	put_be32(m->hdr.version, VOL_MAP_VERSION);
	vol_field_put_blank(m->hdr.volser, sizeof(m->hdr.volser), volser);
	put_be32(m->hdr.cylinders, cylinders);
	put_be32(m->hdr.block_size, VOL_BLOCK_SIZE);
	put_be16(m->hdr.blocks_per_track, VOL_BLOCKS_PER_TRACK);
	put_be16(m->hdr.tracks_per_cyl, VOL_TRACKS_PER_CYL);
	put_be16(m->hdr.device_type, VOL_DEVTYPE_3390);
	put_be64(m->hdr.created_tod, created_tod);
	memset(m->hdr.owner_cluster, ' ', 8);
	memset(m->hdr.owner_system, ' ', 8);
	vol_map_seal(m);
	return VOL_OK;
}

static void extent_from_rec(const struct vol_map_extent_rec *r, struct vol_extent *e)
{
	size_t n = 0;

	e->type = r->type;
	e->flags = r->flags;
	e->start_cyl = get_be32(r->start_cyl);
	e->cyl_count = get_be32(r->cyl_count);
	while (n < 8 && r->name[n] != ' ')
		n++;
	memcpy(e->name, r->name, n);
	e->name[n] = '\0';
}

/* Checks of one extent against the volume that do not involve other extents. */
static int check_extent(const struct vol_extent *e, uint32_t cylinders, const char *where,
			struct vol_error *err)
{
	uint64_t end = (uint64_t)e->start_cyl + e->cyl_count;

	if (!vol_extent_type_name(e->type))
		return vol_fail(err, VOL_ECORRUPT, "%s: unknown type %u (1-6: PERM PAGE SPOL "
				"TDSK PDR DRCT)", where, e->type);
	if (e->flags)
		return vol_fail(err, VOL_ECORRUPT, "%s: flags 0x%02x set, none are defined",
				where, e->flags);
	if (e->cyl_count == 0)
		return vol_fail(err, VOL_ERANGE, "%s: %s extent at cylinder %u has 0 cylinders",
				where, vol_extent_type_name(e->type),
				(unsigned)e->start_cyl);
	if (e->start_cyl < 1 || end > cylinders)
		return vol_fail(err, VOL_ERANGE,
				"%s: %s cylinders %u-%llu outside 1-%u of the volume", where,
				vol_extent_type_name(e->type), (unsigned)e->start_cyl,
				(unsigned long long)end - 1, (unsigned)cylinders - 1);
	return VOL_OK;
}

static bool overlaps(const struct vol_extent *a, const struct vol_extent *b)
{
	uint64_t a_end = (uint64_t)a->start_cyl + a->cyl_count;
	uint64_t b_end = (uint64_t)b->start_cyl + b->cyl_count;

	return a->start_cyl < b_end && b->start_cyl < a_end;
}

static int overlap_error(struct vol_error *err, const char *what, const struct vol_extent *a,
			 const struct vol_extent *b, unsigned b_idx)
{
	return vol_fail(err, VOL_EOVERLAP,
			"%s (%s cylinders %u-%u) overlaps extent %u (%s cylinders %u-%u)", what,
			vol_extent_type_name(a->type), (unsigned)a->start_cyl,
			(unsigned)(a->start_cyl + a->cyl_count - 1), b_idx,
			vol_extent_type_name(b->type), (unsigned)b->start_cyl,
			(unsigned)(b->start_cyl + b->cyl_count - 1));
}

static int check_owner(const char *cluster, const char *system, int code,
		       struct vol_error *err)
{
	if (!cluster[0] && system[0])
		return vol_fail(err, code, "owner system '%s' without an owner cluster",
				system);
	if (cluster[0] && !system[0])
		return vol_fail(err, code,
				"owner cluster '%s' without an owner system (use %s for a shared "
				"volume)", cluster, VOL_MAP_OWNER_NOSYS);
	return VOL_OK;
}

int vol_map_decode(const void *block, size_t len, struct vol_map_info *info,
		   struct vol_error *err)
{
	const struct vol_map_block *m = block;
	struct vol_map_info tmp;
	uint32_t stored, actual, v;
	unsigned count;
	int rc;

	if (!info)
		info = &tmp;
	if (len < VOL_BLOCK_SIZE)
		return vol_fail(err, VOL_ESHORT, "allocation map of %u bytes, need %u",
				(unsigned)len, VOL_BLOCK_SIZE);
	if (memcmp(m->hdr.magic, VOL_MAP_MAGIC, 8) != 0)
		return vol_fail(err, VOL_ENOTFMT, "no allocation map: magic is "
				"%02x%02x%02x%02x%02x%02x%02x%02x, not \"%s\"",
				(uint8_t)m->hdr.magic[0], (uint8_t)m->hdr.magic[1],
				(uint8_t)m->hdr.magic[2], (uint8_t)m->hdr.magic[3],
				(uint8_t)m->hdr.magic[4], (uint8_t)m->hdr.magic[5],
				(uint8_t)m->hdr.magic[6], (uint8_t)m->hdr.magic[7], VOL_MAP_MAGIC);
	memset(info, 0, sizeof(*info));
	info->version = get_be32(m->hdr.version);
	if (info->version != VOL_MAP_VERSION)
		return vol_fail(err, VOL_EVERSION, "allocation map version %u, this code reads %u",
				(unsigned)info->version, VOL_MAP_VERSION);
	stored = get_be32(m->hdr.checksum);
	actual = map_crc(block);
	if (stored != actual)
		return vol_fail(err, VOL_ECHECKSUM,
				"allocation map checksum is %08x, contents give %08x",
				(unsigned)stored, (unsigned)actual);
	info->checksum = stored;
	if ((v = get_be32(m->hdr.block_size)) != VOL_BLOCK_SIZE)
		return vol_fail(err, VOL_ECORRUPT, "allocation map block size %u, expected %u",
				(unsigned)v, VOL_BLOCK_SIZE);
	if ((v = get_be16(m->hdr.blocks_per_track)) != VOL_BLOCKS_PER_TRACK)
		return vol_fail(err, VOL_ECORRUPT,
				"allocation map has %u blocks per track, expected %u",
				(unsigned)v, VOL_BLOCKS_PER_TRACK);
	if ((v = get_be16(m->hdr.tracks_per_cyl)) != VOL_TRACKS_PER_CYL)
		return vol_fail(err, VOL_ECORRUPT,
				"allocation map has %u tracks per cylinder, expected %u",
				(unsigned)v, VOL_TRACKS_PER_CYL);
	info->device_type = get_be16(m->hdr.device_type);
	if (info->device_type != VOL_DEVTYPE_3390)
		return vol_fail(err, VOL_ECORRUPT, "allocation map device type %04x, expected %04x",
				info->device_type, VOL_DEVTYPE_3390);
	rc = vol_field_get_volser(m->hdr.volser, sizeof(m->hdr.volser), info->volser,
				  "allocation map volser", err);
	if (rc)
		return rc;
	if (!info->volser[0])
		return vol_fail(err, VOL_ECORRUPT, "allocation map volser is blank");
	info->cylinders = get_be32(m->hdr.cylinders);
	if (info->cylinders < VOL_MIN_CYLS || info->cylinders > VOL_MAX_CYLS)
		return vol_fail(err, VOL_ECORRUPT, "allocation map: %u cylinders, not %u-%u",
				(unsigned)info->cylinders, VOL_MIN_CYLS, VOL_MAX_CYLS);
	info->flags = get_be16(m->hdr.flags);
	if (info->flags)
		return vol_fail(err, VOL_ECORRUPT, "allocation map flags %04x set, none are defined",
				info->flags);
	if (!all_zero(m->hdr.reserved, sizeof(m->hdr.reserved)))
		return vol_fail(err, VOL_ECORRUPT, "allocation map reserved header bytes not zero");
	info->created_tod = get_be64(m->hdr.created_tod);
	rc = vol_field_get_name8(m->hdr.owner_cluster, 8, info->owner_cluster, "owner cluster",
				 err);
	if (!rc)
		rc = vol_field_get_name8(m->hdr.owner_system, 8, info->owner_system,
					 "owner system", err);
	if (!rc)
		rc = check_owner(info->owner_cluster, info->owner_system, VOL_ECORRUPT, err);
	if (rc)
		return rc;

	count = get_be16(m->hdr.extent_count);
	if (count > VOL_MAP_MAX_EXTENTS)
		return vol_fail(err, VOL_ECORRUPT, "allocation map extent count %u exceeds %u",
				count, (unsigned)VOL_MAP_MAX_EXTENTS);
	info->extent_count = (uint16_t)count;
	for (unsigned i = 0; i < count; i++) {
		const struct vol_map_extent_rec *r = &m->extent[i];
		struct vol_extent e;
		char where[24];

		snprintf(where, sizeof(where), "extent %u", i);
		extent_from_rec(r, &e);
		rc = check_extent(&e, info->cylinders, where, err);
		if (rc)
			return rc;
		if (!all_zero(r->reserved0, sizeof(r->reserved0)) ||
		    !all_zero(r->reserved1, sizeof(r->reserved1)))
			return vol_fail(err, VOL_ECORRUPT, "%s: reserved bytes not zero", where);
		rc = vol_field_get_name8(r->name, 8, e.name, where, err);
		if (rc)
			return rc;
		for (unsigned j = 0; j < i; j++) {
			struct vol_extent o;

			extent_from_rec(&m->extent[j], &o);
			if (overlaps(&e, &o))
				return overlap_error(err, where, &e, &o, j);
		}
	}
	if (!all_zero(&m->extent[count], (VOL_MAP_MAX_EXTENTS - count) * sizeof(m->extent[0])) ||
	    !all_zero(m->tail, sizeof(m->tail)))
		return vol_fail(err, VOL_ECORRUPT,
				"allocation map: bytes after the %u extents are not zero", count);
	return VOL_OK;
}

int vol_map_get_extent(const void *block, size_t len, unsigned idx, struct vol_extent *out,
		       struct vol_error *err)
{
	const struct vol_map_block *m = block;
	unsigned count;

	if (len < VOL_BLOCK_SIZE)
		return vol_fail(err, VOL_ESHORT, "allocation map of %u bytes, need %u",
				(unsigned)len, VOL_BLOCK_SIZE);
	count = get_be16(m->hdr.extent_count);
	if (idx >= count || idx >= VOL_MAP_MAX_EXTENTS)
		return vol_fail(err, VOL_ENOENT, "no extent %u (the map has %u)", idx, count);
	extent_from_rec(&m->extent[idx], out);
	return VOL_OK;
}

int vol_map_find_extent(const void *block, size_t len, uint32_t start_cyl,
			struct vol_extent *out, struct vol_error *err)
{
	struct vol_map_info info;
	int rc = vol_map_decode(block, len, &info, err);

	if (rc)
		return rc;
	for (unsigned i = 0; i < info.extent_count; i++) {
		vol_map_get_extent(block, len, i, out, NULL);
		if (out->start_cyl == start_cyl)
			return VOL_OK;
	}
	return vol_fail(err, VOL_ENOENT, "no extent starts at cylinder %u", (unsigned)start_cyl);
}

int vol_map_add_extent(void *block, size_t len, const struct vol_extent *ext,
		       struct vol_error *err)
{
	struct vol_map_block *m = block;
	struct vol_map_extent_rec *r;
	struct vol_map_info info;
	unsigned pos;
	int rc;

	rc = vol_map_decode(block, len, &info, err);
	if (rc)
		return rc;
	rc = check_extent(ext, info.cylinders, "new extent", err);
	if (rc)
		return rc;
	if (ext->name[0]) {
		rc = vol_name8_check(ext->name, "extent name", err);
		if (rc)
			return rc;
	}
	pos = info.extent_count;
	for (unsigned i = 0; i < info.extent_count; i++) {
		struct vol_extent o;

		extent_from_rec(&m->extent[i], &o);
		if (overlaps(ext, &o))
			return overlap_error(err, "new extent", ext, &o, i);
		if (o.start_cyl > ext->start_cyl && pos == info.extent_count)
			pos = i;
	}
	if (info.extent_count >= VOL_MAP_MAX_EXTENTS)
		return vol_fail(err, VOL_ENOSPC, "allocation map is full (%u extents)",
				(unsigned)VOL_MAP_MAX_EXTENTS);
	memmove(&m->extent[pos + 1], &m->extent[pos],
		(info.extent_count - pos) * sizeof(m->extent[0]));
	r = &m->extent[pos];
	memset(r, 0, sizeof(*r));
	r->type = ext->type;
	put_be32(r->start_cyl, ext->start_cyl);
	put_be32(r->cyl_count, ext->cyl_count);
	vol_field_put_blank(r->name, sizeof(r->name), ext->name);
	put_be16(m->hdr.extent_count, (uint16_t)(info.extent_count + 1));
	vol_map_seal(m);
	return VOL_OK;
}

int vol_map_remove_extent(void *block, size_t len, uint32_t start_cyl, struct vol_error *err)
{
	struct vol_map_block *m = block;
	struct vol_map_info info;
	int rc;

	rc = vol_map_decode(block, len, &info, err);
	if (rc)
		return rc;
	for (unsigned i = 0; i < info.extent_count; i++) {
		if (get_be32(m->extent[i].start_cyl) != start_cyl)
			continue;
		memmove(&m->extent[i], &m->extent[i + 1],
			(info.extent_count - i - 1u) * sizeof(m->extent[0]));
		memset(&m->extent[info.extent_count - 1], 0, sizeof(m->extent[0]));
		put_be16(m->hdr.extent_count, (uint16_t)(info.extent_count - 1));
		vol_map_seal(m);
		return VOL_OK;
	}
	return vol_fail(err, VOL_ENOENT, "no extent starts at cylinder %u", (unsigned)start_cyl);
}

int vol_map_set_owner(void *block, size_t len, const char *cluster, const char *system,
		      struct vol_error *err)
{
	struct vol_map_block *m = block;
	int rc;

	rc = vol_map_decode(block, len, NULL, err);
	if (rc)
		return rc;
	if (!cluster)
		cluster = "";
	if (!system)
		system = "";
	rc = check_owner(cluster, system, VOL_EINVAL, err);
	if (rc)
		return rc;
	if (cluster[0]) {
		rc = vol_name8_check(cluster, "owner cluster", err);
		if (!rc)
			rc = vol_name8_check(system, "owner system", err);
		if (rc)
			return rc;
	}
	vol_field_put_blank(m->hdr.owner_cluster, 8, cluster);
	vol_field_put_blank(m->hdr.owner_system, 8, system);
	vol_map_seal(m);
	return VOL_OK;
}
