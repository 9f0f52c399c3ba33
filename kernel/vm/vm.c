/*
 * Virtual machines: logon from the directory, the registry of running guests,
 * logoff, stopping a guest that misbehaves, and its console.
 */
#include "kernel/vm/vm.h"
#include "kernel/vm/vm_ipl.h"
#include "kernel/vm/vm_reset.h"
#include "kernel/vm/vm_devices.h"
#include "kernel/config_ipl.h"
#include "kernel/config/dir_view.h"
#include "kernel/mm/memory.h"
#include "kernel/alloc.h"
#include "kernel/sched.h"
#include "kernel/console.h"
#include "kernel/init.h"
#include "kernel/smp.h"
#include "arch/s390x/insn.h"
#include "arch/s390x/cr.h"
#include "arch/s390x/tod.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ctype.h>

static struct spinlock registry_lock = SPINLOCK_INIT;
static struct vm *vms;
static unsigned int nvms;
static bool sie_present;

/* Facilities a guest may not see: CPU measurement (67, 68), STHYI (74). */
static const unsigned int hidden_facilities[] = { 67, 68, 74 };

bool vm_sie_available(void)
{
	return sie_present;
}

struct vm *vm_find(const char *userid)
{
	struct vm *vm;

	spin_lock(&registry_lock);
	for (vm = vms; vm; vm = vm->next)
		if (strcmp(vm->userid, userid) == 0)
			break;
	spin_unlock(&registry_lock);
	return vm;
}

struct vm *vm_next(struct vm *prev)
{
	struct vm *vm;

	spin_lock(&registry_lock);
	vm = prev ? prev->next : vms;
	spin_unlock(&registry_lock);
	return vm;
}

unsigned int vm_count(void)
{
	return nvms;
}

void vm_stop_with_error(struct vm *vm, const char *fmt, ...)
{
	char why[96];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (vm->state != VM_RUNNING)
		return;
	snprintf(vm->stop_reason, sizeof(vm->stop_reason), "%s", why);
	vm->state = VM_STOPPED_BY_ERROR;
	kprintf("PLXVMM100E %s stopped: %s\n", vm->userid, why);
	for (unsigned int i = 0; i < vm->ncpus; i++)
		vcpu_kick(vm->cpu[i]);
}

/* ---- console ---- */

static void console_line(struct vm *vm, const char *line)
{
	vm->console.lines_out++;
	if (vm->console.secuser_operator)
		kprintf("%s: %s\n", vm->userid, line);
}

void vm_console_output(struct vm *vm, const char *data, size_t len)
{
	struct vm_console *c = &vm->console;

	for (size_t i = 0; i < len; i++) {
		char ch = data[i];

		if (ch == '\n' || c->len == VM_CONSOLE_LINE) {
			c->line[c->len] = '\0';
			console_line(vm, c->line);
			c->len = 0;
			if (ch == '\n')
				continue;
		}
		if (ch == '\r')
			continue;
		c->line[c->len++] = (ch >= 0x20 && ch < 0x7f) || ch == '\t' ? ch : '.';
	}
}

/* ---- logon ---- */

static struct vcpu *vcpu_create(struct vm *vm, uint16_t address)
{
	struct vcpu *v = kzalloc(sizeof(*v));
	struct sie_block *sb = (struct sie_block *)(uintptr_t)frame_alloc_zeroed(0);

	if (!v || !sb) {
		kfree(v);
		if (sb)
			frame_free((uint64_t)(uintptr_t)sb, 0);
		return NULL;
	}
	v->vm = vm;
	v->address = address;
	v->sb = sb;
	sb->mx = SIE_MX_ESAME;
	sb->eca = SIE_ECA_EXT_ASSIST;
	sb->cpu_address = address;
	sb->mso = 0;
	sb->mse = vm->storage.size - 1;
	vcpu_reset(v, true);
	return v;
}

static void vcpu_free(struct vcpu *v)
{
	if (!v)
		return;
	frame_free((uint64_t)(uintptr_t)v->sb, 0);
	kfree(v);
}

static void guest_facilities(struct vm *vm)
{
	uint64_t host[ARRAY_SIZE(vm->facilities)] = { 0 };

	stfle(host, ARRAY_SIZE(host));
	for (unsigned int i = 0; i < ARRAY_SIZE(hidden_facilities); i++) {
		unsigned int b = hidden_facilities[i];

		host[b / 64] &= ~(1ULL << (63 - b % 64));
	}
	memcpy(vm->facilities, host, sizeof(host));
}

/* CPU addresses from the directory's CPU statements (CPU 00 when there are none). */
static unsigned int directory_cpus(const struct dir_view *view, uint16_t *addrs, unsigned int max)
{
	const struct dir_stmt *st;
	unsigned int iter = 0, n = 0;

	while ((st = dir_view_next(view, &iter, NULL)) != NULL)
		if (st->kind == DS_CPU && n < max)
			addrs[n++] = st->u.cpu.addr;
	if (n == 0)
		addrs[n++] = 0;
	return n;
}

static const struct dir_ipl *directory_ipl(const struct dir_view *view)
{
	const struct dir_stmt *st;
	unsigned int iter = 0;

	while ((st = dir_view_next(view, &iter, NULL)) != NULL)
		if (st->kind == DS_IPL)
			return &st->u.ipl;
	return NULL;
}

/*
 * CONSOLE vdev devtype [class [userid]]: a secondary user of OPERATOR shows the
 * guest's console output on the operator console from the first line on, as
 * SET SECUSER userid OPERATOR does later.
 */
