/* File directory of an extent: build, check, look up, place, add, remove. */
#include "kernel/vol/filedir.h"
#include "kernel/vol/bytes.h"
#include "kernel/vol/crc32.h"
#include <string.h>

static bool all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++) {
		if (b[i])
			return false;
	}
	return true;
}

static uint32_t fdir_crc(const void *block)
{
	return vol_crc32_skip_field(block, VOL_BLOCK_SIZE,
				    offsetof(struct vol_fdir_header, checksum));
}

void vol_fdir_seal(void *block)
{
	struct vol_fdir_block *d = block;

	put_be32(d->hdr.checksum, fdir_crc(block));
}

static bool name_char(char c)
{
	return c >= 0x21 && c <= 0x7e;
}

int vol_file_name_check(const char *name, struct vol_error *err)
{
	size_t len;

	if (!name)
		return vol_fail(err, VOL_EINVAL, "file name missing");
	len = strnlen(name, VOL_FILE_NAME_MAX + 1);
	if (len == 0)
		return vol_fail(err, VOL_EINVAL, "file name is empty");
	if (len > VOL_FILE_NAME_MAX)
		return vol_fail(err, VOL_EINVAL, "file name '%.32s...' is longer than %u characters",
				name, VOL_FILE_NAME_MAX);
	for (size_t i = 0; i < len; i++) {
		if (!name_char(name[i]))
			return vol_fail(err, VOL_EINVAL,
					"file name has invalid character 0x%02x at position %u",
					(unsigned char)name[i], (unsigned)i + 1);
	}
	return VOL_OK;
}

int vol_fdir_format(void *block, size_t len, struct vol_error *err)
{
	struct vol_fdir_block *d = block;

	if (len < VOL_BLOCK_SIZE)
		return vol_fail(err, VOL_ESHORT, "file directory buffer of %u bytes, need %u",
				(unsigned)len, VOL_BLOCK_SIZE);
	memset(d, 0, VOL_BLOCK_SIZE);
	memcpy(d->hdr.magic, VOL_FDIR_MAGIC, 8);
	put_be32(d->hdr.version, VOL_FDIR_VERSION);
	vol_fdir_seal(d);
	return VOL_OK;
}

static void file_from_rec(const struct vol_fdir_entry_rec *r, struct vol_file *f)
{
	size_t n = strnlen(r->name, VOL_FILE_NAME_MAX);

	memcpy(f->name, r->name, n);
	f->name[n] = '\0';
	f->start_block = get_be32(r->start_block);
	f->length = get_be64(r->length);
	f->crc32 = get_be32(r->crc32);
}

static void rec_from_file(const struct vol_file *f, struct vol_fdir_entry_rec *r)
{
	memset(r, 0, sizeof(*r));
	memcpy(r->name, f->name, strnlen(f->name, VOL_FILE_NAME_MAX));
	put_be32(r->start_block, f->start_block);
	put_be64(r->length, f->length);
	put_be32(r->crc32, f->crc32);
}

/* First block after the file (64-bit: a corrupt length cannot wrap). */
static uint64_t file_end(const struct vol_file *f)
{
	return f->start_block + vol_file_blocks(f);
}

static int check_name_field(const struct vol_fdir_entry_rec *r, unsigned idx,
			    struct vol_error *err)
{
	size_t n = strnlen(r->name, VOL_FILE_NAME_MAX);

	if (n == 0)
		return vol_fail(err, VOL_ECORRUPT, "file %u has an empty name", idx);
	for (size_t i = 0; i < n; i++) {
		if (!name_char(r->name[i]))
			return vol_fail(err, VOL_ECORRUPT,
					"file %u name has invalid character 0x%02x at offset %u",
					idx, (unsigned char)r->name[i], (unsigned)i);
	}
	if (!all_zero(r->name + n, VOL_FILE_NAME_MAX - n))
		return vol_fail(err, VOL_ECORRUPT, "file %u name '%.*s' is followed by non-NUL bytes",
				idx, (int)n, r->name);
	return VOL_OK;
}

