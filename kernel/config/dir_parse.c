/*
 * User directory driver: entry statements (USER, IDENTITY, PROFILE,
 * SUBCONFIG), which statements each kind of entry may hold, dispatch to the
 * statement parsers, and the name index built at the end.
 */
#include "kernel/config/dir_parser.h"
#include "kernel/config/dir_lexer.h"
#include "kernel/config/cfg_grow.h"
#include "kernel/alloc.h"
#include <stdlib.h>
#include <string.h>

#define IN_USER		(1u << DIR_USER)
#define IN_IDENTITY	(1u << DIR_IDENTITY)
#define IN_PROFILE	(1u << DIR_PROFILE)
#define IN_SUBCONFIG	(1u << DIR_SUBCONFIG)
#define IN_ANY		(IN_USER | IN_IDENTITY | IN_PROFILE | IN_SUBCONFIG)
#define IN_MACHINE	(IN_USER | IN_IDENTITY | IN_PROFILE)

struct dir_statement {
	const char *name;
	unsigned min;			/* shortest abbreviation */
	uint8_t kind;			/* enum dir_stmt_kind */
	unsigned allowed;		/* IN_* mask of entry kinds */
	dir_stmt_fn parse;
};

static const struct dir_statement statements[] = {
	{ "INCLUDE", 7, DS_INCLUDE, IN_USER | IN_IDENTITY, dir_parse_include },
	{ "BUILD", 5, DS_BUILD, IN_IDENTITY, dir_parse_build },
	{ "STORAGE", 7, DS_STORAGE, IN_MACHINE, dir_parse_storage },
	{ "MAXSTORAGE", 10, DS_MAXSTORAGE, IN_MACHINE, dir_parse_storage },
	{ "MACHINE", 4, DS_MACHINE, IN_MACHINE, dir_parse_machine },
	{ "CPU", 3, DS_CPU, IN_MACHINE, dir_parse_cpu },
	{ "IPL", 3, DS_IPL, IN_MACHINE, dir_parse_ipl },
	{ "OPTION", 6, DS_OPTION, IN_MACHINE, dir_parse_option },
	{ "VMRELOCATE", 10, DS_VMRELOCATE, IN_MACHINE, dir_parse_vmrelocate },
	{ "MDISK", 5, DS_MDISK, IN_ANY, dir_parse_mdisk },
	{ "LINK", 4, DS_LINK, IN_ANY, dir_parse_link },
	{ "NICDEF", 6, DS_NICDEF, IN_ANY, dir_parse_nicdef },
	{ "CONSOLE", 4, DS_CONSOLE, IN_ANY, dir_parse_console },
	{ "SPOOL", 5, DS_SPOOL, IN_ANY, dir_parse_spool },
	{ "DEDICATE", 3, DS_DEDICATE, IN_ANY, dir_parse_dedicate },
};

static struct dir_entry *current(struct dir_parser *p)
{
	return p->cur >= 0 ? &p->dir->entries[p->cur] : NULL;
}

void dir_add_stmt(struct dir_parser *p, const struct dir_stmt *s)
{
	struct directory *dir = p->dir;
	struct dir_entry *e = current(p);

	if (!e)
		return;
	if (e->nstmts >= DIR_MAX_ENTRY_STMTS) {
		if (!p->entry_full)
			cfg_error(p->errs, p->file, s->line, "%s %s has more than %u statements",
				  dir_entry_kind_name((enum dir_entry_kind)e->kind), e->name,
				  DIR_MAX_ENTRY_STMTS);
		p->entry_full = true;
		return;
	}
	if (cfg_grow((void **)&dir->stmts, &dir->stmts_cap, sizeof(*dir->stmts), dir->nstmts + 1,
		     DIR_MAX_STMTS) != 0) {
		if (!p->stmts_full)
			cfg_error(p->errs, p->file, s->line,
				  "too many directory statements (limit %u) or out of memory",
				  DIR_MAX_STMTS);
		p->stmts_full = true;
		return;
	}
	dir->stmts[dir->nstmts++] = *s;
	e->nstmts++;
}

