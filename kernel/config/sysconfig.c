/* SYSTEM CONFIG model: lifetime, lookups and record iteration. */
#include "kernel/config/sysconfig.h"
#include "kernel/config/sc_validate.h"
#include "kernel/alloc.h"
#include <string.h>

void sysconfig_free(struct sysconfig *sc)
{
	if (!sc)
		return;
	kfree(sc->rec);
	kfree(sc);
}

struct sysconfig *sysconfig_load(const char *buf, size_t len, const char *file,
				 struct cfg_errors *errs)
{
	struct sysconfig *sc = sysconfig_parse(buf, len, file, errs);

	if (sc)
		sysconfig_validate(sc, NULL, errs);
	return sc;
}

const struct sc_ssi *sysconfig_ssi(const struct sysconfig *sc)
{
	return sc->ssi >= 0 ? &sc->rec[sc->ssi].u.ssi : NULL;
}

bool sysconfig_is_system(const struct sysconfig *sc, const char *name)
{
	for (unsigned i = 0; i < sc->nsys; i++)
		if (strcmp(sc->sys[i].name, name) == 0)
			return true;
	return false;
}

unsigned sysconfig_slot_of(const struct sysconfig *sc, const char *name)
{
	const struct sc_ssi *ssi = sysconfig_ssi(sc);

	if (!ssi)
		return 0;
	for (unsigned s = 1; s <= SC_MAX_SLOTS; s++)
		if (ssi->slot[s].defined && !ssi->slot[s].available &&
		    strcmp(ssi->slot[s].sysname, name) == 0)
			return s;
	return 0;
}

bool sc_record_applies(const struct sc_record *r, const char *member)
{
	if (r->member[0] == '\0')
		return true;
	return member && strcmp(r->member, member) == 0;
}

const struct sc_record *sysconfig_next(const struct sysconfig *sc, const char *member,
				       enum sc_kind kind, unsigned *iter)
{
	while (*iter < sc->nrec) {
		const struct sc_record *r = &sc->rec[(*iter)++];

		if ((kind == SC_KIND_ANY || r->kind == kind) && sc_record_applies(r, member))
			return r;
	}
	return NULL;
}

const char *sc_kind_name(enum sc_kind kind)
{
	switch (kind) {
	case SC_SYSTEM_IDENTIFIER: return "SYSTEM_IDENTIFIER";
	case SC_SSI: return "SSI";
	case SC_CP_OWNED: return "CP_OWNED";
	case SC_USER_VOLUME: return "USER_VOLUME_LIST";
	case SC_ISLINK: return "ACTIVATE ISLINK";
	case SC_RDEVICE: return "RDEVICE";
	case SC_VMLAN: return "VMLAN";
	case SC_RELOCATION_DOMAIN: return "RELOCATION_DOMAIN";
	case SC_VSWITCH: return "DEFINE VSWITCH";
	case SC_SYSTEM_USERID: return "SYSTEM_USERIDS";
	case SC_KEPT: return "(kept statement)";
	case SC_KIND_COUNT: break;
	}
	return "?";
}

const char *sc_devtype_name(enum sc_devtype type)
{
	switch (type) {
	case SC_DEV_DASD: return "DASD";
	case SC_DEV_CTCA: return "CTCA";
	case SC_DEV_OSA: return "OSA";
	case SC_DEV_FCP: return "FCP";
	case SC_DEV_TAPE: return "TAPE";
	}
	return "?";
}
