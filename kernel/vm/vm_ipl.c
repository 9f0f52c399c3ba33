/*
 * IPL of a guest from a minidisk, the way QEMU's -kernel and a Linux .ins set
 * load Linux: the minidisk's file directory holds "kernel" (loaded at 0),
 * "initrd" (at 64 MiB, or after the kernel in a smaller guest) and "parmfile"
 * (the command line at 0x10480); the initial ramdisk's place and size go to
 * 0x10408/0x10410 and the CPU starts at 0x10000 in 64-bit mode.
 */
#include "kernel/vm/vm_ipl.h"
#include "kernel/vm/vm_minidisk.h"
#include "kernel/vm/vm_reset.h"
#include "kernel/vm/vm_devices.h"
#include "kernel/vol/filedir.h"
#include "kernel/volume.h"
#include "kernel/alloc.h"
#include "kernel/sched.h"
#include "kernel/console.h"
#include <stdio.h>
#include <string.h>

#define LOAD_CHUNK_BLOCKS 64

/* Copy a file of the minidisk into guest storage at gabs (at most max bytes). */
static int load_file(struct vm *vm, const struct minidisk *md, const struct vol_file *f, uint64_t gabs,
		     char *err, size_t errsize)
{
	uint8_t *buf = kmalloc(LOAD_CHUNK_BLOCKS * VOLUME_BLOCK_SIZE);
	uint64_t left = f->length, block = f->start_block;
	int rc = 0;

	if (!buf) {
		snprintf(err, errsize, "no storage for the load buffer");
		return -1;
	}
	if (!gmem_valid(&vm->storage.gmem, gabs, f->length)) {
		snprintf(err, errsize, "%s (%llu bytes) does not fit in the guest's storage at %llX", f->name,
			 (unsigned long long)f->length, (unsigned long long)gabs);
		kfree(buf);
		return -1;
	}
	while (left && rc == 0) {
		uint64_t chunk = left < LOAD_CHUNK_BLOCKS * VOLUME_BLOCK_SIZE ? left :
				 LOAD_CHUNK_BLOCKS * VOLUME_BLOCK_SIZE;
		unsigned int nblk = (unsigned int)((chunk + VOLUME_BLOCK_SIZE - 1) / VOLUME_BLOCK_SIZE);

		rc = minidisk_read(md, block, nblk, buf);
		if (rc) {
			snprintf(err, errsize, "reading %s from minidisk %04X: %s", f->name, md->vdev,
				 volume_error_name(rc));
			break;
		}
		gmem_write(&vm->storage.gmem, gabs, buf, chunk);
		gabs += chunk;
		left -= chunk;
		block += nblk;
		cond_resched();
	}
	kfree(buf);
	return rc ? -1 : 0;
}

static int find_file(const uint8_t *dirblk, const struct minidisk *md, const char *name, struct vol_file *f)
{
	struct vol_error e;

	return vol_fdir_lookup(dirblk, VOLUME_BLOCK_SIZE, (uint32_t)md->nblocks, name, f, &e);
}

