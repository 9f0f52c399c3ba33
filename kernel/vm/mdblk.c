/*
 * A minidisk as a disk of 512-byte sectors, for virtio-blk: whole 4 KiB
 * blocks go straight to the volume; a partial block is read, merged and
 * written back (guests that see a 4 KiB logical block size never need it).
 */
#include "kernel/vm/mdblk.h"
#include "kernel/volume.h"
#include "kernel/alloc.h"
#include <string.h>

#define SECTORS_PER_BLOCK (VOLUME_BLOCK_SIZE / 512)
#define BOUNCE_BLOCKS 32

uint64_t mdblk_sectors(const struct minidisk *md)
{
	return md->nblocks * SECTORS_PER_BLOCK;
}

static int transfer(const struct minidisk *md, uint64_t sector, unsigned int nsec, uint8_t *buf, bool write)
{
	uint8_t *bounce = NULL;
	int rc = 0;

	if (sector > mdblk_sectors(md) || nsec > mdblk_sectors(md) - sector)
		return VOLUME_ERANGE;
	if (write && md->read_only)
		return VOLUME_EROFS;
	while (nsec && rc == 0) {
		uint64_t block = sector / SECTORS_PER_BLOCK;
		unsigned int off = (unsigned int)(sector % SECTORS_PER_BLOCK);

		if (off == 0 && nsec >= SECTORS_PER_BLOCK) {
			/* Whole blocks, straight through. */
			unsigned int nblk = nsec / SECTORS_PER_BLOCK;

			if (nblk > BOUNCE_BLOCKS)
				nblk = BOUNCE_BLOCKS;
			rc = write ? minidisk_write(md, block, nblk, buf) : minidisk_read(md, block, nblk, buf);
			buf += (size_t)nblk * VOLUME_BLOCK_SIZE;
			sector += (uint64_t)nblk * SECTORS_PER_BLOCK;
			nsec -= nblk * SECTORS_PER_BLOCK;
		} else {
			unsigned int n = SECTORS_PER_BLOCK - off;

			if (n > nsec)
				n = nsec;
			if (!bounce)
				bounce = kmalloc(VOLUME_BLOCK_SIZE);
			if (!bounce)
				return VOLUME_ENOMEM;
			rc = minidisk_read(md, block, 1, bounce);
			if (rc == 0) {
				if (write) {
					memcpy(bounce + off * 512, buf, (size_t)n * 512);
					rc = minidisk_write(md, block, 1, bounce);
				} else {
					memcpy(buf, bounce + off * 512, (size_t)n * 512);
				}
			}
			buf += (size_t)n * 512;
			sector += n;
			nsec -= n;
		}
	}
	kfree(bounce);
	return rc;
}

int mdblk_read(const struct minidisk *md, uint64_t sector, unsigned int nsec, void *buf)
{
	return transfer(md, sector, nsec, buf, false);
}

int mdblk_write(const struct minidisk *md, uint64_t sector, unsigned int nsec, const void *buf)
{
	return transfer(md, sector, nsec, (uint8_t *)(uintptr_t)buf, true);
}
