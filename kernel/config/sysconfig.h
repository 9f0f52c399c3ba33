/*
 * The SYSTEM CONFIG model. Every statement becomes one or more records in
 * file order (list statements such as USER_VOLUME_LIST become one record per
 * operand). A record carries its member qualifier ("" when it applies to
 * every system) and its line. Names are stored upper-case, NUL-terminated.
 */
#ifndef PLEXVM_CONFIG_SYSCONFIG_H
#define PLEXVM_CONFIG_SYSCONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "kernel/config/cfg_limits.h"
#include "kernel/config/cfg_errors.h"

#define SC_NAME_SIZE (CFG_NAME_LEN + 1)

enum sc_kind {
	SC_SYSTEM_IDENTIFIER,
	SC_SSI,
	SC_CP_OWNED,
	SC_USER_VOLUME,		/* one USER_VOLUME_LIST operand */
	SC_ISLINK,		/* one ACTIVATE ISLINK device or range */
	SC_RDEVICE,		/* one RDEVICE device or range */
	SC_VMLAN,
	SC_RELOCATION_DOMAIN,
	SC_VSWITCH,		/* DEFINE VSWITCH */
	SC_SYSTEM_USERID,	/* one SYSTEM_USERIDS operand */
	SC_KEPT,		/* a well-known z/VM statement kept as text, not interpreted */
	SC_KIND_COUNT,
	SC_KIND_ANY = SC_KIND_COUNT,
};

enum sc_sysid_form { SC_SYSID_LPAR, SC_SYSID_CPU, SC_SYSID_DEFAULT };

struct sc_sysid {
	uint8_t form;
	char lpar[SC_NAME_SIZE];	/* SC_SYSID_LPAR */
	char model[5];			/* SC_SYSID_CPU: machine type, 4 digits */
	uint32_t cpuid;			/* SC_SYSID_CPU: serial, up to 6 hex digits */
	char sysname[SC_NAME_SIZE];
};

struct sc_ssi_slot {
	bool defined;
	bool available;			/* SLOT n AVAILABLE */
	char sysname[SC_NAME_SIZE];
	uint32_t line;
};

struct sc_ssi {
	char name[SC_NAME_SIZE];
	char pdr_volser[CFG_VOLSER_LEN + 1];
	struct sc_ssi_slot slot[SC_MAX_SLOTS + 1];	/* index 1..SC_MAX_SLOTS */
};

enum sc_ownership { SC_OWN_UNSPECIFIED, SC_OWN_OWN, SC_OWN_SHARED };

struct sc_cp_owned {
	uint16_t slot;			/* 1..255 */
	bool reserved;			/* CP_OWNED SLOT n RESERVED */
	uint8_t ownership;		/* enum sc_ownership */
	char volser[CFG_VOLSER_LEN + 1];
};

struct sc_user_volume {
	char volser[CFG_VOLSER_LEN + 1];
};

struct sc_islink {
	uint16_t first, last;		/* real device numbers */
	char node[SC_NAME_SIZE];	/* "" when NODE is not given */
};

enum sc_devtype { SC_DEV_DASD, SC_DEV_CTCA, SC_DEV_OSA, SC_DEV_FCP, SC_DEV_TAPE };

struct sc_rdevice {
	uint16_t first, last;
	uint8_t type;			/* enum sc_devtype */
	int8_t shared;			/* -1 not given, 0 NO, 1 YES (DASD only) */
	char eqid[CFG_EQID_LEN + 1];	/* "" when not given */
};

struct sc_vmlan {
	bool has_macprefix, has_userprefix;
	uint32_t macprefix, userprefix;	/* 24-bit values, 020000-02FFFF */
};

struct sc_reldomain {
	char name[SC_NAME_SIZE];
	uint8_t nmembers;
	char member[SC_MAX_SLOTS][SC_NAME_SIZE];
};

enum sc_transport { SC_TRANSPORT_UNSPECIFIED, SC_TRANSPORT_ETHERNET, SC_TRANSPORT_IP };

struct sc_vswitch {
	char name[SC_NAME_SIZE];
	bool has_rdev;			/* RDEV given (nrdev == 0 means RDEV NONE) */
	uint8_t nrdev;
	uint16_t rdev[SC_MAX_VSWITCH_RDEVS];
	uint8_t transport;		/* enum sc_transport */
	char options[SC_OPTIONS_LEN + 1];	/* other operands, upper-case, single blanks */
};

struct sc_system_userid {
	char role[SC_NAME_SIZE];	/* OPERATOR, DUMP, EREP, STARTUP or "" */
	char userid[SC_NAME_SIZE];
};

struct sc_kept {
	const char *name;		/* canonical statement name (static string) */
	char text[SC_OPTIONS_LEN + 1];	/* operands, upper-case, single blanks */
};

struct sc_record {
	uint8_t kind;			/* enum sc_kind */
	char member[SC_NAME_SIZE];	/* qualifier; "" = every system */
	uint32_t line;
	union {
		struct sc_sysid sysid;
		struct sc_ssi ssi;
		struct sc_cp_owned cp_owned;
		struct sc_user_volume user_volume;
		struct sc_islink islink;
		struct sc_rdevice rdevice;
		struct sc_vmlan vmlan;
		struct sc_reldomain reldomain;
		struct sc_vswitch vswitch;
		struct sc_system_userid system_userid;
		struct sc_kept kept;
	} u;
};

struct sc_system {
	char name[SC_NAME_SIZE];
	uint32_t line;			/* where it is first named */
};

struct sysconfig {
	char file[CFG_FILE_NAME_MAX];
	struct sc_record *rec;
	unsigned nrec, cap;
	int ssi;			/* index of the SSI record, -1 when there is none */
	struct sc_system sys[SC_MAX_SYSTEMS];	/* systems named by SYSTEM_IDENTIFIER and SSI */
	unsigned nsys;
};

/*
 * Parse a SYSTEM CONFIG held in buf[0, len). Syntax errors and unknown
 * statements are appended to errs as "file:line: message"; the statements
 * that parsed are kept. Returns NULL only when memory runs out.
 */
struct sysconfig *sysconfig_parse(const char *buf, size_t len, const char *file,
				  struct cfg_errors *errs);

/* Parse, then validate the whole file (every member). */
struct sysconfig *sysconfig_load(const char *buf, size_t len, const char *file,
				 struct cfg_errors *errs);

void sysconfig_free(struct sysconfig *sc);

/* The SSI statement, or NULL when the system is not in a cluster. */
const struct sc_ssi *sysconfig_ssi(const struct sysconfig *sc);

/* Name is a system from SYSTEM_IDENTIFIER or an SSI slot. */
bool sysconfig_is_system(const struct sysconfig *sc, const char *name);

/* SSI slot of a member (1..SC_MAX_SLOTS), 0 when it has none. */
unsigned sysconfig_slot_of(const struct sysconfig *sc, const char *name);

/* The record applies to `member` (NULL: only unqualified records apply). */
bool sc_record_applies(const struct sc_record *r, const char *member);

/*
 * Iterate the records of `kind` (or SC_KIND_ANY) that apply to `member`, in
 * file order. Start with *iter = 0; returns NULL when done.
 */
const struct sc_record *sysconfig_next(const struct sysconfig *sc, const char *member,
				       enum sc_kind kind, unsigned *iter);

/* Canonical names for messages and output. */
const char *sc_kind_name(enum sc_kind kind);
const char *sc_devtype_name(enum sc_devtype type);

#endif
