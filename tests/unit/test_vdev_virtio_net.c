/*
 * virtio-net devices (kernel/vdev/virtio_net_dev.c) on a VSWITCH
 * (kernel/vdev/vswitch.c): two guests, one virtio 1.0 and one legacy, plus a
 * raw test port, exchange an ARP broadcast and unicast frames; learning,
 * flooding, filtering and drops are checked with the counters.
 */
#include <criterion/criterion.h>
#include <string.h>
#include "kernel/vdev/virtio_net_dev.h"
#include "kernel/vdev/vswitch.h"
#include "tests/unit/vdev_virtio_support.h"

#define GSIZE (2u << 20)

static const uint8_t MAC_A[6] = { 0x02, 0x11, 0x11, 0x00, 0x00, 0x01 };
static const uint8_t MAC_B[6] = { 0x02, 0x11, 0x11, 0x00, 0x00, 0x02 };
static const uint8_t MAC_X[6] = { 0x02, 0x99, 0x99, 0x00, 0x00, 0x99 };   /* behind the test port */
static const uint8_t BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

struct nic {
	struct tguest g;
	struct virtio_net_dev *n;
	struct tdrv t;
};

/* The raw test port: remembers what it was given. */
struct tport {
	unsigned int frames;
	uint8_t last[64];
	size_t last_len;
	bool refuse;
};

static int tport_deliver(void *owner, const uint8_t *frame, size_t len)
{
	struct tport *p = owner;

	if (p->refuse)
		return -1;
	p->frames++;
	p->last_len = len;
	memcpy(p->last, frame, len < sizeof(p->last) ? len : sizeof(p->last));
	return 0;
}

static void nic_up(struct nic *x, const uint8_t mac[6], uint16_t devno, int rev, struct vswitch *sw)
{
	struct vnet_params p = { .devno = devno };

	memcpy(p.mac, mac, 6);
	tg_init(&x->g, GSIZE);
	x->n = virtio_net_dev_create(&x->g.g, &p);
	cr_assert_not_null(x->n);
	if (sw)
		cr_assert_eq(virtio_net_dev_couple(x->n, sw), 0);
	tdrv_probe(&x->t, &x->g, virtio_net_dev_vdev(x->n), rev, ~0ULL, 2);
}

static void nic_down(struct nic *x)
{
	struct vdev *d = virtio_net_dev_vdev(x->n);

	d->ops->destroy(d);
	tg_free(&x->g);
}

static size_t hlen(const struct nic *x)
{
	return x->t.rev >= 1 ? 12 : 10;
}

/* Post one receive buffer of len bytes; returns its guest address. */
static uint64_t post_rx(struct nic *x, uint32_t len)
{
	struct tbuf b = { tg_alloc(&x->g, len, 8), len, true };

	memset(tg_ptr(&x->g, b.addr), 0xcc, len);
	tdrv_add(&x->t, VNET_RXQ, &b, 1);
	tdrv_kick(&x->t, VNET_RXQ);
	return b.addr;
}

static size_t make_frame(uint8_t *f, const uint8_t dst[6], const uint8_t src[6], uint16_t type, size_t len)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	f[12] = (uint8_t)(type >> 8);
	f[13] = (uint8_t)type;
	for (size_t i = 14; i < len; i++)
		f[i] = (uint8_t)(i ^ src[5]);
	return len;
}

/* Transmit a frame (header in its own descriptor, as legacy Linux does, or in front of the data). */
static void send(struct nic *x, const uint8_t *frame, size_t len, uint8_t gso)
{
	size_t hl = hlen(x);
	uint64_t a = tg_alloc(&x->g, hl + len, 8);
	struct tbuf b[2];
	uint32_t id, used_len;

	memset(tg_ptr(&x->g, a), 0, hl);
	tg_ptr(&x->g, a)[1] = gso;
	memcpy(tg_ptr(&x->g, a + hl), frame, len);
	if (x->t.rev == 0) {
		b[0] = (struct tbuf){ a, (uint32_t)hl, false };
		b[1] = (struct tbuf){ a + hl, (uint32_t)len, false };
		tdrv_add(&x->t, VNET_TXQ, b, 2);
	} else {
		b[0] = (struct tbuf){ a, (uint32_t)(hl + len), false };
		tdrv_add(&x->t, VNET_TXQ, b, 1);
	}
	cr_assert_eq(tdrv_kick(&x->t, VNET_TXQ), 0);
	cr_assert(tdrv_used(&x->t, VNET_TXQ, &id, &used_len), "transmit buffer returned");
	cr_assert_eq(used_len, 0);
}

