/*
 * Virtual machines: a user from the directory running as a guest under SIE.
 *
 * A vm owns its guest storage (gstorage), its virtual CPUs (one kernel thread
 * each, running SIE), its virtual devices (the SCLP and a virtual channel
 * subsystem) and its console. Interruptions for the guest are either floating
 * (any virtual CPU may take them: service signal, I/O) or local to one virtual
 * CPU (emergency signal, external call, restart); they are delivered into the
 * guest's lowcore before SIE is entered (girq.c).
 */
#ifndef PLEXVM_KERNEL_VM_VM_H
#define PLEXVM_KERNEL_VM_VM_H

#include "kernel/compiler.h"
#include "kernel/spinlock.h"
#include "kernel/mutex.h"
#include "kernel/vm/gstorage.h"
#include "arch/s390x/sie.h"

#define VM_MAX_CPUS 64
#define VM_NAME_LEN 8
#define VM_CONSOLE_LINE 240

struct thread;
struct cpu;
struct vm;

enum vcpu_state {
	VCPU_STOPPED,
	VCPU_OPERATING,
	VCPU_CHECK_STOP,
};

struct vcpu {
	struct vm *vm;
	uint16_t address;              /* the guest's CPU address */
	volatile enum vcpu_state state;
	struct sie_block *sb;          /* own 4K frame */
	uint64_t gprs[16];             /* GR0-13 live here between SIE entries; 14/15 in sb */
	struct sie_fpregs fp;
	struct thread *thread;
	struct cpu *host_cpu;          /* where it is in SIE, or NULL */
	volatile bool active;          /* its thread is in a turn of its loop, using its state (vm->lock) */
	volatile bool inject_validity; /* test aid (CRASH GUEST): enter SIE once with a bad state description */
	bool want_lctl_cr6;            /* an I/O interruption waits for CR6 to enable its ISC */
	volatile bool kicked;          /* something changed: do not sleep in a wait (under vm->lock) */
	/* Local interruptions (under vm->lock). */
	uint64_t emergency_from[VM_MAX_CPUS / 64]; /* bit per sending CPU address */
	bool external_call;
	uint16_t external_call_from;
	bool restart_pending;
	bool stop_pending, store_status_on_stop;
	/* Statistics. */
	uint64_t sie_entries, intercepts, instr_intercepts, wait_intercepts;
	uint64_t cpu_tod;              /* host TOD units spent in SIE */
};

#define VM_CONSOLE_PENDING 8192

/*
 * Where a guest's console output goes (SET SECUSER, logging). The SCLP device
 * model hands text over while the guest's SCLP lock is held; it waits in
 * `pending` (under that lock) and is shown after the lock is dropped, by the
 * vCPU thread, which may then wait for room on the operator console: a burst
 * slows the guest down, it never loses a line.
 */
struct vm_console {
	char pending[VM_CONSOLE_PENDING];
	size_t pending_len;            /* under vm->sclp_lock */
	uint64_t pending_lost;         /* bytes that found pending full (an SCCB is at most 4K) */
	struct mutex shown;            /* one vCPU at a time assembles lines */
	char line[VM_CONSOLE_LINE + 1];
	unsigned int len;
	bool secuser_operator;         /* lines appear on the operator console as "userid: text" */
	uint64_t lines_out;
};

enum vm_state {
	VM_LOGGING_ON,
	VM_RUNNING,
	VM_STOPPED_BY_ERROR,           /* a validity interception or check stop: CPUs stopped, storage kept */
	VM_LOGGING_OFF,
};

struct vm {
	char userid[VM_NAME_LEN + 1];
	volatile enum vm_state state;
	struct spinlock lock;
	struct gstorage storage;
	unsigned int ncpus;
	struct vcpu *cpu[VM_MAX_CPUS];
	uint64_t facilities[4];        /* the guest's STFLE list */
	uint64_t logon_tod;
	/* Floating interruptions. */
	bool service_signal;
	uint32_t service_param;
	struct vm_console console;
	void *sclp;                    /* struct vsclp (devices layer) */
	struct spinlock sclp_lock;     /* serializes the SCLP model */
	void *css;                     /* struct vcss */
	struct spinlock css_lock;      /* serializes the channel subsystem */
	void *devices;                 /* struct vm_devices */
	char stop_reason[96];
	uint16_t ipl_vdev;             /* the device of the last IPL */
	char ipl_parm[64];
	volatile bool reipl_busy;
	bool all_stopped_reported;     /* PLXVMM101I shown since the last IPL (under lock) */
	struct vm *next;
};

