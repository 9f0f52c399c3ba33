/*
 * A virtual CPU: a kernel thread that enters SIE, handles what made it leave,
 * and waits in the host while the guest waits, until an interruption is due.
 * SIE runs with host I/O and external interruptions enabled, so a host timer
 * tick or an emergency signal (vcpu_kick) ends it; the thread then gives other
 * threads their turn (cond_resched) before going back in.
 */
#include "kernel/vm/vm.h"
#include "kernel/sched.h"
#include "kernel/console.h"
#include "arch/s390x/cpu.h"
#include "arch/s390x/tod.h"
#include <stdio.h>
#include <string.h>

#define GCR0_CKC       (1ULL << (63 - 52))
#define GCR0_CPU_TIMER (1ULL << (63 - 53))
#define PSW_MASK_WAIT_BIT 0x0002000000000000ULL
#define PSW_MASK_MCHK_BIT 0x0004000000000000ULL
#define WAIT_POLL_MS 1000   /* a waiting guest is looked at this often anyway */

uint64_t vcpu_guest_tod(const struct vcpu *v)
{
	return tod_now() + v->sb->epoch;
}

void vcpu_kick(struct vcpu *v)
{
	struct cpu *c;

	spin_lock(&v->vm->lock);
	v->kicked = true;
	wakeup(v);
	spin_unlock(&v->vm->lock);
	/*
	 * A stop intervention request in the state description makes SIE exit at once,
	 * also when the signal below comes just before the thread enters SIE (the host
	 * takes it and the guest would otherwise run on until its next exit).
	 */
	__atomic_or_fetch(&v->sb->intervention, SIE_IR_STOP, __ATOMIC_SEQ_CST);
	c = READ_ONCE(v->host_cpu);
	if (c && c != this_cpu())
		arch_cpu_kick(c);
}

/* When the guest's clock comparator or CPU timer will be due, in host TOD; UINT64_MAX: never. */
static uint64_t timer_deadline(const struct vcpu *v, uint64_t now)
{
	uint64_t deadline = UINT64_MAX;

	if (!(v->sb->gpsw.mask & PSW_MASK_EXT))
		return deadline;
	if (v->sb->gcr[0] & GCR0_CKC) {
		uint64_t host = v->sb->ckc - v->sb->epoch;

		deadline = host;
	}
	if (v->sb->gcr[0] & GCR0_CPU_TIMER) {
		int64_t left = (int64_t)v->sb->cpu_timer;
		uint64_t due = left <= 0 ? now : now + (uint64_t)left;

		if (due < deadline)
			deadline = due;
	}
	return deadline;
}

static void report_disabled_wait(struct vcpu *v)
{
	vm_stop_with_error(v->vm, "disabled wait PSW %08X %08X %08X %08X on CPU %02X",
			   (unsigned int)(v->sb->gpsw.mask >> 32), (unsigned int)v->sb->gpsw.mask,
			   (unsigned int)(v->sb->gpsw.addr >> 32), (unsigned int)v->sb->gpsw.addr, v->address);
}

/* The guest waits: sleep until an interruption is due or something is raised. */
static void guest_wait(struct vcpu *v)
{
	struct vm *vm = v->vm;
	uint64_t start = tod_now(), deadline = timer_deadline(v, start), limit;

	if (!(v->sb->gpsw.mask & (PSW_MASK_EXT | PSW_MASK_IO | PSW_MASK_MCHK_BIT))) {
		report_disabled_wait(v);
		return;
	}
	if (deadline <= start || vcpu_interrupt_deliverable(v))
		return;
	limit = start + tod_from_ms(WAIT_POLL_MS);
	spin_lock(&vm->lock);
	if (!v->kicked && vm->state == VM_RUNNING && v->state == VCPU_OPERATING && !v->stop_pending)
		sleep_on_until(v, &vm->lock, deadline < limit ? deadline : limit);
	v->kicked = false;
	spin_unlock(&vm->lock);
	/* The CPU timer runs while the CPU waits. */
	v->sb->cpu_timer -= tod_now() - start;
}