/* The next received frame: checks the header, returns the frame length (0 when none). */
static size_t received(struct nic *x, uint64_t buf, uint8_t *frame)
{
	uint32_t id, len;
	uint8_t *p = tg_ptr(&x->g, buf);
	size_t hl = hlen(x);

	if (!tdrv_used(&x->t, VNET_RXQ, &id, &len))
		return 0;
	cr_assert(len >= hl);
	for (size_t i = 0; i < 10; i++)
		cr_assert_eq(p[i], 0, "header byte %zu: no offloads", i);
	if (hl == 12) {
		cr_assert_eq(p[10], 1, "num_buffers = 1, little-endian");
		cr_assert_eq(p[11], 0);
	}
	/* The frame right after the header (10 bytes legacy): the callers compare it whole. */
	memcpy(frame, p + hl, len - hl);
	cr_assert_eq(p[len], 0xcc, "nothing written past the frame");
	return len - hl;
}

static void port_stats(struct nic *x, struct vswitch_port_stats *s)
{
	vswitch_port_stats(x->n->port, s);
}

Test(vswitch, registry_and_names)
{
	struct vswitch *sw = vswitch_create("vsw1", 4), *sw2;
	struct tport tp = { 0 };
	struct vswitch_port *p;

	cr_assert_not_null(sw);
	cr_assert_str_eq(sw->name, "VSW1");
	cr_assert_eq(vswitch_find("VSW1"), sw);
	cr_assert_eq(vswitch_find("Vsw1"), sw);
	cr_assert_null(vswitch_create("VSW1", 0), "defined once");
	cr_assert_null(vswitch_create("", 0));
	cr_assert_null(vswitch_create("NINECHARS", 0));
	cr_assert_null(vswitch_create("A-B", 0));
	sw2 = vswitch_create("@#$9", 1);
	cr_assert_not_null(sw2, "national characters");
	cr_assert_not_null(vswitch_attach(sw2, tport_deliver, &tp, MAC_X));
	cr_assert_null(vswitch_attach(sw2, tport_deliver, &tp, MAC_X), "one port only");
	p = vswitch_attach(sw, tport_deliver, &tp, MAC_X);
	cr_assert_eq(vswitch_destroy(sw), -1, "ports attached");
	vswitch_detach(p);
	cr_assert_eq(vswitch_destroy(sw), 0);
	cr_assert_null(vswitch_find("VSW1"));
}

