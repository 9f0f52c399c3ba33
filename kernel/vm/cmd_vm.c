/*
 * CP commands for virtual machines, in z/VM's manner:
 *   XAUTOLOG userid           log a user on, disconnected, and IPL it per its directory entry
 *   FORCE userid              stop it and free everything it had
 *   QUERY NAMES               who is logged on
 *   QUERY userid              one user
 *   QUERY VIRTUAL userid      its storage, CPUs and devices
 *   IPL userid [vdev] [PARM text]  re-IPL a running guest
 *   SEND userid text          a line of console input to a guest
 *   SET SECUSER userid OPERATOR|OFF  show a guest's console output on the operator console
 */
#include "kernel/cp/cmd.h"
#include "kernel/vm/vm.h"
#include "kernel/vm/vm_ipl.h"
#include "kernel/vm/vm_minidisk.h"
#include "kernel/vm/vm_devices.h"
#include "kernel/init.h"
#include "kernel/sched.h"
#include "kernel/console.h"
#include "arch/s390x/tod.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PRIV_OPERATOR (PRIV('A') | PRIV('C'))

static int not_logged_on(struct cmd_ctx *ctx, const char *userid)
{
	return cmd_error(ctx, 45, "PLXVMM045E", "%s not logged on", userid);
}

static struct vm *running(struct cmd_ctx *ctx, const char *userid, int *rc)
{
	struct vm *vm = vm_find(userid);

	if (!vm)
		*rc = not_logged_on(ctx, userid);
	return vm;
}

/* min..max operands (max 0: no limit): 0, or the error's return code. */
static int operand_count(struct cmd_ctx *ctx, const struct cmd_args *args, int min, int max)
{
	if (args->argc < min)
		return cmd_err_missing_operand(ctx);
	if (max && args->argc > max)
		return cmd_err_extra_operand(ctx, args->argv[max]);
	return 0;
}

/* The logged-on user the first operand names, with min..max operands; NULL with *rc set. */
static struct vm *user_operand(struct cmd_ctx *ctx, struct cmd_args *args, int min, int max, int *rc)
{
	*rc = operand_count(ctx, args, min, max);
	return *rc ? NULL : running(ctx, args->argv[0], rc);
}

static int xautolog(struct cmd_ctx *ctx, struct cmd_args *args)
{
	char err[160];
	int rc;

	if (args->argc < 1)
		return cmd_err_missing_operand(ctx);
	if (args->argc > 1)
		return cmd_err_extra_operand(ctx, args->argv[1]);
	rc = vm_logon(args->argv[0], err, sizeof(err));
	if (rc != 0) {
		char id[16];

		/* The message number is the return code (vm_logon's list). */
		snprintf(id, sizeof(id), "PLXVMM%03dE", -rc % 1000);
		return cmd_error(ctx, -rc, id, "%s", err);
	}
	cmd_printf(ctx, "Command accepted");
	kprintf("AUTO LOGON  ***  %-8s USERS = %u\n", args->argv[0], vm_count());
	return 0;
}

static int force(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct vm *vm;
	int rc = 0;
	char userid[VM_NAME_LEN + 1];

	vm = user_operand(ctx, args, 1, 1, &rc);
	if (!vm)
		return rc;
	snprintf(userid, sizeof(userid), "%s", vm->userid);
	vm_logoff(vm);
	kprintf("USER DSCONECT LOGOFF AS %-8s USERS = %u FORCED BY %s\n", userid, vm_count(), ctx->userid);
	return 0;
}

static const char *vm_state_word(const struct vm *vm)
{
	switch (vm->state) {
	case VM_RUNNING: return vm->all_stopped_reported ? "DSC (stopped)" : "DSC";
	case VM_STOPPED_BY_ERROR: return "DSC (stopped)";
	case VM_LOGGING_ON: return "DSC (IPL)";
	default: return "LOGOFF";
	}
}