static int check_range(const struct vol_file *f, uint32_t extent_blocks, const char *what,
		       int code, struct vol_error *err)
{
	if (f->start_block < 1 || f->start_block >= extent_blocks)
		return vol_fail(err, code, "%s '%s' starts at block %u, outside 1-%u of the extent",
				what, f->name, (unsigned)f->start_block, (unsigned)extent_blocks - 1);
	if (file_end(f) > extent_blocks)
		return vol_fail(err, code,
				"%s '%s' (%llu bytes at block %u) ends at block %llu, past the "
				"extent's %u blocks", what, f->name, (unsigned long long)f->length,
				(unsigned)f->start_block, (unsigned long long)file_end(f) - 1,
				(unsigned)extent_blocks);
	return VOL_OK;
}

int vol_fdir_decode(const void *block, size_t len, uint32_t extent_blocks,
		    struct vol_fdir_info *info, struct vol_error *err)
{
	const struct vol_fdir_block *d = block;
	struct vol_fdir_info tmp;
	struct vol_file prev = { .name = "" };
	uint32_t stored, actual;
	uint64_t used = 1;
	int rc;

	if (!info)
		info = &tmp;
	if (len < VOL_BLOCK_SIZE)
		return vol_fail(err, VOL_ESHORT, "file directory of %u bytes, need %u",
				(unsigned)len, VOL_BLOCK_SIZE);
	if (extent_blocks < 1)
		return vol_fail(err, VOL_EINVAL, "extent of 0 blocks");
	if (memcmp(d->hdr.magic, VOL_FDIR_MAGIC, 8) != 0)
		return vol_fail(err, VOL_ENOTFMT, "no file directory: magic is not \"%s\"",
				VOL_FDIR_MAGIC);
	memset(info, 0, sizeof(*info));
	info->version = get_be32(d->hdr.version);
	if (info->version != VOL_FDIR_VERSION)
		return vol_fail(err, VOL_EVERSION, "file directory version %u, this code reads %u",
				(unsigned)info->version, VOL_FDIR_VERSION);
	stored = get_be32(d->hdr.checksum);
	actual = fdir_crc(block);
	if (stored != actual)
		return vol_fail(err, VOL_ECHECKSUM,
				"file directory checksum is %08x, contents give %08x",
				(unsigned)stored, (unsigned)actual);
	info->checksum = stored;
	info->count = get_be32(d->hdr.entry_count);
	if (info->count > VOL_FDIR_MAX_FILES)
		return vol_fail(err, VOL_ECORRUPT, "file directory entry count %u exceeds %u",
				(unsigned)info->count, (unsigned)VOL_FDIR_MAX_FILES);
	if (!all_zero(d->hdr.reserved, sizeof(d->hdr.reserved)))
		return vol_fail(err, VOL_ECORRUPT, "file directory reserved header bytes not zero");
	for (unsigned i = 0; i < info->count; i++) {
		const struct vol_fdir_entry_rec *r = &d->entry[i];
		struct vol_file f;

		rc = check_name_field(r, i, err);
		if (rc)
			return rc;
		file_from_rec(r, &f);
		if (!all_zero(r->reserved, sizeof(r->reserved)))
			return vol_fail(err, VOL_ECORRUPT, "file '%s': reserved bytes not zero",
					f.name);
		rc = check_range(&f, extent_blocks, "file", VOL_ERANGE, err);
		if (rc)
			return rc;
		for (unsigned j = 0; j < i; j++) {
			if (strncmp(d->entry[j].name, r->name, VOL_FILE_NAME_MAX) == 0)
				return vol_fail(err, VOL_ECORRUPT, "file '%s' appears twice", f.name);
		}
		if (i > 0 && f.start_block < prev.start_block)
			return vol_fail(err, VOL_ECORRUPT,
					"file '%s' at block %u comes after '%s' at block %u: "
					"entries out of order", f.name, (unsigned)f.start_block,
					prev.name, (unsigned)prev.start_block);
		if (i > 0 && f.start_block < file_end(&prev))
			return vol_fail(err, VOL_EOVERLAP,
					"file '%s' (blocks %u-%llu) overlaps '%s' (blocks %u-%llu)",
					f.name, (unsigned)f.start_block,
					(unsigned long long)file_end(&f) - 1, prev.name,
					(unsigned)prev.start_block,
					(unsigned long long)file_end(&prev) - 1);
		used += vol_file_blocks(&f);
		prev = f;
	}
	if (!all_zero(&d->entry[info->count],
		      (VOL_FDIR_MAX_FILES - info->count) * sizeof(d->entry[0])) ||
	    !all_zero(d->tail, sizeof(d->tail)))
		return vol_fail(err, VOL_ECORRUPT,
				"file directory: bytes after the %u entries are not zero",
				(unsigned)info->count);
	info->used_blocks = (uint32_t)used; /* <= extent_blocks: the files do not overlap */
	return VOL_OK;
}