Test(vswitch, frames_between_two_guests)
{
	struct vswitch *sw = vswitch_create("VSW1", 0);
	struct nic a, b;
	struct tport tp = { 0 };
	struct vswitch_port *xp = vswitch_attach(sw, tport_deliver, &tp, MAC_X);
	struct vswitch_port_stats sa, sb, sx;
	uint8_t cfg[12], f[2048], got[2048];
	uint64_t arx, brx[2];
	size_t n, len;

	nic_up(&a, MAC_A, 0x0600, 2, sw);
	nic_up(&b, MAC_B, 0x0600, 0, sw);
	cr_assert_eq(a.t.rev, 2);
	cr_assert_eq(b.t.rev, 0);
	cr_assert(a.t.features & VIRTIO_FEATURE(VIRTIO_NET_F_MAC));
	cr_assert(a.t.features & VIRTIO_FEATURE(VIRTIO_NET_F_STATUS));
	cr_assert(a.t.features & VIRTIO_FEATURE(VIRTIO_NET_F_MTU));

	/* Configuration: MAC, link up (coupled), MTU, each in its revision's byte order. */
	tdrv_read_conf(&a.t, cfg, 12);
	cr_assert_arr_eq(cfg, MAC_A, 6);
	cr_assert(cfg[6] == 1 && cfg[7] == 0, "status LINK_UP little-endian");
	cr_assert_eq(tget16(cfg + 10, true), 1500);
	tdrv_read_conf(&b.t, cfg, 12);
	cr_assert_arr_eq(cfg, MAC_B, 6);
	cr_assert(cfg[6] == 0 && cfg[7] == 1, "status LINK_UP big-endian");
	cr_assert_eq(tget16(cfg + 10, false), 1500);
	tdrv_take_conf_ind(&a.t);
	tdrv_take_conf_ind(&b.t);

	arx = post_rx(&a, 12 + 1518);
	brx[0] = post_rx(&b, 10 + 1518);
	brx[1] = post_rx(&b, 10 + 1518);

	/* A: ARP who-has, broadcast. B and the test port get it; A's MAC is learned. */
	len = make_frame(f, BCAST, MAC_A, 0x0806, 42);
	tirq_count = 0;
	send(&a, f, len, 0);
	n = received(&b, brx[0], got);
	cr_assert_eq(n, 42);
	cr_assert_arr_eq(got, f, 42);
	cr_assert_eq(tp.frames, 1);
	cr_assert_eq(vswitch_lookup(sw, MAC_A), (int)a.n->port->slot);
	cr_assert_eq(vswitch_lookup(sw, MAC_B), -1);
	cr_assert_eq(tdrv_take_ind(&b.t), 1ULL << VNET_RXQ, "B: receive queue indicator");
	cr_assert_eq(tdrv_take_ind(&a.t), 1ULL << VNET_TXQ, "A: transmit queue indicator");
	cr_assert_eq(tirq_count, 2);
	cr_assert_eq(tirq_last, virtio_net_dev_vdev(b.n), "A's transmit completes before the switch delivers");

	/* B: ARP reply, unicast to A. Only A gets it; B's MAC is learned. */
	len = make_frame(f, MAC_A, MAC_B, 0x0806, 42);
	send(&b, f, len, 0);
	n = received(&a, arx, got);
	cr_assert_eq(n, 42);
	cr_assert_arr_eq(got, f, 42);
	cr_assert_eq(tp.frames, 1, "unicast to a learned MAC is not flooded");
	cr_assert_eq(vswitch_lookup(sw, MAC_B), (int)b.n->port->slot);

	/* A: unicast to B. */
	len = make_frame(f, MAC_B, MAC_A, 0x0800, 1514);
	send(&a, f, len, 0);
	n = received(&b, brx[1], got);
	cr_assert_eq(n, 1514);
	cr_assert_arr_eq(got, f, 1514);
	cr_assert_eq(tp.frames, 1);

	/* A: unicast to an unknown MAC floods; B has no receive buffer left: dropped and counted. */
	len = make_frame(f, (const uint8_t[6]){ 0x02, 0, 0, 0, 0, 0x77 }, MAC_A, 0x0800, 60);
	send(&a, f, len, 0);
	cr_assert_eq(tp.frames, 2);
	port_stats(&b, &sb);
	cr_assert_eq(sb.rx_dropped, 1);
	cr_assert_eq(b.n->stats.rx_dropped, 1);

	/* A: to its own MAC is filtered; over the MTU is refused at the device. */
	len = make_frame(f, MAC_A, MAC_A, 0x0800, 60);
	send(&a, f, len, 0);
	len = make_frame(f, BCAST, MAC_A, 0x0800, 1600);
	send(&a, f, len, 0);
	cr_assert_eq(tp.frames, 2);
	cr_assert_eq(sw->stats.filtered, 1);
	cr_assert_eq(a.n->stats.tx_errors, 1);

	/* A GSO frame without GSO negotiated is refused. */
	len = make_frame(f, BCAST, MAC_A, 0x0800, 60);
	send(&a, f, len, 1);
	cr_assert_eq(a.n->stats.tx_errors, 2);
	cr_assert_eq(tp.frames, 2);

	port_stats(&a, &sa);
	vswitch_port_stats(xp, &sx);
	cr_assert_eq(sa.tx_frames, 4, "broadcast, unicast, unknown, own");
	cr_assert_eq(sa.rx_frames, 1);
	cr_assert_eq(sx.rx_frames, 2);
	port_stats(&b, &sb);
	cr_assert_eq(sb.rx_frames, 2);
	cr_assert_eq(sb.tx_frames, 1);
	cr_assert_eq(sw->stats.flooded, 2);
	cr_assert_eq(sw->stats.unicast, 2);
	cr_assert_not(tdrv_status(&a.t) & VIRTIO_S_DEVICE_NEEDS_RESET);

	/* B uncoupled: link down, told through a configuration change; its MAC is forgotten. */
	virtio_net_dev_uncouple(b.n);
	cr_assert_null(b.n->port);
	tdrv_read_conf(&b.t, cfg, 12);
	cr_assert_eq(tget16(cfg + 6, false), 0, "link down");
	cr_assert_eq(tdrv_take_conf_ind(&b.t), 1);
	cr_assert_eq(vswitch_lookup(sw, MAC_B), -1);
	len = make_frame(f, MAC_B, MAC_A, 0x0800, 60);
	send(&a, f, len, 0);
	cr_assert_eq(tp.frames, 3, "B's MAC is unknown again: flooded");
	/* B can still transmit into its queue; the frame goes nowhere and is counted. */
	send(&b, f, len, 0);
	cr_assert_eq(b.n->stats.tx_errors, 1);

	nic_down(&a);
	nic_down(&b);
	vswitch_detach(xp);
	cr_assert_eq(vswitch_destroy(sw), 0);
}