static int q_names(struct cmd_ctx *ctx, struct cmd_args *args)
{
	char line[100];
	size_t len = 0;
	unsigned int n = 0;

	if (args->argc)
		return cmd_err_extra_operand(ctx, args->argv[0]);
	len = (size_t)snprintf(line, sizeof(line), "%-8s - SYSC", "OPERATOR");
	for (struct vm *vm = vm_next(NULL); vm; vm = vm_next(vm)) {
		if (++n % 4 == 0) {
			cmd_printf(ctx, "%s", line);
			len = 0;
			line[0] = '\0';
		}
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%-8s - DSC", len ? " , " : "", vm->userid);
	}
	if (len)
		cmd_printf(ctx, "%s", line);
	return 0;
}

/* QUERY userid (the QUERY fallback for an operand that names no QUERY function). */
static int q_user(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct vm *vm;
	int rc = 0;

	if (args->argc > 1)
		return cmd_err_extra_operand(ctx, args->argv[1]);
	if (strlen(args->argv[0]) > VM_NAME_LEN)
		return cmd_err_invalid_option(ctx, args->argv[0]);
	vm = running(ctx, args->argv[0], &rc);
	if (!vm)
		return rc;
	cmd_printf(ctx, "%-8s - %s", vm->userid, vm_state_word(vm));
	return 0;
}

static int q_virtual(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct vm *vm;
	int rc = 0;

	vm = user_operand(ctx, args, 1, 1, &rc);
	if (!vm)
		return rc;
	cmd_printf(ctx, "STORAGE = %lluM  MAX = %lluM", (unsigned long long)(vm->storage.size >> 20),
		   (unsigned long long)(vm->storage.size >> 20));
	for (unsigned int i = 0; i < vm->ncpus; i++) {
		struct vcpu *v = vm->cpu[i];

		cmd_printf(ctx, "CPU %02X  %-9s PSW %016llX %016llX  SIE %llu  INTERCEPTS %llu",
			   v->address, v->state == VCPU_OPERATING ? "OPERATING" :
			   v->state == VCPU_STOPPED ? "STOPPED" : "CHECKSTOP",
			   (unsigned long long)v->sb->gpsw.mask, (unsigned long long)v->sb->gpsw.addr,
			   (unsigned long long)v->sie_entries, (unsigned long long)v->intercepts);
	}
	vm_devices_query(vm, ctx);
	if (vm->state == VM_STOPPED_BY_ERROR)
		cmd_printf(ctx, "STOPPED: %s", vm->stop_reason);
	return 0;
}

static int ipl(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct vm *vm;
	char err[160];
	const char *parm = NULL;
	uint16_t vdev;
	int rc = 0, i = 1;

	vm = user_operand(ctx, args, 1, 0, &rc);
	if (!vm)
		return rc;
	vdev = vm->ipl_vdev;
	if (i < args->argc && !cmd_abbrev(args->argv[i], "PARM", 4)) {
		char *end;
		unsigned long d = strtoul(args->argv[i], &end, 16);

		if (*end || d > 0xffff)
			return cmd_err_invalid_option(ctx, args->argv[i]);
		vdev = (uint16_t)d;
		i++;
	}
	if (i < args->argc) {
		if (!cmd_abbrev(args->argv[i], "PARM", 4) || i + 1 >= args->argc)
			return cmd_err_invalid_option(ctx, args->argv[i]);
		parm = args->raw[i + 1];
	}
	if (!vm_ipl_claim(vm))
		return cmd_error(ctx, 58, "PLXVMM058E", "%s is being re-IPLed; try again", vm->userid);
	vm_pause_cpus(vm);
	rc = vm_ipl_from_minidisk(vm, vdev, parm ? parm : vm->ipl_parm, true, err, sizeof(err));
	vm_resume_cpus(vm);
	vm_ipl_release(vm);
	if (rc != 0) {
		vm_stop_with_error(vm, "IPL failed");
		return cmd_error(ctx, 57, "PLXVMM057E", "%s", err);
	}
	vcpu_kick(vm->cpu[0]);
	return 0;
}

