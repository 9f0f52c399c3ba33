/* virtio-ccw device side: channel commands, notifications, indicators. See virtio_ccw_dev.h. */
#include "kernel/vdev/virtio_ccw_dev.h"
#include "kernel/vdev/vendian.h"

#define CONFIG_MAX 256        /* Linux's VIRTIO_CCW_CONFIG_SIZE */
#define EINVAL_GUEST 22

static const struct vdev_ops virtio_ccw_vdev_ops;

/* ---- Locking and interruptions ---------------------------------------------- */

void virtio_ccw_lock(struct virtio_ccw_dev *v)
{
	spin_lock(&v->lock);
}

void virtio_ccw_unlock(struct virtio_ccw_dev *v)
{
	bool irq = v->irq_pending;

	v->irq_pending = false;
	spin_unlock(&v->lock);
	if (irq) {
		__atomic_fetch_add(&v->interrupts, 1, __ATOMIC_RELAXED);
		vcss_device_interrupt(&v->vdev);
	}
}

/* Set bit `bit` (value 1 << bit) of the big-endian doubleword at addr, atomically. */
static bool set_indicator(struct virtio_ccw_dev *v, uint64_t addr, unsigned int bit)
{
	uint64_t at = addr + 7 - bit / 8;
	uint8_t *p;

	if (!gmem_valid(v->mem, at, 1))
		return false;
	p = v->mem->page(v->mem, at);
	if (!p)
		return false;
	__atomic_fetch_or(p, (uint8_t)(1u << (bit % 8)), __ATOMIC_SEQ_CST);
	return true;
}

void virtio_ccw_queue_used(struct virtio_ccw_dev *v, unsigned int q)
{
	struct virtio_ccw_queue *vq = &v->q[q];

	if (!v->ind_addr || !vring_dev_want_interrupt(&vq->ring))
		return;
	if (set_indicator(v, v->ind_addr, q)) {
		vq->interrupts++;
		v->irq_pending = true;
	}
}

void virtio_ccw_config_changed_locked(struct virtio_ccw_dev *v)
{
	if (v->conf_ind_addr && set_indicator(v, v->conf_ind_addr, 0))
		v->irq_pending = true;
}

void virtio_ccw_config_changed(struct virtio_ccw_dev *v)
{
	virtio_ccw_lock(v);
	virtio_ccw_config_changed_locked(v);
	virtio_ccw_unlock(v);
}

/* ---- State ----------------------------------------------------------------- */

bool virtio_ccw_running(const struct virtio_ccw_dev *v)
{
	uint8_t s = v->status;

	if (!(s & VIRTIO_S_DRIVER_OK) || (s & (VIRTIO_S_FAILED | VIRTIO_S_DEVICE_NEEDS_RESET)))
		return false;
	/* Virtio 1.0 drivers go through FEATURES_OK; without it nothing runs. */
	return v->revision < 1 || (s & VIRTIO_S_FEATURES_OK);
}

struct vring_dev *virtio_ccw_ring(struct virtio_ccw_dev *v, unsigned int q, const uint32_t *gen,
				  uint32_t *gen_out)
{
	if (q >= v->type->num_queues || !virtio_ccw_running(v) || !vring_dev_ready(&v->q[q].ring))
		return NULL;
	if (gen && *gen != v->q[q].gen)
		return NULL;
	if (gen_out)
		*gen_out = v->q[q].gen;
	return &v->q[q].ring;
}

void virtio_ccw_set_broken(struct virtio_ccw_dev *v, int err)
{
	if (v->status & VIRTIO_S_DEVICE_NEEDS_RESET)
		return;
	v->status |= VIRTIO_S_DEVICE_NEEDS_RESET;
	v->broken_reason = (uint8_t)(err < 0 ? -err : err);
	/* Virtio 1.0: tell a running driver (legacy has no such status bit). */
	if (v->revision >= 1 && (v->status & VIRTIO_S_DRIVER_OK))
		virtio_ccw_config_changed_locked(v);
}

static void drop_queue(struct virtio_ccw_queue *vq)
{
	vring_dev_clear(&vq->ring);
	vq->gen++;
}

/* Virtio reset: status, features, queues and indicators are forgotten; the revision stays. */
static void virtio_reset(struct virtio_ccw_dev *v)
{
	for (unsigned int i = 0; i < v->type->num_queues; i++)
		drop_queue(&v->q[i]);
	v->status = 0;
	v->guest_features = 0;
	v->ind_addr = 0;
	v->conf_ind_addr = 0;
	v->broken_reason = 0;
	if (v->type->reset)
		v->type->reset(v);
}

