/*
 * Canonical SYSTEM CONFIG text: one statement per line, upper case, single
 * blanks, no comments or continuations, list statements split one operand
 * per statement, defaults not filled in. Re-parsing the output gives the
 * same records. The digest is computed over this form.
 */
#ifndef PLEXVM_CONFIG_SC_PRINT_H
#define PLEXVM_CONFIG_SC_PRINT_H

#include <stddef.h>
#include <stdbool.h>
#include "kernel/config/sysconfig.h"
#include "kernel/config/cfg_emit.h"

/* One record; with `qualify`, member-qualified records get their "MEMBER1: " prefix. */
int sc_record_format(const struct sc_record *r, bool qualify, char *buf, size_t size);

enum sc_print_scope {
	SC_PRINT_CLUSTER,	/* unqualified statements only (what the digest covers) */
	SC_PRINT_MEMBER,	/* the effective view of one member, qualifiers resolved */
	SC_PRINT_ALL,		/* every statement, qualified ones with their prefix */
};

/* Emit the statements of `scope` (member is used by SC_PRINT_MEMBER) in file order. */
void sysconfig_print(const struct sysconfig *sc, enum sc_print_scope scope, const char *member,
		     cfg_emit_fn emit, void *ctx);

#endif
