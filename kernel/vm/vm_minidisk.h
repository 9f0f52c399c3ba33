/* A guest's minidisks: extents of real volumes, from the directory's MDISK statements. */
#ifndef PLEXVM_KERNEL_VM_VM_MINIDISK_H
#define PLEXVM_KERNEL_VM_VM_MINIDISK_H

#include "kernel/compiler.h"

struct volume;
struct vm;

struct minidisk {
	uint16_t vdev;
	char volser[7];
	struct volume *vol;        /* NULL when the volume is not mounted */
	uint64_t first_block;      /* on the volume */
	uint64_t nblocks;
	bool read_only;
};

/* The minidisk `vdev` of the user's effective directory entry on this member. 0, or -1 with err. */
int minidisk_find(const char *userid, uint16_t vdev, struct minidisk *md, char *err, size_t errsize);
/* Read blocks of the minidisk (relative). 0 or a volume error. */
int minidisk_read(const struct minidisk *md, uint64_t block, unsigned int count, void *buf);
int minidisk_write(const struct minidisk *md, uint64_t block, unsigned int count, const void *buf);

#endif
