/*
 * One command to the device, and the commands every device has: NO
 * OPERATION (0x03), SENSE (0x04, basic sense from vdev.sense) and SENSE ID
 * (0xE4, from the vdev's control-unit and device types). A device handles
 * every command itself; when it rejects one of these three (unit check with
 * command reject in sense byte 0 and no data moved), the channel subsystem
 * answers it instead, with the device's sense data as it was before.
 *
 * Sense data is reset (zeroed) before every command other than SENSE, so a
 * device only sets it when it presents unit check.
 */
#include <string.h>
#include "kernel/vdev/vcss_priv.h"

#define SENSE0_CMD_REJECT 0x80

enum vccw_status vdev_sense_id(struct vdev *d, struct vccw *c, const uint8_t *ciw, size_t ciw_len)
{
	uint8_t b[SENSE_ID_BASIC_LEN + 4 * SENSE_ID_MAX_CIWS];
	size_t n = MIN(ciw_len, (size_t)4 * SENSE_ID_MAX_CIWS) & ~(size_t)3;

	memset(b, 0, sizeof(b));
	b[0] = 0xff;
	gmem_put16(b + 1, d->cu_type);
	b[3] = d->cu_model;
	gmem_put16(b + 4, d->dev_type);
	b[6] = d->dev_model;
	if (n && ciw)
		memcpy(b + SENSE_ID_BASIC_LEN, ciw, n);
	vccw_store(c, b, SENSE_ID_BASIC_LEN + n);   /* a check is the channel subsystem's to report */
	return VCCW_OK;
}

static enum vccw_status basic_command(struct vdev *d, struct vccw *v)
{
	switch (v->cmd) {
	case CCW_CMD_SENSE:
		if (vccw_store(v, d->sense, VDEV_SENSE_LEN) >= 0)
			memset(d->sense, 0, VDEV_SENSE_LEN);
		return VCCW_OK;
	case CCW_CMD_SENSE_ID:
		return vdev_sense_id(d, v, NULL, 0);
	default:
		return VCCW_OK;   /* NOP */
	}
}

enum vccw_status vcss_device_command(struct vcss_chan *c, struct vccw *v)
{
	struct vdev *d = c->s->dev;
	bool basic = v->cmd == CCW_CMD_NOP || v->cmd == CCW_CMD_SENSE || v->cmd == CCW_CMD_SENSE_ID;
	uint8_t saved[VDEV_SENSE_LEN];
	enum vccw_status st;

	if (v->cmd != CCW_CMD_SENSE)
		memset(d->sense, 0, VDEV_SENSE_LEN);
	memcpy(saved, d->sense, VDEV_SENSE_LEN);
	if (d->ops && d->ops->ccw) {
		st = d->ops->ccw(d, v);
	} else {
		memset(d->sense, 0, VDEV_SENSE_LEN);
		d->sense[0] = SENSE0_CMD_REJECT;
		st = VCCW_UNIT_CHECK;
	}
	if (st != VCCW_OK && st != VCCW_UNIT_CHECK && st != VCCW_UNIT_EXCEPTION)
		st = VCCW_UNIT_CHECK;   /* a device model bug: fail the command, not the host */
	if (basic && st == VCCW_UNIT_CHECK && (d->sense[0] & SENSE0_CMD_REJECT) && !c->xfer_used) {
		memcpy(d->sense, saved, VDEV_SENSE_LEN);
		st = basic_command(d, v);
	}
	return st;
}
