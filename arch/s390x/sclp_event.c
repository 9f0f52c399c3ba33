/* SCLP console event encoding and decoding (host-testable; see sclp_event.h). */
#include "arch/s390x/sclp_event.h"
#include "arch/s390x/sclp.h"
#include "arch/s390x/ebcdic.h"
#include <string.h>

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	put_be16(p, (uint16_t)(v >> 16));
	put_be16(p + 2, (uint16_t)v);
}

static uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

size_t sclp_build_msg_sccb(void *sccb, size_t sccb_size, const char *data, size_t n)
{
	uint8_t *base = sccb;
	size_t hdr = sizeof(struct sccb_header) + sizeof(struct sclp_evbuf_header);
	size_t mdb_fixed = sizeof(struct sclp_mdb_header) + sizeof(struct sclp_go);
	size_t pos, used = 0;
	uint8_t *go;

	if (sccb_size > 0xffff)
		sccb_size = 0xffff;
	if (sccb_size < hdr + mdb_fixed + sizeof(struct sclp_mto) + 1)
		return 0;
	memset(base, 0, hdr + mdb_fixed);
	pos = hdr + mdb_fixed;
	while (used < n) {
		const char *line = data + used;
		const char *nl = memchr(line, '\n', n - used);
		size_t len, take;

		if (!nl)
			break;
		len = (size_t)(nl - line);
		take = len + 1;
		if (len > SCLP_LINE_MAX) {
			len = SCLP_LINE_MAX;
			take = len; /* the rest of the line follows as a line of its own */
		}
		if (pos + sizeof(struct sclp_mto) + len > sccb_size)
			break;
		memset(base + pos, 0, sizeof(struct sclp_mto));
		put_be16(base + pos, (uint16_t)(sizeof(struct sclp_mto) + len));
		put_be16(base + pos + 2, SCLP_OBJ_MTO);
		put_be16(base + pos + 4, SCLP_MTO_ENDTEXT);
		ascii_to_ebcdic(base + pos + sizeof(struct sclp_mto), line, len);
		pos += sizeof(struct sclp_mto) + len;
		used += take;
	}
	if (used == 0)
		return 0;
	put_be16(base, (uint16_t)pos);                                 /* SCCB length */
	put_be16(base + 8, (uint16_t)(pos - sizeof(struct sccb_header))); /* event length */
	base[10] = SCLP_EVTYP_MSG;
	put_be16(base + hdr, (uint16_t)(pos - hdr));                   /* MDB length */
	put_be16(base + hdr + 2, 1);
	put_be32(base + hdr + 4, SCLP_MDB_TAG);
	put_be32(base + hdr + 8, 1);
	go = base + hdr + sizeof(struct sclp_mdb_header);
	put_be16(go, sizeof(struct sclp_go));
	put_be16(go + 2, SCLP_OBJ_GO);
	return used;
}

size_t sclp_build_vt220_sccb(void *sccb, size_t sccb_size, const char *data, size_t n)
{
	uint8_t *base = sccb;
	size_t hdr = sizeof(struct sccb_header) + sizeof(struct sclp_evbuf_header);
	size_t pos = hdr, used = 0;

	if (sccb_size > 0xffff)
		sccb_size = 0xffff;
	while (used < n) {
		if (data[used] == '\n') {
			if (pos + 2 > sccb_size)
				break;
			base[pos++] = '\r';
			base[pos++] = '\n';
		} else {
			if (pos + 1 > sccb_size)
				break;
			base[pos++] = (uint8_t)data[used];
		}
		used++;
	}
	if (used == 0)
		return 0;
	memset(base, 0, hdr);
	put_be16(base, (uint16_t)pos);
	put_be16(base + 8, (uint16_t)(pos - sizeof(struct sccb_header)));
	base[10] = SCLP_EVTYP_VT220;
	return used;
}

/* GDS vectors: 2-byte length (including itself) and 2-byte id. */
static const uint8_t *find_vector(const uint8_t *p, const uint8_t *end, uint16_t id,
				  const uint8_t **vend)
{
	while (end - p >= 4) {
		uint16_t len = get_be16(p);

		if (len < 4 || len > end - p)
			return NULL;
		if (get_be16(p + 2) == id) {
			*vend = p + len;
			return p + 4;
		}
		p += len;
	}
	return NULL;
}

/* GDS subvectors: 1-byte length (including itself) and 1-byte key. */
static const uint8_t *find_subvector(const uint8_t *p, const uint8_t *end, uint8_t key,
				     const uint8_t **svend)
{
	while (end - p >= 2) {
		uint8_t len = p[0];

		if (len < 2 || len > end - p)
			return NULL;
		if (p[1] == key) {
			*svend = p + len;
			return p + 2;
		}
		p += len;
	}
	return NULL;
}

/* Operator command: MDS-MU 0x1310 > CP-MSU 0x1212 > text 0x1320 > self-def 0x31 > text 0x30. */
static bool decode_command(const uint8_t *p, const uint8_t *end, sclp_input_fn fn, void *ctx)
{
	const uint8_t *vend, *text, *tend;
	char line[256];
	size_t len;

	p = find_vector(p, end, 0x1310, &vend);
	if (!p)
		return false;
	p = find_vector(p, vend, 0x1212, &vend);
	if (!p)
		return false;
	p = find_vector(p, vend, 0x1320, &vend);
	if (!p)
		return false;
	p = find_subvector(p, vend, 0x31, &vend);
	if (!p)
		return false;
	text = find_subvector(p, vend, 0x30, &tend);
	if (!text)
		return false;
	len = (size_t)(tend - text);
	if (len > sizeof(line))
		len = sizeof(line);
	ebcdic_to_ascii(line, text, len);
	fn(ctx, SCLP_INPUT_COMMAND, line, len);
	return true;
}

int sclp_parse_input(const void *sccb, size_t sccb_size, sclp_input_fn fn, void *ctx)
{
	const uint8_t *base = sccb;
	const uint8_t *p, *end;
	uint16_t total;
	int events = 0;

	if (sccb_size < sizeof(struct sccb_header))
		return -1;
	total = get_be16(base);
	if (total < sizeof(struct sccb_header) || total > sccb_size)
		return -1;
	p = base + sizeof(struct sccb_header);
	end = base + total;
	while (p < end) {
		uint16_t len;
		uint8_t type;

		if (end - p < (long)sizeof(struct sclp_evbuf_header))
			return -1;
		len = get_be16(p);
		type = p[2];
		if (len < sizeof(struct sclp_evbuf_header) || len > end - p)
			return -1;
		switch (type) {
		case SCLP_EVTYP_VT220: {
			const uint8_t *d = p + sizeof(struct sclp_evbuf_header);
			size_t n = len - sizeof(struct sclp_evbuf_header);

			/* The first byte is the session byte; 0x00 carries data. */
			if (n >= 1 && d[0] == 0x00) {
				if (n > 1)
					fn(ctx, SCLP_INPUT_VT220, (const char *)d + 1, n - 1);
				events++;
			}
			break;
		}
		case SCLP_EVTYP_OPCMD:
		case SCLP_EVTYP_PMSGCMD:
			if (!decode_command(p + sizeof(struct sclp_evbuf_header), p + len, fn, ctx))
				return -1;
			events++;
			break;
		default:
			break; /* events PlexVM did not ask for are skipped */
		}
		p += len;
	}
	return events;
}