static void run_guest(struct vcpu *v)
{
	uint64_t t0;

	v->sb->icptcode = SIE_ICPT_NONE;
	if (v->inject_validity) {
		/* A prefix outside the guest's storage: SIE must refuse the state description. */
		v->inject_validity = false;
		v->sb->prefix = (uint32_t)v->vm->storage.size;
	}
	WRITE_ONCE(v->host_cpu, this_cpu());
	t0 = tod_now();
	sie_enter(v->sb, v->gprs, &v->fp, v->vm->storage.asce);
	v->cpu_tod += tod_now() - t0;
	WRITE_ONCE(v->host_cpu, NULL);
	/* A kick after this point finds kicked set: the loop looks at the state again. */
	__atomic_and_fetch(&v->sb->intervention, (uint8_t)~SIE_IR_STOP, __ATOMIC_SEQ_CST);
	v->sie_entries++;
	if (v->sb->icptcode != SIE_ICPT_NONE) {
		v->intercepts++;
		if (!vcpu_handle_intercept(v) && v->vm->state == VM_RUNNING)
			vm_stop_with_error(v->vm, "%s", v->vm->stop_reason);
	}
}

/* One turn of the loop of a CPU that may run: interruptions, a wait, or SIE. */
static void vcpu_turn(struct vcpu *v)
{
	if (v->stop_pending) {
		struct vm *vm = v->vm;
		bool all = true;

		spin_lock(&vm->lock);
		v->stop_pending = false;
		v->state = VCPU_STOPPED;
		wakeup(&v->state);
		for (unsigned int i = 0; i < vm->ncpus; i++)
			all = all && vm->cpu[i]->state == VCPU_STOPPED;
		/* The guest stopped itself (a Linux shutdown): say so once; it stays logged on. */
		if (all && !vm->all_stopped_reported) {
			vm->all_stopped_reported = true;
			spin_unlock(&vm->lock);
			kprintf("PLXVMM101I %s stopped: all its CPUs are in the stopped state\n", vm->userid);
			return;
		}
		spin_unlock(&vm->lock);
		return;
	}
	vcpu_deliver_interrupts(v);
	if (v->sb->gpsw.mask & PSW_MASK_WAIT_BIT) {
		v->wait_intercepts++;
		guest_wait(v);
		/* Still waiting: re-enter only when a timer is due (SIE delivers it). */
		if ((v->sb->gpsw.mask & PSW_MASK_WAIT_BIT) && timer_deadline(v, tod_now()) > tod_now())
			return;
	}
	run_guest(v);
}

static void vcpu_thread(void *arg)
{
	struct vcpu *v = arg;
	struct vm *vm = v->vm;

	while (vm->state != VM_LOGGING_OFF) {
		bool may_run;

		/* Decided under the lock, so vm_pause_cpus() sees either the turn or the new state. */
		spin_lock(&vm->lock);
		may_run = vm->state == VM_RUNNING && v->state == VCPU_OPERATING;
		if (!may_run) {
			if (vm->state != VM_LOGGING_OFF && !v->kicked)
				sleep_on_until(v, &vm->lock, tod_now() + tod_from_ms(WAIT_POLL_MS));
			v->kicked = false;
			spin_unlock(&vm->lock);
			continue;
		}
		v->active = true;
		spin_unlock(&vm->lock);
		vcpu_turn(v);
		spin_lock(&vm->lock);
		v->active = false;
		wakeup(&v->active);
		spin_unlock(&vm->lock);
		cond_resched();
	}
	spin_lock(&vm->lock);
	v->thread = NULL;
	wakeup(&v->thread);
	spin_unlock(&vm->lock);
	thread_exit();
}

void vm_resume_cpus(struct vm *vm)
{
	spin_lock(&vm->lock);
	if (vm->state == VM_LOGGING_ON)
		vm->state = VM_RUNNING;
	spin_unlock(&vm->lock);
}

void vm_pause_cpus(struct vm *vm)
{
	spin_lock(&vm->lock);
	if (vm->state != VM_LOGGING_OFF)
		vm->state = VM_LOGGING_ON;
	spin_unlock(&vm->lock);
	for (unsigned int i = 0; i < vm->ncpus; i++) {
		struct vcpu *v = vm->cpu[i];

		vcpu_kick(v);
		spin_lock(&vm->lock);
		while (v->active)
			sleep_on_until(&v->active, &vm->lock, tod_now() + tod_from_ms(100));
		spin_unlock(&vm->lock);
	}
}

int vcpu_start_thread(struct vcpu *v)
{
	char name[16];

	snprintf(name, sizeof(name), "%.8s-%02X", v->vm->userid, v->address);
	v->thread = thread_create(name, vcpu_thread, v, CPU_ANY);
	return v->thread ? 0 : -1;
}