static bool take_privclass(struct cfg_cursor *c, char *out)
{
	const struct cfg_token *t = cur_take(c);
	char shown[32];

	tok_show(t, shown, sizeof(shown));
	if (t->len == 0 || t->len > DIR_PRIVCLASS_LEN) {
		cur_error(c, t, "privilege classes '%s' must be 1-%u characters", shown,
			  DIR_PRIVCLASS_LEN);
		return false;
	}
	for (uint32_t i = 0; i < t->len; i++) {
		char ch = t->text[i];

		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= '1' && ch <= '6'))) {
			cur_error(c, t, "privilege classes '%s' must be letters A-Z and digits 1-6",
				  shown);
			return false;
		}
		out[i] = ch;
	}
	out[t->len] = '\0';
	return true;
}

/*
 * USER|IDENTITY userid password [storage [maxstorage [privclasses]]]
 * A bad size leaves the defaults, so validation does not report it again.
 * Maximum storage below storage is a validation error (STORAGE and
 * MAXSTORAGE statements may change either).
 */
static void parse_user_header(struct cfg_cursor *c, struct dir_entry *e)
{
	cfg_strlcpy(e->privclass, DIR_DEFAULT_PRIVCLASS, sizeof(e->privclass));
	e->storage = DIR_DEFAULT_STORAGE;
	e->maxstorage = DIR_DEFAULT_STORAGE;
	if (!cur_name(c, "userid", CFG_NAME_LEN, CS_USERID, e->name))
		return;
	if (!cur_name(c, "password", DIR_PASSWORD_LEN, CS_WORD, e->password))
		return;
	if (!cur_end(c) && !dir_take_storage(c, "storage", &e->storage)) {
		e->storage = DIR_DEFAULT_STORAGE;
		return;
	}
	e->maxstorage = e->storage;
	if (!cur_end(c) && !dir_take_storage(c, "maximum storage", &e->maxstorage)) {
		e->maxstorage = e->storage;
		return;
	}
	if (!cur_end(c) && !take_privclass(c, e->privclass))
		return;
	cur_done(c);
}

static bool entry_statement(struct dir_parser *p, const struct cfg_stmt *st)
{
	static const struct { const char *name; uint8_t kind; } kinds[] = {
		{ "USER", DIR_USER }, { "IDENTITY", DIR_IDENTITY },
		{ "PROFILE", DIR_PROFILE }, { "SUBCONFIG", DIR_SUBCONFIG },
	};
	struct directory *dir = p->dir;
	struct dir_entry e;
	struct cfg_cursor c;
	int kind = -1;

	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (tok_is(&st->tok[0], kinds[i].name))
			kind = kinds[i].kind;
	if (kind < 0)
		return false;
	memset(&e, 0, sizeof(e));
	e.kind = (uint8_t)kind;
	e.line = st->line;
	e.first = dir->nstmts;
	e.owner = -1;
	cur_init(&c, st, 1, p->file, p->errs, kinds[kind].name);
	if (kind == DIR_USER || kind == DIR_IDENTITY) {
		parse_user_header(&c, &e);
	} else if (cur_name(&c, kind == DIR_PROFILE ? "profile name" : "SUBCONFIG name",
			    CFG_NAME_LEN, CS_USERID, e.name)) {
		cur_done(&c);
	}
	if (kind == DIR_SUBCONFIG) {
		const struct dir_entry *o = p->last_owner >= 0 ? &dir->entries[p->last_owner] : NULL;

		if (o && o->kind == DIR_IDENTITY)
			e.owner = p->last_owner;
		else if (o)
			cfg_error(p->errs, p->file, e.line,
				  "SUBCONFIG %s follows USER %s: only an IDENTITY (multiconfiguration virtual machine) has SUBCONFIG entries",
				  e.name, o->name);
		else
			cfg_error(p->errs, p->file, e.line, "SUBCONFIG %s does not follow an IDENTITY entry",
				  e.name);
	}
	p->entry_full = false;
	if (cfg_grow((void **)&dir->entries, &dir->entries_cap, sizeof(*dir->entries),
		     dir->nentries + 1, DIR_MAX_ENTRIES) != 0) {
		if (!p->entries_full)
			cfg_error(p->errs, p->file, st->line,
				  "too many directory entries (limit %u) or out of memory",
				  DIR_MAX_ENTRIES);
		p->entries_full = true;
		p->cur = -1;
		p->skipping = true;
		return true;
	}
	dir->entries[dir->nentries] = e;
	p->cur = (int)dir->nentries++;
	p->skipping = false;
	if (kind == DIR_USER || kind == DIR_IDENTITY)
		p->last_owner = p->cur;
	else if (kind == DIR_PROFILE)
		p->last_owner = -1;
	return true;
}

