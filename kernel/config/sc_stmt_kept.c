/*
 * Well-known z/VM SYSTEM CONFIG statements that PlexVM accepts and keeps
 * (for show-config and the digest) without interpreting their operands:
 * SYSTEM_RESIDENCE, FEATURES, DEVICES, OPERATOR_CONSOLES,
 * EMERGENCY_MESSAGE_CONSOLES, TIMEZONE_DEFINITION.
 */
#include "kernel/config/sc_parser.h"

void sc_parse_kept(struct sc_parser *p, struct cfg_cursor *c, const char *member)
{
	struct sc_record r;

	sc_record_init(&r, SC_KEPT, member, c->st->line);
	r.u.kept.name = c->what;	/* the canonical name from the statement table */
	if (cur_end(c)) {
		cur_error(c, NULL, "missing operands");
		return;
	}
	if (cur_join_operands(c, r.u.kept.text, sizeof(r.u.kept.text)))
		sc_add(p, &r);
}
