/*
 * ISFC commands: ACTIVATE ISLINK, DEACTIVATE ISLINK, QUERY ISLINK, and the
 * ISFC TEST / ISFC PING diagnostics.
 */
#include "ssi/isfc.h"
#include "ssi/isfc_test.h"
#include "kernel/cp/cmd.h"
#include "kernel/init.h"
#include "kernel/link/link.h"
#include "kernel/lib/datetime.h"
#include "arch/s390x/tod.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void isfc_for_each_endpoint(void (*fn)(const char *member, struct link *l, const uint16_t *devnos,
				       unsigned int ndev, const char *refused, uint64_t malformed,
				       void *arg), void *arg);

static bool parse_devno(const char *s, uint16_t *out)
{
	char *end;
	unsigned long v;

	if (!*s || strlen(s) > 4)
		return false;
	v = strtoul(s, &end, 16);
	if (*end)
		return false;
	*out = (uint16_t)v;
	return true;
}

/* rdev, rdev-rdev, or rdev.count */
static int parse_devices(struct cmd_ctx *ctx, const char *s, uint16_t *list, unsigned int *n)
{
	char first[8], *dash = strchr(s, '-');
	uint16_t a, b;

	if (dash) {
		snprintf(first, sizeof(first), "%.*s", (int)(dash - s), s);
		if (!parse_devno(first, &a) || !parse_devno(dash + 1, &b) || b < a || b - a >= 16)
			return cmd_error(ctx, 21, "PLXCMD021E", "Invalid real device number - %s", s);
	} else {
		if (!parse_devno(s, &a))
			return cmd_error(ctx, 21, "PLXCMD021E", "Invalid real device number - %s", s);
		b = a;
	}
	for (uint32_t d = a; d <= b; d++) {
		if (*n >= LINK_MAX_CHANNELS)
			return cmd_error(ctx, 26, "PLXCMD026E", "Operand missing or invalid: at most %d devices",
					 LINK_MAX_CHANNELS);
		list[(*n)++] = (uint16_t)d;
	}
	return 0;
}

static int activate(struct cmd_ctx *ctx, struct cmd_args *args)
{
	uint16_t devs[LINK_MAX_CHANNELS];
	unsigned int n = 0;
	const char *node = NULL;
	char err[96];
	int i, rc;

	if (args->argc < 2 || !cmd_abbrev(args->argv[0], "ISLINK", 3))
		return args->argc ? cmd_err_invalid_option(ctx, args->argv[0]) : cmd_err_missing_operand(ctx);
	for (i = 1; i < args->argc; i++) {
		if (cmd_abbrev(args->argv[i], "NODE", 4)) {
			if (i + 1 >= args->argc || strlen(args->argv[i + 1]) > ISFC_NAME_LEN)
				return cmd_err_missing_operand(ctx);
			node = args->argv[++i];
			continue;
		}
		rc = parse_devices(ctx, args->argv[i], devs, &n);
		if (rc)
			return rc;
	}
	if (!n)
		return cmd_err_missing_operand(ctx);
	if (isfc_activate(devs, n, node, err, sizeof(err)) != 0)
		return cmd_error(ctx, 2810, "PLXISF2810E", "%s", err);
	for (unsigned int k = 0; k < n; k++)
		cmd_printf(ctx, "Link device %04X activated%s%s", devs[k], node ? " for node " : "",
			   node ? node : "");
	return 0;
}

static int deactivate(struct cmd_ctx *ctx, struct cmd_args *args)
{
	uint16_t devs[LINK_MAX_CHANNELS];
	unsigned int n = 0;
	char err[96];
	int rc;

	if (args->argc < 2 || !cmd_abbrev(args->argv[0], "ISLINK", 3))
		return args->argc ? cmd_err_invalid_option(ctx, args->argv[0]) : cmd_err_missing_operand(ctx);
	for (int i = 1; i < args->argc; i++) {
		rc = parse_devices(ctx, args->argv[i], devs, &n);
		if (rc)
			return rc;
	}
	for (unsigned int k = 0; k < n; k++) {
		if (isfc_deactivate(devs[k], err, sizeof(err)) != 0)
			return cmd_error(ctx, 2811, "PLXISF2811E", "%s", err);
		cmd_printf(ctx, "Link device %04X deactivated", devs[k]);
	}
	return 0;
}