int vol_fdir_get(const void *block, size_t len, unsigned idx, struct vol_file *out,
		 struct vol_error *err)
{
	const struct vol_fdir_block *d = block;
	uint32_t count;

	if (len < VOL_BLOCK_SIZE)
		return vol_fail(err, VOL_ESHORT, "file directory of %u bytes, need %u",
				(unsigned)len, VOL_BLOCK_SIZE);
	count = get_be32(d->hdr.entry_count);
	if (idx >= count || idx >= VOL_FDIR_MAX_FILES)
		return vol_fail(err, VOL_ENOENT, "no file %u (the directory has %u)", idx,
				(unsigned)count);
	file_from_rec(&d->entry[idx], out);
	return VOL_OK;
}

/* Index of name in a checked directory, or -1. */
static int find(const struct vol_fdir_block *d, uint32_t count, const char *name)
{
	for (uint32_t i = 0; i < count; i++) {
		if (strncmp(d->entry[i].name, name, VOL_FILE_NAME_MAX) == 0)
			return (int)i;
	}
	return -1;
}

int vol_fdir_lookup(const void *block, size_t len, uint32_t extent_blocks, const char *name,
		    struct vol_file *out, struct vol_error *err)
{
	struct vol_fdir_info info;
	int rc, i;

	rc = vol_file_name_check(name, err);
	if (rc)
		return rc;
	rc = vol_fdir_decode(block, len, extent_blocks, &info, err);
	if (rc)
		return rc;
	i = find(block, info.count, name);
	if (i < 0)
		return vol_fail(err, VOL_ENOENT, "file '%s' not found", name);
	file_from_rec(&((const struct vol_fdir_block *)block)->entry[i], out);
	return VOL_OK;
}

/*
 * First gap of blocks blocks in start order, ignoring entry skip (-1: none).
 * An empty file goes into the first real gap (or after the last file), like
 * any other, so that it does not sit at another file's start block.
 */
static bool first_fit(const struct vol_fdir_block *d, uint32_t count, int skip,
		      uint32_t extent_blocks, uint64_t blocks, uint32_t *start)
{
	uint64_t cur = 1;
	uint64_t need = blocks ? blocks : 1;

	for (uint32_t i = 0; i < count; i++) {
		struct vol_file f;

		if ((int)i == skip)
			continue;
		file_from_rec(&d->entry[i], &f);
		if (f.start_block >= cur && f.start_block - cur >= need) {
			*start = (uint32_t)cur;
			return true;
		}
		if (file_end(&f) > cur)
			cur = file_end(&f);
	}
	if (cur < extent_blocks && extent_blocks - cur >= blocks) {
		*start = (uint32_t)cur;
		return true;
	}
	return false;
}

int vol_fdir_place(const void *block, size_t len, uint32_t extent_blocks, const char *name,
		   uint64_t length, uint32_t *start, struct vol_error *err)
{
	const struct vol_fdir_block *d = block;
	struct vol_fdir_info info;
	uint64_t blocks = vol_bytes_to_blocks(length);
	int rc, old;

	rc = vol_file_name_check(name, err);
	if (rc)
		return rc;
	rc = vol_fdir_decode(block, len, extent_blocks, &info, err);
	if (rc)
		return rc;
	old = find(d, info.count, name);
	if (old < 0 && info.count >= VOL_FDIR_MAX_FILES)
		return vol_fail(err, VOL_ENOSPC, "file directory is full (%u files)",
				(unsigned)VOL_FDIR_MAX_FILES);
	if (first_fit(d, info.count, -1, extent_blocks, blocks, start))
		return VOL_OK;
	if (old >= 0 && first_fit(d, info.count, old, extent_blocks, blocks, start))
		return VOL_OK;
	if (blocks == 0 && extent_blocks > 1) {
		/* A full extent still takes an empty file: before the first file. */
		*start = 1;
		return VOL_OK;
	}
	return vol_fail(err, VOL_ENOSPC,
			"no room for '%s' (%llu bytes, %llu blocks) in an extent of %u blocks "
			"with %u in use", name, (unsigned long long)length,
			(unsigned long long)blocks, (unsigned)extent_blocks,
			(unsigned)info.used_blocks);
}

