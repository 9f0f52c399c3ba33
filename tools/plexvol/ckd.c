/* Hercules CKD image format: device header and track images. */
#include "ckd.h"
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static const uint8_t eot[CKD_EOT_SIZE] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

void ckd_devhdr_build(uint8_t hdr[CKD_DEVHDR_SIZE], uint32_t heads, uint32_t trksize,
		      uint8_t devtype)
{
	memset(hdr, 0, CKD_DEVHDR_SIZE);
	memcpy(hdr, CKD_DEVID, 8);
	put_le32(hdr + 8, heads);
	put_le32(hdr + 12, trksize);
	hdr[16] = devtype;
	hdr[17] = 0;            /* file sequence: the only file */
	hdr[18] = hdr[19] = 0;  /* high cylinder: 0 for the last (only) file */
}

int ckd_devhdr_parse(const uint8_t *hdr, size_t len, struct ckd_devhdr_info *out,
		     char *msg, size_t msglen)
{
	if (len < CKD_DEVHDR_SIZE || memcmp(hdr, CKD_DEVID, 8) != 0) {
		snprintf(msg, msglen, "no \"%s\" device header", CKD_DEVID);
		return -1;
	}
	out->heads = get_le32(hdr + 8);
	out->trksize = get_le32(hdr + 12);
	out->devtype = hdr[16];
	out->fileseq = hdr[17];
	out->highcyl = (uint16_t)(hdr[18] | hdr[19] << 8);
	return 0;
}

static void put_count(uint8_t *p, uint16_t cyl, uint16_t head, uint8_t rec, uint8_t klen,
		      uint16_t dlen)
{
	put_be16(p, cyl);
	put_be16(p + 2, head);
	p[4] = rec;
	p[5] = klen;
	put_be16(p + 6, dlen);
}

int ckd_track_build(uint8_t *trk, size_t trksize, uint16_t cyl, uint16_t head,
		    const struct ckd_rec_spec *recs, unsigned n)
{
	size_t pos = 0;

	if (trksize < CKD_HA_SIZE + CKD_COUNT_SIZE + CKD_R0_DATA + CKD_EOT_SIZE)
		return -1;
	memset(trk, 0, trksize);
	trk[0] = 0;                       /* bin */
	put_be16(trk + 1, cyl);
	put_be16(trk + 3, head);
	pos = CKD_HA_SIZE;
	put_count(trk + pos, cyl, head, 0, 0, CKD_R0_DATA);
	pos += CKD_COUNT_SIZE + CKD_R0_DATA;  /* R0 data: zeros */
	for (unsigned i = 0; i < n; i++) {
		size_t need = CKD_COUNT_SIZE + recs[i].klen + recs[i].dlen;

		if (pos + need + CKD_EOT_SIZE > trksize)
			return -1;
		put_count(trk + pos, cyl, head, recs[i].rec, recs[i].klen, recs[i].dlen);
		pos += CKD_COUNT_SIZE;
		if (recs[i].klen && recs[i].key)
			memcpy(trk + pos, recs[i].key, recs[i].klen);
		pos += recs[i].klen;
		if (recs[i].dlen && recs[i].data)
			memcpy(trk + pos, recs[i].data, recs[i].dlen);
		pos += recs[i].dlen;
	}
	memcpy(trk + pos, eot, CKD_EOT_SIZE);
	return 0;
}

int ckd_track_find(const uint8_t *trk, size_t trksize, uint16_t cyl, uint16_t head,
		   uint8_t rec, struct ckd_rec_loc *loc, char *msg, size_t msglen)
{
	size_t pos;
	bool first = true;

	memset(loc, 0, sizeof(*loc));
	if (trksize < CKD_HA_SIZE + CKD_COUNT_SIZE) {
		snprintf(msg, msglen, "track image of %zu bytes is too short", trksize);
		return -1;
	}
	if (trk[0] != 0 || get_be16(trk + 1) != cyl || get_be16(trk + 3) != head) {
		snprintf(msg, msglen,
			 "cylinder %u head %u: home address is bin %u cylinder %u head %u",
			 cyl, head, trk[0], get_be16(trk + 1), get_be16(trk + 3));
		return -1;
	}
	pos = CKD_HA_SIZE;
	for (;;) {
		const uint8_t *c;
		uint8_t r, kl;
		uint16_t dl;

		if (pos + CKD_COUNT_SIZE > trksize) {
			snprintf(msg, msglen, "cylinder %u head %u: no end-of-track marker within "
				 "the %zu-byte track", cyl, head, trksize);
			return -1;
		}
		c = trk + pos;
		if (memcmp(c, eot, CKD_EOT_SIZE) == 0) {
			if (first) {
				snprintf(msg, msglen, "cylinder %u head %u: no record 0", cyl, head);
				return -1;
			}
			return 1;
		}
		r = c[4];
		kl = c[5];
		dl = get_be16(c + 6);
		if (get_be16(c) != cyl || get_be16(c + 2) != head) {
			snprintf(msg, msglen, "cylinder %u head %u: record %u at offset %zu has "
				 "count field for cylinder %u head %u", cyl, head, r, pos,
				 get_be16(c), get_be16(c + 2));
			return -1;
		}
		if (first && (r != 0 || kl != 0 || dl != CKD_R0_DATA)) {
			snprintf(msg, msglen, "cylinder %u head %u: first record is R%u (KL %u DL "
				 "%u), not R0 with 8 data bytes", cyl, head, r, kl, dl);
			return -1;
		}
		if (pos + CKD_COUNT_SIZE + kl + dl > trksize) {
			snprintf(msg, msglen, "cylinder %u head %u: record %u at offset %zu (KL %u "
				 "DL %u) runs past the %zu-byte track", cyl, head, r, pos, kl, dl,
				 trksize);
			return -1;
		}
		if (!first && r == rec) {
			loc->count_off = pos;
			loc->key_off = pos + CKD_COUNT_SIZE;
			loc->data_off = pos + CKD_COUNT_SIZE + kl;
			loc->klen = kl;
			loc->dlen = dl;
			return 0;
		}
		if (!first)
			loc->nrecs++;
		first = false;
		pos += CKD_COUNT_SIZE + kl + dl;
	}
}
