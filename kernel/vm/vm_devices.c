/*
 * A guest's virtual devices: its SCLP (console, storage and CPU information)
 * and its channel subsystem, with a virtio-blk device for each minidisk of its
 * directory entry and a virtio-net device for each NICDEF on a VSWITCH.
 */
#include "kernel/vm/vm_devices.h"
#include "kernel/vm/intercept.h"
#include "kernel/vm/guest_lowcore.h"
#include "kernel/vm/vm_minidisk.h"
#include "kernel/vm/mdblk.h"
#include "kernel/vm/vm_network.h"
#include "kernel/vdev/vsclp.h"
#include "kernel/vdev/vcss.h"
#include "kernel/vdev/virtio_blk_dev.h"
#include "kernel/vdev/virtio_net_dev.h"
#include "kernel/vdev/virtio_ccw_dev.h"
#include "kernel/vdev/vswitch.h"
#include "kernel/config/dir_view.h"
#include "kernel/cp/cmd.h"
#include "kernel/alloc.h"
#include "kernel/console.h"
#include <stdio.h>
#include <string.h>

#define FAC_EXTENDED_SCCB 140
#define VM_MAX_DEVICES 64

enum vm_dev_kind { VMDEV_DISK, VMDEV_NIC };

struct vm_device {
	enum vm_dev_kind kind;
	uint16_t vdev;
	struct vdev *dev;
	struct minidisk md;                 /* VMDEV_DISK */
	struct virtio_net_dev *nic;         /* VMDEV_NIC */
	char lan[9];
	uint8_t mac[6];
};

struct vm_devices {
	unsigned int n;
	struct vm_device dev[VM_MAX_DEVICES];
};

/* ---- SCLP ---- */

/* Called under vm->sclp_lock: keep the text for vm_console_flush. */
static size_t guest_console_write(void *ctx, const char *data, size_t len, bool vt220)
{
	struct vm *vm = ctx;
	struct vm_console *c = &vm->console;
	size_t room = sizeof(c->pending) - c->pending_len, n = len < room ? len : room;

	(void)vt220;
	memcpy(c->pending + c->pending_len, data, n);
	c->pending_len += n;
	c->pending_lost += len - n;
	return len;
}

void vm_console_flush(struct vm *vm)
{
	struct vm_console *c = &vm->console;
	char chunk[256];

	mutex_lock(&c->shown);
	for (;;) {
		size_t n;

		spin_lock(&vm->sclp_lock);
		n = c->pending_len < sizeof(chunk) ? c->pending_len : sizeof(chunk);
		memcpy(chunk, c->pending, n);
		memmove(c->pending, c->pending + n, c->pending_len - n);
		c->pending_len -= n;
		spin_unlock(&vm->sclp_lock);
		if (!n)
			break;
		vm_console_output(vm, chunk, n);
	}
	mutex_unlock(&c->shown);
}

static const struct vsclp_console_ops console_ops = { .write = guest_console_write };

static int sclp_create(struct vm *vm, char *err, size_t errsize)
{
	struct vsclp *s = kzalloc(sizeof(*s));
	struct vsclp_config cfg = { 0 };
	uint16_t addrs[VM_MAX_CPUS];

	if (!s) {
		snprintf(err, errsize, "no storage for the SCLP of %s", vm->userid);
		return -1;
	}
	for (unsigned int i = 0; i < vm->ncpus; i++)
		addrs[i] = vm->cpu[i]->address;
	cfg.storage_bytes = vm->storage.size;
	cfg.ncpus = vm->ncpus;
	cfg.cpu_addrs = addrs;
	cfg.consoles = VSCLP_CON_LINEMODE | VSCLP_CON_VT220;
	cfg.cp500 = true; /* what Linux uses on a line-mode console outside z/VM */
	cfg.extended_length = vm->facilities[FAC_EXTENDED_SCCB / 64] & (1ULL << (63 - FAC_EXTENDED_SCCB % 64));
	if (vsclp_init(s, &cfg, &console_ops, vm) != 0) {
		kfree(s);
		snprintf(err, errsize, "the SCLP configuration of %s is not valid", vm->userid);
		return -1;
	}
	vm->sclp = s;
	return 0;
}

