/*
 * SYSTEM CONFIG statements about links, LANs and relocation:
 *   ACTIVATE ISLINK rdev[-rdev] ... [NODE sysname]
 *   VMLAN MACPREFIX xxxxxx USERPREFIX xxxxxx
 *   RELOCATION_DOMAIN name MEMBERS sysname ...
 *   DEFINE VSWITCH name [RDEV rdev ...|RDEV NONE] [ETHERNET|IP] [other operands]
 */
#include "kernel/config/sc_parser.h"
#include <string.h>

#define ISLINK_MAX_RANGE 16	/* a logical link is 1-16 CTCs */

void sc_parse_activate(struct sc_parser *p, struct cfg_cursor *c, const char *member)
{
	struct { uint16_t first, last; uint32_t line; } ranges[ISLINK_MAX_RANGE];
	unsigned nranges = 0;
	const struct cfg_token *t = cur_peek(c);
	char node[SC_NAME_SIZE] = "", shown[32];

	if (!t) {
		cur_error(c, NULL, "missing ISLINK");
		return;
	}
	if (!cur_keyword(c, "ISLINK", 3)) {
		tok_show(t, shown, sizeof(shown));
		cur_error(c, t, "unsupported object '%s' (only ISLINK)", shown);
		return;
	}
	c->what = "ACTIVATE ISLINK";
	while (!cur_end(c)) {
		uint32_t lo, hi;

		t = cur_take(c);
		if (tok_abbrev(t, "NODE", 4)) {
			if (cur_name(c, "NODE system name", CFG_NAME_LEN, CS_NAME, node))
				cur_done(c);
			break;
		}
		tok_show(t, shown, sizeof(shown));
		if (tok_devrange(t, &lo, &hi) != 0) {
			cur_error(c, t, "'%s' is not a real device number or range (xxxx or xxxx-yyyy)",
				  shown);
			continue;
		}
		if (hi - lo + 1 > ISLINK_MAX_RANGE) {
			cur_error(c, t, "range %s has more than %u devices", shown, ISLINK_MAX_RANGE);
			continue;
		}
		if (nranges == ISLINK_MAX_RANGE) {
			cur_error(c, t, "more than %u devices in one statement", ISLINK_MAX_RANGE);
			return;
		}
		ranges[nranges].first = (uint16_t)lo;
		ranges[nranges].last = (uint16_t)hi;
		ranges[nranges].line = t->line;
		nranges++;
	}
	if (nranges == 0 && !c->failed)
		cur_error(c, NULL, "missing real device number");
	if (c->failed)
		return;
	for (unsigned i = 0; i < nranges; i++) {
		struct sc_record r;

		sc_record_init(&r, SC_ISLINK, member, ranges[i].line);
		r.u.islink.first = ranges[i].first;
		r.u.islink.last = ranges[i].last;
		memcpy(r.u.islink.node, node, sizeof(node));
		sc_add(p, &r);
	}
}

static bool parse_prefix(struct cfg_cursor *c, const char *what, uint32_t *out)
{
	const struct cfg_token *t = cur_take(c);
	char shown[32];

	if (!t) {
		cur_error(c, NULL, "missing %s value", what);
		return false;
	}
	tok_show(t, shown, sizeof(shown));
	if (t->len != 6 || tok_hex(t, 6, out) != 0) {
		cur_error(c, t, "%s '%s' must be 6 hexadecimal digits", what, shown);
		return false;
	}
	if ((*out >> 16) != 0x02) {
		cur_error(c, t, "%s %s must be in the range 020000-02FFFF", what, shown);
		return false;
	}
	return true;
}

void sc_parse_vmlan(struct sc_parser *p, struct cfg_cursor *c, const char *member)
{
	struct sc_record r;
	struct sc_vmlan *v = &r.u.vmlan;
	char shown[32];

	sc_record_init(&r, SC_VMLAN, member, c->st->line);
	if (cur_end(c)) {
		cur_error(c, NULL, "missing MACPREFIX or USERPREFIX");
		return;
	}
	while (!cur_end(c)) {
		const struct cfg_token *t = cur_peek(c);

		if (cur_keyword(c, "MACPREFIX", 9)) {
			if (v->has_macprefix)
				cur_error(c, t, "MACPREFIX given twice");
			v->has_macprefix = parse_prefix(c, "MACPREFIX", &v->macprefix);
		} else if (cur_keyword(c, "USERPREFIX", 10)) {
			if (v->has_userprefix)
				cur_error(c, t, "USERPREFIX given twice");
			v->has_userprefix = parse_prefix(c, "USERPREFIX", &v->userprefix);
		} else {
			tok_show(t, shown, sizeof(shown));
			cur_error(c, t, "unsupported operand '%s' (expected MACPREFIX or USERPREFIX)",
				  shown);
			return;
		}
	}
	if (!c->failed)
		sc_add(p, &r);
}