static void full_reset(struct virtio_ccw_dev *v)
{
	virtio_reset(v);
	v->revision = -1;
}

/*
 * ---- Channel commands -------------------------------------------------------
 * A failed transfer (vccw_fetch/vccw_store returning -1) is a channel program
 * check that the channel subsystem reports itself: the command then ends with
 * VCCW_OK and nothing else to do, which is why stores' results are not kept.
 */

static enum vccw_status reject(struct virtio_ccw_dev *v)
{
	memset(v->vdev.sense, 0, sizeof(v->vdev.sense));
	v->vdev.sense[0] = VCCW_SENSE_CMD_REJECT;
	return VCCW_UNIT_CHECK;
}

/* Take exactly len bytes: 1, 0 when the data area is shorter, -1 on a channel program check. */
static int fetch_all(struct vccw *c, void *buf, size_t len)
{
	int n = vccw_fetch(c, buf, len);

	if (n < 0)
		return -1;
	return (size_t)n == len ? 1 : 0;
}

/* The usual epilogue of a fetch: a program check is reported by the channel subsystem. */
#define FETCH_OR_RETURN(v, c, buf, len)                      \
	do {                                                  \
		int fetch_rc_ = fetch_all((c), (buf), (len)); \
		if (fetch_rc_ < 0)                            \
			return VCCW_OK;                       \
		if (!fetch_rc_)                               \
			return reject(v);                     \
	} while (0)

static enum vccw_status cmd_sense_id(struct virtio_ccw_dev *v, struct vccw *c)
{
	uint8_t id[sizeof(struct vccw_senseid)];

	id[offsetof(struct vccw_senseid, reserved)] = 0xff;
	gmem_put16(id + offsetof(struct vccw_senseid, cu_type), v->vdev.cu_type);
	id[offsetof(struct vccw_senseid, cu_model)] = v->vdev.cu_model;
	gmem_put16(id + offsetof(struct vccw_senseid, dev_type), v->vdev.dev_type);
	id[offsetof(struct vccw_senseid, dev_model)] = v->vdev.dev_model;
	vccw_store(c, id, sizeof(id));
	return VCCW_OK;
}

static enum vccw_status cmd_sense(struct virtio_ccw_dev *v, struct vccw *c)
{
	if (vccw_store(c, v->vdev.sense, sizeof(v->vdev.sense)) >= 0)
		memset(v->vdev.sense, 0, sizeof(v->vdev.sense));
	return VCCW_OK;
}

static enum vccw_status cmd_set_rev(struct virtio_ccw_dev *v, struct vccw *c)
{
	uint8_t r[sizeof(struct vccw_rev_info)];
	uint16_t rev, len;

	FETCH_OR_RETURN(v, c, r, sizeof(r));
	rev = gmem_be16(r + offsetof(struct vccw_rev_info, revision));
	len = gmem_be16(r + offsetof(struct vccw_rev_info, length));
	/* Once per enablement; none of the revisions offered carries data. */
	if (v->revision >= 0 || rev > VIRTIO_CCW_REV_MAX || len)
		return reject(v);
	v->revision = rev;
	return VCCW_OK;
}

static enum vccw_status cmd_read_feat(struct virtio_ccw_dev *v, struct vccw *c)
{
	uint8_t f[sizeof(struct vccw_feature_desc)];
	uint8_t index;
	uint32_t bits = 0;

	FETCH_OR_RETURN(v, c, f, sizeof(f));
	index = f[offsetof(struct vccw_feature_desc, index)];
	if (index == 0)
		bits = (uint32_t)v->host_features;
	else if (index == 1 && v->revision >= 1)
		bits = (uint32_t)(v->host_features >> 32);
	vput_le32(f + offsetof(struct vccw_feature_desc, features), bits);
	vccw_rewind(c);
	vccw_store(c, f, sizeof(f));
	return VCCW_OK;
}

static enum vccw_status cmd_write_feat(struct virtio_ccw_dev *v, struct vccw *c)
{
	uint8_t f[sizeof(struct vccw_feature_desc)];
	uint8_t index;
	uint64_t bits;