int vm_ipl_from_minidisk(struct vm *vm, uint16_t vdev, const char *parm, bool clear, char *err, size_t errsize)
{
	struct minidisk md;
	struct vol_file kernel, initrd, parmfile;
	uint8_t *dirblk = NULL;
	char *cmdline = NULL;
	struct vol_error e;
	bool have_initrd, have_parm;
	const char *given;
	uint64_t initrd_at = 0;
	uint8_t be[8];
	int rc = -1;

	if (minidisk_find(vm->userid, vdev, &md, err, errsize) != 0)
		return -1;
	dirblk = kmalloc(VOLUME_BLOCK_SIZE);
	cmdline = kzalloc(VM_IPL_CMDLINE_MAX);
	if (!dirblk || !cmdline) {
		snprintf(err, errsize, "no storage");
		goto out;
	}
	if (minidisk_read(&md, 0, 1, dirblk) != 0 ||
	    vol_fdir_decode(dirblk, VOLUME_BLOCK_SIZE, (uint32_t)md.nblocks, NULL, &e) < 0) {
		snprintf(err, errsize, "minidisk %04X holds no file directory", vdev);
		goto out;
	}
	if (find_file(dirblk, &md, "kernel", &kernel) < 0) {
		snprintf(err, errsize, "minidisk %04X has no file \"kernel\"", vdev);
		goto out;
	}
	have_initrd = find_file(dirblk, &md, "initrd", &initrd) >= 0;
	have_parm = find_file(dirblk, &md, "parmfile", &parmfile) >= 0;

	for (unsigned int i = 0; i < vm->ncpus; i++)
		vcpu_reset(vm->cpu[i], true);
	vm_devices_reset(vm);
	spin_lock(&vm->lock);
	vm->service_signal = false;
	vm->service_param = 0;
	spin_unlock(&vm->lock);
	if (clear)
		for (uint64_t a = 0; a < vm->storage.size; a += GMEM_PAGE) {
			uint8_t *p = gstorage_host_addr(&vm->storage, a);

			if (p)
				memset(p, 0, GMEM_PAGE);
			if ((a & 0xfffff) == 0)
				cond_resched();
		}
	if (load_file(vm, &md, &kernel, 0, err, errsize) != 0)
		goto out;
	if (have_initrd) {
		initrd_at = VM_IPL_INITRD_ADDR;
		if (initrd_at < ALIGN_UP(kernel.length, 1ULL << 20) ||
		    initrd_at + initrd.length > vm->storage.size)
			initrd_at = ALIGN_UP(kernel.length, 1ULL << 20);
		if (load_file(vm, &md, &initrd, initrd_at, err, errsize) != 0)
			goto out;
		gmem_put64(be, initrd_at);
		gmem_write(&vm->storage.gmem, VM_IPL_PARM_AREA + 0x08, be, 8);
		gmem_put64(be, initrd.length);
		gmem_write(&vm->storage.gmem, VM_IPL_PARM_AREA + 0x10, be, 8);
	}
	if (have_parm) {
		struct vol_file pf = parmfile;

		if (pf.length >= VM_IPL_CMDLINE_MAX) {
			snprintf(err, errsize, "parmfile is %llu bytes; at most %llu fit",
				 (unsigned long long)pf.length, (unsigned long long)VM_IPL_CMDLINE_MAX - 1);
			goto out;
		}
		{
			uint8_t *blk = kmalloc(VOLUME_BLOCK_SIZE);

			if (!blk || minidisk_read(&md, pf.start_block, 1, blk) != 0) {
				kfree(blk);
				snprintf(err, errsize, "cannot read parmfile from minidisk %04X", vdev);
				goto out;
			}
			memcpy(cmdline, blk, pf.length);
			kfree(blk);
		}
		/* One line: newlines become blanks, trailing blanks go. */
		for (char *p = cmdline; *p; p++)
			if (*p == '\n' || *p == '\r')
				*p = ' ';
		for (size_t n = strlen(cmdline); n && cmdline[n - 1] == ' '; n--)
			cmdline[n - 1] = '\0';
	}
	given = parm;
	if (parm && *parm == '=') {
		/* As Linux takes IPL PARM under z/VM: a leading '=' replaces the parmfile line. */
		cmdline[0] = '\0';
		parm++;
	}
	if (parm && *parm) {
		size_t n = strlen(cmdline);

		if (n + 1 + strlen(parm) >= VM_IPL_CMDLINE_MAX) {
			snprintf(err, errsize, "the parameter line is too long");
			goto out;
		}
		snprintf(cmdline + n, VM_IPL_CMDLINE_MAX - n, "%s%s", n ? " " : "", parm);
	}
	/* The whole area: the image may hold a default line there. */
	gmem_write(&vm->storage.gmem, VM_IPL_CMDLINE, cmdline, VM_IPL_CMDLINE_MAX);

	vm->ipl_vdev = vdev;
	if (given != vm->ipl_parm)
		snprintf(vm->ipl_parm, sizeof(vm->ipl_parm), "%s", given ? given : "");
	vm->cpu[0]->sb->gpsw.mask = 0x0000000180000000ULL; /* 64-bit addressing, DAT off, disabled */
	vm->cpu[0]->sb->gpsw.addr = VM_IPL_ENTRY;
	vm->cpu[0]->state = VCPU_OPERATING;
	vm->all_stopped_reported = false;
	kprintf("PLXVMM010I %s IPLed from minidisk %04X (%s): kernel %llu bytes%s%s\n", vm->userid, vdev,
		md.volser, (unsigned long long)kernel.length, have_initrd ? ", initrd" : "",
		have_parm || (parm && *parm) ? ", parameters" : "");
	rc = 0;
out:
	kfree(dirblk);
	kfree(cmdline);
	return rc;
}

/* ---- re-IPL requested by the guest ---- */

struct reipl_req {
	struct vm *vm;
	bool clear;
};

static void reipl_thread(void *arg)
{
	struct reipl_req *r = arg;
	struct vm *vm = r->vm;
	char err[128];
	uint16_t vdev = vm->ipl_vdev;

	kfree(r);
	/* The requester parked its CPUs already; wait until none is still in a turn. */
	vm_pause_cpus(vm);
	if (vm->state == VM_LOGGING_OFF) {
		/* FORCE came first: vm_logoff waits for reipl_busy to clear. */
	} else if (vm_ipl_from_minidisk(vm, vdev, vm->ipl_parm, true, err, sizeof(err)) != 0) {
		vm_resume_cpus(vm);
		vm_stop_with_error(vm, "re-IPL from %04X failed: %s", vdev, err);
	} else {
		vm_resume_cpus(vm);
		vcpu_kick(vm->cpu[0]);
	}
	vm_ipl_release(vm);
	thread_exit();
}

bool vm_ipl_claim(struct vm *vm)
{
	bool ok;

	spin_lock(&vm->lock);
	ok = !vm->reipl_busy;
	vm->reipl_busy = true;
	spin_unlock(&vm->lock);
	return ok;
}

void vm_ipl_release(struct vm *vm)
{
	spin_lock(&vm->lock);
	vm->reipl_busy = false;
	spin_unlock(&vm->lock);
}

void vm_request_reipl(struct vm *vm, bool clear)
{
	struct reipl_req *r;

	if (vm->state != VM_RUNNING)
		return;
	r = kzalloc(sizeof(*r));
	if (!r)
		return;
	r->vm = vm;
	r->clear = clear;
	if (!vm_ipl_claim(vm)) {
		kfree(r);
		return;
	}
	/* Every CPU, the requesting one included, parks after its current turn. */
	spin_lock(&vm->lock);
	if (vm->state == VM_RUNNING)
		vm->state = VM_LOGGING_ON;
	spin_unlock(&vm->lock);
	if (!thread_create("REIPL", reipl_thread, r, CPU_ANY)) {
		kfree(r);
		vm_resume_cpus(vm);
		vm_ipl_release(vm);
		vm_stop_with_error(vm, "re-IPL failed: no thread");
	}
}
