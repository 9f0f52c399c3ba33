/*
 * SYSTEM CONFIG statements about volumes and real devices:
 *   CP_OWNED [SLOT] n volser [OWN|SHARED]      CP_OWNED [SLOT] n RESERVED
 *   USER_VOLUME_LIST volser ...
 *   RDEVICE rdev[-rdev] ... TYPE DASD|CTCA|OSA|FCP|TAPE [EQID eqid] [SHARED YES|NO]
 */
#include "kernel/config/sc_parser.h"
#include <string.h>

void sc_parse_cp_owned(struct sc_parser *p, struct cfg_cursor *c, const char *member)
{
	struct sc_record r;
	struct sc_cp_owned *cpo = &r.u.cp_owned;
	const struct cfg_token *t;
	uint64_t slot;

	sc_record_init(&r, SC_CP_OWNED, member, c->st->line);
	cur_keyword(c, "SLOT", 4);
	if (!cur_dec(c, "slot", 1, SC_MAX_CP_OWNED_SLOT, &slot))
		return;
	cpo->slot = (uint16_t)slot;
	t = cur_peek(c);
	if (t && tok_is(t, "RESERVED")) {
		cur_take(c);
		cpo->reserved = true;
	} else if (!cur_name(c, "volser", CFG_VOLSER_LEN, CS_NAME, cpo->volser)) {
		return;
	} else if (cur_keyword(c, "OWN", 3)) {
		cpo->ownership = SC_OWN_OWN;
	} else if (cur_keyword(c, "SHARED", 5)) {
		cpo->ownership = SC_OWN_SHARED;
	}
	if (cur_done(c))
		sc_add(p, &r);
}

void sc_parse_user_volume_list(struct sc_parser *p, struct cfg_cursor *c, const char *member)
{
	if (cur_end(c)) {
		cur_error(c, NULL, "missing volser");
		return;
	}
	while (!cur_end(c)) {
		struct sc_record r;

		sc_record_init(&r, SC_USER_VOLUME, member, cur_line(c));
		if (cur_name(c, "volser", CFG_VOLSER_LEN, CS_NAME, r.u.user_volume.volser))
			sc_add(p, &r);
	}
}

static const char *const devtypes[] = {
	[SC_DEV_DASD] = "DASD", [SC_DEV_CTCA] = "CTCA", [SC_DEV_OSA] = "OSA",
	[SC_DEV_FCP] = "FCP", [SC_DEV_TAPE] = "TAPE",
};

static bool parse_devtype(struct cfg_cursor *c, uint8_t *type)
{
	const struct cfg_token *t = cur_take(c);
	char shown[32];

	if (!t) {
		cur_error(c, NULL, "missing device type after TYPE");
		return false;
	}
	for (size_t i = 0; i < ARRAY_SIZE(devtypes); i++) {
		if (tok_is(t, devtypes[i])) {
			*type = (uint8_t)i;
			return true;
		}
	}
	tok_show(t, shown, sizeof(shown));
	cur_error(c, t, "unknown device type '%s' (expected DASD, CTCA, OSA, FCP or TAPE)", shown);
	return false;
}

void sc_parse_rdevice(struct sc_parser *p, struct cfg_cursor *c, const char *member)
{
	struct { uint16_t first, last; uint32_t line; } ranges[16];
	unsigned nranges = 0;
	struct sc_record r;
	struct sc_rdevice *rd = &r.u.rdevice;
	bool have_type = false;
	const struct cfg_token *shared_at = NULL;
	char shown[32];

	sc_record_init(&r, SC_RDEVICE, member, c->st->line);
	rd->shared = -1;
	while (!cur_end(c)) {
		const struct cfg_token *t = cur_peek(c);
		uint32_t lo, hi;

		if (tok_devrange(t, &lo, &hi) != 0)
			break;
		cur_take(c);
		if (nranges == ARRAY_SIZE(ranges)) {
			cur_error(c, t, "more than %u device ranges in one statement",
				  (unsigned)ARRAY_SIZE(ranges));
			return;
		}
		ranges[nranges].first = (uint16_t)lo;
		ranges[nranges].last = (uint16_t)hi;
		ranges[nranges].line = t->line;
		nranges++;
	}
	if (nranges == 0) {
		const struct cfg_token *t = cur_peek(c);

		if (!t) {
			cur_error(c, NULL, "missing real device number");
		} else {
			tok_show(t, shown, sizeof(shown));
			cur_error(c, t, "'%s' is not a real device number or range (xxxx or xxxx-yyyy)",
				  shown);
		}
		return;
	}
	while (!cur_end(c)) {
		const struct cfg_token *t = cur_peek(c);

		if (cur_keyword(c, "TYPE", 4)) {
			if (have_type)
				cur_error(c, t, "TYPE given twice");
			have_type = parse_devtype(c, &rd->type) || have_type;
		} else if (cur_keyword(c, "EQID", 4)) {
			if (rd->eqid[0])
				cur_error(c, t, "EQID given twice");
			cur_name(c, "EQID", CFG_EQID_LEN, CS_EQID, rd->eqid);
		} else if (cur_keyword(c, "SHARED", 6)) {
			const struct cfg_token *v = cur_take(c);

			if (shared_at)
				cur_error(c, t, "SHARED given twice");
			shared_at = t;
			if (v && tok_is(v, "YES")) {
				rd->shared = 1;
			} else if (v && tok_is(v, "NO")) {
				rd->shared = 0;
			} else {
				cur_error(c, v, "SHARED must be YES or NO");
			}
		} else {
			tok_show(t, shown, sizeof(shown));
			cur_error(c, t, "unexpected operand '%s' (expected TYPE, EQID or SHARED)", shown);
			return;
		}
	}
	if (!have_type && !c->failed)
		cur_error(c, NULL, "missing TYPE");
	if (have_type && shared_at && rd->type != SC_DEV_DASD)
		cur_error(c, shared_at, "SHARED applies only to TYPE DASD");
	if (c->failed)
		return;
	for (unsigned i = 0; i < nranges; i++) {
		rd->first = ranges[i].first;
		rd->last = ranges[i].last;
		r.line = ranges[i].line;
		sc_add(p, &r);
	}
}