int vol_fdir_add(void *block, size_t len, uint32_t extent_blocks, const struct vol_file *f,
		 struct vol_error *err)
{
	struct vol_fdir_block *d = block;
	struct vol_fdir_info info;
	uint32_t count, pos;
	int rc, old;

	rc = vol_file_name_check(f->name, err);
	if (rc)
		return rc;
	rc = vol_fdir_decode(block, len, extent_blocks, &info, err);
	if (rc)
		return rc;
	rc = check_range(f, extent_blocks, "new file", VOL_ERANGE, err);
	if (rc)
		return rc;
	count = info.count;
	old = find(d, count, f->name);
	if (old < 0 && count >= VOL_FDIR_MAX_FILES)
		return vol_fail(err, VOL_ENOSPC, "file directory is full (%u files)",
				(unsigned)VOL_FDIR_MAX_FILES);
	/* Where it goes in start order, and its neighbours there (the old version aside). */
	pos = 0;
	for (uint32_t i = 0; i < count; i++) {
		struct vol_file o;

		if ((int)i == old)
			continue;
		file_from_rec(&d->entry[i], &o);
		if (o.start_block > f->start_block ||
		    (o.start_block == f->start_block && f->length == 0))
			break;
		pos = i + 1;
	}
	for (uint32_t i = 0; i < count; i++) {
		struct vol_file o;
		bool before;

		if ((int)i == old)
			continue;
		file_from_rec(&d->entry[i], &o);
		before = i < pos;
		if ((before && file_end(&o) > f->start_block) ||
		    (!before && file_end(f) > o.start_block))
			return vol_fail(err, VOL_EOVERLAP,
					"new file '%s' (blocks %u-%llu) overlaps '%s' (blocks %u-%llu)",
					f->name, (unsigned)f->start_block,
					(unsigned long long)file_end(f) - 1, o.name,
					(unsigned)o.start_block, (unsigned long long)file_end(&o) - 1);
	}
	/* Drop the old version, then open a slot at pos (adjusted for the removal). */
	if (old >= 0) {
		memmove(&d->entry[old], &d->entry[old + 1],
			(count - (uint32_t)old - 1) * sizeof(d->entry[0]));
		count--;
		memset(&d->entry[count], 0, sizeof(d->entry[0]));
		if ((uint32_t)old < pos)
			pos--;
	}
	memmove(&d->entry[pos + 1], &d->entry[pos], (count - pos) * sizeof(d->entry[0]));
	rec_from_file(f, &d->entry[pos]);
	put_be32(d->hdr.entry_count, count + 1);
	vol_fdir_seal(d);
	return VOL_OK;
}

int vol_fdir_remove(void *block, size_t len, uint32_t extent_blocks, const char *name,
		    struct vol_error *err)
{
	struct vol_fdir_block *d = block;
	struct vol_fdir_info info;
	int rc, i;

	rc = vol_file_name_check(name, err);
	if (rc)
		return rc;
	rc = vol_fdir_decode(block, len, extent_blocks, &info, err);
	if (rc)
		return rc;
	i = find(d, info.count, name);
	if (i < 0)
		return vol_fail(err, VOL_ENOENT, "file '%s' not found", name);
	memmove(&d->entry[i], &d->entry[i + 1],
		(info.count - (uint32_t)i - 1) * sizeof(d->entry[0]));
	memset(&d->entry[info.count - 1], 0, sizeof(d->entry[0]));
	put_be32(d->hdr.entry_count, info.count - 1);
	vol_fdir_seal(d);
	return VOL_OK;
}