struct show_ctx {
	struct cmd_ctx *ctx;
	unsigned int shown;
};

static void show_endpoint(const char *member, struct link *l, const uint16_t *devnos, unsigned int ndev,
			  const char *refused, uint64_t malformed, void *arg)
{
	struct show_ctx *s = arg;
	char since[24] = "";

	(void)devnos;
	(void)ndev;
	if (l->state == LINK_UP) {
		struct datetime dt;

		tod_to_datetime(l->up_since_tod, &dt);
		datetime_format_short(&dt, since, sizeof(since));
	}
	cmd_printf(s->ctx, "Node %-8s  State %-4s%s%s  Msgs out %llu in %llu  Bytes out %llu in %llu",
		   member[0] ? member : "(unknown)", l->state == LINK_UP ? "Up" : "Down",
		   since[0] ? " since " : "", since, (unsigned long long)l->msgs_out,
		   (unsigned long long)l->msgs_in, (unsigned long long)l->bytes_out,
		   (unsigned long long)l->bytes_in);
	if (refused[0])
		cmd_printf(s->ctx, "  Refused: %s", refused);
	if (l->rx_queued)
		cmd_printf(s->ctx, "  Receive queue %u messages, next expected %llu", l->rx_queued,
			   (unsigned long long)l->rx_next);
	if (malformed || l->duplicates || l->resends)
		cmd_printf(s->ctx, "  Malformed messages dropped %llu  Duplicates %llu  Resent %llu",
			   (unsigned long long)malformed, (unsigned long long)l->duplicates,
			   (unsigned long long)l->resends);
	for (unsigned int i = 0; i < l->nch; i++) {
		struct link_channel *ch = l->ch[i];

		if (ch->disabled && ch->link != l)
			continue;
		cmd_printf(s->ctx, "  Link %04X  Type %-6s State %-10s Frames out %llu in %llu  Errors %llu%s%s",
			   ch->devno, ch->kind, link_channel_state_name(ch->state),
			   (unsigned long long)ch->frames_out, (unsigned long long)ch->frames_in,
			   (unsigned long long)(ch->send_errors + ch->bad_frames),
			   ch->state == LCH_DOWN && ch->down_reason[0] ? "  " : "",
			   ch->state == LCH_DOWN ? ch->down_reason : "");
	}
	s->shown++;
}

static int q_islink(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct show_ctx s = { ctx, 0 };

	if (args->argc)
		return cmd_err_extra_operand(ctx, args->argv[0]);
	cmd_printf(ctx, "Local node %s", isfc_local_member());
	isfc_for_each_endpoint(show_endpoint, &s);
	if (!s.shown)
		cmd_printf(ctx, "No ISFC links are active");
	return 0;
}

static bool number(const char *s, uint64_t *out)
{
	char *end;

	if (!*s)
		return false;
	*out = strtoull(s, &end, 10);
	return !*end;
}