/* ---- channel subsystem ---- */

static void css_lock(void *ctx) { spin_lock(&((struct vm *)ctx)->css_lock); }
static void css_unlock(void *ctx) { spin_unlock(&((struct vm *)ctx)->css_lock); }
static void css_io_pending(void *ctx) { vm_raise_io(ctx); }

static int blk_read(void *ctx, uint64_t sector, unsigned int n, void *buf)
{
	return mdblk_read(ctx, sector, n, buf) == 0 ? 0 : -1;
}

static int blk_write(void *ctx, uint64_t sector, unsigned int n, const void *buf)
{
	return mdblk_write(ctx, sector, n, buf) == 0 ? 0 : -1;
}

static uint64_t blk_capacity(void *ctx)
{
	return mdblk_sectors(ctx);
}

static const struct vblk_backend_ops blk_rw = { .read = blk_read, .write = blk_write,
						.capacity_sectors = blk_capacity };
static const struct vblk_backend_ops blk_ro = { .read = blk_read, .write = blk_write,
						.capacity_sectors = blk_capacity, .read_only = true };

static int add_disk(struct vm *vm, struct vm_devices *d, const struct dir_mdisk *m)
{
	struct vm_device *x = &d->dev[d->n];
	struct vblk_params p = { 0 };
	struct virtio_blk_dev *b;
	char err[128], serial[24];

	x->kind = VMDEV_DISK;
	x->vdev = m->vdev;
	if (minidisk_find(vm->userid, m->vdev, &x->md, err, sizeof(err)) != 0) {
		kprintf("PLXVMM070W %s minidisk %04X not attached: %s\n", vm->userid, m->vdev, err);
		return 0;
	}
	snprintf(serial, sizeof(serial), "%s.%04X", x->md.volser, m->vdev);
	p.devno = m->vdev;
	p.ops = x->md.read_only ? &blk_ro : &blk_rw;
	p.ctx = &x->md;
	p.serial = serial;
	b = virtio_blk_dev_create(&vm->storage.gmem, &p);
	if (!b)
		return -1;
	x->dev = virtio_blk_dev_vdev(b);
	if (vcss_attach(vm->css, x->dev) != 0) {
		x->dev->ops->destroy(x->dev);
		return -1;
	}
	d->n++;
	return 0;
}

static int add_nic(struct vm *vm, struct vm_devices *d, const struct dir_nicdef *n)
{
	struct vm_device *x = &d->dev[d->n];
	struct vnet_params p = { 0 };
	struct vswitch *sw;

	x->kind = VMDEV_NIC;
	x->vdev = n->vdev;
	snprintf(x->lan, sizeof(x->lan), "%s", n->lan_name);
	sw = n->lan_name[0] ? vswitch_find(n->lan_name) : NULL;
	if (n->lan_name[0] && !sw)
		kprintf("PLXVMM071W %s NIC %04X: VSWITCH %s is not defined; the NIC is not coupled\n",
			vm->userid, n->vdev, n->lan_name);
	vm_network_mac(vm->userid, n->vdev, n->has_macid ? n->macid : 0, x->mac);
	p.devno = n->vdev;
	memcpy(p.mac, x->mac, 6);
	x->nic = virtio_net_dev_create(&vm->storage.gmem, &p);
	if (!x->nic)
		return -1;
	x->dev = virtio_net_dev_vdev(x->nic);
	if (vcss_attach(vm->css, x->dev) != 0) {
		x->dev->ops->destroy(x->dev);
		return -1;
	}
	if (sw && virtio_net_dev_couple(x->nic, sw) != 0)
		kprintf("PLXVMM072W %s NIC %04X: VSWITCH %s has no free port\n", vm->userid, n->vdev, n->lan_name);
	d->n++;
	return 0;
}

