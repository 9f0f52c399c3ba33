/*
 * VOLUME: operator access to real volumes for formatting, diagnosis and tests.
 *   VOLUME FORMAT rdev cyl1[-cyl2|-END] [volser]   (ECKD: 12 x 4 KiB records a track)
 *   VOLUME WRITE  vol block count seed              (deterministic test data)
 *   VOLUME VERIFY vol block count seed
 *   VOLUME READ   vol block [count]                 (checksum and first bytes)
 *   VOLUME RESERVE vol [seconds]  /  VOLUME RELEASE vol
 *   VOLUME BENCH  vol READ|WRITE blocks-per-op seconds
 * vol is a volser or a real device number.
 */
#include "kernel/cp/cmd.h"
#include "kernel/init.h"
#include "kernel/volume.h"
#include "kernel/io/io.h"
#include "kernel/alloc.h"
#include "kernel/sched.h"
#include "kernel/lib/pattern.h"
#include "arch/s390x/tod.h"
#include "drivers/eckd/eckd.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BLOCKS 64

static struct volume *find(struct cmd_ctx *ctx, const char *name, int *rc)
{
	struct volume *v = volume_by_volser(name);
	char *end;
	unsigned long devno;

	if (v)
		return v;
	devno = strtoul(name, &end, 16);
	if (!*end && strlen(name) <= 4 && (v = volume_by_devno((uint16_t)devno)) != NULL)
		return v;
	*rc = cmd_error(ctx, 40, "PLXVOL040E", "Volume %s is not mounted", name);
	return NULL;
}

static bool number(const char *s, uint64_t *out)
{
	char *end;

	if (!*s)
		return false;
	*out = strtoull(s, &end, 10);
	return *end == '\0';
}

static int vol_error(struct cmd_ctx *ctx, struct volume *v, const char *what, int err)
{
	return cmd_error(ctx, 47, "PLXVOL047E", "%s of volume %s failed: %s", what,
			 v->volser[0] ? v->volser : "(unlabelled)", volume_error_name(err));
}

static int rw_args(struct cmd_ctx *ctx, struct cmd_args *args, int need, struct volume **v,
		   uint64_t *block, uint64_t *count, uint64_t *seed)
{
	int rc = 0;

	if (args->argc < need + 1)
		return cmd_err_missing_operand(ctx);
	if (args->argc > need + 1)
		return cmd_err_extra_operand(ctx, args->argv[need + 1]);
	*v = find(ctx, args->argv[1], &rc);
	if (!*v)
		return rc;
	if (!number(args->argv[2], block))
		return cmd_err_invalid_option(ctx, args->argv[2]);
	*count = 1;
	if (need >= 3 && !number(args->argv[3], count))
		return cmd_err_invalid_option(ctx, args->argv[3]);
	if (need >= 4 && !number(args->argv[4], seed))
		return cmd_err_invalid_option(ctx, args->argv[4]);
	if (*count == 0 || *block >= (*v)->nblocks || *count > (*v)->nblocks - *block)
		return cmd_error(ctx, 26, "PLXVOL026E", "Blocks %llu-%llu are outside volume %s (%llu blocks)",
				 (unsigned long long)*block, (unsigned long long)(*block + *count - 1),
				 (*v)->volser, (unsigned long long)(*v)->nblocks);
	return 0;
}

static int do_write_verify(struct cmd_ctx *ctx, struct cmd_args *args, bool verify)
{
	uint64_t block, count, seed = 0, sum = CHECKSUM64_INIT;
	struct volume *v = NULL;
	uint8_t *buf, *want = NULL;
	int rc = rw_args(ctx, args, 4, &v, &block, &count, &seed);

	if (rc)
		return rc;
	buf = kmalloc(VOLUME_BLOCK_SIZE * MAX_BLOCKS);
	if (verify)
		want = kmalloc(VOLUME_BLOCK_SIZE);
	if (!buf || (verify && !want)) {
		kfree(buf);
		kfree(want);
		return cmd_error(ctx, 99, "PLXVOL099E", "No storage for the buffer");
	}
	for (uint64_t done = 0; done < count && !rc;) {
		unsigned int n = (unsigned int)MIN(count - done, (uint64_t)MAX_BLOCKS);

		if (!verify) {
			for (unsigned int i = 0; i < n; i++)
				pattern_fill(buf + (size_t)i * VOLUME_BLOCK_SIZE, VOLUME_BLOCK_SIZE, seed,
					     block + done + i);
			rc = volume_write(v, block + done, n, buf);
			if (rc) {
				rc = vol_error(ctx, v, "Write", rc);
				break;
			}
		} else {
			rc = volume_read(v, block + done, n, buf);
			if (rc) {
				rc = vol_error(ctx, v, "Read", rc);
				break;
			}
			for (unsigned int i = 0; i < n; i++) {
				pattern_fill(want, VOLUME_BLOCK_SIZE, seed, block + done + i);
				if (memcmp(want, buf + (size_t)i * VOLUME_BLOCK_SIZE, VOLUME_BLOCK_SIZE)) {
					rc = cmd_error(ctx, 48, "PLXVOL048E",
						       "Block %llu of volume %s does not hold the data of seed %llu",
						       (unsigned long long)(block + done + i), v->volser,
						       (unsigned long long)seed);
					break;
				}
			}
		}
		sum = checksum64(buf, (size_t)n * VOLUME_BLOCK_SIZE, sum);
		done += n;
		cond_resched();
	}
	if (!rc)
		cmd_printf(ctx, "%s %llu blocks at %llu on %s: checksum %016llX", verify ? "VERIFIED" : "WROTE",
			   (unsigned long long)count, (unsigned long long)block, v->volser,
			   (unsigned long long)sum);
	kfree(buf);
	kfree(want);
	return rc;
}

