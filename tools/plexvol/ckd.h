/*
 * Hercules CKD image files ("CKD_P370", uncompressed, single file), as used by
 * Hercules 3.13 for 3390 volumes:
 *
 *   file   = device header (512 bytes) + tracks, each exactly trksize bytes
 *   header = "CKD_P370", heads (u32 little-endian), track size (u32 LE),
 *            device type (1 byte, 0x90 = 3390), file sequence (0 = only file),
 *            high cylinder (u16 LE, 0 = last file), 492 bytes zero
 *   track  = home address (bin 0, CC, HH: 5 bytes), R0 count + 8 data bytes,
 *            records (count CC HH R KL DL(2) big-endian, key, data),
 *            end-of-track marker (eight X'FF'), zero padding to trksize
 *
 * Records are found by walking the count fields, never by assumed offsets.
 */
#ifndef PLEXVOL_CKD_H
#define PLEXVOL_CKD_H

#include <stddef.h>
#include <stdint.h>

#define CKD_DEVHDR_SIZE      512u
#define CKD_DEVID            "CKD_P370"
#define CKD_DEVID_COMPRESSED "CKD_C370"
#define CKD_3390_HEADS       15u
#define CKD_3390_TRKSIZE     56832u   /* Hercules' 3390 track image length */
#define CKD_3390_DEVTYPE     0x90u
#define CKD_HA_SIZE          5u
#define CKD_COUNT_SIZE       8u
#define CKD_R0_DATA          8u
#define CKD_EOT_SIZE         8u

struct ckd_devhdr_info {
	uint32_t heads;
	uint32_t trksize;
	uint8_t devtype;
	uint8_t fileseq;
	uint16_t highcyl;
};

/* Build the 512-byte device header of a single-file uncompressed image. */
void ckd_devhdr_build(uint8_t hdr[CKD_DEVHDR_SIZE], uint32_t heads, uint32_t trksize,
		      uint8_t devtype);

/* Read the header fields; -1 with a message if it is not "CKD_P370". */
int ckd_devhdr_parse(const uint8_t *hdr, size_t len, struct ckd_devhdr_info *out,
		     char *msg, size_t msglen);

/* A record to place on a track. data NULL means dlen zero bytes. */
struct ckd_rec_spec {
	uint8_t rec;
	uint8_t klen;
	uint16_t dlen;
	const uint8_t *key;
	const uint8_t *data;
};

/*
 * Build a whole track image: home address, R0, the records, end of track,
 * zeros to trksize. Returns -1 if the records do not fit.
 */
int ckd_track_build(uint8_t *trk, size_t trksize, uint16_t cyl, uint16_t head,
		    const struct ckd_rec_spec *recs, unsigned n);

/* Where a record sits in a track image. */
struct ckd_rec_loc {
	size_t count_off;   /* offset of its count field */
	size_t key_off;
	size_t data_off;
	uint8_t klen;
	uint16_t dlen;
	unsigned nrecs;     /* records on the track after R0 (whole walk, when not found) */
};

/*
 * Find record rec on the track image of cylinder cyl head head. Checks the
 * home address, R0, every count field's CCHH and that every record and the
 * end-of-track marker lie inside trksize. Returns 0 and fills loc, 1 if the
 * record is not on the track (loc->nrecs says how many are), -1 with a message
 * if the track image is damaged.
 */
int ckd_track_find(const uint8_t *trk, size_t trksize, uint16_t cyl, uint16_t head,
		   uint8_t rec, struct ckd_rec_loc *loc, char *msg, size_t msglen);

#endif