	FETCH_OR_RETURN(v, c, f, sizeof(f));
	index = f[offsetof(struct vccw_feature_desc, index)];
	bits = vle32(f + offsetof(struct vccw_feature_desc, features));
	/* After FEATURES_OK the features are fixed; bits never offered are not taken. */
	if (v->status & VIRTIO_S_FEATURES_OK)
		return VCCW_OK;
	if (index == 0)
		v->guest_features = (v->guest_features & ~0xffffffffULL) | (bits & v->host_features & 0xffffffffULL);
	else if (index == 1 && v->revision >= 1)
		v->guest_features = (v->guest_features & 0xffffffffULL) | ((bits << 32) & v->host_features);
	return VCCW_OK;
}

static enum vccw_status cmd_read_conf(struct virtio_ccw_dev *v, struct vccw *c)
{
	uint8_t buf[CONFIG_MAX];

	memset(buf, 0, sizeof(buf));
	v->type->get_config(v, buf);
	/* The driver reads offset + length bytes: more would be an incorrect length. */
	vccw_store(c, buf, MIN((size_t)c->count, (size_t)v->type->config_len));
	return VCCW_OK;
}

static enum vccw_status cmd_write_conf(struct virtio_ccw_dev *v, struct vccw *c)
{
	uint8_t buf[CONFIG_MAX];
	int n = vccw_fetch(c, buf, MIN((size_t)c->count, (size_t)v->type->config_len));

	if (n > 0 && v->type->set_config)
		v->type->set_config(v, 0, buf, (uint32_t)n);
	return VCCW_OK;
}

static bool features_acceptable(const struct virtio_ccw_dev *v)
{
	/* A virtio 1.0 transport needs a virtio 1.0 driver. */
	return v->revision < 1 || virtio_ccw_has(v, VIRTIO_F_VERSION_1);
}

static enum vccw_status cmd_write_status(struct virtio_ccw_dev *v, struct vccw *c)
{
	uint8_t s;

	FETCH_OR_RETURN(v, c, &s, 1);
	if (!s) {
		virtio_reset(v);
		return VCCW_OK;
	}
	/* The device refuses FEATURES_OK by not keeping it; the driver reads the status back. */
	if ((s & VIRTIO_S_FEATURES_OK) && !(v->status & VIRTIO_S_FEATURES_OK) && !features_acceptable(v))
		s &= (uint8_t)~VIRTIO_S_FEATURES_OK;
	s = (uint8_t)((s & ~VIRTIO_S_DEVICE_NEEDS_RESET) | (v->status & VIRTIO_S_DEVICE_NEEDS_RESET));
	if ((s & VIRTIO_S_DRIVER_OK) && !(v->status & VIRTIO_S_DRIVER_OK)) {
		/* Queues set up before the features settled follow them now. */
		for (unsigned int i = 0; i < v->type->num_queues; i++)
			v->q[i].ring.indirect = virtio_ccw_has(v, VIRTIO_RING_F_INDIRECT_DESC);
	}
	v->status = s;
	return VCCW_OK;
}

static enum vccw_status cmd_read_status(struct virtio_ccw_dev *v, struct vccw *c)
{
	vccw_store(c, &v->status, 1);
	return VCCW_OK;
}

static enum vccw_status cmd_set_vq(struct virtio_ccw_dev *v, struct vccw *c)
{
	bool le = virtio_ccw_le(v), indirect = virtio_ccw_has(v, VIRTIO_RING_F_INDIRECT_DESC);
	struct virtio_ccw_queue *vq;
	uint16_t index, num;
	uint64_t desc;
	int rc;

	if (v->revision < 1) {
		uint8_t b[sizeof(struct vccw_vq_info_legacy)];
		uint32_t align;

		FETCH_OR_RETURN(v, c, b, sizeof(b));
		desc = gmem_be64(b + offsetof(struct vccw_vq_info_legacy, queue));
		align = gmem_be32(b + offsetof(struct vccw_vq_info_legacy, align));
		index = gmem_be16(b + offsetof(struct vccw_vq_info_legacy, index));
		num = gmem_be16(b + offsetof(struct vccw_vq_info_legacy, num));
		if (index >= v->type->num_queues)
			return reject(v);
		vq = &v->q[index];
		drop_queue(vq);
		if (!desc)
			return VCCW_OK;
		/* Legacy drivers lay the ring out for the size READ_VQ_CONF gave. */
		if (num != v->type->queue_max[index])
			return reject(v);
		rc = vring_dev_setup_legacy(&vq->ring, v->mem, desc, align, num, le, indirect);
	} else {
		uint8_t b[sizeof(struct vccw_vq_info)];

		FETCH_OR_RETURN(v, c, b, sizeof(b));
		desc = gmem_be64(b + offsetof(struct vccw_vq_info, desc));
		index = gmem_be16(b + offsetof(struct vccw_vq_info, index));
		num = gmem_be16(b + offsetof(struct vccw_vq_info, num));
		if (index >= v->type->num_queues)
			return reject(v);
		vq = &v->q[index];
		drop_queue(vq);
		if (!desc)
			return VCCW_OK;
		if (!vring_dev_size_ok(num, v->type->queue_max[index]))
			return reject(v);
		rc = vring_dev_setup(&vq->ring, v->mem, desc, gmem_be64(b + offsetof(struct vccw_vq_info, avail)),
				     gmem_be64(b + offsetof(struct vccw_vq_info, used)), num, le, indirect);
	}
	return rc == VRD_OK ? VCCW_OK : reject(v);
}

