/* virtio-net device for guests, on a VSWITCH port. See virtio_net_dev.h. */
#include "kernel/vdev/virtio_net_dev.h"
#include "kernel/vdev/vendian.h"
#include "kernel/alloc.h"

static inline struct virtio_net_dev *to_net(struct virtio_ccw_dev *v)
{
	return container_of(v, struct virtio_net_dev, v);
}

/* Lock held (or features settled): bytes of virtio_net_hdr before each frame. */
static size_t hdr_len(const struct virtio_ccw_dev *v)
{
	return virtio_ccw_has(v, VIRTIO_F_VERSION_1) ? sizeof(struct virtio_net_hdr) : VNET_HDR_LEN_LEGACY;
}

static void count(uint64_t *c, uint64_t n)
{
	__atomic_fetch_add(c, n, __ATOMIC_RELAXED);
}

static uint64_t net_features(struct virtio_ccw_dev *v)
{
	(void)v;
	return VIRTIO_FEATURE(VIRTIO_NET_F_MAC) | VIRTIO_FEATURE(VIRTIO_NET_F_STATUS) |
	       VIRTIO_FEATURE(VIRTIO_NET_F_MTU);
}

static void net_get_config(struct virtio_ccw_dev *v, uint8_t *buf)
{
	struct virtio_net_dev *n = to_net(v);
	bool le = virtio_ccw_le(v);

	memcpy(buf + offsetof(struct virtio_net_config, mac), n->mac, 6);
	vput16(buf + offsetof(struct virtio_net_config, status), n->port ? VIRTIO_NET_S_LINK_UP : 0, le);
	vput16(buf + offsetof(struct virtio_net_config, max_virtqueue_pairs), 1, le);
	vput16(buf + offsetof(struct virtio_net_config, mtu), n->mtu, le);
}

/* ---- Receive: a frame from the switch into the guest ------------------------------ */

int virtio_net_dev_receive(void *owner, const uint8_t *frame, size_t len)
{
	struct virtio_net_dev *n = owner;
	struct virtio_ccw_dev *v = &n->v;
	struct vring_chain *c = &n->rx_chain;
	uint8_t hdr[sizeof(struct virtio_net_hdr)];
	struct vring_dev *q;
	size_t hl;
	int r;

	virtio_ccw_lock(v);
	q = virtio_ccw_ring(v, VNET_RXQ, NULL, NULL);
	if (!q || len > virtio_net_max_frame(n))
		goto drop;
	r = vring_dev_pop(q, c);
	if (r < 0)
		virtio_ccw_set_broken(v, r);
	if (r <= 0)
		goto drop;
	hl = hdr_len(v);
	if (c->in_len < hl + len) {
		/* Too small for the frame: give the buffer back empty, the driver counts a short frame. */
		r = vring_dev_push(q, c->head, 0);
		if (r)
			virtio_ccw_set_broken(v, r);
		else
			virtio_ccw_queue_used(v, VNET_RXQ);
		goto drop;
	}
	memset(hdr, 0, sizeof(hdr));
	/* No GSO, no checksum offload; one buffer per frame. */
	if (hl == sizeof(struct virtio_net_hdr))
		vput16(hdr + offsetof(struct virtio_net_hdr, num_buffers), 1, virtio_ccw_le(v));
	if (vring_chain_write(v->mem, c, 0, hdr, hl) || vring_chain_write(v->mem, c, hl, frame, len)) {
		virtio_ccw_set_broken(v, VRD_ERR_BUFFER);
		goto drop;
	}
	r = vring_dev_push(q, c->head, (uint32_t)(hl + len));
	if (r) {
		virtio_ccw_set_broken(v, r);
		goto drop;
	}
	virtio_ccw_queue_used(v, VNET_RXQ);
	virtio_ccw_unlock(v);
	count(&n->stats.rx_frames, 1);
	count(&n->stats.rx_bytes, len);
	return 0;
drop:
	virtio_ccw_unlock(v);
	count(&n->stats.rx_dropped, 1);
	return -1;
}

/* ---- Transmit: the guest's frames into the switch ---------------------------------- */

/* Lock held: copy the popped chain's frame into tx_frame. 1 sendable, 0 refused, -1 guest storage gone. */
static int take_frame(struct virtio_net_dev *n, size_t *len)
{
	const struct vring_chain *c = &n->tx_chain;
	const struct gmem *mem = n->v.mem;
	uint8_t hdr[sizeof(struct virtio_net_hdr)];
	size_t hl = hdr_len(&n->v);

	if (c->out_len < hl + VSWITCH_MIN_FRAME || c->out_len - hl > virtio_net_max_frame(n))
		return 0;
	*len = (size_t)(c->out_len - hl);
	if (vring_chain_read(mem, c, 0, hdr, hl) || vring_chain_read(mem, c, hl, n->tx_frame, *len))
		return -1;
	/* Nothing was offered that lets the driver hand over unfinished frames. */
	if (hdr[offsetof(struct virtio_net_hdr, gso_type)] != VIRTIO_NET_HDR_GSO_NONE ||
	    (hdr[offsetof(struct virtio_net_hdr, flags)] & VIRTIO_NET_HDR_F_NEEDS_CSUM))
		return 0;
	return 1;
}