static int do_read(struct cmd_ctx *ctx, struct cmd_args *args)
{
	uint64_t block, count = 1, seed, sum = CHECKSUM64_INIT;
	struct volume *v = NULL;
	uint8_t *buf;
	int rc;

	if (args->argc == 3) {
		rc = rw_args(ctx, args, 2, &v, &block, &count, &seed);
	} else {
		rc = rw_args(ctx, args, 3, &v, &block, &count, &seed);
	}
	if (rc)
		return rc;
	if (count > MAX_BLOCKS)
		return cmd_error(ctx, 26, "PLXVOL026E", "At most %d blocks at a time", MAX_BLOCKS);
	buf = kmalloc(VOLUME_BLOCK_SIZE * count);
	if (!buf)
		return cmd_error(ctx, 99, "PLXVOL099E", "No storage for the buffer");
	rc = volume_read(v, block, (unsigned int)count, buf);
	if (rc) {
		rc = vol_error(ctx, v, "Read", rc);
	} else {
		sum = checksum64(buf, VOLUME_BLOCK_SIZE * count, sum);
		cmd_printf(ctx, "READ %llu blocks at %llu on %s: checksum %016llX", (unsigned long long)count,
			   (unsigned long long)block, v->volser, (unsigned long long)sum);
		cmd_printf(ctx, "%02X%02X%02X%02X %02X%02X%02X%02X %02X%02X%02X%02X %02X%02X%02X%02X",
			   buf[0], buf[1], buf[2], buf[3], buf[4], buf[5], buf[6], buf[7], buf[8], buf[9],
			   buf[10], buf[11], buf[12], buf[13], buf[14], buf[15]);
	}
	kfree(buf);
	return rc;
}

static int do_reserve(struct cmd_ctx *ctx, struct cmd_args *args, bool reserve)
{
	uint64_t seconds = 10;
	struct volume *v;
	int rc = 0;

	if (args->argc < 2)
		return cmd_err_missing_operand(ctx);
	v = find(ctx, args->argv[1], &rc);
	if (!v)
		return rc;
	if (reserve && args->argc > 2 && !number(args->argv[2], &seconds))
		return cmd_err_invalid_option(ctx, args->argv[2]);
	if (!v->ops->reserve)
		return cmd_error(ctx, 49, "PLXVOL049E", "Volume %s (%s) cannot be reserved", v->volser,
				 v->ops->kind);
	rc = reserve ? v->ops->reserve(v, seconds * 1000) : v->ops->release(v);
	if (rc)
		return vol_error(ctx, v, reserve ? "Reserve" : "Release", rc);
	cmd_printf(ctx, "Volume %s %s", v->volser, reserve ? "RESERVED" : "RELEASED");
	return 0;
}

static int do_format(struct cmd_ctx *ctx, struct cmd_args *args)
{
	uint64_t first, last;
	struct volume *v;
	char *dash, *end;
	int rc = 0;

	if (args->argc < 3)
		return cmd_err_missing_operand(ctx);
	v = find(ctx, args->argv[1], &rc);
	if (!v)
		return rc;
	if (!eckd_is_eckd(v))
		return cmd_error(ctx, 49, "PLXVOL049E", "Volume %s is not ECKD DASD", args->argv[1]);
	first = strtoull(args->argv[2], &end, 10);
	if (end == args->argv[2] || (*end && *end != '-'))
		return cmd_err_invalid_option(ctx, args->argv[2]);
	dash = end;
	if (*dash == '-') {
		if (strcmp(dash + 1, "END") == 0)
			last = v->cylinders - 1;
		else if (!number(dash + 1, &last))
			return cmd_err_invalid_option(ctx, args->argv[2]);
	} else {
		last = first;
	}
	if (first == 0 && args->argc < 4)
		return cmd_error(ctx, 26, "PLXVOL026E", "Formatting cylinder 0 needs a volume serial");
	rc = eckd_format(v, (uint32_t)first, (uint32_t)last, args->argc >= 4 ? args->argv[3] : "");
	if (rc)
		return vol_error(ctx, v, "Format", rc);
	if (first == 0) {
		/* A new label: the volume gets a fresh allocation map, all PERM. */
		volume_refresh(v);
		rc = volume_write_default_map(v, NULL, NULL);
		if (rc)
			return vol_error(ctx, v, "Writing the allocation map", rc);
	}
	cmd_printf(ctx, "FORMATTED cylinders %llu-%llu of DASD %04X%s%s", (unsigned long long)first,
		   (unsigned long long)last, v->dev ? v->dev->devno : 0, v->volser[0] ? " as " : "",
		   v->volser);
	return 0;
}

