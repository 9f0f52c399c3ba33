/* The volume registry and label reading (see volume.h). */
#include "kernel/volume.h"
#include "kernel/io/io.h"
#include "kernel/alloc.h"
#include "kernel/spinlock.h"
#include "kernel/vol/label.h"
#include "kernel/vol/allocmap.h"
#include "arch/s390x/tod.h"
#include <stdio.h>
#include <string.h>

static struct list volumes = LIST_INIT(volumes);
static struct spinlock volumes_lock = SPINLOCK_INIT;

#define MAP_BLOCK 12

void volume_refresh(struct volume *v)
{
	uint8_t vol1[80];
	struct vol_label label;
	struct vol_error err;
	int rc;

	v->volser[0] = '\0';
	if (v->ops->read_label && v->ops->read_label(v, vol1) == VOLUME_OK &&
	    vol_label_decode(vol1, sizeof(vol1), &label, NULL) == 0)
		snprintf(v->volser, sizeof(v->volser), "%s", label.volser);
	v->map_valid = false;
	if (!v->map_block)
		v->map_block = kmalloc(VOLUME_BLOCK_SIZE);
	if (!v->map_block) {
		snprintf(v->map_error, sizeof(v->map_error), "no storage to read the map");
		return;
	}
	rc = volume_read(v, MAP_BLOCK, 1, v->map_block);
	if (rc != VOLUME_OK) {
		snprintf(v->map_error, sizeof(v->map_error), "map block unreadable: %s",
			 volume_error_name(rc));
		return;
	}
	if (vol_map_decode(v->map_block, VOLUME_BLOCK_SIZE, &v->map, &err) != 0) {
		snprintf(v->map_error, sizeof(v->map_error), "%s", err.msg);
		return;
	}
	v->map_valid = true;
	v->map_error[0] = '\0';
}

int volume_write_default_map(struct volume *v, const char *owner_cluster, const char *owner_system)
{
	struct vol_extent perm = { .type = VOL_EXT_PERM, .start_cyl = 1 };
	uint8_t *block = kzalloc(VOLUME_BLOCK_SIZE);
	struct vol_error err;
	int rc = VOLUME_EIO;

	if (!block)
		return VOLUME_ENOMEM;
	perm.cyl_count = v->cylinders - 1;
	if (vol_map_format(block, VOLUME_BLOCK_SIZE, v->volser, v->cylinders, tod_now(), &err) == 0 &&
	    (v->cylinders < 2 || vol_map_add_extent(block, VOLUME_BLOCK_SIZE, &perm, &err) == 0) &&
	    (!owner_cluster || vol_map_set_owner(block, VOLUME_BLOCK_SIZE, owner_cluster, owner_system,
						 &err) == 0))
		rc = volume_write(v, MAP_BLOCK, 1, block);
	kfree(block);
	volume_refresh(v);
	return rc;
}

int volume_register(struct volume *v)
{
	volume_refresh(v);
	spin_lock(&volumes_lock);
	list_add_tail(&volumes, &v->link);
	spin_unlock(&volumes_lock);
	return 0;
}

struct volume *volume_next(struct volume *prev)
{
	struct list *next;
	struct volume *v = NULL;

	spin_lock(&volumes_lock);
	next = prev ? prev->link.next : volumes.next;
	if (next != &volumes)
		v = list_entry(next, struct volume, link);
	spin_unlock(&volumes_lock);
	return v;
}

struct volume *volume_by_volser(const char *volser)
{
	for (struct volume *v = volume_next(NULL); v; v = volume_next(v))
		if (v->volser[0] && strcmp(v->volser, volser) == 0)
			return v;
	return NULL;
}

struct volume *volume_by_devno(uint16_t devno)
{
	for (struct volume *v = volume_next(NULL); v; v = volume_next(v))
		if (v->dev && v->dev->devno == devno)
			return v;
	return NULL;
}

const char *volume_error_name(int err)
{
	switch (err) {
	case VOLUME_OK: return "ok";
	case VOLUME_EIO: return "I/O error";
	case VOLUME_ERANGE: return "block out of range";
	case VOLUME_ENOTSUP: return "not supported";
	case VOLUME_ETIMEDOUT: return "timed out";
	case VOLUME_ENODEV: return "device not operational";
	case VOLUME_ENOMEM: return "no storage";
	case VOLUME_EROFS: return "read-only";
	}
	return "?";
}
