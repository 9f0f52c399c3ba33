/*
 * SYSTEM CONFIG statement driver: member qualifiers ("MEMBER1: statement"),
 * BEGIN/END groups, dispatch to the statement parsers, and the end-of-file
 * checks (open group, qualifiers that name no known system).
 */
#include "kernel/config/sc_parser.h"
#include "kernel/config/sc_lexer.h"
#include "kernel/config/cfg_grow.h"
#include "kernel/alloc.h"
#include <string.h>

typedef void (*sc_stmt_fn)(struct sc_parser *p, struct cfg_cursor *c, const char *member);

struct sc_statement {
	const char *name;	/* canonical name, also used in messages */
	unsigned min;		/* shortest accepted abbreviation */
	sc_stmt_fn parse;
};

static const struct sc_statement statements[] = {
	{ "SYSTEM_IDENTIFIER", 17, sc_parse_system_identifier },
	{ "SYSTEM_IDENTIFIER_DEFAULT", 25, sc_parse_system_identifier_default },
	{ "SSI", 3, sc_parse_ssi },
	{ "CP_OWNED", 8, sc_parse_cp_owned },
	{ "USER_VOLUME_LIST", 16, sc_parse_user_volume_list },
	{ "ACTIVATE", 3, sc_parse_activate },
	{ "RDEVICE", 4, sc_parse_rdevice },
	{ "VMLAN", 5, sc_parse_vmlan },
	{ "RELOCATION_DOMAIN", 17, sc_parse_relocation_domain },
	{ "DEFINE", 3, sc_parse_define },
	{ "SYSTEM_USERIDS", 14, sc_parse_system_userids },
	/* Well-known z/VM statements PlexVM keeps but does not interpret. */
	{ "SYSTEM_RESIDENCE", 16, sc_parse_kept },
	{ "FEATURES", 8, sc_parse_kept },
	{ "DEVICES", 7, sc_parse_kept },
	{ "OPERATOR_CONSOLES", 17, sc_parse_kept },
	{ "EMERGENCY_MESSAGE_CONSOLES", 26, sc_parse_kept },
	{ "TIMEZONE_DEFINITION", 19, sc_parse_kept },
};

void sc_record_init(struct sc_record *r, enum sc_kind kind, const char *member, uint32_t line)
{
	memset(r, 0, sizeof(*r));
	r->kind = (uint8_t)kind;
	memcpy(r->member, member, strnlen(member, CFG_NAME_LEN));
	r->line = line;
}

void sc_add(struct sc_parser *p, const struct sc_record *r)
{
	struct sysconfig *sc = p->sc;

	if (cfg_grow((void **)&sc->rec, &sc->cap, sizeof(*sc->rec), sc->nrec + 1,
		     SC_MAX_RECORDS) != 0) {
		if (!p->records_full)
			cfg_error(p->errs, p->file, r->line,
				  "too many statements (limit %u records) or out of memory",
				  SC_MAX_RECORDS);
		p->records_full = true;
		return;
	}
	sc->rec[sc->nrec] = *r;
	if (r->kind == SC_SSI && sc->ssi < 0)
		sc->ssi = (int)sc->nrec;
	sc->nrec++;
}

void sc_note_system(struct sc_parser *p, const char *name, uint32_t line)
{
	struct sysconfig *sc = p->sc;

	if (sysconfig_is_system(sc, name))
		return;
	if (sc->nsys >= SC_MAX_SYSTEMS) {
		if (!p->systems_full)
			cfg_error(p->errs, p->file, line, "too many system names (limit %u)",
				  SC_MAX_SYSTEMS);
		p->systems_full = true;
		return;
	}
	cfg_strlcpy(sc->sys[sc->nsys].name, name, sizeof(sc->sys[0].name));
	sc->sys[sc->nsys].line = line;
	sc->nsys++;
}

bool sc_unqualified_only(struct cfg_cursor *c, const char *member)
{
	if (member[0] == '\0')
		return true;
	cur_error(c, NULL, "statement cannot be member-qualified (%s)", member);
	return false;
}

static void note_qualifier(struct sc_parser *p, const char *name, uint32_t line)
{
	for (unsigned i = 0; i < p->nquals; i++)
		if (strcmp(p->quals[i].name, name) == 0)
			return;
	if (p->nquals >= SC_MAX_QUALIFIERS) {
		cfg_error(p->errs, p->file, line, "too many distinct member qualifiers (limit %u)",
			  SC_MAX_QUALIFIERS);
		return;
	}
	cfg_strlcpy(p->quals[p->nquals].name, name, SC_NAME_SIZE);
	p->quals[p->nquals].line = line;
	p->nquals++;
}

static const struct sc_statement *find_statement(const struct cfg_token *t)
{
	for (size_t i = 0; i < ARRAY_SIZE(statements); i++)
		if (tok_abbrev(t, statements[i].name, statements[i].min))
			return &statements[i];
	return NULL;
}

/*
 * The member qualifier of a statement: "NAME:" as the first token, or
 * "NAME :" as the first two. Returns the index of the statement keyword
 * (0 when unqualified), or -1 after reporting a malformed qualifier.
 */