static int do_bench(struct cmd_ctx *ctx, struct cmd_args *args)
{
	uint64_t per_op, seconds, ops = 0, start, end, elapsed;
	struct volume *v;
	bool write;
	uint8_t *buf;
	int rc = 0;

	if (args->argc != 5)
		return cmd_err_missing_operand(ctx);
	v = find(ctx, args->argv[1], &rc);
	if (!v)
		return rc;
	write = cmd_abbrev(args->argv[2], "WRITE", 1);
	if (!write && !cmd_abbrev(args->argv[2], "READ", 1))
		return cmd_err_invalid_option(ctx, args->argv[2]);
	if (!number(args->argv[3], &per_op) || per_op == 0 || per_op > MAX_BLOCKS)
		return cmd_err_invalid_option(ctx, args->argv[3]);
	if (!number(args->argv[4], &seconds) || seconds == 0 || seconds > 600)
		return cmd_err_invalid_option(ctx, args->argv[4]);
	buf = kmalloc(VOLUME_BLOCK_SIZE * per_op);
	if (!buf)
		return cmd_error(ctx, 99, "PLXVOL099E", "No storage for the buffer");
	pattern_fill(buf, VOLUME_BLOCK_SIZE * per_op, 1, 0);
	start = tod_now();
	end = start + tod_from_ms(seconds * 1000);
	/* Cycle through cylinder 1 onwards, away from the label. */
	for (uint64_t block = VOLUME_BLOCKS_PER_CYL; tod_now() < end; ops++) {
		if (block + per_op > v->nblocks)
			block = VOLUME_BLOCKS_PER_CYL;
		rc = write ? volume_write(v, block, (unsigned int)per_op, buf) :
			     volume_read(v, block, (unsigned int)per_op, buf);
		if (rc) {
			kfree(buf);
			return vol_error(ctx, v, write ? "Write" : "Read", rc);
		}
		block += per_op;
		cond_resched();
	}
	elapsed = tod_to_us(tod_now() - start);
	kfree(buf);
	cmd_printf(ctx, "BENCH %s %s %llu KiB x %llu in %llu ms: %llu ops/s, %llu.%02llu MiB/s",
		   v->volser, write ? "WRITE" : "READ", (unsigned long long)(per_op * 4), (unsigned long long)ops,
		   (unsigned long long)(elapsed / 1000),
		   (unsigned long long)(ops * 1000000 / (elapsed ? elapsed : 1)),
		   (unsigned long long)(ops * per_op * 4096 * 1000000 / (elapsed ? elapsed : 1) / 1048576),
		   (unsigned long long)(ops * per_op * 4096 * 100000000 / (elapsed ? elapsed : 1) / 1048576 % 100));
	return 0;
}

static int volume_cmd(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const char *sub;

	if (args->argc < 1)
		return cmd_err_missing_operand(ctx);
	sub = args->argv[0];
	if (cmd_abbrev(sub, "WRITE", 1))
		return do_write_verify(ctx, args, false);
	if (cmd_abbrev(sub, "VERIFY", 1))
		return do_write_verify(ctx, args, true);
	if (cmd_abbrev(sub, "READ", 4))
		return do_read(ctx, args);
	if (cmd_abbrev(sub, "RESERVE", 3))
		return do_reserve(ctx, args, true);
	if (cmd_abbrev(sub, "RELEASE", 3))
		return do_reserve(ctx, args, false);
	if (cmd_abbrev(sub, "FORMAT", 3))
		return do_format(ctx, args);
	if (cmd_abbrev(sub, "BENCH", 5))
		return do_bench(ctx, args);
	return cmd_err_invalid_option(ctx, sub);
}

static const struct cp_command volume_command = {
	"VOLUME", 3, PRIV('A') | PRIV('B'), volume_cmd,
	"VOLume FORmat|Write|Verify|READ|REServe|RELease|BENCH ...",
	"Format, test and measure real volumes",
};

static int volume_cmd_init(void)
{
	return cmd_register(&cp_commands, &volume_command);
}
INITCALL(4, volume_cmd_init);
