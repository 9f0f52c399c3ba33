/* Cross-entry checks on a parsed user directory. */
#include "kernel/config/dir_validate.h"
#include "kernel/config/dir_view.h"
#include "kernel/config/dir_limits.h"
#include "kernel/config/cfg_span.h"
#include "kernel/config/cfg_text.h"
#include "kernel/alloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct check {
	const struct directory *dir;
	const struct sysconfig *sc;
	struct cfg_errors *errs;
	struct cfg_span *spans;		/* scratch */
	unsigned n, cap;
	uint64_t *disks;		/* sorted (user index << 16 | vdev) of every user's minidisks */
	unsigned ndisks;
	const struct dir_view *view;	/* view being checked */
	unsigned report_layer;		/* report view clashes involving this layer or above */
};

static void err(struct check *k, uint32_t line, const char *fmt, ...) __printf(3, 4);

static void err(struct check *k, uint32_t line, const char *fmt, ...)
{
	char msg[CFG_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cfg_error(k->errs, k->dir->file, line, "%s", msg);
}

static const struct dir_stmt *stmt(const struct check *k, uint32_t index)
{
	return &k->dir->stmts[index];
}

/* The entry holding statement `index` (entries own increasing, contiguous runs). */
static const struct dir_entry *entry_of(const struct directory *dir, unsigned index)
{
	unsigned lo = 0, hi = dir->nentries;

	while (hi - lo > 1) {
		unsigned mid = lo + (hi - lo) / 2;

		if (dir->entries[mid].first <= index)
			lo = mid;
		else
			hi = mid;
	}
	return &dir->entries[lo];
}

static unsigned stmt_index(const struct check *k, const struct dir_stmt *s)
{
	return (unsigned)(s - k->dir->stmts);
}

/* ---- names ------------------------------------------------------------------------------- */

static void clash_name(void *ctx, const struct cfg_span *a, const struct cfg_span *b)
{
	struct check *k = ctx;
	const struct dir_entry *ea = &k->dir->entries[a->ref], *eb = &k->dir->entries[b->ref];

	err(k, b->line, "%s %s: name already defined by the %s at line %u",
	    dir_entry_kind_name((enum dir_entry_kind)eb->kind), eb->name,
	    dir_entry_kind_name((enum dir_entry_kind)ea->kind), (unsigned)a->line);
}

static void check_names(struct check *k)
{
	const struct directory *dir = k->dir;

	k->n = 0;
	for (unsigned i = 0; i < dir->nentries; i++) {
		const struct dir_entry *e = &dir->entries[i];
		struct cfg_span *s;

		if (!e->name[0])
			continue;
		s = &k->spans[k->n++];
		s->group = 0;
		s->lo = s->hi = cfg_name_key(e->name);
		s->line = e->line;
		s->ref = i;
	}
	cfg_span_clashes(k->spans, k->n, clash_name, k);
}

/* ---- INCLUDE and BUILD ------------------------------------------------------------------- */

static void check_include(struct check *k, const struct dir_entry *e)
{
	const struct dir_stmt *s;
	const struct dir_entry *p;

	if (e->nstmts == 0 || (s = dir_entry_stmt(k->dir, e, 0))->kind != DS_INCLUDE)
		return;
	p = directory_find(k->dir, s->u.include);
	if (!p)
		err(k, s->line, "INCLUDE: profile %s not found", s->u.include);
	else if (p->kind != DIR_PROFILE)
		err(k, s->line, "INCLUDE: %s is a %s, not a PROFILE", s->u.include,
		    dir_entry_kind_name((enum dir_entry_kind)p->kind));
}

/* More BUILDs than systems a SYSTEM CONFIG can name cannot all be valid. */
#define DIR_MAX_BUILDS SC_MAX_SYSTEMS

static void check_builds(struct check *k, const struct dir_entry *e, unsigned index)
{
	unsigned builds = 0;

	for (unsigned i = 0; i < e->nstmts; i++) {
		const struct dir_stmt *s = dir_entry_stmt(k->dir, e, i);
		const struct dir_entry *sub;

		if (s->kind != DS_BUILD)
			continue;
		if (++builds > DIR_MAX_BUILDS) {
			err(k, s->line, "BUILD: IDENTITY %s has more than %u BUILD statements", e->name,
			    DIR_MAX_BUILDS);
			return;
		}
		for (unsigned j = 0; j < i; j++) {
			const struct dir_stmt *t = dir_entry_stmt(k->dir, e, j);

			if (t->kind != DS_BUILD)
				continue;
			if (strcmp(t->u.build.member, s->u.build.member) == 0)
				err(k, s->line, "BUILD: member %s already built at line %u",
				    s->u.build.member, (unsigned)t->line);
			else if (strcmp(t->u.build.subconfig, s->u.build.subconfig) == 0)
				err(k, s->line, "BUILD: SUBCONFIG %s already used at line %u",
				    s->u.build.subconfig, (unsigned)t->line);
		}
		if (k->sc && !sysconfig_is_system(k->sc, s->u.build.member))
			err(k, s->line, "BUILD: %s is not a system in SYSTEM CONFIG", s->u.build.member);
		sub = directory_find(k->dir, s->u.build.subconfig);
		if (!sub || sub->kind != DIR_SUBCONFIG)
			err(k, s->line, "BUILD: SUBCONFIG %s not found", s->u.build.subconfig);
		else if (sub->owner != (int)index)
			err(k, s->line, "BUILD: SUBCONFIG %s does not follow IDENTITY %s",
			    s->u.build.subconfig, e->name);
	}
}

static void check_subconfig_used(struct check *k, const struct dir_entry *sub)
{
	const struct dir_entry *owner;

	if (sub->owner < 0 || !sub->name[0])
		return;
	owner = &k->dir->entries[sub->owner];
	for (unsigned i = 0; i < owner->nstmts; i++) {
		const struct dir_stmt *s = dir_entry_stmt(k->dir, owner, i);

		if (s->kind == DS_BUILD && strcmp(s->u.build.subconfig, sub->name) == 0)
			return;
	}
	err(k, sub->line, "SUBCONFIG %s is not used by a BUILD statement of IDENTITY %s", sub->name,
	    owner->name);
}

/* ---- effective entries ------------------------------------------------------------------- */

enum { GROUP_VDEV, GROUP_CPU, GROUP_ONCE };

static bool vdev_range(const struct dir_stmt *s, uint64_t *lo, uint64_t *hi)
{
	switch ((enum dir_stmt_kind)s->kind) {
	case DS_MDISK: *lo = s->u.mdisk.vdev; break;
	case DS_LINK: *lo = s->u.link.as_vdev; break;
	case DS_NICDEF:
		*lo = s->u.nicdef.vdev;
		*hi = *lo + s->u.nicdef.devices - 1;
		return true;
	case DS_CONSOLE:
	case DS_SPOOL:
	case DS_DEDICATE: *lo = s->u.device.vdev; break;
	default: return false;
	}
	*hi = *lo;
	return true;
}

static unsigned layer_of(const struct dir_view *v, unsigned index)
{
	for (unsigned l = 0; l < DIR_LAYERS; l++) {
		const struct dir_entry *e = v->layer[l];

		if (e && index >= e->first && index < e->first + e->nstmts)
			return l;
	}
	return 0;
}

static void clash_view(void *ctx, const struct cfg_span *a, const struct cfg_span *b)
{
	struct check *k = ctx;
	const struct dir_stmt *sa = stmt(k, a->ref), *sb = stmt(k, b->ref);

	/* A clash entirely within lower layers was reported when they were checked alone. */
	if (layer_of(k->view, a->ref) < k->report_layer && layer_of(k->view, b->ref) < k->report_layer)
		return;
	if (a->group == GROUP_VDEV)
		err(k, b->line, "%s: virtual device %04X already defined at line %u",
		    dir_stmt_kind_name((enum dir_stmt_kind)sb->kind), (unsigned)MAX(a->lo, b->lo),
		    (unsigned)a->line);
	else if (a->group == GROUP_CPU)
		err(k, b->line, "CPU: address %02X already defined at line %u", (unsigned)b->lo,
		    (unsigned)a->line);
	else
		err(k, b->line, "%s: already given at line %u",
		    dir_stmt_kind_name((enum dir_stmt_kind)sa->kind), (unsigned)a->line);
}

static void add_span(struct check *k, unsigned group, uint64_t lo, uint64_t hi,
		     const struct dir_stmt *s)
{
	struct cfg_span *sp;

	if (k->n >= k->cap)
		return;
	sp = &k->spans[k->n++];
	sp->group = group;
	sp->lo = lo;
	sp->hi = hi;
	sp->line = s->line;
	sp->ref = stmt_index(k, s);
}

/* Duplicate devices, CPU addresses and once-only statements in one view. */
static void check_view_clashes(struct check *k, const struct dir_view *v, unsigned report_layer)
{
	const struct dir_stmt *s;
	unsigned iter = 0;
	uint64_t lo, hi;

	k->n = 0;
	k->view = v;
	k->report_layer = report_layer;
	while ((s = dir_view_next(v, &iter, NULL)) != NULL) {
		if (vdev_range(s, &lo, &hi))
			add_span(k, GROUP_VDEV, lo, hi, s);
		else if (s->kind == DS_CPU)
			add_span(k, GROUP_CPU, s->u.cpu.addr, s->u.cpu.addr, s);
		else if (s->kind == DS_MACHINE || s->kind == DS_IPL || s->kind == DS_VMRELOCATE)
			add_span(k, GROUP_ONCE, s->kind, s->kind, s);
	}
	/* The iterator resolves STORAGE and MAXSTORAGE away: collect them directly. */
	for (unsigned l = 0; l < DIR_LAYERS; l++) {
		const struct dir_entry *le = v->layer[l];

		for (unsigned i = 0; le && i < le->nstmts; i++) {
			s = dir_entry_stmt(k->dir, le, i);
			if (s->kind == DS_STORAGE || s->kind == DS_MAXSTORAGE)
				add_span(k, GROUP_ONCE, s->kind, s->kind, s);
		}
	}
	cfg_span_clashes(k->spans, k->n, clash_view, k);
}

/* Storage sizes, CPU count and relocation of a user's entry (without SUBCONFIGs). */
static void check_view_limits(struct check *k, const struct dir_view *v)
{
	const struct dir_entry *e = dir_view_entry(v);
	const struct dir_stmt *s, *machine = NULL;
	uint32_t size_line = e->line;
	unsigned iter = 0, cpus = 0;

	for (unsigned l = 0; l < DIR_LAYERS; l++)
		for (unsigned i = 0; v->layer[l] && i < v->layer[l]->nstmts; i++) {
			s = dir_entry_stmt(k->dir, v->layer[l], i);
			if ((s->kind == DS_STORAGE || s->kind == DS_MAXSTORAGE) && s->line > size_line)
				size_line = s->line;
		}
	if (v->maxstorage < v->storage) {
		char a[24], b[24];

		cfg_format_size(v->maxstorage, a, sizeof(a));
		cfg_format_size(v->storage, b, sizeof(b));
		err(k, size_line, "%s %s: maximum storage %s is less than storage %s",
		    dir_entry_kind_name((enum dir_entry_kind)e->kind), e->name, a, b);
	}
	while ((s = dir_view_next(v, &iter, NULL)) != NULL) {
		if (s->kind == DS_MACHINE && !machine)
			machine = s;
		if (s->kind == DS_VMRELOCATE && s->u.vmrelocate.on && e->kind == DIR_IDENTITY)
			err(k, s->line,
			    "VMRELOCATE: IDENTITY %s is a multiconfiguration virtual machine and cannot relocate",
			    e->name);
	}
	iter = 0;
	while (machine && machine->u.machine.maxcpu && (s = dir_view_next(v, &iter, NULL)) != NULL) {
		if (s->kind == DS_CPU && ++cpus == (unsigned)machine->u.machine.maxcpu + 1)
			err(k, s->line, "CPU: %02X is more CPUs than the MACHINE maximum of %u",
			    s->u.cpu.addr, machine->u.machine.maxcpu);
	}
}

static void check_user_views(struct check *k, const struct dir_entry *e)
{
	struct dir_view v;

	if (e->kind == DIR_PROFILE) {
		/* A profile on its own, so its clashes are reported once, not per includer. */
		memset(&v, 0, sizeof(v));
		v.dir = k->dir;
		v.layer[DIR_LAYER_ENTRY] = e;
		check_view_clashes(k, &v, DIR_LAYER_PROFILE);
		return;
	}
	if (e->kind != DIR_USER && e->kind != DIR_IDENTITY)
		return;
	dir_view_of(&v, k->dir, e, NULL);
	check_view_clashes(k, &v, DIR_LAYER_ENTRY);
	check_view_limits(k, &v);
	for (unsigned i = 0; e->kind == DIR_IDENTITY && i < e->nstmts; i++) {
		const struct dir_stmt *s = dir_entry_stmt(k->dir, e, i);
		const struct dir_entry *sub;

		if (s->kind != DS_BUILD)
			continue;
		sub = directory_find(k->dir, s->u.build.subconfig);
		if (!sub || sub->kind != DIR_SUBCONFIG || sub->owner < 0 ||
		    &k->dir->entries[sub->owner] != e)
			continue;
		v.layer[DIR_LAYER_SUBCONFIG] = sub;
		check_view_clashes(k, &v, DIR_LAYER_SUBCONFIG);
	}
}

/* ---- LINK targets ------------------------------------------------------------------------ */

static int cmp_u64(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return (a > b) - (a < b);
}

/* Minidisks keyed by owner: the user (SUBCONFIG disks count for their IDENTITY) or profile. */
static int collect_disks(struct check *k)
{
	const struct directory *dir = k->dir;

	k->disks = kmalloc((dir->nstmts ? dir->nstmts : 1) * sizeof(uint64_t));
	if (!k->disks)
		return -1;
	for (unsigned i = 0; i < dir->nentries; i++) {
		const struct dir_entry *e = &dir->entries[i];
		unsigned owner = e->kind == DIR_SUBCONFIG ? (unsigned)e->owner : i;

		if (e->kind == DIR_SUBCONFIG && e->owner < 0)
			continue;
		for (unsigned j = 0; j < e->nstmts; j++) {
			const struct dir_stmt *s = dir_entry_stmt(dir, e, j);

			if (s->kind == DS_MDISK)
				k->disks[k->ndisks++] = (uint64_t)owner << 16 | s->u.mdisk.vdev;
		}
	}
	qsort(k->disks, k->ndisks, sizeof(uint64_t), cmp_u64);
	return 0;
}

static bool find_key(const uint64_t *v, unsigned n, uint64_t key)
{
	unsigned lo = 0, hi = n;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (v[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == key;
}

static bool has_disk(const struct check *k, const struct dir_entry *e, uint16_t vdev)
{
	uint64_t key = (uint64_t)(e - k->dir->entries) << 16 | vdev;
	const struct dir_entry *profile;

	if (find_key(k->disks, k->ndisks, key))
		return true;
	profile = dir_profile_of(k->dir, e);
	if (!profile)
		return false;
	key = (uint64_t)(profile - k->dir->entries) << 16 | vdev;
	return find_key(k->disks, k->ndisks, key);
}

static void check_link(struct check *k, const struct dir_entry *e, const struct dir_stmt *s)
{
	const struct dir_entry *target, *any;
	const char *name = s->u.link.user;

	if (strcmp(name, "*") == 0) {
		if (e->kind == DIR_PROFILE)
			return;	/* "*" is whoever includes the profile */
		target = e->kind == DIR_SUBCONFIG ? (e->owner >= 0 ? &k->dir->entries[e->owner] : NULL) : e;
		if (!target)
			return;
		name = target->name;
	} else {
		target = directory_find_user(k->dir, name);
	}
	if (!target) {
		any = directory_find(k->dir, name);
		if (any)
			err(k, s->line, "LINK: %s is a %s, not a user", name,
			    dir_entry_kind_name((enum dir_entry_kind)any->kind));
		else
			err(k, s->line, "LINK: user %s not found", name);
		return;
	}
	if (!has_disk(k, target, s->u.link.vdev))
		err(k, s->line, "LINK: %s has no minidisk %04X", name, s->u.link.vdev);
}

/* ---- against SYSTEM CONFIG --------------------------------------------------------------- */

static bool vswitch_defined(const struct sysconfig *sc, const char *name)
{
	for (unsigned i = 0; i < sc->nrec; i++)
		if (sc->rec[i].kind == SC_VSWITCH && strcmp(sc->rec[i].u.vswitch.name, name) == 0)
			return true;
	return false;
}

static bool domain_defined(const struct sysconfig *sc, const char *name)
{
	if (sysconfig_ssi(sc) && (strcmp(name, "SSI") == 0 || sysconfig_slot_of(sc, name)))
		return true;
	for (unsigned i = 0; i < sc->nrec; i++)
		if (sc->rec[i].kind == SC_RELOCATION_DOMAIN &&
		    strcmp(sc->rec[i].u.reldomain.name, name) == 0)
			return true;
	return false;
}

static void check_statement(struct check *k, const struct dir_entry *e, const struct dir_stmt *s)
{
	if (s->kind == DS_LINK) {
		check_link(k, e, s);
	} else if (s->kind == DS_NICDEF && k->sc && strcmp(s->u.nicdef.lan_owner, "SYSTEM") == 0 &&
		   !vswitch_defined(k->sc, s->u.nicdef.lan_name)) {
		err(k, s->line, "NICDEF: VSWITCH %s is not defined in SYSTEM CONFIG",
		    s->u.nicdef.lan_name);
	} else if (s->kind == DS_VMRELOCATE && k->sc && s->u.vmrelocate.domain[0] &&
		   !domain_defined(k->sc, s->u.vmrelocate.domain)) {
		err(k, s->line, "VMRELOCATE: domain %s is not defined in SYSTEM CONFIG",
		    s->u.vmrelocate.domain);
	}
}

static void check_system_userids(struct check *k)
{
	const struct sysconfig *sc = k->sc;

	for (unsigned i = 0; i < sc->nrec; i++) {
		const struct sc_record *r = &sc->rec[i];

		if (r->kind == SC_SYSTEM_USERID && !directory_find_user(k->dir, r->u.system_userid.userid))
			cfg_error(k->errs, sc->file, r->line,
				  "SYSTEM_USERIDS: %s is not defined in the user directory",
				  r->u.system_userid.userid);
	}
}

/* ---- minidisk overlaps ------------------------------------------------------------------- */

static void clash_extent(void *ctx, const struct cfg_span *a, const struct cfg_span *b)
{
	struct check *k = ctx;
	const struct dir_mdisk *mb = &stmt(k, b->ref)->u.mdisk, *ma = &stmt(k, a->ref)->u.mdisk;
	const struct dir_entry *ea = entry_of(k->dir, a->ref);

	err(k, b->line, "MDISK %04X: %s %llu-%llu on volume %s overlap MDISK %04X of %s at line %u",
	    mb->vdev, dir_devtype_unit((enum dir_devtype)mb->devtype), (unsigned long long)b->lo,
	    (unsigned long long)b->hi, mb->volser, ma->vdev, ea->name, (unsigned)a->line);
}

static void check_extents(struct check *k)
{
	const struct directory *dir = k->dir;

	k->n = 0;
	for (unsigned i = 0; i < dir->nstmts && k->n < k->cap; i++) {
		const struct dir_mdisk *md = &dir->stmts[i].u.mdisk;
		struct cfg_span *sp;

		if (dir->stmts[i].kind != DS_MDISK || md->alloc != DA_EXTENT)
			continue;
		if (md->start == 0 && md->to_end)
			continue;	/* full-pack overlay */
		sp = &k->spans[k->n++];
		sp->group = cfg_name_key(md->volser);
		sp->lo = md->start;
		sp->hi = md->to_end ? dir_devtype_limit((enum dir_devtype)md->devtype) - 1
				    : (uint64_t)md->start + md->size - 1;
		sp->line = dir->stmts[i].line;
		sp->ref = i;
	}
	cfg_span_clashes(k->spans, k->n, clash_extent, k);
}

/* ---- driver ------------------------------------------------------------------------------ */

void directory_validate(const struct directory *dir, const struct sysconfig *sc,
			struct cfg_errors *errs)
{
	struct check k = { .dir = dir, .sc = sc, .errs = errs };

	k.cap = dir->nstmts + dir->nentries + 1;
	k.spans = kmalloc(k.cap * sizeof(*k.spans));
	if (!k.spans || collect_disks(&k) != 0) {
		cfg_error(errs, dir->file, 0, "out of memory while validating");
		kfree(k.spans);
		return;
	}
	check_names(&k);
	for (unsigned i = 0; i < dir->nentries; i++) {
		const struct dir_entry *e = &dir->entries[i];

		check_include(&k, e);
		if (e->kind == DIR_IDENTITY)
			check_builds(&k, e, i);
		if (e->kind == DIR_SUBCONFIG)
			check_subconfig_used(&k, e);
		check_user_views(&k, e);
		for (unsigned j = 0; j < e->nstmts; j++)
			check_statement(&k, e, dir_entry_stmt(dir, e, j));
	}
	check_extents(&k);
	if (sc)
		check_system_userids(&k);
	kfree(k.disks);
	kfree(k.spans);
}

struct directory *directory_load(const char *buf, size_t len, const char *file,
				 const struct sysconfig *sc, struct cfg_errors *errs)
{
	struct directory *dir = directory_parse(buf, len, file, errs);

	if (dir)
		directory_validate(dir, sc, errs);
	return dir;
}