/* ---- registry (vm.c) ---- */
struct vm *vm_find(const char *userid);
struct vm *vm_next(struct vm *prev);   /* NULL starts; under no lock: the list only grows and shrinks by the OPERATOR */
unsigned int vm_count(void);

/* Whether this machine has SIE (checked once at IPL). */
bool vm_sie_available(void);

/* ---- virtual CPUs (vcpu.c) ---- */
int vcpu_start_thread(struct vcpu *v);
/* Make v leave SIE (and its host wait) soon, to look at what changed. */
void vcpu_kick(struct vcpu *v);
/*
 * Stop every CPU of vm and wait until no thread uses a CPU's state any more
 * (state becomes VM_LOGGING_ON); the caller may then reset or reload the guest and
 * set VM_RUNNING again. From a thread that is not one of the guest's CPUs.
 */
void vm_pause_cpus(struct vm *vm);
/* After vm_pause_cpus: VM_RUNNING again, unless a logoff began meanwhile. */
void vm_resume_cpus(struct vm *vm);
/* The guest's TOD clock value now. */
uint64_t vcpu_guest_tod(const struct vcpu *v);

/* ---- guest interruptions (girq.c) ---- */
void vm_raise_service_signal(struct vm *vm, uint32_t param);
void vm_raise_io(struct vm *vm);   /* the virtual channel subsystem has one pending */
void vcpu_raise_emergency(struct vcpu *v, uint16_t from);
bool vcpu_raise_external_call(struct vcpu *v, uint16_t from);   /* false: one is already pending */
/* Deliver what the guest is enabled for; arm intervention requests for the rest. Under no lock. */
void vcpu_deliver_interrupts(struct vcpu *v);
/* Whether an interruption the guest is enabled for is pending (ends a wait). */
bool vcpu_interrupt_deliverable(struct vcpu *v);
/* I/O interruptions from the virtual channel subsystem (gio.c). */
bool vcpu_deliver_io(struct vcpu *v, bool *want_io);
bool vcpu_io_deliverable(struct vcpu *v);
/* A program interruption for the guest: code, instruction length; nullifying rewinds the PSW. */
void vcpu_program_interrupt(struct vcpu *v, uint16_t code, unsigned int ilc, bool nullify);

/* ---- intercepts (intercept.c and icpt_*.c) ---- */
/* Handle the interception in v->sb; false when the guest must stop (the reason is in vm->stop_reason). */
bool vcpu_handle_intercept(struct vcpu *v);

/* ---- guest storage helpers for intercept handlers (gaccess.c) ---- */
/* The operand address b2+d2 (or with index) per the guest's addressing mode. */
uint64_t vcpu_operand_address(const struct vcpu *v, unsigned int b, uint64_t d);
/* Read or write guest logical storage; on a fault the program interruption is presented and -1 returned. */
int vcpu_read(struct vcpu *v, uint64_t logical, void *buf, size_t len, unsigned int ilc);
int vcpu_write(struct vcpu *v, uint64_t logical, const void *buf, size_t len, unsigned int ilc);
/* Logical -> absolute for an operand the caller accesses itself; on a fault the interruption is presented. */
int vcpu_translate(struct vcpu *v, uint64_t logical, bool write, uint64_t *abs, unsigned int ilc);
/* Real-address access (prefixing applied): SCCBs. 0 or -1 (addressing). */
int vcpu_real_to_abs(const struct vcpu *v, uint64_t real, uint64_t *abs);

/* ---- lifecycle (vm.c) ---- */
/*
 * Log on userid from the directory and IPL it. 0, or the negated number of the
 * message (PLXVMMnnnE) with its text in err: 900 no SIE facility, 100 no valid
 * configuration, 53 not in the directory, 54 already logged on, 56 no IPL device,
 * 120 not enough storage, 57 the IPL failed.
 */
int vm_logon(const char *userid, char *err, size_t errsize);
/* Stop and free everything (FORCE). */
int vm_logoff(struct vm *vm);
/* Show the text the SCLP left in console.pending; from a vCPU thread, no locks held. */
void vm_console_flush(struct vm *vm);
/* Console output from the guest (line-assembled; \n ends a line); under console.shown. */
void vm_console_output(struct vm *vm, const char *data, size_t len);
/* A line of console input for the guest (SEND). false: the guest cannot take it now. */
bool vm_console_input(struct vm *vm, const char *line);
/* Stop the whole guest with a message, keeping its storage (validity, check stop). */
void vm_stop_with_error(struct vm *vm, const char *fmt, ...) __printf(2, 3);

#endif