static void statement(struct dir_parser *p, const struct cfg_stmt *st)
{
	const struct dir_statement *def = NULL;
	struct dir_entry *e;
	struct cfg_cursor c;
	struct dir_stmt s;
	char shown[32];

	if (entry_statement(p, st) || p->skipping)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(statements) && !def; i++)
		if (tok_abbrev(&st->tok[0], statements[i].name, statements[i].min))
			def = &statements[i];
	tok_show(&st->tok[0], shown, sizeof(shown));
	if (!def) {
		cfg_error(p->errs, p->file, st->line, "unknown directory statement '%s'", shown);
		return;
	}
	e = current(p);
	if (!e) {
		cfg_error(p->errs, p->file, st->line,
			  "%s outside a directory entry (before any USER, IDENTITY or PROFILE)",
			  def->name);
		return;
	}
	cur_init(&c, st, 1, p->file, p->errs, def->name);
	if (!(def->allowed & (1u << e->kind))) {
		if (def->kind == DS_BUILD && e->kind == DIR_USER)
			cur_error(&c, NULL,
				  "USER %s is a single-configuration virtual machine: SUBCONFIGs need IDENTITY",
				  e->name);
		else
			cur_error(&c, NULL, "not allowed in a %s entry",
				  dir_entry_kind_name((enum dir_entry_kind)e->kind));
		return;
	}
	if (def->kind == DS_INCLUDE && e->nstmts > 0) {
		cur_error(&c, NULL, "must directly follow the %s statement",
			  dir_entry_kind_name((enum dir_entry_kind)e->kind));
		return;
	}
	memset(&s, 0, sizeof(s));
	s.kind = def->kind;
	s.line = st->line;
	if (def->parse(p, &c, &s))
		dir_add_stmt(p, &s);
}

struct name_order {
	uint64_t key;		/* the name packed so that it sorts like strcmp */
	uint32_t line;
	uint32_t index;
};

static int name_order_cmp(const void *pa, const void *pb)
{
	const struct name_order *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

static int build_index(struct directory *dir)
{
	unsigned n = dir->nentries;
	struct name_order *tmp = kmalloc((n ? n : 1) * sizeof(*tmp));

	dir->by_name = kmalloc((n ? n : 1) * sizeof(unsigned));
	if (!tmp || !dir->by_name) {
		kfree(tmp);
		return -1;
	}
	for (unsigned i = 0; i < n; i++) {
		tmp[i].key = cfg_name_key(dir->entries[i].name);
		tmp[i].line = dir->entries[i].line;
		tmp[i].index = i;
	}
	qsort(tmp, n, sizeof(*tmp), name_order_cmp);
	for (unsigned i = 0; i < n; i++)
		dir->by_name[i] = tmp[i].index;
	kfree(tmp);
	return 0;
}

struct directory *directory_parse(const char *buf, size_t len, const char *file,
				  struct cfg_errors *errs)
{
	struct directory *dir = kzalloc(sizeof(*dir));
	struct dir_parser p;
	struct cfg_stmt *st;
	struct dir_lexer lx;

	if (!dir)
		return NULL;
	cfg_strlcpy(dir->file, file ? file : "USER DIRECT", sizeof(dir->file));
	if (len > CFG_MAX_FILE_SIZE) {
		cfg_error(errs, dir->file, 0, "file is larger than %u bytes", CFG_MAX_FILE_SIZE);
		len = 0;
	}
	st = kmalloc(sizeof(*st));
	if (!st) {
		directory_free(dir);
		return NULL;
	}
	memset(&p, 0, sizeof(p));
	p.dir = dir;
	p.errs = errs;
	p.file = dir->file;
	p.cur = -1;
	p.last_owner = -1;
	dir_lexer_init(&lx, buf, len, dir->file, errs);
	while (dir_lexer_next(&lx, st))
		if (!st->overflow)
			statement(&p, st);
	kfree(st);
	if (build_index(dir) != 0) {
		directory_free(dir);
		return NULL;
	}
	return dir;
}
