/*
 * Internal to the directory parser: state shared by the entry driver
 * (dir_parse.c) and the statement parsers (dir_stmt_*.c).
 */
#ifndef PLEXVM_CONFIG_DIR_PARSER_H
#define PLEXVM_CONFIG_DIR_PARSER_H

#include "kernel/config/directory.h"
#include "kernel/config/cfg_cursor.h"

struct dir_parser {
	struct directory *dir;
	struct cfg_errors *errs;
	const char *file;
	int cur;			/* entry statements go to, -1 for none */
	int last_owner;			/* USER/IDENTITY a SUBCONFIG here would follow, -1 */
	bool skipping;			/* entry dropped (limit reached): ignore its statements */
	bool entries_full, stmts_full, entry_full;
};

/*
 * A statement parser fills *s (kind and line are set) and returns true to
 * have it added, or reports and returns false. It may also add statements
 * itself with dir_add_stmt (OPTION adds one per keyword).
 */
typedef bool (*dir_stmt_fn)(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);

void dir_add_stmt(struct dir_parser *p, const struct dir_stmt *s);

bool dir_parse_include(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);
bool dir_parse_build(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);
bool dir_parse_storage(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);
bool dir_parse_machine(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);
bool dir_parse_cpu(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);
bool dir_parse_ipl(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);
bool dir_parse_option(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);
bool dir_parse_vmrelocate(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);
bool dir_parse_mdisk(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);
bool dir_parse_link(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);
bool dir_parse_nicdef(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);
bool dir_parse_console(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);
bool dir_parse_spool(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);
bool dir_parse_dedicate(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s);

/*
 * A storage size operand in [DIR_MIN_STORAGE, DIR_MAX_STORAGE], a multiple
 * of 4K: "WHAT: <desc> 3T out of range 1M-2T". Takes the next token.
 */
bool dir_take_storage(struct cfg_cursor *c, const char *desc, uint64_t *bytes);

/* A link mode: R RR W WR M MR MW, then optionally E and/or V. */
bool dir_mode_valid(const struct cfg_token *t, char out[5]);

#endif