static enum vccw_status cmd_read_vq_conf(struct virtio_ccw_dev *v, struct vccw *c)
{
	uint8_t b[2];
	uint16_t index;

	FETCH_OR_RETURN(v, c, b, sizeof(b));
	index = gmem_be16(b);
	gmem_put16(b, index < v->type->num_queues ? v->type->queue_max[index] : 0);
	vccw_store(c, b, sizeof(b));
	return VCCW_OK;
}

/* SET_IND and SET_CONF_IND: the guest absolute address of a doubleword of indicator bits. */
static enum vccw_status cmd_set_ind(struct virtio_ccw_dev *v, struct vccw *c, uint64_t *where)
{
	uint8_t b[8];
	uint64_t addr;

	FETCH_OR_RETURN(v, c, b, sizeof(b));
	addr = gmem_be64(b);
	if (addr && !gmem_valid(v->mem, addr, 8))
		return reject(v);
	*where = addr;
	return VCCW_OK;
}

static enum vccw_status virtio_cmd(struct virtio_ccw_dev *v, struct vccw *c)
{
	/* Any virtio command before SET_VIRTIO_REV means a legacy driver. */
	if (v->revision < 0 && c->cmd != VCCW_CMD_SET_VIRTIO_REV)
		v->revision = 0;
	switch (c->cmd) {
	case VCCW_CMD_SET_VIRTIO_REV:
		return cmd_set_rev(v, c);
	case VCCW_CMD_READ_FEAT:
		return cmd_read_feat(v, c);
	case VCCW_CMD_WRITE_FEAT:
		return cmd_write_feat(v, c);
	case VCCW_CMD_READ_CONF:
		return cmd_read_conf(v, c);
	case VCCW_CMD_WRITE_CONF:
		return cmd_write_conf(v, c);
	case VCCW_CMD_WRITE_STATUS:
		return cmd_write_status(v, c);
	case VCCW_CMD_READ_STATUS:
		return cmd_read_status(v, c);
	case VCCW_CMD_SET_VQ:
		return cmd_set_vq(v, c);
	case VCCW_CMD_READ_VQ_CONF:
		return cmd_read_vq_conf(v, c);
	case VCCW_CMD_SET_IND:
		return cmd_set_ind(v, c, &v->ind_addr);
	case VCCW_CMD_SET_CONF_IND:
		return cmd_set_ind(v, c, &v->conf_ind_addr);
	case VCCW_CMD_VDEV_RESET:
		virtio_reset(v);
		return VCCW_OK;
	default:
		/* SET_IND_ADAPTER included: no adapter interruptions, Linux falls back to SET_IND. */
		return reject(v);
	}
}

static bool is_virtio_cmd(uint8_t cmd)
{
	switch (cmd) {
	case VCCW_CMD_SET_VQ: case VCCW_CMD_VDEV_RESET: case VCCW_CMD_SET_IND:
	case VCCW_CMD_SET_CONF_IND: case VCCW_CMD_SET_IND_ADAPTER: case VCCW_CMD_READ_FEAT:
	case VCCW_CMD_WRITE_FEAT: case VCCW_CMD_READ_CONF: case VCCW_CMD_WRITE_CONF:
	case VCCW_CMD_WRITE_STATUS: case VCCW_CMD_READ_VQ_CONF: case VCCW_CMD_READ_STATUS:
	case VCCW_CMD_SET_VIRTIO_REV:
		return true;
	default:
		return false;
	}
}

static enum vccw_status vccw_exec(struct vdev *d, struct vccw *c)
{
	struct virtio_ccw_dev *v = d->priv;
	enum vccw_status st;

