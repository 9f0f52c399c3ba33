/*
 * SYSTEM CONFIG statements that name systems and users:
 *   SYSTEM_IDENTIFIER LPAR lparname sysname
 *   SYSTEM_IDENTIFIER machine-type cpuid sysname
 *   SYSTEM_IDENTIFIER_DEFAULT sysname
 *   SSI name PDR_VOLume volser SLOT n sysname|AVAILABLE ...
 *   SYSTEM_USERIDS [role] userid ...
 */
#include "kernel/config/sc_parser.h"
#include <string.h>

void sc_parse_system_identifier(struct sc_parser *p, struct cfg_cursor *c, const char *member)
{
	const struct cfg_token *t;
	struct sc_record r;
	struct sc_sysid *id = &r.u.sysid;
	char shown[32];

	sc_record_init(&r, SC_SYSTEM_IDENTIFIER, member, c->st->line);
	if (!sc_unqualified_only(c, member))
		return;
	t = cur_take(c);
	if (!t) {
		cur_error(c, NULL, "missing LPAR or machine type");
		return;
	}
	if (tok_is(t, "LPAR")) {
		id->form = SC_SYSID_LPAR;
		if (!cur_name(c, "LPAR name", CFG_NAME_LEN, CS_NAME, id->lpar))
			return;
	} else {
		uint64_t model;

		tok_show(t, shown, sizeof(shown));
		if (t->len != 4 || tok_dec(t, 9999, &model) != 0) {
			cur_error(c, t, "'%s' is neither LPAR nor a 4-digit machine type", shown);
			return;
		}
		id->form = SC_SYSID_CPU;
		memcpy(id->model, t->text, 4);
		if (!cur_hex(c, "CPU id", 6, &id->cpuid))
			return;
	}
	if (!cur_name(c, "system name", CFG_NAME_LEN, CS_NAME, id->sysname) || !cur_done(c))
		return;
	sc_note_system(p, id->sysname, r.line);
	sc_add(p, &r);
}

void sc_parse_system_identifier_default(struct sc_parser *p, struct cfg_cursor *c,
					const char *member)
{
	struct sc_record r;

	sc_record_init(&r, SC_SYSTEM_IDENTIFIER, member, c->st->line);
	r.u.sysid.form = SC_SYSID_DEFAULT;
	if (!sc_unqualified_only(c, member) ||
	    !cur_name(c, "system name", CFG_NAME_LEN, CS_NAME, r.u.sysid.sysname) || !cur_done(c))
		return;
	sc_note_system(p, r.u.sysid.sysname, r.line);
	sc_add(p, &r);
}

static void parse_slot(struct cfg_cursor *c, struct sc_ssi *ssi)
{
	const struct cfg_token *num = cur_peek(c), *name;
	struct sc_ssi_slot *slot;
	uint64_t n;

	if (!cur_dec(c, "slot", 1, SC_MAX_SLOTS, &n)) {
		if (num)
			cur_take(c);	/* skip the system name that belongs to the bad slot */
		return;
	}
	slot = &ssi->slot[n];
	if (slot->defined) {
		cur_error(c, num, "slot %u defined twice (first at line %u)", (unsigned)n,
			  (unsigned)slot->line);
		cur_take(c);
		return;
	}
	name = cur_peek(c);
	if (name && tok_is(name, "AVAILABLE")) {
		cur_take(c);
		slot->available = true;
	} else if (!cur_name(c, "system name", CFG_NAME_LEN, CS_NAME, slot->sysname)) {
		return;
	} else {
		for (unsigned s = 1; s <= SC_MAX_SLOTS; s++) {
			if (ssi->slot[s].defined && !ssi->slot[s].available &&
			    strcmp(ssi->slot[s].sysname, slot->sysname) == 0) {
				cur_error(c, name, "system %s is in slot %u and slot %u", slot->sysname,
					  s, (unsigned)n);
				slot->sysname[0] = '\0';
				return;
			}
		}
	}
	slot->defined = true;
	slot->line = num->line;
}

void sc_parse_ssi(struct sc_parser *p, struct cfg_cursor *c, const char *member)
{
	struct sc_record r;
	struct sc_ssi *ssi = &r.u.ssi;
	bool have_pdr = false, have_slot = false;

	sc_record_init(&r, SC_SSI, member, c->st->line);
	if (!sc_unqualified_only(c, member))
		return;
	if (p->sc->ssi >= 0) {
		cur_error(c, NULL, "more than one SSI statement (first at line %u)",
			  (unsigned)p->sc->rec[p->sc->ssi].line);
		return;
	}
	if (!cur_name(c, "cluster name", CFG_NAME_LEN, CS_NAME, ssi->name))
		return;
	while (!cur_end(c)) {
		const struct cfg_token *t = cur_peek(c);
		char shown[32];

		if (cur_keyword(c, "PDR_VOLUME", 7)) {
			if (have_pdr)
				cur_error(c, t, "PDR_VOLUME given twice");
			have_pdr = true;
			cur_name(c, "PDR volume", CFG_VOLSER_LEN, CS_NAME, ssi->pdr_volser);
		} else if (cur_keyword(c, "SLOT", 4)) {
			have_slot = true;
			parse_slot(c, ssi);
		} else {
			tok_show(t, shown, sizeof(shown));
			cur_error(c, t, "unexpected operand '%s' (expected PDR_VOLUME or SLOT)", shown);
			break;	/* what follows probably belongs to it */
		}
	}
	if (!have_pdr && !c->failed)
		cur_error(c, NULL, "missing PDR_VOLUME");
	if (!have_slot && !c->failed)
		cur_error(c, NULL, "no SLOT defined");
	/* Keep the statement even when an operand was bad, so later checks see the cluster. */
	for (unsigned s = 1; s <= SC_MAX_SLOTS; s++)
		if (ssi->slot[s].defined && !ssi->slot[s].available)
			sc_note_system(p, ssi->slot[s].sysname, ssi->slot[s].line);
	sc_add(p, &r);
}

static const char *const userid_roles[] = { "OPERATOR", "DUMP", "EREP", "STARTUP" };

void sc_parse_system_userids(struct sc_parser *p, struct cfg_cursor *c, const char *member)
{
	if (cur_end(c)) {
		cur_error(c, NULL, "missing userid");
		return;
	}
	while (!cur_end(c)) {
		struct sc_record r;
		uint32_t line = cur_line(c);

		sc_record_init(&r, SC_SYSTEM_USERID, member, line);
		for (size_t i = 0; i < ARRAY_SIZE(userid_roles); i++) {
			/* A role keyword only when a userid follows it. */
			if (c->i + 1 < c->st->ntok && tok_is(cur_peek(c), userid_roles[i])) {
				cfg_strlcpy(r.u.system_userid.role, userid_roles[i], SC_NAME_SIZE);
				cur_take(c);
				break;
			}
		}
		if (cur_name(c, "userid", CFG_NAME_LEN, CS_USERID, r.u.system_userid.userid))
			sc_add(p, &r);
	}
}