static int isfc_cmd(struct cmd_ctx *ctx, struct cmd_args *args)
{
	uint64_t mib, min = 1, max = 60000, seed = 1, count = 10;

	if (args->argc < 2)
		return cmd_err_missing_operand(ctx);
	if (cmd_abbrev(args->argv[0], "TEST", 4)) {
		struct isfc_test_report r;
		uint64_t rate;
		bool checksum_only = false;

		if (args->argc > 3 && cmd_abbrev(args->argv[args->argc - 1], "CHECKSUM", 5)) {
			checksum_only = true;
			args->argc--;
		}
		if (args->argc > 6)
			return cmd_err_extra_operand(ctx, args->argv[6]);
		if (args->argc < 3 || !number(args->argv[2], &mib) || mib == 0 || mib > 4096)
			return cmd_err_missing_operand(ctx);
		if (args->argc >= 5 && (!number(args->argv[3], &min) || !number(args->argv[4], &max) ||
					min == 0 || min > max || max > ISFC_MAX_MSG - 32))
			return cmd_err_invalid_option(ctx, args->argv[3]);
		if (args->argc >= 6 && (!number(args->argv[5], &seed) || seed == 0))
			return cmd_err_invalid_option(ctx, args->argv[5]);
		if (!isfc_member_reachable(args->argv[1]))
			return cmd_error(ctx, 2812, "PLXISF2812E", "Node %s is not reachable", args->argv[1]);
		isfc_test_run(args->argv[1], mib << 20, (uint32_t)min, (uint32_t)max, seed, checksum_only, &r);
		rate = r.elapsed_us ? r.bytes_sent * 100 / r.elapsed_us * 1000000 / 1048576 : 0;
		cmd_printf(ctx, "TEST %s: sent %llu messages, %llu bytes in %llu ms, %llu.%02llu MiB/s",
			   args->argv[1], (unsigned long long)r.messages_sent, (unsigned long long)r.bytes_sent,
			   (unsigned long long)(r.elapsed_us / 1000), (unsigned long long)(rate / 100),
			   (unsigned long long)(rate % 100));
		if (!r.result_received)
			return cmd_error(ctx, 2813, "PLXISF2813E", "No test result from %s%s", args->argv[1],
					 r.send_failed ? ": the link went down" : "");
		cmd_printf(ctx, "PEER %s: %s %llu messages, %llu bytes; %llu bad, %llu out of order",
			   args->argv[1], checksum_only ? "checksummed" : "verified",
			   (unsigned long long)r.peer_good, (unsigned long long)r.peer_bytes,
			   (unsigned long long)r.peer_bad, (unsigned long long)r.peer_out_of_order);
		if (r.peer_bad || r.peer_out_of_order || r.peer_good != r.messages_sent)
			return cmd_error(ctx, 2814, "PLXISF2814E", "Test traffic to %s was damaged or lost",
					 args->argv[1]);
		return 0;
	}
	if (cmd_abbrev(args->argv[0], "PING", 4)) {
		uint64_t lo, avg, hi;

		if (args->argc >= 3 && (!number(args->argv[2], &count) || count == 0 || count > 100000))
			return cmd_err_invalid_option(ctx, args->argv[2]);
		if (isfc_ping(args->argv[1], (unsigned int)count, &lo, &avg, &hi) != 0)
			return cmd_error(ctx, 2812, "PLXISF2812E", "Node %s is not reachable", args->argv[1]);
		cmd_printf(ctx, "PING %s: %llu round trips, min %llu us, avg %llu us, max %llu us",
			   args->argv[1], (unsigned long long)count, (unsigned long long)lo,
			   (unsigned long long)avg, (unsigned long long)hi);
		return 0;
	}
	return cmd_err_invalid_option(ctx, args->argv[0]);
}

static const struct cp_command isfc_cmds[] = {
	{ "ACTIVATE", 3, PRIV('A') | PRIV('B'), activate, "ACTivate ISLink rdev[-rdev] ... [NODE sysname]",
	  "Start ISFC links on CTC devices" },
	{ "DEACTIVATE", 5, PRIV('A') | PRIV('B'), deactivate, "DEACTivate ISLink rdev ...",
	  "Stop ISFC links" },
	{ "ISFC", 4, PRIV('A') | PRIV('B'), isfc_cmd,
	  "ISFC TEST node MiB [min max [seed]] [CHECKsum] | ISFC PING node [count]",
	  "Check an ISFC link: verified traffic, round-trip time" },
};
static const struct cp_command q_islink_cmd = { "ISLINK", 3, PRIV_ALL, q_islink, "QUERY ISLink",
						"ISFC links, their devices, state and traffic" };

static int isfc_cmd_init(void)
{
	int rc = cmd_register(&query_operands, &q_islink_cmd);

	for (unsigned int i = 0; i < ARRAY_SIZE(isfc_cmds); i++)
		rc |= cmd_register(&cp_commands, &isfc_cmds[i]);
	return rc;
}
INITCALL(5, isfc_cmd_init);
