/*
 * The user directory model. Entries (USER, IDENTITY, PROFILE, SUBCONFIG) are
 * kept in file order; each owns a contiguous run of statements in
 * dir->stmts. A SUBCONFIG belongs to the IDENTITY it follows (owner).
 * Names are stored upper-case. Sizes are bytes (storage) or cylinders/blocks
 * (minidisks).
 */
#ifndef PLEXVM_CONFIG_DIRECTORY_H
#define PLEXVM_CONFIG_DIRECTORY_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "kernel/config/cfg_limits.h"
#include "kernel/config/cfg_errors.h"

#define DIR_NAME_SIZE (CFG_NAME_LEN + 1)

enum dir_entry_kind { DIR_USER, DIR_IDENTITY, DIR_PROFILE, DIR_SUBCONFIG };

enum dir_stmt_kind {
	DS_INCLUDE, DS_BUILD, DS_STORAGE, DS_MAXSTORAGE, DS_MACHINE, DS_CPU, DS_IPL, DS_OPTION,
	DS_VMRELOCATE, DS_MDISK, DS_LINK, DS_NICDEF, DS_CONSOLE, DS_SPOOL, DS_DEDICATE,
	DS_KIND_COUNT
};

enum dir_devtype { DT_3390, DT_3380, DT_9336, DT_FB512 };
enum dir_alloc { DA_EXTENT, DA_TDISK, DA_VDISK, DA_DEVNO };

struct dir_mdisk {
	uint16_t vdev;
	uint8_t devtype;		/* enum dir_devtype */
	uint8_t alloc;			/* enum dir_alloc */
	bool to_end;			/* size END */
	uint32_t start;			/* first cylinder or block (DA_EXTENT) */
	uint32_t size;			/* cylinders or blocks (0 with to_end; 0 for DA_DEVNO) */
	uint16_t devno;			/* DA_DEVNO: real device */
	char volser[CFG_VOLSER_LEN + 1];	/* DA_EXTENT */
	char mode[5];			/* link mode, e.g. MR, MWV */
	char password[3][DIR_PASSWORD_LEN + 1];	/* read, write, multiple ("" if absent) */
};

struct dir_link {
	char user[DIR_NAME_SIZE];	/* "*" = this entry */
	uint16_t vdev;			/* the owner's device */
	uint16_t as_vdev;		/* the device number in this virtual machine */
	char mode[5];
};

enum dir_nic_type { NIC_QDIO, NIC_HIPERSOCKETS };

struct dir_nicdef {
	uint16_t vdev;
	uint8_t type;			/* enum dir_nic_type */
	uint16_t devices;		/* 3..3072 */
	char lan_owner[DIR_NAME_SIZE];	/* SYSTEM for a VSWITCH, "" when no LAN */
	char lan_name[DIR_NAME_SIZE];
	bool has_chpid, has_macid;
	uint8_t chpid;
	uint32_t macid;			/* 6 hex digits */
};

struct dir_ipl {
	bool is_vdev;
	uint16_t vdev;
	char name[DIR_NAME_SIZE];	/* NSS name when !is_vdev */
	char loadparm[9];
	char parm[DIR_IPL_PARM_LEN + 1];	/* as written (case kept) */
};

enum dir_machine_mode { MACH_ESA, MACH_XA, MACH_XC, MACH_Z };

struct dir_machine {
	uint8_t mode;			/* enum dir_machine_mode */
	uint8_t maxcpu;			/* 0 when not given */
};

struct dir_cpu {
	uint8_t addr;			/* 00-3F */
	bool base;
	bool has_cpuid;
	uint32_t cpuid;
};

struct dir_option {
	const char *name;		/* canonical option keyword (static) */
	char value[9];			/* "" for options without a value */
};

struct dir_vmrelocate {
	bool on;
	char domain[DIR_NAME_SIZE];	/* "" when not given */
};

/* CONSOLE, SPOOL, DEDICATE: a device number, a type or real device, more operands as text. */
struct dir_device {
	uint16_t vdev;
	uint16_t rdev;			/* DEDICATE */
	char devtype[5];		/* CONSOLE and SPOOL: 3215, 2540, 1403 ... */
	char text[DIR_TEXT_LEN + 1];	/* further operands, upper-case, single blanks */
};

struct dir_build {
	char member[DIR_NAME_SIZE];
	char subconfig[DIR_NAME_SIZE];
};

struct dir_stmt {
	uint8_t kind;			/* enum dir_stmt_kind */
	uint32_t line;
	union {
		char include[DIR_NAME_SIZE];
		struct dir_build build;
		uint64_t storage;	/* DS_STORAGE, DS_MAXSTORAGE: bytes */
		struct dir_machine machine;
		struct dir_cpu cpu;
		struct dir_ipl ipl;
		struct dir_option option;
		struct dir_vmrelocate vmrelocate;
		struct dir_mdisk mdisk;
		struct dir_link link;
		struct dir_nicdef nicdef;
		struct dir_device device;
	} u;
};

struct dir_entry {
	uint8_t kind;			/* enum dir_entry_kind */
	char name[DIR_NAME_SIZE];
	char password[DIR_PASSWORD_LEN + 1];	/* USER and IDENTITY */
	uint64_t storage, maxstorage;	/* from the USER/IDENTITY statement, bytes */
	char privclass[DIR_PRIVCLASS_LEN + 1];
	uint32_t line;
	unsigned first, nstmts;		/* statements dir->stmts[first .. first + nstmts) */
	int owner;			/* SUBCONFIG: index of the IDENTITY it follows, else -1 */
};

struct directory {
	char file[CFG_FILE_NAME_MAX];
	struct dir_entry *entries;
	unsigned nentries, entries_cap;
	struct dir_stmt *stmts;
	unsigned nstmts, stmts_cap;
	unsigned *by_name;		/* entry indices sorted by name, then line */
};

/* Defaults of the USER/IDENTITY statement. */
#define DIR_DEFAULT_STORAGE (1ull << 20)
#define DIR_MIN_STORAGE (1ull << 20)
#define DIR_MAX_STORAGE (2ull << 40)
#define DIR_DEFAULT_PRIVCLASS "G"

/*
 * Parse a user directory held in buf[0, len). Errors are appended to errs as
 * "file:line: message"; entries and statements that parsed are kept.
 * Returns NULL only when memory runs out.
 */
struct directory *directory_parse(const char *buf, size_t len, const char *file,
				  struct cfg_errors *errs);
void directory_free(struct directory *dir);

/* Entry by name (any kind), the first defined when the name is duplicated; NULL if none. */
const struct dir_entry *directory_find(const struct directory *dir, const char *name);

/* The USER or IDENTITY called `userid`, or NULL. */
const struct dir_entry *directory_find_user(const struct directory *dir, const char *userid);

/* Statement i of entry e (0 <= i < e->nstmts). */
static inline const struct dir_stmt *dir_entry_stmt(const struct directory *dir,
						    const struct dir_entry *e, unsigned i)
{
	return &dir->stmts[e->first + i];
}

const char *dir_entry_kind_name(enum dir_entry_kind kind);
const char *dir_stmt_kind_name(enum dir_stmt_kind kind);
const char *dir_devtype_name(enum dir_devtype type);

#endif