static bool directory_secuser_operator(const struct dir_view *view)
{
	const struct dir_stmt *st;
	unsigned int iter = 0;

	while ((st = dir_view_next(view, &iter, NULL)) != NULL) {
		const char *t, *sp;

		if (st->kind != DS_CONSOLE)
			continue;
		t = st->u.device.text;
		sp = strchr(t, ' ');
		if (!sp)
			return false;   /* a class alone */
		return strcmp(sp + 1, "OPERATOR") == 0;
	}
	return false;
}

static void vm_free(struct vm *vm)
{
	vm_devices_destroy(vm);
	for (unsigned int i = 0; i < vm->ncpus; i++)
		vcpu_free(vm->cpu[i]);
	gstorage_destroy(&vm->storage);
	kfree(vm);
}

int vm_logon(const char *userid, char *err, size_t errsize)
{
	struct dir_view view;
	const struct dir_ipl *ipl;
	uint16_t addrs[VM_MAX_CPUS];
	struct vm *vm;
	char name[VM_NAME_LEN + 1];

	snprintf(name, sizeof(name), "%s", userid);
	for (char *p = name; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	if (!sie_present) {
		snprintf(err, errsize, "Guest execution needs the SIE facility, which this machine does not provide");
		return -900;
	}
	if (!config.valid || !config.dir) {
		snprintf(err, errsize, "No valid configuration is loaded: %s", config.reason);
		return -100;
	}
	if (dir_view_init(&view, config.dir, name, config.member) != 0) {
		snprintf(err, errsize, "%s not in CP directory", name);
		return -53;
	}
	if (vm_find(name)) {
		snprintf(err, errsize, "%s already logged on", name);
		return -54;
	}
	ipl = directory_ipl(&view);
	if (!ipl || !ipl->is_vdev) {
		snprintf(err, errsize, "%s has no IPL statement naming a device", name);
		return -56;
	}
	vm = kzalloc(sizeof(*vm));
	if (!vm) {
		snprintf(err, errsize, "No storage for %s", name);
		return -120;
	}
	snprintf(vm->userid, sizeof(vm->userid), "%s", name);
	vm->lock = (struct spinlock)SPINLOCK_INIT;
	vm->state = VM_LOGGING_ON;
	vm->logon_tod = tod_now();
	vm->console.secuser_operator = directory_secuser_operator(&view);
	if (gstorage_create(&vm->storage, view.storage) != 0) {
		snprintf(err, errsize, "Not enough storage to log on %s with %lluM", name,
			 (unsigned long long)(view.storage >> 20));
		kfree(vm);
		return -120;
	}
	vm->ncpus = directory_cpus(&view, addrs, VM_MAX_CPUS);
	for (unsigned int i = 0; i < vm->ncpus; i++) {
		vm->cpu[i] = vcpu_create(vm, addrs[i]);
		if (!vm->cpu[i]) {
			snprintf(err, errsize, "No storage for the CPUs of %s", name);
			vm_free(vm);
			return -120;
		}
	}
	guest_facilities(vm);
	if (vm_devices_create(vm, &view, err, errsize) != 0 ||
	    vm_ipl_from_minidisk(vm, ipl->vdev, ipl->parm, false, err, errsize) != 0) {
		vm_free(vm);
		return -57;
	}
	for (unsigned int i = 0; i < vm->ncpus; i++) {
		if (vcpu_start_thread(vm->cpu[i]) != 0) {
			snprintf(err, errsize, "No thread for a CPU of %s", name);
			vm->state = VM_LOGGING_OFF;
			vm_logoff(vm);
			return -120;
		}
	}
	spin_lock(&registry_lock);
	vm->next = vms;
	vms = vm;
	nvms++;
	spin_unlock(&registry_lock);
	vm->state = VM_RUNNING;
	for (unsigned int i = 0; i < vm->ncpus; i++)
		vcpu_kick(vm->cpu[i]);
	return 0;
}

int vm_logoff(struct vm *vm)
{
	struct vm **pp;

	vm->state = VM_LOGGING_OFF;
	/* A re-IPL under way sees LOGGING_OFF and ends without touching the guest. */
	while (READ_ONCE(vm->reipl_busy))
		sleep_ms(1);
	for (unsigned int i = 0; i < vm->ncpus; i++) {
		struct vcpu *v = vm->cpu[i];

		vcpu_kick(v);
		spin_lock(&vm->lock);
		while (v->thread)
			sleep_on_until(&v->thread, &vm->lock, tod_now() + tod_from_ms(100));
		spin_unlock(&vm->lock);
	}
	spin_lock(&registry_lock);
	for (pp = &vms; *pp; pp = &(*pp)->next)
		if (*pp == vm) {
			*pp = vm->next;
			nvms--;
			break;
		}
	spin_unlock(&registry_lock);
	vm_free(vm);
	return 0;
}

/* ---- start-up: does this machine have SIE? ---- */

static int vm_init(void)
{
	struct sie_block *sb = (struct sie_block *)(uintptr_t)frame_alloc_zeroed(0);
	uint32_t pgm;

	if (!sb)
		return -1;
	/* A guest whose prefix lies beyond its 1 MiB of storage: a validity interception at once. */
	sb->mx = SIE_MX_ESAME;
	sb->prefix = 0x200000;
	sb->mse = 0;
	pgm = sie_probe(sb);
	sie_present = pgm == 0 && sb->icptcode == SIE_ICPT_VALIDITY;
	frame_free((uint64_t)(uintptr_t)sb, 0);
	if (sie_present)
		smp_set_cr_bits_all(0, CR0_AFP); /* guest floating-point registers are switched by the host */
	kprintf("PLXVMM001I %s\n", sie_present ? "Guest execution with SIE is available" :
		pgm == 1 ? "This machine has no SIE facility: guests cannot run here" :
		"SIE did not behave as expected: guests cannot run here");
	return 0;
}
INITCALL(4, vm_init);
