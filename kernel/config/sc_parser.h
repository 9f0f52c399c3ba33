/*
 * Internal to the SYSTEM CONFIG parser: the state shared by the statement
 * driver (sc_parse.c) and the per-statement operand parsers (sc_stmt_*.c).
 */
#ifndef PLEXVM_CONFIG_SC_PARSER_H
#define PLEXVM_CONFIG_SC_PARSER_H

#include "kernel/config/sysconfig.h"
#include "kernel/config/cfg_cursor.h"

struct sc_qualifier_use {
	char name[SC_NAME_SIZE];
	uint32_t line;			/* first use */
};

struct sc_parser {
	struct sysconfig *sc;
	struct cfg_errors *errs;
	const char *file;
	char group[SC_NAME_SIZE];	/* open "sysname: BEGIN" group, "" when none */
	uint32_t group_line;
	struct sc_qualifier_use quals[SC_MAX_QUALIFIERS];
	unsigned nquals;
	bool records_full;		/* SC_MAX_RECORDS reached (reported once) */
	bool systems_full;		/* SC_MAX_SYSTEMS reached (reported once) */
};

/* Append a copy of *r (kind, member, line and operands filled in). */
void sc_add(struct sc_parser *p, const struct sc_record *r);

/* A system name seen in SYSTEM_IDENTIFIER or an SSI slot. */
void sc_note_system(struct sc_parser *p, const char *name, uint32_t line);

/* A record template: zeroed, with kind, qualifier and line. */
void sc_record_init(struct sc_record *r, enum sc_kind kind, const char *member, uint32_t line);

/* The statement may not be member-qualified (SSI, SYSTEM_IDENTIFIER). Reports and returns false. */
bool sc_unqualified_only(struct cfg_cursor *c, const char *member);

/* Statement parsers: the cursor is positioned after the statement keyword(s). */
void sc_parse_system_identifier(struct sc_parser *p, struct cfg_cursor *c, const char *member);
void sc_parse_system_identifier_default(struct sc_parser *p, struct cfg_cursor *c,
					const char *member);
void sc_parse_ssi(struct sc_parser *p, struct cfg_cursor *c, const char *member);
void sc_parse_system_userids(struct sc_parser *p, struct cfg_cursor *c, const char *member);
void sc_parse_cp_owned(struct sc_parser *p, struct cfg_cursor *c, const char *member);
void sc_parse_user_volume_list(struct sc_parser *p, struct cfg_cursor *c, const char *member);
void sc_parse_rdevice(struct sc_parser *p, struct cfg_cursor *c, const char *member);
void sc_parse_activate(struct sc_parser *p, struct cfg_cursor *c, const char *member);
void sc_parse_vmlan(struct sc_parser *p, struct cfg_cursor *c, const char *member);
void sc_parse_relocation_domain(struct sc_parser *p, struct cfg_cursor *c, const char *member);
void sc_parse_define(struct sc_parser *p, struct cfg_cursor *c, const char *member);
void sc_parse_kept(struct sc_parser *p, struct cfg_cursor *c, const char *member);

#endif
