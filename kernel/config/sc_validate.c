/* Cross-statement checks on a parsed SYSTEM CONFIG. */
#include "kernel/config/sc_validate.h"
#include "kernel/config/sc_member.h"
#include "kernel/config/cfg_span.h"
#include "kernel/config/cfg_text.h"
#include "kernel/alloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct check {
	const struct sysconfig *sc;
	struct cfg_errors *errs;
	const char *member;		/* view being checked, NULL for the cluster-wide part */
	struct cfg_span *spans;		/* scratch, sc->nrec entries */
	unsigned n;
};

static void err(struct check *k, uint32_t line, const char *fmt, ...) __printf(3, 4);

static void err(struct check *k, uint32_t line, const char *fmt, ...)
{
	char msg[CFG_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cfg_error(k->errs, k->sc->file, line, "%s", msg);
}

static const struct sc_record *rec(const struct check *k, const struct cfg_span *s)
{
	return &k->sc->rec[s->ref];
}

/*
 * In a member's view, a clash between two unqualified records was already
 * reported by the cluster-wide pass; report only clashes involving a
 * qualified record, and say which member it is on.
 */
static bool report_clash(const struct check *k, const struct sc_record *a,
			 const struct sc_record *b, char *where, size_t size)
{
	where[0] = '\0';
	if (!k->member)
		return true;
	if (!a->member[0] && !b->member[0])
		return false;
	snprintf(where, size, " (on %s)", k->member);
	return true;
}

static void add_span(struct check *k, uint64_t group, uint64_t lo, uint64_t hi, unsigned ref)
{
	struct cfg_span *s = &k->spans[k->n++];

	s->group = group;
	s->lo = lo;
	s->hi = hi;
	s->line = k->sc->rec[ref].line;
	s->ref = ref;
}

/* ---- per-view clashes ---------------------------------------------------------------- */

static void clash_slot(void *ctx, const struct cfg_span *a, const struct cfg_span *b)
{
	struct check *k = ctx;
	char where[32];

	if (report_clash(k, rec(k, a), rec(k, b), where, sizeof(where)))
		err(k, b->line, "CP_OWNED: slot %u already defined at line %u%s", (unsigned)b->lo,
		    (unsigned)a->line, where);
}

static const char *volser_of(const struct sc_record *r)
{
	return r->kind == SC_CP_OWNED ? r->u.cp_owned.volser : r->u.user_volume.volser;
}

static void clash_volume(void *ctx, const struct cfg_span *a, const struct cfg_span *b)
{
	struct check *k = ctx;
	const struct sc_record *ra = rec(k, a), *rb = rec(k, b);
	char where[32];

	if (!report_clash(k, ra, rb, where, sizeof(where)))
		return;
	if (ra->kind == SC_CP_OWNED && rb->kind == SC_CP_OWNED)
		err(k, b->line, "CP_OWNED: volume %s already CP-owned at line %u%s", volser_of(rb),
		    (unsigned)a->line, where);
	else if (ra->kind == SC_USER_VOLUME && rb->kind == SC_USER_VOLUME)
		err(k, b->line, "USER_VOLUME_LIST: volume %s already listed at line %u%s",
		    volser_of(rb), (unsigned)a->line, where);
	else
		err(k, b->line, "%s: volume %s is also in %s at line %u%s",
		    sc_kind_name((enum sc_kind)rb->kind), volser_of(rb),
		    sc_kind_name((enum sc_kind)ra->kind), (unsigned)a->line, where);
}

static void clash_device(void *ctx, const struct cfg_span *a, const struct cfg_span *b)
{
	struct check *k = ctx;
	const struct sc_record *rb = rec(k, b);
	char where[32];

	if (report_clash(k, rec(k, a), rb, where, sizeof(where)))
		err(k, b->line, "%s: device %04X already %s at line %u%s",
		    sc_kind_name((enum sc_kind)rb->kind), (unsigned)MAX(a->lo, b->lo),
		    rb->kind == SC_ISLINK ? "activated" : "defined", (unsigned)a->line, where);
}

static void clash_named(void *ctx, const struct cfg_span *a, const struct cfg_span *b)
{
	struct check *k = ctx;
	const struct sc_record *rb = rec(k, b);
	char where[32];

	if (!report_clash(k, rec(k, a), rb, where, sizeof(where)))
		return;
	if (rb->kind == SC_VSWITCH)
		err(k, b->line, "DEFINE VSWITCH: %s already defined at line %u%s", rb->u.vswitch.name,
		    (unsigned)a->line, where);
	else if (rb->kind == SC_SYSTEM_USERID)
		err(k, b->line, "SYSTEM_USERIDS: %s already set at line %u%s",
		    rb->u.system_userid.role, (unsigned)a->line, where);
	else
		err(k, b->line, "VMLAN: %s already set at line %u%s",
		    b->group == 1 ? "MACPREFIX" : "USERPREFIX", (unsigned)a->line, where);
}

static void run(struct check *k, cfg_span_clash_fn fn)
{
	cfg_span_clashes(k->spans, k->n, fn, k);
	k->n = 0;
}

static void collect(struct check *k, enum sc_kind kind, unsigned *iter, const struct sc_record **r)
{
	*r = sysconfig_next(k->sc, k->member, kind, iter);
}

static void check_view_clashes(struct check *k)
{
	const struct sc_record *r;
	unsigned it;

	for (it = 0, collect(k, SC_CP_OWNED, &it, &r); r; collect(k, SC_CP_OWNED, &it, &r))
		add_span(k, 0, r->u.cp_owned.slot, r->u.cp_owned.slot, it - 1);
	run(k, clash_slot);

	for (it = 0, collect(k, SC_KIND_ANY, &it, &r); r; collect(k, SC_KIND_ANY, &it, &r)) {
		if ((r->kind == SC_CP_OWNED && !r->u.cp_owned.reserved) || r->kind == SC_USER_VOLUME) {
			uint64_t key = cfg_name_key(volser_of(r));

			add_span(k, 0, key, key, it - 1);
		}
	}
	run(k, clash_volume);

	for (it = 0, collect(k, SC_ISLINK, &it, &r); r; collect(k, SC_ISLINK, &it, &r))
		add_span(k, 0, r->u.islink.first, r->u.islink.last, it - 1);
	run(k, clash_device);

	for (it = 0, collect(k, SC_RDEVICE, &it, &r); r; collect(k, SC_RDEVICE, &it, &r))
		add_span(k, 0, r->u.rdevice.first, r->u.rdevice.last, it - 1);
	run(k, clash_device);

	for (it = 0, collect(k, SC_KIND_ANY, &it, &r); r; collect(k, SC_KIND_ANY, &it, &r)) {
		if (r->kind == SC_VSWITCH) {
			uint64_t key = cfg_name_key(r->u.vswitch.name);

			add_span(k, 0, key, key, it - 1);
		} else if (r->kind == SC_SYSTEM_USERID && r->u.system_userid.role[0]) {
			uint64_t key = cfg_name_key(r->u.system_userid.role);

			add_span(k, 3, key, key, it - 1);
		} else if (r->kind == SC_VMLAN) {
			if (r->u.vmlan.has_macprefix)
				add_span(k, 1, 0, 0, it - 1);
			if (r->u.vmlan.has_userprefix)
				add_span(k, 2, 0, 0, it - 1);
		}
	}
	run(k, clash_named);
}

/* ---- per-member checks ---------------------------------------------------------------- */

static void check_member_links(struct check *k)
{
	const struct sysconfig *sc = k->sc;
	const struct sc_ssi *ssi = sysconfig_ssi(sc);
	const struct sc_record *l, *d;
	unsigned it = 0, nlinks = 0, members = 0;

	while ((l = sysconfig_next(sc, k->member, SC_ISLINK, &it)) != NULL) {
		unsigned jt = 0;

		nlinks++;
		if (strcmp(l->u.islink.node, k->member) == 0)
			err(k, l->line, "ACTIVATE ISLINK: NODE %s is this system", k->member);
		while ((d = sysconfig_next(sc, k->member, SC_RDEVICE, &jt)) != NULL) {
			if (d->u.rdevice.type == SC_DEV_CTCA || d->u.rdevice.last < l->u.islink.first ||
			    d->u.rdevice.first > l->u.islink.last)
				continue;
			err(k, l->line, "ACTIVATE ISLINK: device %04X is RDEVICE TYPE %s at line %u, not CTCA%s%s",
			    (unsigned)MAX(d->u.rdevice.first, l->u.islink.first),
			    sc_devtype_name((enum sc_devtype)d->u.rdevice.type), (unsigned)d->line,
			    l->member[0] || d->member[0] ? " on " : "",
			    l->member[0] || d->member[0] ? k->member : "");
		}
	}
	if (!ssi || !sysconfig_slot_of(sc, k->member))
		return;
	for (unsigned s = 1; s <= SC_MAX_SLOTS; s++)
		members += ssi->slot[s].defined && !ssi->slot[s].available;
	if (members >= 2 && nlinks == 0)
		err(k, sc->rec[sc->ssi].line,
		    "ACTIVATE ISLINK: SSI member %s has no ISFC link to the other members", k->member);
}

/* ---- cluster-wide checks --------------------------------------------------------------- */

static void check_identifiers(struct check *k)
{
	const struct sysconfig *sc = k->sc;

	for (unsigned i = 0; i < sc->nrec; i++) {
		const struct sc_sysid *a = &sc->rec[i].u.sysid;

		if (sc->rec[i].kind != SC_SYSTEM_IDENTIFIER)
			continue;
		for (unsigned j = 0; j < i; j++) {
			const struct sc_sysid *b = &sc->rec[j].u.sysid;
			bool same;

			if (sc->rec[j].kind != SC_SYSTEM_IDENTIFIER || a->form != b->form)
				continue;
			if (a->form == SC_SYSID_LPAR)
				same = strcmp(a->lpar, b->lpar) == 0;
			else if (a->form == SC_SYSID_CPU)
				same = strcmp(a->model, b->model) == 0 && a->cpuid == b->cpuid;
			else
				same = true;
			if (!same)
				continue;
			if (a->form == SC_SYSID_LPAR)
				err(k, sc->rec[i].line, "SYSTEM_IDENTIFIER: LPAR %s already identified at line %u",
				    a->lpar, (unsigned)sc->rec[j].line);
			else if (a->form == SC_SYSID_CPU)
				err(k, sc->rec[i].line,
				    "SYSTEM_IDENTIFIER: CPU %s %06X already identified at line %u",
				    a->model, (unsigned)a->cpuid, (unsigned)sc->rec[j].line);
			else
				err(k, sc->rec[i].line, "SYSTEM_IDENTIFIER_DEFAULT: already given at line %u",
				    (unsigned)sc->rec[j].line);
			break;
		}
	}
}

static void check_nodes(struct check *k)
{
	const struct sysconfig *sc = k->sc;

	for (unsigned i = 0; i < sc->nrec; i++) {
		const struct sc_record *r = &sc->rec[i];

		if (r->kind == SC_ISLINK && r->u.islink.node[0] &&
		    !sysconfig_is_system(sc, r->u.islink.node))
			err(k, r->line, "ACTIVATE ISLINK: NODE %s is not a system from SYSTEM_IDENTIFIER or SSI",
			    r->u.islink.node);
	}
}

static bool is_default_domain(const struct sysconfig *sc, const char *name)
{
	return strcmp(name, "SSI") == 0 || sysconfig_slot_of(sc, name) != 0;
}

static void clash_domain(void *ctx, const struct cfg_span *a, const struct cfg_span *b)
{
	struct check *k = ctx;

	err(k, b->line, "RELOCATION_DOMAIN: %s already defined at line %u",
	    rec(k, b)->u.reldomain.name, (unsigned)a->line);
}

static void check_domains(struct check *k)
{
	const struct sysconfig *sc = k->sc;

	for (unsigned i = 0; i < sc->nrec; i++) {
		const struct sc_record *r = &sc->rec[i];
		const struct sc_reldomain *d = &r->u.reldomain;

		if (r->kind != SC_RELOCATION_DOMAIN)
			continue;
		if (sc->ssi < 0) {
			err(k, r->line, "RELOCATION_DOMAIN: %s needs an SSI statement", d->name);
			continue;
		}
		if (is_default_domain(sc, d->name))
			err(k, r->line, "RELOCATION_DOMAIN: %s is the name of a default domain", d->name);
		for (unsigned m = 0; m < d->nmembers; m++)
			if (!sysconfig_slot_of(sc, d->member[m]))
				err(k, r->line, "RELOCATION_DOMAIN: member %s is not an SSI member",
				    d->member[m]);
		add_span(k, 0, cfg_name_key(d->name), cfg_name_key(d->name), i);
	}
	run(k, clash_domain);
}

static uint32_t prefix_line(const struct sysconfig *sc, uint32_t line)
{
	return line ? line : sc->rec[sc->ssi].line;
}

static void check_vmlan(struct check *k)
{
	const struct sysconfig *sc = k->sc;
	const struct sc_ssi *ssi = sysconfig_ssi(sc);
	struct sc_member m[SC_MAX_SLOTS + 1];
	unsigned n = 0;

	if (!ssi) {
		/* A lone system: only its own prefixes can collide. */
		for (unsigned i = 0; i < sc->nsys; i++) {
			struct sc_member one;

			if (sysconfig_member(sc, sc->sys[i].name, &one) == 0 && one.macprefix_line &&
			    one.userprefix_line && one.macprefix == one.userprefix)
				err(k, one.userprefix_line,
				    "VMLAN: USERPREFIX %06X equals the MACPREFIX of %s", (unsigned)one.userprefix,
				    one.name);
		}
		return;
	}
	for (unsigned s = 1; s <= SC_MAX_SLOTS; s++)
		if (ssi->slot[s].defined && !ssi->slot[s].available &&
		    sysconfig_member(sc, ssi->slot[s].sysname, &m[n]) == 0)
			n++;
	for (unsigned i = 0; i < n; i++) {
		if (i > 0 && m[i].userprefix != m[0].userprefix)
			err(k, prefix_line(sc, m[i].userprefix_line),
			    "VMLAN: USERPREFIX %06X of %s differs from %06X of %s (must be the same on every member)",
			    (unsigned)m[i].userprefix, m[i].name, (unsigned)m[0].userprefix, m[0].name);
		for (unsigned j = 0; j < n; j++)
			if (m[i].userprefix == m[j].macprefix)
				err(k, prefix_line(sc, m[i].userprefix_line),
				    "VMLAN: USERPREFIX %06X of %s equals the MACPREFIX of %s",
				    (unsigned)m[i].userprefix, m[i].name, m[j].name);
		for (unsigned j = 0; j < i; j++)
			if (m[i].macprefix == m[j].macprefix)
				err(k, prefix_line(sc, m[i].macprefix_line),
				    "VMLAN: MACPREFIX %06X of %s is also the MACPREFIX of %s",
				    (unsigned)m[i].macprefix, m[i].name, m[j].name);
	}
}

static void check_eqids(struct check *k)
{
	const struct sysconfig *sc = k->sc;

	for (unsigned i = 0; i < sc->nrec; i++) {
		const struct sc_rdevice *a = &sc->rec[i].u.rdevice;

		if (sc->rec[i].kind != SC_RDEVICE || !a->eqid[0])
			continue;
		for (unsigned j = 0; j < i; j++) {
			const struct sc_rdevice *b = &sc->rec[j].u.rdevice;

			if (sc->rec[j].kind != SC_RDEVICE || strcmp(a->eqid, b->eqid) != 0)
				continue;
			if (a->type != b->type)
				err(k, sc->rec[i].line,
				    "RDEVICE: EQID %s is TYPE %s here but TYPE %s at line %u", a->eqid,
				    sc_devtype_name((enum sc_devtype)a->type),
				    sc_devtype_name((enum sc_devtype)b->type), (unsigned)sc->rec[j].line);
			break;
		}
	}
}

static void check_view(struct check *k, const char *member)
{
	k->member = member;
	check_view_clashes(k);
	if (member)
		check_member_links(k);
}

void sysconfig_validate(const struct sysconfig *sc, const char *member, struct cfg_errors *errs)
{
	struct check k = { .sc = sc, .errs = errs };

	if (member && !sysconfig_is_system(sc, member)) {
		cfg_error(errs, sc->file, 0, "member %s is not a system from SYSTEM_IDENTIFIER or SSI",
			  member);
		return;
	}
	k.spans = kmalloc((sc->nrec ? sc->nrec : 1) * 2 * sizeof(*k.spans));
	if (!k.spans) {
		cfg_error(errs, sc->file, 0, "out of memory while validating");
		return;
	}
	check_identifiers(&k);
	check_nodes(&k);
	check_domains(&k);
	check_vmlan(&k);
	check_eqids(&k);
	check_view(&k, NULL);
	if (member) {
		check_view(&k, member);
	} else {
		for (unsigned i = 0; i < sc->nsys; i++)
			check_view(&k, sc->sys[i].name);
	}
	kfree(k.spans);
}