int vm_devices_create(struct vm *vm, const struct dir_view *view, char *err, size_t errsize)
{
	struct vcss_callbacks cb = { .io_pending = css_io_pending, .lock = css_lock, .unlock = css_unlock,
				     .ctx = vm };
	struct vm_devices *d;
	const struct dir_stmt *st;
	unsigned int iter = 0;

	vm->sclp_lock = (struct spinlock)SPINLOCK_INIT;
	mutex_init(&vm->console.shown);
	vm->css_lock = (struct spinlock)SPINLOCK_INIT;
	if (sclp_create(vm, err, errsize) != 0)
		return -1;
	d = kzalloc(sizeof(*d));
	vm->css = vcss_create(&vm->storage.gmem, &cb);
	vm->devices = d;
	if (!d || !vm->css) {
		snprintf(err, errsize, "no storage for the devices of %s", vm->userid);
		return -1;
	}
	while ((st = dir_view_next(view, &iter, NULL)) != NULL) {
		int rc = 0;

		if (d->n >= VM_MAX_DEVICES)
			break;
		if (st->kind == DS_MDISK)
			rc = add_disk(vm, d, &st->u.mdisk);
		else if (st->kind == DS_NICDEF)
			rc = add_nic(vm, d, &st->u.nicdef);
		if (rc != 0) {
			snprintf(err, errsize, "no storage for the devices of %s", vm->userid);
			return -1;
		}
	}
	return 0;
}

void vm_devices_destroy(struct vm *vm)
{
	/* The channel subsystem destroys its devices (a NIC uncouples itself). */
	vcss_destroy(vm->css);
	vm->css = NULL;
	kfree(vm->devices);
	vm->devices = NULL;
	kfree(vm->sclp);
	vm->sclp = NULL;
}

void vm_devices_reset(struct vm *vm)
{
	spin_lock(&vm->sclp_lock);
	if (vm->sclp)
		vsclp_reset(vm->sclp);
	spin_unlock(&vm->sclp_lock);
	spin_lock(&vm->css_lock);
	if (vm->css)
		vcss_reset(vm->css);
	spin_unlock(&vm->css_lock);
}

void vm_devices_query(struct vm *vm, struct cmd_ctx *ctx)
{
	struct vm_devices *d = vm->devices;

	cmd_printf(ctx, "CONS 0009 SCLP  %llu LINES WRITTEN  %llu BYTES LOST%s",
		   (unsigned long long)vm->console.lines_out, (unsigned long long)vm->console.pending_lost,
		   vm->console.secuser_operator ? "  SECUSER OPERATOR" : "");
	for (unsigned int i = 0; d && i < d->n; i++) {
		struct vm_device *x = &d->dev[i];

		if (x->kind == VMDEV_DISK)
			cmd_printf(ctx, "DASD %04X 3390 %-6s %s %6llu CYL ON VIRTIO-BLK", x->vdev, x->md.volser,
				   x->md.read_only ? "R/O" : "R/W",
				   (unsigned long long)(x->md.nblocks / 180));
		else
			cmd_printf(ctx, "NIC  %04X VIRTIO-NET %s %s MAC %02X-%02X-%02X-%02X-%02X-%02X", x->vdev,
				   x->lan[0] ? "VSWITCH" : "", x->lan, x->mac[0], x->mac[1], x->mac[2], x->mac[3],
				   x->mac[4], x->mac[5]);
	}
}

/* ---- console input ---- */

bool vm_console_input(struct vm *vm, const char *line)
{
	enum vsclp_input_result r;

	if (!vm->sclp)
		return false;
	spin_lock(&vm->sclp_lock);
	r = vsclp_console_input(vm->sclp, line);
	spin_unlock(&vm->sclp_lock);
	if (r == VSCLP_IN_SIGNAL)
		vm_raise_service_signal(vm, 1);
	return r == VSCLP_IN_SIGNAL || r == VSCLP_IN_QUEUED;
}

/* ---- interceptions ---- */

/* DIAGNOSE 0x500: virtio-ccw notification (GR1 3, GR2 subchannel id, GR3 queue); GR2 gets the result. */
bool vm_virtio_notify(struct vcpu *v)
{
	uint32_t schno;
	struct vdev *d;
	int rc;

	if ((v->gprs[1] & 0xffffffffULL) != 3 || virtio_ccw_diag500_schid(v->gprs[2], &schno) != 0) {
		vcpu_program_interrupt(v, PGM_SPECIFICATION, 4, false);
		return true;
	}
	spin_lock(&v->vm->css_lock);
	d = vcss_device(v->vm->css, schno);
	spin_unlock(&v->vm->css_lock);
	/* Served here, synchronously, with no lock held (the block back end may wait for I/O). */
	rc = d ? virtio_ccw_notify(d, (unsigned int)v->gprs[3]) : -22;
	v->gprs[2] = (uint64_t)(int64_t)rc;
	return true;
}

