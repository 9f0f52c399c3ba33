/* Guest logical storage for the interception handlers (to come: DAT on, via gdat). */
#include "kernel/vm/intercept.h"
#include "kernel/vm/guest_lowcore.h"

static int access(struct vcpu *v, uint64_t logical, void *buf, size_t len, unsigned int ilc, bool write)
{
	uint64_t abs;

	/* DAT off only for now: logical = real. */
	for (size_t done = 0; done < len;) {
		size_t chunk = (size_t)(GMEM_PAGE - ((logical + done) & (GMEM_PAGE - 1)));

		if (chunk > len - done)
			chunk = len - done;
		if (vcpu_real_to_abs(v, logical + done, &abs) != 0) {
			vcpu_program_interrupt(v, PGM_ADDRESSING, ilc, false);
			return -1;
		}
		if (write)
			gmem_write(&v->vm->storage.gmem, abs, (const uint8_t *)buf + done, chunk);
		else
			gmem_read(&v->vm->storage.gmem, abs, (uint8_t *)buf + done, chunk);
		done += chunk;
	}
	return 0;
}

int vcpu_read(struct vcpu *v, uint64_t logical, void *buf, size_t len, unsigned int ilc)
{
	return access(v, logical, buf, len, ilc, false);
}

int vcpu_write(struct vcpu *v, uint64_t logical, const void *buf, size_t len, unsigned int ilc)
{
	return access(v, logical, (void *)(uintptr_t)buf, len, ilc, true);
}
