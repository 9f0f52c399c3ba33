/*
 * SYSTEM CONFIG validation beyond single-statement syntax.
 * Cluster-wide: duplicate SYSTEM_IDENTIFIERs, ISLINK NODE names, relocation
 * domains (members must be SSI members, names unique and not a default
 * domain), VMLAN prefixes across SSI members (USERPREFIX identical on every
 * member and unequal to every MACPREFIX, MACPREFIXes distinct), one device
 * type per EQID. Per member view: duplicate CP_OWNED slots and volumes, user
 * volumes, ISLINK and RDEVICE devices, VSWITCH names, SYSTEM_USERIDS roles,
 * VMLAN operands set twice, ISLINKs on non-CTCA RDEVICEs or to itself, and an
 * SSI member without any ISLINK.
 */
#ifndef PLEXVM_CONFIG_SC_VALIDATE_H
#define PLEXVM_CONFIG_SC_VALIDATE_H

#include "kernel/config/sysconfig.h"
#include "kernel/config/cfg_errors.h"

/*
 * Validate the cluster-wide part and the view of `member`, or of every
 * known system when member is NULL. An unknown member is reported too.
 */
void sysconfig_validate(const struct sysconfig *sc, const char *member, struct cfg_errors *errs);

#endif
