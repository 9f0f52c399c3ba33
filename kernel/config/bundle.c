/* IPL bundle reader and writer (format in bundle.h). */
#include "kernel/config/bundle.h"
#include "kernel/config/sha256.h"
#include <stdbool.h>
#include <string.h>

#define OFF_MAGIC 0
#define OFF_VERSION 8
#define OFF_HEADER_SIZE 12
#define OFF_COUNT 16
#define OFF_TOTAL 20
#define OFF_HEADER_SHA 24
#define ENT_NAME 0
#define ENT_OFFSET 32
#define ENT_SIZE 36
#define ENT_SHA 40
#define ENT_RESERVED 72

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void header_digest(const uint8_t *b, size_t table_end, uint8_t out[SHA256_SIZE])
{
	static const uint8_t zeros[SHA256_SIZE];
	struct sha256 s;

	sha256_init(&s);
	sha256_update(&s, b, OFF_HEADER_SHA);
	sha256_update(&s, zeros, sizeof(zeros));
	sha256_update(&s, b + BUNDLE_HEADER_SIZE, table_end - BUNDLE_HEADER_SIZE);
	sha256_final(&s, out);
}

static bool name_valid(const uint8_t *n)
{
	size_t len = 0;

	while (len < BUNDLE_NAME_MAX + 1 && n[len])
		len++;
	if (len == 0 || len > BUNDLE_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (n[i] < 0x20 || n[i] > 0x7e)
			return false;
	for (size_t i = len; i < BUNDLE_NAME_MAX + 1; i++)
		if (n[i])
			return false;
	return true;
}

/* Header and entry table only (no data checksums). */
static int check_structure(const uint8_t *b, size_t len, uint32_t *count, uint32_t *total)
{
	uint8_t digest[SHA256_SIZE];
	size_t table_end;

	if (!b || len < BUNDLE_HEADER_SIZE)
		return BUNDLE_E_SHORT;
	if (memcmp(b + OFF_MAGIC, BUNDLE_MAGIC, 8) != 0)
		return BUNDLE_E_MAGIC;
	if (get32(b + OFF_VERSION) != BUNDLE_VERSION)
		return BUNDLE_E_VERSION;
	*count = get32(b + OFF_COUNT);
	*total = get32(b + OFF_TOTAL);
	if (get32(b + OFF_HEADER_SIZE) != BUNDLE_HEADER_SIZE || *count == 0 ||
	    *count > BUNDLE_MAX_ENTRIES)
		return BUNDLE_E_HEADER;
	table_end = BUNDLE_HEADER_SIZE + (size_t)*count * BUNDLE_ENTRY_SIZE;
	if (*total < table_end)
		return BUNDLE_E_HEADER;
	if (*total > len)
		return BUNDLE_E_SHORT;
	header_digest(b, table_end, digest);
	if (memcmp(digest, b + OFF_HEADER_SHA, SHA256_SIZE) != 0)
		return BUNDLE_E_HEADER_CHECKSUM;
	for (uint32_t i = 0; i < *count; i++) {
		const uint8_t *e = b + BUNDLE_HEADER_SIZE + (size_t)i * BUNDLE_ENTRY_SIZE;
		uint32_t off = get32(e + ENT_OFFSET), size = get32(e + ENT_SIZE);

		if (!name_valid(e + ENT_NAME) || off < table_end || off > *total ||
		    size > *total - off)
			return BUNDLE_E_ENTRY;
		for (unsigned r = 0; r < 8; r++)
			if (e[ENT_RESERVED + r])
				return BUNDLE_E_ENTRY;
		for (uint32_t j = 0; j < i; j++) {
			const uint8_t *f = b + BUNDLE_HEADER_SIZE + (size_t)j * BUNDLE_ENTRY_SIZE;
			uint32_t foff = get32(f + ENT_OFFSET), fsize = get32(f + ENT_SIZE);

			if (strcmp((const char *)e + ENT_NAME, (const char *)f + ENT_NAME) == 0)
				return BUNDLE_E_DUPLICATE;
			if (size && fsize && off < foff + fsize && foff < off + size)
				return BUNDLE_E_ENTRY;
		}
	}
	return BUNDLE_OK;
}

int bundle_check(const void *buf, size_t len)
{
	const uint8_t *b = buf;
	uint32_t count, total;
	int rc = check_structure(b, len, &count, &total);

	if (rc != BUNDLE_OK)
		return rc;
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *e = b + BUNDLE_HEADER_SIZE + (size_t)i * BUNDLE_ENTRY_SIZE;
		uint8_t digest[SHA256_SIZE];

		sha256(b + get32(e + ENT_OFFSET), get32(e + ENT_SIZE), digest);
		if (memcmp(digest, e + ENT_SHA, SHA256_SIZE) != 0)
			return BUNDLE_E_CHECKSUM;
	}
	return BUNDLE_OK;
}

int bundle_count(const void *buf, size_t len)
{
	int rc = bundle_check(buf, len);

	return rc != BUNDLE_OK ? rc : (int)get32((const uint8_t *)buf + OFF_COUNT);
}