static void net_tx(struct virtio_net_dev *n)
{
	struct virtio_ccw_dev *v = &n->v;

	for (;;) {
		struct vswitch_port *port = NULL;
		struct vring_dev *q;
		size_t len = 0;
		int r, ok;

		virtio_ccw_lock(v);
		q = virtio_ccw_ring(v, VNET_TXQ, NULL, NULL);
		r = q ? vring_dev_pop(q, &n->tx_chain) : 0;
		if (r < 0)
			virtio_ccw_set_broken(v, r);
		if (r <= 0) {
			virtio_ccw_unlock(v);
			return;
		}
		ok = take_frame(n, &len);
		if (ok < 0) {
			virtio_ccw_set_broken(v, VRD_ERR_BUFFER);
			virtio_ccw_unlock(v);
			return;
		}
		r = vring_dev_push(q, n->tx_chain.head, 0);
		if (r) {
			virtio_ccw_set_broken(v, r);
			virtio_ccw_unlock(v);
			return;
		}
		virtio_ccw_queue_used(v, VNET_TXQ);
		if (ok && n->port) {
			port = n->port;
			__atomic_store_n(&n->sending, true, __ATOMIC_RELAXED);
		}
		virtio_ccw_unlock(v);
		if (!port) {
			count(&n->stats.tx_errors, 1);
			continue;
		}
		/* The frame is ours now; no lock is held while the switch delivers it. */
		vswitch_send(port, n->tx_frame, len);
		__atomic_store_n(&n->sending, false, __ATOMIC_RELEASE);
		count(&n->stats.tx_frames, 1);
		count(&n->stats.tx_bytes, len);
	}
}

static void net_queue_notify(struct virtio_ccw_dev *v, unsigned int q)
{
	/* Receive buffers are taken when frames arrive; nothing waits for them here. */
	if (q == VNET_TXQ)
		net_tx(to_net(v));
}

/* ---- Coupling and life ------------------------------------------------------------- */

int virtio_net_dev_couple(struct virtio_net_dev *n, struct vswitch *sw)
{
	struct vswitch_port *p = vswitch_attach(sw, virtio_net_dev_receive, n, n->mac);

	if (!p)
		return -1;
	virtio_ccw_lock(&n->v);
	if (n->port) {
		virtio_ccw_unlock(&n->v);
		vswitch_detach(p);
		return -1;
	}
	n->port = p;
	virtio_ccw_config_changed_locked(&n->v);
	virtio_ccw_unlock(&n->v);
	return 0;
}

void virtio_net_dev_uncouple(struct virtio_net_dev *n)
{
	struct vswitch_port *p;

	virtio_ccw_lock(&n->v);
	p = n->port;
	n->port = NULL;
	if (p)
		virtio_ccw_config_changed_locked(&n->v);
	virtio_ccw_unlock(&n->v);
	if (!p)
		return;
	/* A frame taken before the port went may still be on its way through the switch. */
	while (__atomic_load_n(&n->sending, __ATOMIC_ACQUIRE))
		barrier();
	vswitch_detach(p);
}

static void net_destroy(struct virtio_ccw_dev *v)
{
	struct virtio_net_dev *n = to_net(v);

	virtio_net_dev_uncouple(n);
	kfree(n->tx_frame);
	kfree(n);
}

static const struct virtio_dev_type virtio_net_type = {
	.name = "virtio-net",
	.device_id = VIRTIO_ID_NET,
	.num_queues = 2,
	.queue_max = { VNET_QUEUE_SIZE, VNET_QUEUE_SIZE },
	.config_len = sizeof(struct virtio_net_config),
	.features = net_features,
	.get_config = net_get_config,
	.queue_notify = net_queue_notify,
	.destroy = net_destroy,
};

struct virtio_net_dev *virtio_net_dev_create(const struct gmem *mem, const struct vnet_params *p)
{
	uint16_t mtu = p->mtu ? p->mtu : VNET_DEFAULT_MTU;
	struct virtio_net_dev *n;

	/* 68 is the smallest IPv4 MTU; a group MAC cannot be a station's. */
	if (mtu < 68 || mtu > VNET_MAX_MTU || (p->mac[0] & 1))
		return NULL;
	n = kzalloc(sizeof(*n));
	if (!n)
		return NULL;
	memcpy(n->mac, p->mac, 6);
	n->mtu = mtu;
	n->tx_frame = kmalloc((size_t)mtu + VNET_ETH_OVERHEAD);
	if (!n->tx_frame || virtio_ccw_dev_init(&n->v, &virtio_net_type, mem, p->devno)) {
		kfree(n->tx_frame);
		kfree(n);
		return NULL;
	}
	return n;
}
