/* QUERY DEVICES, QUERY DASD, QUERY CTCA and QUERY RDEVICE: the real devices. */
#include "kernel/cp/cmd.h"
#include "kernel/init.h"
#include "kernel/io/io.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *state_name(enum io_dev_state s)
{
	switch (s) {
	case IODEV_ONLINE: return "ONLINE";
	case IODEV_OFFLINE: return "OFFLINE";
	case IODEV_NOT_OPERATIONAL: return "NOT OPERATIONAL";
	case IODEV_BOXED: return "BOXED";
	}
	return "?";
}

static const char *class_of(const struct io_device *dev)
{
	return dev->driver && dev->driver->device_class ? dev->driver->device_class : "DEV";
}

static void describe(struct io_device *dev, char *buf, size_t size)
{
	if (dev->state != IODEV_ONLINE)
		snprintf(buf, size, "%s", state_name(dev->state));
	else if (dev->driver && dev->driver->describe)
		dev->driver->describe(dev, buf, size);
	else if (dev->id_valid)
		snprintf(buf, size, "TYPE %04X-%02X CU %04X-%02X", dev->id.dev_type, dev->id.dev_model,
			 dev->id.cu_type, dev->id.cu_model);
	else
		snprintf(buf, size, "UNKNOWN");
}

static int list(struct cmd_ctx *ctx, const char *cls)
{
	unsigned int shown = 0;

	for (unsigned int i = 0; i < io_device_count(); i++) {
		struct io_device *dev = io_device_at(i);
		char text[96];

		if (cls && strcmp(class_of(dev), cls) != 0)
			continue;
		describe(dev, text, sizeof(text));
		cmd_printf(ctx, "%-4s %04X %s", class_of(dev), dev->devno, text);
		shown++;
	}
	if (!shown)
		return cmd_error(ctx, 40, "PLXCQV040E", "No %s devices are defined", cls ? cls : "real");
	return 0;
}

static int q_devices(struct cmd_ctx *ctx, struct cmd_args *args)
{
	return args->argc ? cmd_err_extra_operand(ctx, args->argv[0]) : list(ctx, NULL);
}

static int q_dasd(struct cmd_ctx *ctx, struct cmd_args *args)
{
	return args->argc ? cmd_err_extra_operand(ctx, args->argv[0]) : list(ctx, "DASD");
}

static int q_ctca(struct cmd_ctx *ctx, struct cmd_args *args)
{
	return args->argc ? cmd_err_extra_operand(ctx, args->argv[0]) : list(ctx, "CTCA");
}

static int q_rdevice(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct io_device *dev;
	char *end, text[96];
	unsigned long devno;

	if (args->argc != 1)
		return cmd_err_missing_operand(ctx);
	devno = strtoul(args->argv[0], &end, 16);
	if (*end || devno > 0xffff || strlen(args->argv[0]) > 4)
		return cmd_error(ctx, 21, "PLXCQV021E", "Invalid device number - %s", args->argv[0]);
	dev = io_device_by_devno((uint16_t)devno);
	if (!dev)
		return cmd_error(ctx, 40, "PLXCQV040E", "Device %04lX does not exist", devno);
	describe(dev, text, sizeof(text));
	cmd_printf(ctx, "%-4s %04X %s", class_of(dev), dev->devno, text);
	cmd_printf(ctx, "     SUBCHANNEL 0.0.%04X  STATE %s  DRIVER %s", dev->schid & 0xffff,
		   state_name(dev->state), dev->driver ? dev->driver->name : "(none)");
	if (dev->id_valid)
		cmd_printf(ctx, "     CU %04X-%02X  DEVTYPE %04X-%02X  CHPIDS %02X %02X  PATHS %02X",
			   dev->id.cu_type, dev->id.cu_model, dev->id.dev_type, dev->id.dev_model,
			   dev->schib.pmcw.chpid[0], dev->schib.pmcw.chpid[1], dev->schib.pmcw.pam);
	cmd_printf(ctx, "     I/O STARTS %llu  ENDED %llu  UNIT CHECKS %llu  TIMEOUTS %llu  UNSOLICITED %llu",
		   (unsigned long long)dev->starts, (unsigned long long)dev->completions,
		   (unsigned long long)dev->unit_checks, (unsigned long long)dev->timeouts,
		   (unsigned long long)dev->unsolicited);
	return 0;
}

static const struct cp_command device_queries[] = {
	{ "DEVICES", 3, PRIV_ALL, q_devices, "QUERY DEVices", "All real devices" },
	{ "DASD", 2, PRIV_ALL, q_dasd, "QUERY DASD", "Real DASD and their volume serials" },
	{ "CTCA", 3, PRIV_ALL, q_ctca, "QUERY CTCA", "Real channel-to-channel adapters" },
	{ "RDEVICE", 4, PRIV_ALL, q_rdevice, "QUERY RDEVice rdev", "One real device in detail" },
};

static int device_queries_init(void)
{
	int rc = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(device_queries); i++)
		rc |= cmd_register(&query_operands, &device_queries[i]);
	return rc;
}
INITCALL(4, device_queries_init);
