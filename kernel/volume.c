/* The volume registry and label reading (see volume.h). */
#include "kernel/volume.h"
#include "kernel/io/io.h"
#include "kernel/spinlock.h"
#include "arch/s390x/ebcdic.h"
#include <string.h>

static struct list volumes = LIST_INIT(volumes);
static struct spinlock volumes_lock = SPINLOCK_INIT;

static void decode_volser(const uint8_t vol1[80], char *volser)
{
	char label[10];

	ebcdic_to_ascii(label, vol1, 10);
	volser[0] = '\0';
	if (memcmp(label, "VOL1", 4) != 0)
		return;
	memcpy(volser, label + 4, VOLSER_LEN);
	volser[VOLSER_LEN] = '\0';
	for (int i = VOLSER_LEN - 1; i >= 0 && (volser[i] == ' ' || volser[i] == '\0'); i--)
		volser[i] = '\0';
}

int volume_register(struct volume *v)
{
	uint8_t vol1[80];

	v->volser[0] = '\0';
	if (v->ops->read_label && v->ops->read_label(v, vol1) == VOL_OK)
		decode_volser(vol1, v->volser);
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
	case VOL_OK: return "ok";
	case VOL_EIO: return "I/O error";
	case VOL_ERANGE: return "block out of range";
	case VOL_ENOTSUP: return "not supported";
	case VOL_ETIMEDOUT: return "timed out";
	case VOL_ENODEV: return "device not operational";
	case VOL_ENOMEM: return "no storage";
	case VOL_EROFS: return "read-only";
	}
	return "?";
}
