/* CPU resets and STORE STATUS, as the architecture defines them for a z/Architecture CPU. */
#include "kernel/vm/vm_reset.h"
#include <string.h>

#define CR0_INITIAL  0x00000000000000e0ULL
#define CR14_INITIAL 0x00000000c2000000ULL

void vcpu_reset(struct vcpu *v, bool initial)
{
	struct vm *vm = v->vm;

	spin_lock(&vm->lock);
	memset(v->emergency_from, 0, sizeof(v->emergency_from));
	v->external_call = false;
	v->restart_pending = false;
	v->stop_pending = false;
	v->state = VCPU_STOPPED;
	spin_unlock(&vm->lock);
	if (!initial)
		return;
	v->sb->gpsw.mask = 0;
	v->sb->gpsw.addr = 0;
	v->sb->prefix = 0;
	v->sb->cpu_timer = 0;
	v->sb->ckc = 0;
	v->sb->todpr = 0;
	memset(v->sb->gcr, 0, sizeof(v->sb->gcr));
	v->sb->gcr[0] = CR0_INITIAL;
	v->sb->gcr[14] = CR14_INITIAL;
	v->fp.fpc = 0;
}

static int put(struct vcpu *v, uint64_t addr, const void *data, size_t len)
{
	return gmem_write(&v->vm->storage.gmem, addr, data, len);
}

int vcpu_store_status(struct vcpu *v, uint64_t addr)
{
	uint8_t area[0x200];
	uint64_t gr[16];

	if (addr + sizeof(area) > v->vm->storage.size)
		return -1;
	memset(area, 0, sizeof(area));
	for (unsigned int i = 0; i < 16; i++) {
		gmem_put64(area + 0x00 + 8 * i, v->fp.fpr[i]);
		gr[i] = i < 14 ? v->gprs[i] : i == 14 ? v->sb->gg14 : v->sb->gg15;
		gmem_put64(area + 0x80 + 8 * i, gr[i]);
		gmem_put32(area + 0x140 + 4 * i, v->fp.acr[i]);
		gmem_put64(area + 0x180 + 8 * i, v->sb->gcr[i]);
	}
	gmem_put64(area + 0x100, v->sb->gpsw.mask);
	gmem_put64(area + 0x108, v->sb->gpsw.addr);
	gmem_put32(area + 0x118, v->sb->prefix);
	gmem_put32(area + 0x11c, v->fp.fpc);
	gmem_put32(area + 0x124, v->sb->todpr);
	gmem_put64(area + 0x128, v->sb->cpu_timer);
	gmem_put64(area + 0x130, v->sb->ckc >> 8);
	return put(v, addr, area, sizeof(area));
}