static int split_qualifier(struct sc_parser *p, const struct cfg_stmt *st, char *qual)
{
	const struct cfg_token *t0 = &st->tok[0];
	struct cfg_token name = *t0;
	int next;
	char shown[32];

	qual[0] = '\0';
	if (t0->len >= 1 && t0->text[t0->len - 1] == ':') {
		name.len--;
		next = 1;
	} else if (st->ntok >= 2 && st->tok[1].len == 1 && st->tok[1].text[0] == ':') {
		next = 2;
	} else {
		return 0;
	}
	if (name.len == 0) {
		cfg_error(p->errs, p->file, t0->line, "missing system name before ':'");
		return -1;
	}
	if (!tok_name(&name, CFG_NAME_LEN, CS_NAME, qual)) {
		tok_show(&name, shown, sizeof(shown));
		cfg_error(p->errs, p->file, t0->line,
			  "member qualifier '%s' must be 1-8 characters A-Z 0-9 @ # $", shown);
		return -1;
	}
	if ((unsigned)next >= st->ntok) {
		cfg_error(p->errs, p->file, t0->line, "missing statement after '%s:'", qual);
		return -1;
	}
	return next;
}

/* "sysname: BEGIN" and "sysname: END". Returns true when the statement was one. */
static bool group_statement(struct sc_parser *p, const struct cfg_stmt *st, int k, const char *qual)
{
	const struct cfg_token *t = &st->tok[k];
	bool begin = tok_is(t, "BEGIN"), end = tok_is(t, "END");

	if (!begin && !end)
		return false;
	if (!qual[0]) {
		cfg_error(p->errs, p->file, t->line, "%s needs a system qualifier (sysname: %s)",
			  begin ? "BEGIN" : "END", begin ? "BEGIN" : "END");
		return true;
	}
	if ((unsigned)k + 1 < st->ntok)
		cfg_error(p->errs, p->file, st->tok[k + 1].line, "%s: %s takes no operands", qual,
			  begin ? "BEGIN" : "END");
	if (begin) {
		if (p->group[0]) {
			cfg_error(p->errs, p->file, t->line,
				  "%s: BEGIN inside the %s: BEGIN group at line %u (groups do not nest)",
				  qual, p->group, (unsigned)p->group_line);
			return true;
		}
		note_qualifier(p, qual, t->line);
		cfg_strlcpy(p->group, qual, sizeof(p->group));
		p->group_line = t->line;
		return true;
	}
	if (!p->group[0]) {
		cfg_error(p->errs, p->file, t->line, "%s: END without %s: BEGIN", qual, qual);
		return true;
	}
	if (strcmp(p->group, qual) != 0)
		cfg_error(p->errs, p->file, t->line, "%s: END does not match %s: BEGIN at line %u",
			  qual, p->group, (unsigned)p->group_line);
	p->group[0] = '\0';
	return true;
}

static void parse_statement(struct sc_parser *p, const struct cfg_stmt *st)
{
	char qual[SC_NAME_SIZE], shown[32];
	const char *member;
	const struct sc_statement *def;
	struct cfg_cursor c;
	int k = split_qualifier(p, st, qual);

	if (k < 0 || group_statement(p, st, k, qual))
		return;
	if (qual[0]) {
		if (p->group[0] && strcmp(qual, p->group) != 0) {
			cfg_error(p->errs, p->file, st->tok[0].line,
				  "qualifier %s: inside the %s: BEGIN group at line %u", qual,
				  p->group, (unsigned)p->group_line);
			return;
		}
		note_qualifier(p, qual, st->tok[0].line);
		member = qual;
	} else {
		member = p->group;
	}
	def = find_statement(&st->tok[k]);
	if (!def) {
		tok_show(&st->tok[k], shown, sizeof(shown));
		cfg_error(p->errs, p->file, st->tok[k].line, "unknown statement '%s'", shown);
		return;
	}
	cur_init(&c, st, (unsigned)k + 1, p->file, p->errs, def->name);
	def->parse(p, &c, member);
}

static void check_qualifiers(struct sc_parser *p)
{
	for (unsigned i = 0; i < p->nquals; i++)
		if (!sysconfig_is_system(p->sc, p->quals[i].name))
			cfg_error(p->errs, p->file, p->quals[i].line,
				  "member qualifier %s: names no system from SYSTEM_IDENTIFIER or SSI",
				  p->quals[i].name);
}

struct sysconfig *sysconfig_parse(const char *buf, size_t len, const char *file,
				  struct cfg_errors *errs)
{
	struct sysconfig *sc = kzalloc(sizeof(*sc));
	struct cfg_stmt *st;
	struct sc_parser *p;
	struct sc_lexer lx;

	if (!sc)
		return NULL;
	cfg_strlcpy(sc->file, file ? file : "SYSTEM CONFIG", sizeof(sc->file));
	sc->ssi = -1;
	if (len > CFG_MAX_FILE_SIZE) {
		cfg_error(errs, sc->file, 0, "file is larger than %u bytes", CFG_MAX_FILE_SIZE);
		return sc;
	}
	st = kmalloc(sizeof(*st));
	p = kzalloc(sizeof(*p));
	if (!st || !p) {
		kfree(st);
		kfree(p);
		sysconfig_free(sc);
		return NULL;
	}
	p->sc = sc;
	p->errs = errs;
	p->file = sc->file;
	sc_lexer_init(&lx, buf, len, sc->file, errs);
	while (sc_lexer_next(&lx, st))
		if (!st->overflow)
			parse_statement(p, st);
	if (p->group[0])
		cfg_error(errs, sc->file, p->group_line, "%s: BEGIN without %s: END", p->group,
			  p->group);
	check_qualifiers(p);
	kfree(st);
	kfree(p);
	return sc;
}