Test(vswitch, small_receive_buffers_and_stopped_devices_drop)
{
	struct vswitch *sw = vswitch_create("VSW2", 0);
	struct nic a, b;
	uint8_t f[128];
	uint64_t small;
	uint32_t id, len;

	nic_up(&a, MAC_A, 0x0600, 2, sw);
	nic_up(&b, MAC_B, 0x0600, 2, sw);
	small = post_rx(&b, 20);
	send(&a, f, make_frame(f, BCAST, MAC_A, 0x0806, 42), 0);
	cr_assert(tdrv_used(&b.t, VNET_RXQ, &id, &len), "the small buffer is given back");
	cr_assert_eq(len, 0);
	cr_assert_eq(tg_ptr(&b.g, small)[0], 0xcc, "and left alone");
	cr_assert_eq(b.n->stats.rx_dropped, 1);

	/* A device that was reset takes nothing. */
	post_rx(&b, 1600);
	cr_assert_eq(tccw(virtio_net_dev_vdev(b.n), VCCW_CMD_VDEV_RESET, NULL, 0, NULL), VCCW_OK);
	send(&a, f, make_frame(f, BCAST, MAC_A, 0x0806, 42), 0);
	cr_assert_eq(b.n->stats.rx_dropped, 2);
	cr_assert_eq(virtio_net_dev_receive(b.n, f, 42), -1);
	nic_down(&a);
	nic_down(&b);
	cr_assert_eq(vswitch_destroy(sw), 0, "destroy uncoupled the NICs");
}

Test(vswitch, learning_table_is_bounded)
{
	struct vswitch *sw = vswitch_create("VSW3", 0);
	struct tport t1 = { 0 }, t2 = { 0 };
	struct vswitch_port *p1 = vswitch_attach(sw, tport_deliver, &t1, MAC_A);
	struct vswitch_port *p2 = vswitch_attach(sw, tport_deliver, &t2, MAC_B);
	uint8_t f[64];
	unsigned int used = 0;

	for (unsigned int i = 0; i < 5000; i++) {
		uint8_t src[6] = { 0x02, 0x42, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i, 0x01 };

		cr_assert_eq(vswitch_send(p1, f, make_frame(f, BCAST, src, 0x0800, 60)), 1);
	}
	for (int bkt = 0; bkt < VSWITCH_MAC_BUCKETS; bkt++)
		for (int w = 0; w < VSWITCH_MAC_WAYS; w++)
			used += sw->mac[bkt][w].port != 0;
	cr_assert_eq(used, VSWITCH_MAC_BUCKETS * VSWITCH_MAC_WAYS, "full, not grown");
	/* The most recent source is still known; learning still works for a new one. */
	cr_assert_eq(vswitch_lookup(sw, (const uint8_t[6]){ 0x02, 0x42, 0, 0x13, 0x87, 0x01 }), (int)p1->slot);
	vswitch_send(p2, f, make_frame(f, BCAST, MAC_B, 0x0800, 60));
	cr_assert_eq(vswitch_lookup(sw, MAC_B), (int)p2->slot);
	/* A MAC that moves follows its new port. */
	vswitch_send(p1, f, make_frame(f, BCAST, MAC_B, 0x0800, 60));
	cr_assert_eq(vswitch_lookup(sw, MAC_B), (int)p1->slot);
	cr_assert_eq(sw->stats.moved, 1);
	/* Group and zero sources are not learned; runts are refused. */
	vswitch_send(p1, f, make_frame(f, BCAST, BCAST, 0x0800, 60));
	cr_assert_eq(vswitch_lookup(sw, BCAST), -1);
	cr_assert_eq(vswitch_send(p1, f, 13), -1);
	cr_assert_eq(p1->stats.tx_errors, 1);
	/* A refusing port counts drops. */
	t2.refuse = true;
	cr_assert_eq(vswitch_send(p1, f, make_frame(f, BCAST, MAC_A, 0x0800, 60)), 0);
	cr_assert_eq(p2->stats.rx_dropped, 1);
	vswitch_detach(p1);
	vswitch_detach(p2);
	cr_assert_eq(vswitch_destroy(sw), 0);
}

Test(vswitch, create_checks_parameters)
{
	struct tguest g;
	struct vnet_params p = { .mtu = 9000 };

	tg_init(&g, GSIZE);
	memcpy(p.mac, MAC_A, 6);
	p.mtu = 20;
	cr_assert_null(virtio_net_dev_create(&g.g, &p), "MTU too small");
	p.mtu = 0;
	p.mac[0] = 0x01;
	cr_assert_null(virtio_net_dev_create(&g.g, &p), "group MAC");
	tg_free(&g);
}
