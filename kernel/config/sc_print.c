/* Canonical SYSTEM CONFIG output. */
#include "kernel/config/sc_print.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->len < o->size ? o->buf + o->len : NULL,
		      o->len < o->size ? o->size - o->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

static void put_range(struct out *o, unsigned first, unsigned last)
{
	if (first == last)
		put(o, " %04X", first);
	else
		put(o, " %04X-%04X", first, last);
}

static void format_ssi(struct out *o, const struct sc_ssi *ssi)
{
	put(o, "SSI %s PDR_VOLUME %s", ssi->name, ssi->pdr_volser);
	for (unsigned s = 1; s <= SC_MAX_SLOTS; s++) {
		if (!ssi->slot[s].defined)
			continue;
		put(o, " SLOT %u %s", s, ssi->slot[s].available ? "AVAILABLE" : ssi->slot[s].sysname);
	}
}

static void format_vswitch(struct out *o, const struct sc_vswitch *vs)
{
	put(o, "DEFINE VSWITCH %s", vs->name);
	if (vs->has_rdev) {
		put(o, " RDEV");
		if (vs->nrdev == 0)
			put(o, " NONE");
		for (unsigned i = 0; i < vs->nrdev; i++)
			put(o, " %04X", vs->rdev[i]);
	}
	if (vs->transport == SC_TRANSPORT_ETHERNET)
		put(o, " ETHERNET");
	else if (vs->transport == SC_TRANSPORT_IP)
		put(o, " IP");
	if (vs->options[0])
		put(o, " %s", vs->options);
}

static void format_body(struct out *o, const struct sc_record *r)
{
	const struct sc_sysid *id = &r->u.sysid;

	switch ((enum sc_kind)r->kind) {
	case SC_SYSTEM_IDENTIFIER:
		if (id->form == SC_SYSID_LPAR)
			put(o, "SYSTEM_IDENTIFIER LPAR %s %s", id->lpar, id->sysname);
		else if (id->form == SC_SYSID_CPU)
			put(o, "SYSTEM_IDENTIFIER %s %06X %s", id->model, (unsigned)id->cpuid,
			    id->sysname);
		else
			put(o, "SYSTEM_IDENTIFIER_DEFAULT %s", id->sysname);
		break;
	case SC_SSI:
		format_ssi(o, &r->u.ssi);
		break;
	case SC_CP_OWNED:
		if (r->u.cp_owned.reserved) {
			put(o, "CP_OWNED SLOT %u RESERVED", r->u.cp_owned.slot);
			break;
		}
		put(o, "CP_OWNED SLOT %u %s", r->u.cp_owned.slot, r->u.cp_owned.volser);
		if (r->u.cp_owned.ownership == SC_OWN_OWN)
			put(o, " OWN");
		else if (r->u.cp_owned.ownership == SC_OWN_SHARED)
			put(o, " SHARED");
		break;
	case SC_USER_VOLUME:
		put(o, "USER_VOLUME_LIST %s", r->u.user_volume.volser);
		break;
	case SC_ISLINK:
		put(o, "ACTIVATE ISLINK");
		put_range(o, r->u.islink.first, r->u.islink.last);
		if (r->u.islink.node[0])
			put(o, " NODE %s", r->u.islink.node);
		break;
	case SC_RDEVICE:
		put(o, "RDEVICE");
		put_range(o, r->u.rdevice.first, r->u.rdevice.last);
		put(o, " TYPE %s", sc_devtype_name((enum sc_devtype)r->u.rdevice.type));
		if (r->u.rdevice.eqid[0])
			put(o, " EQID %s", r->u.rdevice.eqid);
		if (r->u.rdevice.shared >= 0)
			put(o, " SHARED %s", r->u.rdevice.shared ? "YES" : "NO");
		break;
	case SC_VMLAN:
		put(o, "VMLAN");
		if (r->u.vmlan.has_macprefix)
			put(o, " MACPREFIX %06X", (unsigned)r->u.vmlan.macprefix);
		if (r->u.vmlan.has_userprefix)
			put(o, " USERPREFIX %06X", (unsigned)r->u.vmlan.userprefix);
		break;
	case SC_RELOCATION_DOMAIN:
		put(o, "RELOCATION_DOMAIN %s MEMBERS", r->u.reldomain.name);
		for (unsigned i = 0; i < r->u.reldomain.nmembers; i++)
			put(o, " %s", r->u.reldomain.member[i]);
		break;
	case SC_VSWITCH:
		format_vswitch(o, &r->u.vswitch);
		break;
	case SC_SYSTEM_USERID:
		put(o, "SYSTEM_USERIDS");
		if (r->u.system_userid.role[0])
			put(o, " %s", r->u.system_userid.role);
		put(o, " %s", r->u.system_userid.userid);
		break;
	case SC_KEPT:
		put(o, "%s %s", r->u.kept.name, r->u.kept.text);
		break;
	case SC_KIND_COUNT:
		break;
	}
}

int sc_record_format(const struct sc_record *r, bool qualify, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };

	if (size)
		buf[0] = '\0';
	if (qualify && r->member[0])
		put(&o, "%s: ", r->member);
	format_body(&o, r);
	return (int)o.len;
}

void sysconfig_print(const struct sysconfig *sc, enum sc_print_scope scope, const char *member,
		     cfg_emit_fn emit, void *ctx)
{
	char line[CFG_LINE_MAX];

	for (unsigned i = 0; i < sc->nrec; i++) {
		const struct sc_record *r = &sc->rec[i];

		if (scope == SC_PRINT_CLUSTER && r->member[0])
			continue;
		if (scope == SC_PRINT_MEMBER && !sc_record_applies(r, member))
			continue;
		sc_record_format(r, scope == SC_PRINT_ALL, line, sizeof(line));
		emit(ctx, line);
	}
}
