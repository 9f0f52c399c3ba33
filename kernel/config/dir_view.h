/*
 * The effective directory entry of one user on one member: the statements
 * of its INCLUDEd PROFILE, then its own, then (for an IDENTITY) those of the
 * SUBCONFIG its BUILD statement names for that member. INCLUDE, BUILD,
 * STORAGE and MAXSTORAGE are resolved: the effective storage sizes are in
 * the view, the statements are skipped by the iterator.
 */
#ifndef PLEXVM_CONFIG_DIR_VIEW_H
#define PLEXVM_CONFIG_DIR_VIEW_H

#include <stddef.h>
#include <stdint.h>
#include "kernel/config/directory.h"
#include "kernel/config/cfg_emit.h"

enum dir_layer { DIR_LAYER_PROFILE, DIR_LAYER_ENTRY, DIR_LAYER_SUBCONFIG, DIR_LAYERS };

struct dir_view {
	const struct directory *dir;
	const struct dir_entry *layer[DIR_LAYERS];	/* profile, entry, subconfig (NULL if none) */
	char member[DIR_NAME_SIZE];			/* "" when no member was given */
	uint64_t storage, maxstorage;			/* effective, bytes */
};

/*
 * The view of USER or IDENTITY `userid` on `member` (NULL or "" for none:
 * no SUBCONFIG applies). Returns 0, or -1 when there is no such user.
 */
int dir_view_init(struct dir_view *v, const struct directory *dir, const char *userid,
		  const char *member);

/* Same, for an entry already looked up (a USER or IDENTITY of dir). */
void dir_view_of(struct dir_view *v, const struct directory *dir, const struct dir_entry *e,
		 const char *member);

/* The user or identity itself. */
static inline const struct dir_entry *dir_view_entry(const struct dir_view *v)
{
	return v->layer[DIR_LAYER_ENTRY];
}

/*
 * Next effective statement (start with *iter = 0), or NULL. With `layer`
 * non-NULL, the layer it comes from is stored there.
 */
const struct dir_stmt *dir_view_next(const struct dir_view *v, unsigned *iter,
				     enum dir_layer *layer);

/* The PROFILE an entry INCLUDEs, or NULL (none, or the name is not a PROFILE). */
const struct dir_entry *dir_profile_of(const struct directory *dir, const struct dir_entry *e);

/* The SUBCONFIG an IDENTITY builds on `member`, or NULL. */
const struct dir_entry *dir_subconfig_for(const struct directory *dir, const struct dir_entry *e,
					  const char *member);

#endif
