/*
 * The configuration this member runs with: SYSTEM CONFIG and the user
 * directory, read at IPL from the bundle passed as the initial ramdisk. With
 * no bundle, or one with errors, PlexVM comes up in a minimal state (no
 * cluster, no guests) and says why.
 */
#ifndef PLEXVM_KERNEL_CONFIG_IPL_H
#define PLEXVM_KERNEL_CONFIG_IPL_H

#include "kernel/compiler.h"

struct sysconfig;
struct directory;

struct running_config {
	bool valid;                    /* both files parsed and validated cleanly */
	struct sysconfig *sc;          /* NULL without a bundle */
	struct directory *dir;
	char member[9];                /* this system's name ("" if unidentified) */
	char cluster[9];               /* SSI name ("" outside a cluster) */
	char digest[65];               /* cluster-wide digest, hex */
	unsigned errors;               /* errors found in the files */
	size_t config_bytes, directory_bytes;
	char reason[128];              /* why the configuration is not valid */
};

extern struct running_config config;

#endif
