/*
 * The virtio-ccw transport (kernel/vdev/virtio_ccw_dev.c) with a test device
 * model: channel commands, revisions, features, queues, indicators,
 * notifications, reset, broken devices.
 */
#include <criterion/criterion.h>
#include <string.h>
#include "kernel/vdev/virtio_ccw_dev.h"
#include "tests/unit/vdev_virtio_support.h"

#define GSIZE (4u << 20)
#define TDEV_FEATURE_LOW  3       /* a device feature in bank 0 */
#define TDEV_FEATURE_HIGH 40      /* and one in bank 1 */

/* A device model that returns every chain it is given, with its readable length as the used length. */
struct tdev {
	struct virtio_ccw_dev v;
	struct vring_chain chain;
	unsigned int notified[3];
	unsigned int resets;
	uint8_t config[8];
};

static struct tdev *to_tdev(struct virtio_ccw_dev *v) { return container_of(v, struct tdev, v); }

static uint64_t tdev_features(struct virtio_ccw_dev *v)
{
	(void)v;
	return VIRTIO_FEATURE(TDEV_FEATURE_LOW) | VIRTIO_FEATURE(TDEV_FEATURE_HIGH);
}

static void tdev_get_config(struct virtio_ccw_dev *v, uint8_t *buf)
{
	memcpy(buf, to_tdev(v)->config, 8);
}

static void tdev_set_config(struct virtio_ccw_dev *v, uint32_t off, const uint8_t *buf, uint32_t len)
{
	memcpy(to_tdev(v)->config + off, buf, len);
}

static void tdev_reset(struct virtio_ccw_dev *v)
{
	to_tdev(v)->resets++;
}

static void tdev_notify(struct virtio_ccw_dev *v, unsigned int q)
{
	struct tdev *t = to_tdev(v);
	struct vring_dev *r;
	int rc;

	t->notified[q]++;
	virtio_ccw_lock(v);
	r = virtio_ccw_ring(v, q, NULL, NULL);
	while (r && (rc = vring_dev_pop(r, &t->chain)) != 0) {
		if (rc < 0) {
			virtio_ccw_set_broken(v, rc);
			break;
		}
		cr_assert_eq(vring_dev_push(r, t->chain.head, (uint32_t)t->chain.out_len), 0);
		virtio_ccw_queue_used(v, q);
	}
	virtio_ccw_unlock(v);
}

static const struct virtio_dev_type tdev_type = {
	.name = "test",
	.device_id = 42,
	.num_queues = 3,
	.queue_max = { 8, 16, 4 },
	.config_len = 8,
	.features = tdev_features,
	.get_config = tdev_get_config,
	.set_config = tdev_set_config,
	.reset = tdev_reset,
	.queue_notify = tdev_notify,
};

static struct tguest g;
static struct tdev td;
static struct vdev *d;