int bundle_entry(const void *buf, size_t len, unsigned index, struct bundle_info *info)
{
	const uint8_t *e;
	int n = bundle_count(buf, len);

	if (n < 0)
		return n;
	if (index >= (unsigned)n)
		return BUNDLE_E_NOT_FOUND;
	e = (const uint8_t *)buf + BUNDLE_HEADER_SIZE + (size_t)index * BUNDLE_ENTRY_SIZE;
	memcpy(info->name, e + ENT_NAME, BUNDLE_NAME_MAX + 1);
	info->offset = get32(e + ENT_OFFSET);
	info->size = get32(e + ENT_SIZE);
	return BUNDLE_OK;
}

int bundle_find(const void *buf, size_t len, const char *name, const void **data,
		size_t *data_len)
{
	int n = bundle_count(buf, len);

	*data = NULL;
	*data_len = 0;
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		const uint8_t *e = (const uint8_t *)buf + BUNDLE_HEADER_SIZE + (size_t)i * BUNDLE_ENTRY_SIZE;

		if (strncmp((const char *)e + ENT_NAME, name, BUNDLE_NAME_MAX + 1) == 0) {
			*data = (const uint8_t *)buf + get32(e + ENT_OFFSET);
			*data_len = get32(e + ENT_SIZE);
			return BUNDLE_OK;
		}
	}
	return BUNDLE_E_NOT_FOUND;
}

static size_t align_up(size_t v)
{
	return (v + BUNDLE_ALIGN - 1) & ~(size_t)(BUNDLE_ALIGN - 1);
}

size_t bundle_size(const struct bundle_item *items, unsigned count)
{
	size_t total;

	if (count == 0 || count > BUNDLE_MAX_ENTRIES)
		return 0;
	total = BUNDLE_HEADER_SIZE + (size_t)count * BUNDLE_ENTRY_SIZE;
	for (unsigned i = 0; i < count; i++) {
		size_t n = items[i].name ? strnlen(items[i].name, BUNDLE_NAME_MAX + 1) : 0;

		if (n == 0 || n > BUNDLE_NAME_MAX || (items[i].len && !items[i].data))
			return 0;
		for (size_t c = 0; c < n; c++)
			if (items[i].name[c] < 0x20 || items[i].name[c] > 0x7e)
				return 0;
		for (unsigned j = 0; j < i; j++)
			if (strcmp(items[i].name, items[j].name) == 0)
				return 0;
		if (items[i].len > UINT32_MAX)
			return 0;
		total = align_up(total) + items[i].len;
		if (total > UINT32_MAX)
			return 0;
	}
	return total;
}

int bundle_write(void *out, size_t cap, const struct bundle_item *items, unsigned count,
		 size_t *written)
{
	size_t total = bundle_size(items, count), pos;
	uint8_t *b = out;

	*written = 0;
	if (total == 0)
		return BUNDLE_E_ARG;
	if (!out || cap < total)
		return BUNDLE_E_NOSPACE;
	memset(b, 0, total);
	memcpy(b + OFF_MAGIC, BUNDLE_MAGIC, 8);
	put32(b + OFF_VERSION, BUNDLE_VERSION);
	put32(b + OFF_HEADER_SIZE, BUNDLE_HEADER_SIZE);
	put32(b + OFF_COUNT, count);
	put32(b + OFF_TOTAL, (uint32_t)total);
	pos = BUNDLE_HEADER_SIZE + (size_t)count * BUNDLE_ENTRY_SIZE;
	for (unsigned i = 0; i < count; i++) {
		uint8_t *e = b + BUNDLE_HEADER_SIZE + (size_t)i * BUNDLE_ENTRY_SIZE;

		pos = align_up(pos);
		memcpy(e + ENT_NAME, items[i].name, strlen(items[i].name));
		put32(e + ENT_OFFSET, (uint32_t)pos);
		put32(e + ENT_SIZE, (uint32_t)items[i].len);
		sha256(items[i].data, items[i].len, e + ENT_SHA);
		if (items[i].len)
			memcpy(b + pos, items[i].data, items[i].len);
		pos += items[i].len;
	}
	header_digest(b, BUNDLE_HEADER_SIZE + (size_t)count * BUNDLE_ENTRY_SIZE, b + OFF_HEADER_SHA);
	*written = total;
	return BUNDLE_OK;
}

const char *bundle_strerror(int status)
{
	switch (status) {
	case BUNDLE_OK: return "ok";
	case BUNDLE_E_SHORT: return "bundle is truncated";
	case BUNDLE_E_MAGIC: return "not a PlexVM bundle (bad magic)";
	case BUNDLE_E_VERSION: return "unsupported bundle version";
	case BUNDLE_E_HEADER: return "bad bundle header";
	case BUNDLE_E_HEADER_CHECKSUM: return "bundle header checksum mismatch";
	case BUNDLE_E_ENTRY: return "bad bundle entry";
	case BUNDLE_E_DUPLICATE: return "duplicate bundle entry name";
	case BUNDLE_E_CHECKSUM: return "bundle data checksum mismatch";
	case BUNDLE_E_NOT_FOUND: return "no such bundle entry";
	case BUNDLE_E_NOSPACE: return "output buffer too small";
	case BUNDLE_E_ARG: return "bad bundle items";
	}
	return "unknown bundle error";
}
