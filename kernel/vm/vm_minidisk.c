/* Minidisks from the directory, resolved to extents of mounted volumes. */
#include "kernel/vm/vm_minidisk.h"
#include "kernel/config_ipl.h"
#include "kernel/config/dir_view.h"
#include "kernel/volume.h"
#include <stdio.h>
#include <string.h>

int minidisk_find(const char *userid, uint16_t vdev, struct minidisk *md, char *err, size_t errsize)
{
	struct dir_view view;
	const struct dir_stmt *st;
	unsigned int iter = 0;

	memset(md, 0, sizeof(*md));
	if (!config.dir || dir_view_init(&view, config.dir, userid, config.member) != 0) {
		snprintf(err, errsize, "%s is not in the directory", userid);
		return -1;
	}
	while ((st = dir_view_next(&view, &iter, NULL)) != NULL) {
		const struct dir_mdisk *m = &st->u.mdisk;
		uint64_t cyls;

		if (st->kind != DS_MDISK || m->vdev != vdev)
			continue;
		if (m->alloc != DA_EXTENT || m->devtype != DT_3390) {
			snprintf(err, errsize, "minidisk %04X is not a 3390 extent", vdev);
			return -1;
		}
		md->vdev = vdev;
		snprintf(md->volser, sizeof(md->volser), "%s", m->volser);
		md->vol = volume_by_volser(m->volser);
		if (!md->vol) {
			snprintf(err, errsize, "volume %s of minidisk %04X is not mounted", m->volser, vdev);
			return -1;
		}
		cyls = m->to_end ? (md->vol->cylinders > m->start ? md->vol->cylinders - m->start : 0) : m->size;
		md->first_block = (uint64_t)m->start * VOLUME_BLOCKS_PER_CYL;
		md->nblocks = cyls * VOLUME_BLOCKS_PER_CYL;
		if (md->first_block + md->nblocks > md->vol->nblocks || md->nblocks == 0) {
			snprintf(err, errsize, "minidisk %04X (cylinders %u-%llu) lies outside volume %s", vdev,
				 m->start, (unsigned long long)(m->start + cyls - 1), m->volser);
			return -1;
		}
		md->read_only = m->mode[0] == 'R';
		return 0;
	}
	snprintf(err, errsize, "%s has no minidisk %04X", userid, vdev);
	return -1;
}

int minidisk_read(const struct minidisk *md, uint64_t block, unsigned int count, void *buf)
{
	if (block > md->nblocks || count > md->nblocks - block)
		return VOLUME_ERANGE;
	return volume_read(md->vol, md->first_block + block, count, buf);
}

int minidisk_write(const struct minidisk *md, uint64_t block, unsigned int count, const void *buf)
{
	if (md->read_only)
		return VOLUME_EROFS;
	if (block > md->nblocks || count > md->nblocks - block)
		return VOLUME_ERANGE;
	return volume_write(md->vol, md->first_block + block, count, buf);
}