	/* Never raises an interruption, so a plain unlock. */
	spin_lock(&v->lock);
	if (c->cmd == VCCW_CMD_SENSE) {
		st = cmd_sense(v, c);
	} else {
		memset(d->sense, 0, sizeof(d->sense));
		if (c->cmd == VCCW_CMD_NOP)
			st = VCCW_OK;
		else if (c->cmd == VCCW_CMD_SENSE_ID)
			st = cmd_sense_id(v, c);
		else if (is_virtio_cmd(c->cmd))
			st = virtio_cmd(v, c);
		else
			st = reject(v);
	}
	spin_unlock(&v->lock);
	return st;
}

static void vccw_reset(struct vdev *d)
{
	struct virtio_ccw_dev *v = d->priv;

	spin_lock(&v->lock);
	full_reset(v);
	spin_unlock(&v->lock);
}

static void vccw_destroy(struct vdev *d)
{
	struct virtio_ccw_dev *v = d->priv;

	if (v->type->destroy)
		v->type->destroy(v);
}

static const struct vdev_ops virtio_ccw_vdev_ops = {
	.ccw = vccw_exec,
	.reset = vccw_reset,
	.destroy = vccw_destroy,
	.disable = vccw_reset,
};

/* ---- Setup and notification ------------------------------------------------- */

int virtio_ccw_dev_init(struct virtio_ccw_dev *v, const struct virtio_dev_type *type,
			const struct gmem *mem, uint16_t devno)
{
	if (!type || !mem || !type->get_config || !type->queue_notify || !type->num_queues ||
	    type->num_queues > VIRTIO_CCW_MAX_QUEUES || type->config_len > CONFIG_MAX)
		return -1;
	for (unsigned int i = 0; i < type->num_queues; i++)
		if (!vring_dev_size_ok(type->queue_max[i], VRING_DEV_MAX_NUM))
			return -1;
	memset(v, 0, sizeof(*v));
	v->type = type;
	v->mem = mem;
	v->lock = (struct spinlock)SPINLOCK_INIT;
	v->revision = -1;
	v->vdev.devno = devno;
	v->vdev.cu_type = VIRTIO_CCW_CU_TYPE;
	v->vdev.cu_model = type->device_id;
	v->vdev.dev_type = 0;
	v->vdev.dev_model = 0;
	v->vdev.ops = &virtio_ccw_vdev_ops;
	v->vdev.priv = v;
	for (unsigned int i = 0; i < VIRTIO_CCW_MAX_QUEUES; i++)
		v->q[i].ring.mem = mem;
	v->host_features = (type->features ? type->features(v) : 0) | VIRTIO_FEATURE(VIRTIO_F_VERSION_1) |
			   VIRTIO_FEATURE(VIRTIO_RING_F_INDIRECT_DESC);
	return 0;
}

struct virtio_ccw_dev *virtio_ccw_from_vdev(struct vdev *d)
{
	return d && d->ops == &virtio_ccw_vdev_ops ? d->priv : NULL;
}

int virtio_ccw_diag500_schid(uint64_t gr2, uint32_t *schno)
{
	uint32_t w = (uint32_t)gr2;

	/* cssid 0, m 0, subchannel set 0, the "one" bit: 0x0001nnnn. */
	if (w >> 16 != 0x0001)
		return -1;
	*schno = w & 0xffff;
	return 0;
}

int virtio_ccw_notify(struct vdev *d, unsigned int queue)
{
	struct virtio_ccw_dev *v = virtio_ccw_from_vdev(d);
	struct virtio_ccw_queue *vq;

	if (!v || queue >= v->type->num_queues)
		return -EINVAL_GUEST;
	vq = &v->q[queue];
	virtio_ccw_lock(v);
	vq->notifies++;
	if (!virtio_ccw_ring(v, queue, NULL, NULL)) {
		virtio_ccw_unlock(v);
		return 0;
	}
	if (vq->busy) {
		/* Another CPU serves the queue: it goes round once more. */
		vq->again = true;
		virtio_ccw_unlock(v);
		return 0;
	}
	vq->busy = true;
	do {
		vq->again = false;
		virtio_ccw_unlock(v);
		v->type->queue_notify(v, queue);
		virtio_ccw_lock(v);
	} while (vq->again && virtio_ccw_ring(v, queue, NULL, NULL));
	vq->busy = false;
	virtio_ccw_unlock(v);
	return 0;
}
