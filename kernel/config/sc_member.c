/* Effective per-member values and system identification. */
#include "kernel/config/sc_member.h"
#include <string.h>

int sysconfig_member(const struct sysconfig *sc, const char *name, struct sc_member *m)
{
	const struct sc_record *r;
	unsigned iter = 0;

	memset(m, 0, sizeof(*m));
	if (!sysconfig_is_system(sc, name))
		return -1;
	memcpy(m->name, name, strnlen(name, CFG_NAME_LEN));
	m->slot = sysconfig_slot_of(sc, name);
	m->macprefix = SC_DEFAULT_MACPREFIX_BASE + m->slot;
	m->userprefix = SC_DEFAULT_USERPREFIX;
	while ((r = sysconfig_next(sc, name, SC_VMLAN, &iter)) != NULL) {
		/* The first setting counts; a second one is a validation error. */
		if (r->u.vmlan.has_macprefix && !m->macprefix_line) {
			m->macprefix = r->u.vmlan.macprefix;
			m->macprefix_line = r->line;
		}
		if (r->u.vmlan.has_userprefix && !m->userprefix_line) {
			m->userprefix = r->u.vmlan.userprefix;
			m->userprefix_line = r->line;
		}
	}
	return 0;
}

int sysconfig_identify(const struct sysconfig *sc, const char *lpar, const char *model,
		       uint32_t cpuid, char out[SC_NAME_SIZE])
{
	const struct sc_record *by_cpu = NULL, *by_default = NULL, *r;
	unsigned iter = 0;

	out[0] = '\0';
	while ((r = sysconfig_next(sc, NULL, SC_SYSTEM_IDENTIFIER, &iter)) != NULL) {
		const struct sc_sysid *id = &r->u.sysid;

		if (id->form == SC_SYSID_LPAR && lpar && strcasecmp(id->lpar, lpar) == 0) {
			memcpy(out, id->sysname, SC_NAME_SIZE);
			return 0;
		}
		if (id->form == SC_SYSID_CPU && model && !by_cpu && strcmp(id->model, model) == 0 &&
		    id->cpuid == cpuid)
			by_cpu = r;
		if (id->form == SC_SYSID_DEFAULT && !by_default)
			by_default = r;
	}
	r = by_cpu ? by_cpu : by_default;
	if (!r)
		return -1;
	memcpy(out, r->u.sysid.sysname, SC_NAME_SIZE);
	return 0;
}