static int send(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct vm *vm;
	int rc = 0;

	vm = user_operand(ctx, args, 2, 0, &rc);
	if (!vm)
		return rc;
	if (!vm_console_input(vm, args->raw[1]))
		return cmd_error(ctx, 1060, "PLXVMM060E", "%s cannot take console input now", vm->userid);
	return 0;
}

static int set_secuser(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct vm *vm;
	int rc = 0;

	vm = user_operand(ctx, args, 2, 2, &rc);
	if (!vm)
		return rc;
	if (strcmp(args->argv[1], "OPERATOR") == 0)
		vm->console.secuser_operator = true;
	else if (strcmp(args->argv[1], "OFF") == 0)
		vm->console.secuser_operator = false;
	else
		return cmd_error(ctx, 45, "PLXVMM045E", "%s not logged on", args->argv[1]);
	return 0;
}

/* CRASH GUEST userid VALIDITY: a test aid that makes SIE refuse the guest's CPU 0. */
static int crash_guest(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct vm *vm;
	int rc = 0;

	rc = operand_count(ctx, args, 2, 2);
	if (rc)
		return rc;
	if (!cmd_abbrev(args->argv[1], "VALIDITY", 8))
		return cmd_err_invalid_option(ctx, args->argv[1]);
	vm = running(ctx, args->argv[0], &rc);
	if (!vm)
		return rc;
	vm->cpu[0]->inject_validity = true;
	vcpu_kick(vm->cpu[0]);
	cmd_printf(ctx, "PLXCRA002W %s CPU 00 enters SIE with a prefix outside its storage", vm->userid);
	return 0;
}

static const struct cp_command crash_guest_op = {
	"GUEST", 5, PRIV('A'), crash_guest, "CRASH GUEST userid VALIDITY",
	"Test aid: a guest's state description made invalid (the guest stops, PlexVM goes on)",
};

static const struct cp_command set_ops[] = {
	{ "SECUSER", 6, PRIV_OPERATOR, set_secuser, "SET SECUSER userid OPERATOR|OFF",
	  "Show a guest's console output on the operator console" },
};
static struct cmd_table set_operands;

static int set(struct cmd_ctx *ctx, struct cmd_args *args)
{
	return cmd_dispatch_sub(ctx, &set_operands, args, "SET");
}

static const struct cp_command vm_cmds[] = {
	{ "XAUTOLOG", 8, PRIV_OPERATOR, xautolog, "XAUTOLOG userid", "Log on a guest and IPL it" },
	{ "FORCE", 5, PRIV_OPERATOR, force, "FORCE userid", "Log a guest off" },
	{ "IPL", 3, PRIV_OPERATOR, ipl, "IPL userid [vdev] [PARM text]", "Re-IPL a running guest" },
	{ "SEND", 4, PRIV_OPERATOR, send, "SEND userid text", "Console input to a guest" },
	{ "SET", 3, PRIV_OPERATOR, set, "SET SECUSER userid OPERATOR|OFF", "Set guest options" },
};
static const struct cp_command vm_queries[] = {
	{ "NAMES", 1, PRIV_ALL, q_names, "QUERY NAMES", "Logged-on users" },
	{ "VIRTUAL", 1, PRIV_OPERATOR, q_virtual, "QUERY Virtual userid", "A guest's storage, CPUs and devices" },
};

static int vm_cmds_init(void)
{
	int rc = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(vm_cmds); i++)
		rc |= cmd_register(&cp_commands, &vm_cmds[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(vm_queries); i++)
		rc |= cmd_register(&query_operands, &vm_queries[i]);
	for (unsigned int i = 0; i < ARRAY_SIZE(set_ops); i++)
		rc |= cmd_register(&set_operands, &set_ops[i]);
	rc |= cmd_register(&crash_operands, &crash_guest_op);
	query_operands.fallback = q_user;
	return rc;
}
INITCALL(4, vm_cmds_init);