static void setup(void)
{
	tg_init(&g, GSIZE);
	memset(&td, 0, sizeof(td));
	cr_assert_eq(virtio_ccw_dev_init(&td.v, &tdev_type, &g.g, 0x0600), 0);
	memcpy(td.config, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	d = &td.v.vdev;
}

static void teardown(void)
{
	tg_free(&g);
}

static void expect_reject(enum vccw_status st)
{
	cr_assert_eq(st, VCCW_UNIT_CHECK);
	cr_assert_eq(d->sense[0], VCCW_SENSE_CMD_REJECT);
}

static enum vccw_status set_rev(uint16_t rev, uint16_t len)
{
	uint8_t r[4];

	tput16(r, rev, false);
	tput16(r + 2, len, false);
	return tccw(d, VCCW_CMD_SET_VIRTIO_REV, r, 4, NULL);
}

static enum vccw_status status(uint8_t s)
{
	return tccw(d, VCCW_CMD_WRITE_STATUS, &s, 1, NULL);
}

TestSuite(virtio_ccw, .init = setup, .fini = teardown);

Test(virtio_ccw, init_refuses_malformed_types)
{
	struct virtio_dev_type bad = tdev_type;
	struct tdev x;

	bad.num_queues = 0;
	cr_assert_eq(virtio_ccw_dev_init(&x.v, &bad, &g.g, 1), -1);
	bad = tdev_type;
	bad.queue_max[1] = 12;
	cr_assert_eq(virtio_ccw_dev_init(&x.v, &bad, &g.g, 1), -1, "queue sizes are powers of two");
	bad = tdev_type;
	bad.queue_notify = NULL;
	cr_assert_eq(virtio_ccw_dev_init(&x.v, &bad, &g.g, 1), -1);
	bad = tdev_type;
	bad.config_len = 257;
	cr_assert_eq(virtio_ccw_dev_init(&x.v, &bad, &g.g, 1), -1);
}

Test(virtio_ccw, sense_id_and_identity)
{
	uint8_t id[16];
	uint32_t moved;

	memset(id, 0xaa, sizeof(id));
	cr_assert_eq(tccw(d, VCCW_CMD_SENSE_ID, id, sizeof(id), &moved), VCCW_OK);
	cr_assert_eq(moved, 7, "basic Sense ID data, no CIWs");
	cr_assert_arr_eq(id, "\xff\x38\x32\x2a\x00\x00\x00\xaa", 8);
	cr_assert_eq(d->cu_type, 0x3832);
	cr_assert_eq(d->cu_model, 42);
	cr_assert_eq(d->devno, 0x0600);
	cr_assert_eq(virtio_ccw_from_vdev(d), &td.v);
	cr_assert_eq(tccw(d, VCCW_CMD_NOP, NULL, 0, NULL), VCCW_OK);
	cr_assert_eq(td.v.revision, -1, "Sense ID and NOP do not fix the revision");
}

Test(virtio_ccw, unknown_commands_are_rejected_and_sense_reads_back)
{
	uint8_t sense[32];
	uint32_t moved;

	expect_reject(tccw(d, 0x02, NULL, 0, NULL));
	expect_reject(tccw(d, 0xff, NULL, 0, NULL));
	memset(sense, 0xaa, sizeof(sense));
	cr_assert_eq(tccw(d, VCCW_CMD_SENSE, sense, sizeof(sense), &moved), VCCW_OK);
	cr_assert_eq(moved, 32);
	cr_assert_eq(sense[0], 0x80, "command reject");
	cr_assert_eq(sense[1], 0);
	cr_assert_eq(d->sense[0], 0, "sense is reset once read");
	cr_assert_eq(tccw(d, VCCW_CMD_NOP, NULL, 0, NULL), VCCW_OK);
}

Test(virtio_ccw, revision_negotiation)
{
	expect_reject(set_rev(3, 0));
	cr_assert_eq(td.v.revision, -1);
	expect_reject(set_rev(2, 8));
	cr_assert_eq(set_rev(2, 0), VCCW_OK);
	cr_assert_eq(td.v.revision, 2);
	expect_reject(set_rev(1, 0));
	cr_assert_eq(td.v.revision, 2, "once per enablement");
	/* Disabling the subchannel forgets it (Linux offline/online). */
	d->ops->disable(d);
	cr_assert_eq(td.v.revision, -1);
	cr_assert_eq(set_rev(1, 0), VCCW_OK);
	cr_assert_eq(td.v.revision, 1);
}

Test(virtio_ccw, a_virtio_command_before_the_revision_means_legacy)
{
	cr_assert_eq(status(0), VCCW_OK);
	cr_assert_eq(td.v.revision, 0);
	expect_reject(set_rev(1, 0));
}

Test(virtio_ccw, linux_steps_down_from_revision_2)
{
	struct tdrv t;

	tdrv_probe(&t, &g, d, 3, ~0ULL, 3);
	cr_assert_eq(t.rev, 2);
	cr_assert_eq(t.offered & VIRTIO_FEATURE(VIRTIO_F_VERSION_1), VIRTIO_FEATURE(VIRTIO_F_VERSION_1));
	cr_assert(t.offered & VIRTIO_FEATURE(TDEV_FEATURE_HIGH));
	cr_assert(t.offered & VIRTIO_FEATURE(VIRTIO_RING_F_INDIRECT_DESC));
	cr_assert_not(t.offered & VIRTIO_FEATURE(VIRTIO_RING_F_EVENT_IDX), "event index not offered");
	cr_assert_eq(td.v.guest_features, t.offered);
	cr_assert(virtio_ccw_running(&td.v));
}

Test(virtio_ccw, feature_banks)
{
	uint8_t f[5] = { 0xff, 0xff, 0xff, 0xff, 1 };

	cr_assert_eq(set_rev(0, 0), VCCW_OK);
	cr_assert_eq(tccw(d, VCCW_CMD_READ_FEAT, f, 5, NULL), VCCW_OK);
	cr_assert_eq(tget32(f, true), 0, "legacy: no bits beyond 31");
	f[4] = 0;
	cr_assert_eq(tccw(d, VCCW_CMD_READ_FEAT, f, 5, NULL), VCCW_OK);
	cr_assert_eq(tget32(f, true), (1u << TDEV_FEATURE_LOW) | (1u << VIRTIO_RING_F_INDIRECT_DESC));
	cr_assert_eq(f[0], 1u << TDEV_FEATURE_LOW, "little-endian even in a legacy revision");
	f[4] = 2;
	cr_assert_eq(tccw(d, VCCW_CMD_READ_FEAT, f, 5, NULL), VCCW_OK);
	cr_assert_eq(tget32(f, true), 0, "banks past the offer read as zero");
	/* The driver cannot take what was not offered. */
	tput32(f, 0xffffffff, true);
	f[4] = 0;
	cr_assert_eq(tccw(d, VCCW_CMD_WRITE_FEAT, f, 5, NULL), VCCW_OK);
	cr_assert_eq(td.v.guest_features, (1u << TDEV_FEATURE_LOW) | (1u << VIRTIO_RING_F_INDIRECT_DESC));
	f[4] = 1;
	cr_assert_eq(tccw(d, VCCW_CMD_WRITE_FEAT, f, 5, NULL), VCCW_OK);
	cr_assert_eq(td.v.guest_features >> 32, 0, "legacy drivers have one bank");
}

Test(virtio_ccw, short_data_rejects_and_program_checks_pass_through)
{
	uint8_t f[5] = { 0 };
	uint32_t moved;

	cr_assert_eq(set_rev(1, 0), VCCW_OK);
	expect_reject(tccw(d, VCCW_CMD_READ_FEAT, f, 4, NULL));
	expect_reject(tccw(d, VCCW_CMD_WRITE_STATUS, f, 0, NULL));
	tccw_fail_xfer = true;
	cr_assert_eq(tccw(d, VCCW_CMD_WRITE_FEAT, f, 5, &moved), VCCW_OK, "the channel subsystem reports it");
	cr_assert_eq(tccw(d, VCCW_CMD_READ_CONF, f, 5, &moved), VCCW_OK);
	cr_assert_eq(moved, 0);
	tccw_fail_xfer = false;
}

Test(virtio_ccw, features_ok_needs_version_1_in_revision_1)
{
	uint8_t f[5];

	cr_assert_eq(set_rev(2, 0), VCCW_OK);
	cr_assert_eq(status(VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER), VCCW_OK);
	tput32(f, 1u << TDEV_FEATURE_LOW, true);
	f[4] = 0;
	cr_assert_eq(tccw(d, VCCW_CMD_WRITE_FEAT, f, 5, NULL), VCCW_OK);
	cr_assert_eq(status(VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER | VIRTIO_S_FEATURES_OK), VCCW_OK);
	f[0] = 0xee;
	cr_assert_eq(tccw(d, VCCW_CMD_READ_STATUS, f, 1, NULL), VCCW_OK);
	cr_assert_eq(f[0], VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER, "FEATURES_OK not kept without VERSION_1");
	tput32(f, 1u << (VIRTIO_F_VERSION_1 - 32), true);
	f[4] = 1;
	cr_assert_eq(tccw(d, VCCW_CMD_WRITE_FEAT, f, 5, NULL), VCCW_OK);
	cr_assert_eq(status(VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER | VIRTIO_S_FEATURES_OK), VCCW_OK);
	cr_assert_eq(tccw(d, VCCW_CMD_READ_STATUS, f, 1, NULL), VCCW_OK);
	cr_assert_eq(f[0], VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER | VIRTIO_S_FEATURES_OK);
	/* Features are fixed from here on. */
	tput32(f, 0, true);
	f[4] = 1;
	cr_assert_eq(tccw(d, VCCW_CMD_WRITE_FEAT, f, 5, NULL), VCCW_OK);
	cr_assert(virtio_ccw_has(&td.v, VIRTIO_F_VERSION_1));
	/* DRIVER_OK without FEATURES_OK does not make a revision 1 device run. */
	cr_assert_eq(status(VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER | VIRTIO_S_DRIVER_OK), VCCW_OK);
	cr_assert_not(virtio_ccw_running(&td.v));
}

Test(virtio_ccw, configuration_space)
{
	uint8_t c[16];
	uint32_t moved;

	memset(c, 0, sizeof(c));
	cr_assert_eq(tccw(d, VCCW_CMD_READ_CONF, c, 4, &moved), VCCW_OK);
	cr_assert_eq(moved, 4, "the driver reads offset + length bytes");
	cr_assert(!tccw_overrun, "no more than the driver's count is offered (incorrect length)");
	cr_assert_arr_eq(c, "\x01\x02\x03\x04\x00", 5);
	cr_assert_eq(tccw(d, VCCW_CMD_READ_CONF, c, 16, &moved), VCCW_OK);
	cr_assert_eq(moved, 8, "no more than the configuration");
	memcpy(c, "ABCDEFGH", 8);
	cr_assert_eq(tccw(d, VCCW_CMD_WRITE_CONF, c, 6, &moved), VCCW_OK);
	cr_assert_eq(moved, 6);
	cr_assert_arr_eq(td.config, "ABCDEF\x07\x08", 8);
}

Test(virtio_ccw, queue_configuration)
{
	uint8_t cfg[4], info[32];

	cr_assert_eq(set_rev(1, 0), VCCW_OK);
	tput16(cfg, 1, false);
	cr_assert_eq(tccw(d, VCCW_CMD_READ_VQ_CONF, cfg, 4, NULL), VCCW_OK);
	cr_assert_eq(tget16(cfg + 2, false), 16);
	tput16(cfg, 3, false);
	cr_assert_eq(tccw(d, VCCW_CMD_READ_VQ_CONF, cfg, 4, NULL), VCCW_OK);
	cr_assert_eq(tget16(cfg + 2, false), 0, "no such queue: size 0 (Linux stops there)");

	memset(info, 0, sizeof(info));
	tput64(info, 0x20000, false);
	tput16(info + 12, 1, false);
	tput64(info + 16, 0x21000, false);
	tput64(info + 24, 0x22000, false);
	tput16(info + 14, 32, false);
	expect_reject(tccw(d, VCCW_CMD_SET_VQ, info, 32, NULL));          /* above the maximum */
	tput16(info + 14, 12, false);
	expect_reject(tccw(d, VCCW_CMD_SET_VQ, info, 32, NULL));          /* not a power of two */
	tput16(info + 14, 8, false);
	tput16(info + 12, 3, false);
	expect_reject(tccw(d, VCCW_CMD_SET_VQ, info, 32, NULL));          /* no queue 3 */
	tput16(info + 12, 1, false);
	tput64(info + 24, GSIZE - 8, false);
	expect_reject(tccw(d, VCCW_CMD_SET_VQ, info, 32, NULL));          /* used ring beyond storage */
	expect_reject(tccw(d, VCCW_CMD_SET_VQ, info, 16, NULL));          /* the legacy block is too short */
	tput64(info + 24, 0x22000, false);
	cr_assert_eq(tccw(d, VCCW_CMD_SET_VQ, info, 32, NULL), VCCW_OK);
	cr_assert_eq(td.v.q[1].ring.num, 8, "virtio 1.0 may use a smaller queue");
	cr_assert_eq(td.v.q[1].ring.avail, 0x21000);
	cr_assert_eq(td.v.q[1].ring.used, 0x22000);
	cr_assert(td.v.q[1].ring.le);
	/* Address 0 drops the queue (Linux del_vqs). */
	memset(info, 0, 8);
	cr_assert_eq(tccw(d, VCCW_CMD_SET_VQ, info, 32, NULL), VCCW_OK);
	cr_assert_not(vring_dev_ready(&td.v.q[1].ring));
}

Test(virtio_ccw, legacy_queue_configuration)
{
	uint8_t info[16];

	cr_assert_eq(set_rev(0, 0), VCCW_OK);
	tput64(info, 0x40000, false);
	tput32(info + 8, 4096, false);
	tput16(info + 12, 0, false);
	tput16(info + 14, 4, false);
	expect_reject(tccw(d, VCCW_CMD_SET_VQ, info, 16, NULL));          /* not the size READ_VQ_CONF gave */
	tput16(info + 14, 8, false);
	cr_assert_eq(tccw(d, VCCW_CMD_SET_VQ, info, 16, NULL), VCCW_OK);
	cr_assert_eq(td.v.q[0].ring.avail, 0x40080);
	cr_assert_eq(td.v.q[0].ring.used, 0x41000);
	cr_assert_not(td.v.q[0].ring.le, "legacy rings are big-endian");
}

Test(virtio_ccw, indicator_bits_and_interruptions)
{
	struct tdrv t;
	uint64_t buf;
	uint32_t id, len;
	struct tbuf b;

	tdrv_probe(&t, &g, d, 2, ~0ULL, 3);
	buf = tdrv_buffer(&t, 100, 1);
	b = (struct tbuf){ buf, 100, false };
	tdrv_add(&t, 1, &b, 1);
	tirq_count = 0;
	cr_assert_eq(tdrv_kick(&t, 1), 0);
	cr_assert_eq(td.notified[1], 1);
	cr_assert(tdrv_used(&t, 1, &id, &len));
	cr_assert_eq(len, 100);
	cr_assert_eq(tirq_count, 1);
	cr_assert_eq(tirq_last, d);
	/* Queue 1 is the doubleword's value 1 << 1: byte 7 of the big-endian doubleword. */
	cr_assert_eq(tg_ptr(&g, t.ind)[7], 0x02);
	cr_assert_eq(tdrv_take_ind(&t), 1ULL << 1);
	cr_assert_eq(tdrv_take_conf_ind(&t), 0);

	/* Queue 2 and again queue 1, bits accumulate until the guest clears them. */
	tdrv_add(&t, 2, &b, 1);
	tdrv_kick(&t, 2);
	tdrv_add(&t, 1, &b, 1);
	tdrv_kick(&t, 1);
	cr_assert_eq(tdrv_take_ind(&t), (1ULL << 1) | (1ULL << 2));
	cr_assert_eq(tirq_count, 3);

	/* A driver that asked for no interruptions gets none (but the used entry). */
	tput16(tg_ptr(&g, t.q[1].avail), VRD_AVAIL_F_NO_INTERRUPT, true);
	tdrv_add(&t, 1, &b, 1);
	tdrv_kick(&t, 1);
	cr_assert(tdrv_used(&t, 1, &id, &len));
	cr_assert(tdrv_used(&t, 1, &id, &len));
	cr_assert_eq(tirq_count, 3);
	cr_assert_eq(tdrv_take_ind(&t), 0);

	/* The configuration indicator. */
	virtio_ccw_config_changed(&td.v);
	cr_assert_eq(tdrv_take_conf_ind(&t), 1);
	cr_assert_eq(tirq_count, 4);
}

Test(virtio_ccw, notifications_that_do_nothing)
{
	struct tdrv t;
	struct vdev other = { 0 };

	cr_assert_eq(virtio_ccw_notify(&other, 0), -22, "not a virtio device");
	cr_assert_null(virtio_ccw_from_vdev(&other));
	cr_assert_eq(virtio_ccw_notify(NULL, 0), -22);
	cr_assert_eq(virtio_ccw_notify(d, 0), 0, "before DRIVER_OK: ignored");
	cr_assert_eq(td.notified[0], 0);
	tdrv_probe(&t, &g, d, 2, ~0ULL, 2);
	cr_assert_eq(virtio_ccw_notify(d, 3), -22, "no such queue");
	cr_assert_eq(virtio_ccw_notify(d, 2), 0, "queue not set up: ignored");
	cr_assert_eq(td.notified[2], 0);
	cr_assert_eq(virtio_ccw_notify(d, 0), 0);
	cr_assert_eq(td.notified[0], 1);
}

Test(virtio_ccw, diag500_subchannel_id)
{
	uint32_t schno = 0;

	cr_assert_eq(virtio_ccw_diag500_schid(0x0001000a, &schno), 0);
	cr_assert_eq(schno, 10);
	cr_assert_eq(virtio_ccw_diag500_schid(0xffffffff0001ffffULL, &schno), 0, "high word ignored");
	cr_assert_eq(schno, 0xffff);
	cr_assert_eq(virtio_ccw_diag500_schid(0x0000000a, &schno), -1, "the one bit");
	cr_assert_eq(virtio_ccw_diag500_schid(0x0003000a, &schno), -1, "subchannel set 1");
	cr_assert_eq(virtio_ccw_diag500_schid(0x0101000a, &schno), -1, "cssid 1");
}

Test(virtio_ccw, reset_forgets_queues_features_and_indicators)
{
	struct tdrv t;
	struct tbuf b;

	tdrv_probe(&t, &g, d, 2, ~0ULL, 3);
	cr_assert_eq(tccw(d, VCCW_CMD_VDEV_RESET, NULL, 0, NULL), VCCW_OK);
	cr_assert_eq(td.resets, 2, "WRITE_STATUS 0 during probe, then VDEV_RESET");
	cr_assert_eq(td.v.status, 0);
	cr_assert_eq(td.v.guest_features, 0);
	cr_assert_eq(td.v.ind_addr, 0);
	cr_assert_eq(td.v.conf_ind_addr, 0);
	for (int i = 0; i < 3; i++)
		cr_assert_not(vring_dev_ready(&td.v.q[i].ring));
	cr_assert_eq(td.v.revision, 2, "the revision survives a virtio reset");
	b = (struct tbuf){ tdrv_buffer(&t, 8, 0), 8, false };
	tdrv_add(&t, 0, &b, 1);
	cr_assert_eq(tdrv_kick(&t, 0), 0);
	cr_assert_eq(td.notified[0], 0, "nothing runs after reset");

	/* Up again in the same revision; then the channel subsystem's reset also forgets the revision. */
	tdrv_restart(&t, ~0ULL, 3);
	cr_assert(virtio_ccw_running(&td.v));
	d->ops->reset(d);
	cr_assert_eq(td.v.revision, -1);
	cr_assert_eq(td.v.status, 0);
	tdrv_probe(&t, &g, d, 0, ~0ULL, 3);
	cr_assert_eq(t.rev, 0);
}

Test(virtio_ccw, a_bad_ring_breaks_the_device_until_reset)
{
	struct tdrv t;
	struct tbuf b;
	uint32_t id, len;

	tdrv_probe(&t, &g, d, 2, ~0ULL, 3);
	tirq_count = 0;
	/* Head index 200 in an 8-entry queue. */
	tput16(tg_ptr(&g, t.q[0].avail + 4), 200, true);
	tput16(tg_ptr(&g, t.q[0].avail + 2), 1, true);
	cr_assert_eq(tdrv_kick(&t, 0), 0);
	cr_assert(tdrv_status(&t) & VIRTIO_S_DEVICE_NEEDS_RESET);
	cr_assert_eq(td.v.broken_reason, VRD_ERR_HEAD);
	cr_assert_eq(tdrv_take_conf_ind(&t), 1, "the driver is told through a configuration change");
	cr_assert_eq(tirq_count, 1);
	/* Other queues stop too. */
	b = (struct tbuf){ tdrv_buffer(&t, 8, 0), 8, false };
	tdrv_add(&t, 1, &b, 1);
	tdrv_kick(&t, 1);
	cr_assert_not(tdrv_used(&t, 1, &id, &len));
	/* DRIVER_OK written again keeps NEEDS_RESET; only a reset clears it. */
	cr_assert_eq(status(VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER | VIRTIO_S_FEATURES_OK | VIRTIO_S_DRIVER_OK),
		     VCCW_OK);
	cr_assert(tdrv_status(&t) & VIRTIO_S_DEVICE_NEEDS_RESET);
	tdrv_restart(&t, ~0ULL, 3);
	cr_assert_not(tdrv_status(&t) & VIRTIO_S_DEVICE_NEEDS_RESET, "a reset clears it");
	tdrv_add(&t, 1, &b, 1);
	tdrv_kick(&t, 1);
	cr_assert(tdrv_used(&t, 1, &id, &len));
}

Test(virtio_ccw, indicator_addresses_are_checked)
{
	uint8_t ind[8];

	cr_assert_eq(set_rev(1, 0), VCCW_OK);
	tput64(ind, GSIZE - 4, false);
	expect_reject(tccw(d, VCCW_CMD_SET_IND, ind, 8, NULL));
	expect_reject(tccw(d, VCCW_CMD_SET_CONF_IND, ind, 8, NULL));
	tput64(ind, 0x3000, false);
	cr_assert_eq(tccw(d, VCCW_CMD_SET_IND, ind, 8, NULL), VCCW_OK);
	cr_assert_eq(td.v.ind_addr, 0x3000);
	tput64(ind, 0, false);
	cr_assert_eq(tccw(d, VCCW_CMD_SET_IND, ind, 8, NULL), VCCW_OK, "0 deregisters (Linux del_vqs)");
	cr_assert_eq(td.v.ind_addr, 0);
}