void sc_parse_relocation_domain(struct sc_parser *p, struct cfg_cursor *c, const char *member)
{
	struct sc_record r;
	struct sc_reldomain *d = &r.u.reldomain;

	sc_record_init(&r, SC_RELOCATION_DOMAIN, member, c->st->line);
	if (!cur_name(c, "domain name", CFG_NAME_LEN, CS_NAME, d->name))
		return;
	if (!cur_keyword(c, "MEMBERS", 6)) {
		const struct cfg_token *t = cur_peek(c);
		char shown[32];

		if (!t) {
			cur_error(c, NULL, "missing MEMBERS");
		} else {
			tok_show(t, shown, sizeof(shown));
			cur_error(c, t, "expected MEMBERS, found '%s'", shown);
		}
		return;
	}
	if (cur_end(c)) {
		cur_error(c, NULL, "missing member name");
		return;
	}
	while (!cur_end(c)) {
		const struct cfg_token *t = cur_peek(c);
		char name[SC_NAME_SIZE];
		bool dup = false;

		if (!cur_name(c, "member name", CFG_NAME_LEN, CS_NAME, name))
			continue;
		for (unsigned i = 0; i < d->nmembers; i++)
			dup = dup || strcmp(d->member[i], name) == 0;
		if (dup) {
			cur_error(c, t, "member %s listed twice", name);
		} else if (d->nmembers == SC_MAX_SLOTS) {
			cur_error(c, t, "more than %u members", SC_MAX_SLOTS);
			return;
		} else {
			memcpy(d->member[d->nmembers++], name, sizeof(name));
		}
	}
	if (!c->failed)
		sc_add(p, &r);
}

static void parse_vswitch_rdevs(struct cfg_cursor *c, struct sc_vswitch *vs)
{
	const struct cfg_token *t = cur_peek(c);

	if (vs->has_rdev)
		cur_error(c, t, "RDEV given twice");
	vs->has_rdev = true;
	if (t && tok_is(t, "NONE")) {
		cur_take(c);
		return;
	}
	while ((t = cur_peek(c)) != NULL) {
		uint32_t rdev;

		if (t->len > 4 || tok_hex(t, 4, &rdev) != 0)
			break;
		cur_take(c);
		if (vs->nrdev == SC_MAX_VSWITCH_RDEVS) {
			cur_error(c, t, "more than %u RDEV devices", SC_MAX_VSWITCH_RDEVS);
			return;
		}
		vs->rdev[vs->nrdev++] = (uint16_t)rdev;
	}
	if (vs->nrdev == 0)
		cur_error(c, t, "RDEV needs 1-%u real device numbers or NONE", SC_MAX_VSWITCH_RDEVS);
}

void sc_parse_define(struct sc_parser *p, struct cfg_cursor *c, const char *member)
{
	struct sc_record r;
	struct sc_vswitch *vs = &r.u.vswitch;
	const struct cfg_token *t = cur_peek(c);
	char shown[32];

	sc_record_init(&r, SC_VSWITCH, member, c->st->line);
	if (!t) {
		cur_error(c, NULL, "missing VSWITCH");
		return;
	}
	if (!cur_keyword(c, "VSWITCH", 3)) {
		tok_show(t, shown, sizeof(shown));
		cur_error(c, t, "unsupported object '%s' (only VSWITCH)", shown);
		return;
	}
	c->what = "DEFINE VSWITCH";
	if (!cur_name(c, "switch name", CFG_NAME_LEN, CS_NAME, vs->name))
		return;
	while (!cur_end(c)) {
		t = cur_peek(c);
		if (cur_keyword(c, "RDEV", 4)) {
			parse_vswitch_rdevs(c, vs);
		} else if (tok_is(t, "ETHERNET") || tok_is(t, "IP")) {
			if (vs->transport != SC_TRANSPORT_UNSPECIFIED)
				cur_error(c, t, "ETHERNET or IP given twice");
			vs->transport = tok_is(t, "IP") ? SC_TRANSPORT_IP : SC_TRANSPORT_ETHERNET;
			cur_take(c);
		} else {
			/* Other z/VM operands (VLAN, PORTTYPE, CONTROLLER ...) are kept as text. */
			if (!cur_append_operand(c, vs->options, sizeof(vs->options)))
				return;
		}
	}
	if (!c->failed)
		sc_add(p, &r);
}