/* SERVICE CALL: the guest's SCLP. The SCCB address is real; prefixing makes it absolute. */
bool icpt_servc(struct vcpu *v)
{
	struct vm *vm = v->vm;
	uint32_t command = (uint32_t)vcpu_gr(v, ipb_r1(v)), param = 0;
	uint64_t real = vcpu_gr(v, ipb_r2(v)), px = v->sb->prefix & 0x7fffe000ULL, abs;
	int rc;

	if (!vm->sclp) {
		vcpu_set_cc(v, 3);
		return true;
	}
	if (real >= px && real < px + 0x2000) {
		vcpu_program_interrupt(v, PGM_SPECIFICATION, 4, false);
		return true;
	}
	abs = real < 0x2000 ? real + px : real;
	spin_lock(&vm->sclp_lock);
	rc = vsclp_service_call(vm->sclp, &vm->storage.gmem, command, abs, &param);
	spin_unlock(&vm->sclp_lock);
	vm_console_flush(vm);
	if (rc < 0) {
		vcpu_program_interrupt(v, (uint16_t)-rc, 4, false);
		return true;
	}
	vcpu_set_cc(v, (unsigned int)rc);
	if (rc == 0 && param)
		vm_raise_service_signal(vm, param);
	return true;
}

/* The channel-subsystem instructions, against the guest's virtual channel subsystem. */
bool icpt_io(struct vcpu *v, uint8_t op)
{
	struct vm *vm = v->vm;
	uint32_t sid = (uint32_t)v->gprs[1];
	uint64_t abs = 0, logical;
	bool has_operand = op == 0x32 || op == 0x33 || op == 0x34 || op == 0x35 || op == 0x36 || op == 0x39;
	int rc;

	if (has_operand) {
		logical = ipb_s_address(v);
		/* TPI with address 0 stores into the lowcore; every other operand is translated. */
		if (!(op == 0x36 && logical == 0) &&
		    vcpu_translate(v, logical, op != 0x32 && op != 0x33, &abs, 4) != 0)
			return true;
	}
	spin_lock(&vm->css_lock);
	switch (op) {
	case 0x30: rc = vcss_csch(vm->css, sid); break;
	case 0x31: rc = vcss_hsch(vm->css, sid); break;
	case 0x32: rc = vcss_msch(vm->css, sid, abs); break;
	case 0x33: rc = vcss_ssch(vm->css, sid, abs); break;
	case 0x34: rc = vcss_stsch(vm->css, sid, abs); break;
	case 0x35: rc = vcss_tsch(vm->css, sid, abs); break;
	case 0x38: rc = vcss_rsch(vm->css, sid); break;
	case 0x39: rc = vcss_stcrw(vm->css, abs); break;
	case 0x3c: rc = vcss_schm(vm->css, v->gprs[1], v->gprs[2]); break;
	case 0x76: rc = vcss_xsch(vm->css, sid); break;
	case 0x36: {
		struct vcss_io_int out;
		uint8_t isc_mask = (uint8_t)(v->sb->gcr[6] >> 24);

		rc = vcss_tpi(vm->css, isc_mask, abs == 0, abs, &out);
		spin_unlock(&vm->css_lock);
		if (rc == 1 && abs == 0) {
			uint8_t w[12];

			gmem_put32(w, out.sid);
			gmem_put32(w + 4, out.intparm);
			gmem_put32(w + 8, out.iiw);
			for (unsigned int i = 0; i < 12; i++) {
				uint8_t *p = vcpu_lowcore(v, 0xb8 + i);

				if (p)
					*p = w[i];
			}
		}
		goto done;
	}
	default: rc = 3; break; /* SAL, STCPS, RCHP: no channel paths to report on */
	}
	spin_unlock(&vm->css_lock);
done:
	if (rc < 0)
		vcpu_program_interrupt(v, (uint16_t)-rc, 4, false);
	else if (op != 0x3c)
		vcpu_set_cc(v, (unsigned int)rc);
	return true;
}
