/*
 * User directory validation across statements and entries:
 * - duplicate entry names (USER, IDENTITY, PROFILE and SUBCONFIG share one namespace);
 * - INCLUDE of an unknown name or of something that is not a PROFILE;
 * - BUILD naming a missing SUBCONFIG, one that does not follow this IDENTITY,
 *   one already used, or a member twice; a SUBCONFIG no BUILD uses;
 * - per effective entry (profile + entry, and + each SUBCONFIG): duplicate
 *   virtual devices (MDISK, LINK, NICDEF ranges, CONSOLE, SPOOL, DEDICATE),
 *   duplicate CPU addresses, STORAGE/MAXSTORAGE/MACHINE/IPL/VMRELOCATE given
 *   twice, maximum storage below storage, more CPUs than MACHINE allows,
 *   VMRELOCATE ON in an IDENTITY;
 * - LINK to an unknown user or to a minidisk the user does not have;
 * - minidisks overlapping on one volume (full-pack overlays, start 0 size
 *   END, are exempt);
 * - with a SYSTEM CONFIG: BUILD members, VMRELOCATE domains and NICDEF
 *   VSWITCHes must exist there, and SYSTEM_USERIDS must be in the directory.
 */
#ifndef PLEXVM_CONFIG_DIR_VALIDATE_H
#define PLEXVM_CONFIG_DIR_VALIDATE_H

#include "kernel/config/directory.h"
#include "kernel/config/sysconfig.h"

/* sc may be NULL: the checks against SYSTEM CONFIG are then skipped. */
void directory_validate(const struct directory *dir, const struct sysconfig *sc,
			struct cfg_errors *errs);

/* Parse, then validate (against sc when not NULL). */
struct directory *directory_load(const char *buf, size_t len, const char *file,
				 const struct sysconfig *sc, struct cfg_errors *errs);

#endif
