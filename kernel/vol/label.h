/*
 * The standard IBM VOL1 volume label as PlexVM writes it (80 bytes, EBCDIC
 * code page 037):
 *
 *   0-3   "VOL1"           4-9   volser, blank-padded    10  X'40'
 *   11-15 X'00' (no VTOC)  16-40 blanks                  41-54 owner "PLEXVM"
 *   55-79 blanks
 *
 * On an ECKD volume it is the data of record 3 (key "VOL1") on cylinder 0
 * head 0, after R1 (key "IPL1", 24 data bytes) and R2 (key "IPL2", 144 bytes),
 * all zero here. On a raw image it is the first 80 bytes of block 0.
 */
#ifndef PLEXVM_KERNEL_VOL_LABEL_H
#define PLEXVM_KERNEL_VOL_LABEL_H

#include "kernel/compiler.h"
#include "kernel/vol/error.h"
#include "kernel/vol/names.h"

#define VOL_LABEL_LEN       80u
#define VOL_LABEL_KEY_LEN   4u
#define VOL_IPL1_LEN        24u
#define VOL_IPL2_LEN        144u
#define VOL_LABEL_RECORD    3u   /* record number of VOL1 on cylinder 0 head 0 */
#define VOL_LABEL_OWNER     "PLEXVM"

struct vol_label {
	char volser[VOL_VOLSER_MAX + 1];
	char owner[15];         /* bytes 41-54 in ASCII, trailing blanks removed */
	uint8_t security;       /* byte 10 */
	bool has_vtoc;          /* bytes 11-15 not zero (e.g. a dasdinit label) */
	uint8_t vtoc[5];        /* bytes 11-15: CCHHR of the VTOC */
};

/* Build the 80-byte label for volser into out (at least VOL_LABEL_LEN bytes). */
int vol_label_encode(void *out, size_t len, const char *volser, struct vol_error *err);

/*
 * Decode an 80-byte VOL1 label: VOL_ENOTFMT if it does not start with "VOL1",
 * VOL_ECORRUPT for an invalid volser. Other fields are reported, not judged.
 */
int vol_label_decode(const void *buf, size_t len, struct vol_label *out,
		     struct vol_error *err);

/* The EBCDIC key of label record rec (1 "IPL1", 2 "IPL2", 3 "VOL1"). */
int vol_label_key(unsigned rec, uint8_t key[VOL_LABEL_KEY_LEN]);

/* Data length of label record rec (24, 144, 80), 0 for another number. */
unsigned vol_label_record_len(unsigned rec);

#endif
