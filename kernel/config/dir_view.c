/* Effective directory entries: profile, entry and member SUBCONFIG merged. */
#include "kernel/config/dir_view.h"
#include <string.h>

const struct dir_entry *dir_subconfig_for(const struct directory *dir, const struct dir_entry *e,
					  const char *member)
{
	if (!member || !member[0] || e->kind != DIR_IDENTITY)
		return NULL;
	for (unsigned i = 0; i < e->nstmts; i++) {
		const struct dir_stmt *s = dir_entry_stmt(dir, e, i);
		const struct dir_entry *sub;

		if (s->kind != DS_BUILD || strcmp(s->u.build.member, member) != 0)
			continue;
		sub = directory_find(dir, s->u.build.subconfig);
		if (sub && sub->kind == DIR_SUBCONFIG && sub->owner >= 0 &&
		    &dir->entries[sub->owner] == e)
			return sub;
		return NULL;
	}
	return NULL;
}

const struct dir_entry *dir_profile_of(const struct directory *dir, const struct dir_entry *e)
{
	const struct dir_entry *p;

	if (e->nstmts == 0 || dir_entry_stmt(dir, e, 0)->kind != DS_INCLUDE)
		return NULL;
	p = directory_find(dir, dir_entry_stmt(dir, e, 0)->u.include);
	return p && p->kind == DIR_PROFILE ? p : NULL;
}

void dir_view_of(struct dir_view *v, const struct directory *dir, const struct dir_entry *e,
		 const char *member)
{
	memset(v, 0, sizeof(*v));
	v->dir = dir;
	v->layer[DIR_LAYER_PROFILE] = dir_profile_of(dir, e);
	v->layer[DIR_LAYER_ENTRY] = e;
	v->layer[DIR_LAYER_SUBCONFIG] = dir_subconfig_for(dir, e, member);
	if (member)
		memcpy(v->member, member, strnlen(member, CFG_NAME_LEN));
	v->storage = e->storage;
	v->maxstorage = e->maxstorage;
	/* Later layers override earlier ones; the entry line is the base. */
	for (unsigned l = 0; l < DIR_LAYERS; l++) {
		const struct dir_entry *le = v->layer[l];

		for (unsigned i = 0; le && i < le->nstmts; i++) {
			const struct dir_stmt *s = dir_entry_stmt(dir, le, i);

			if (s->kind == DS_STORAGE)
				v->storage = s->u.storage;
			else if (s->kind == DS_MAXSTORAGE)
				v->maxstorage = s->u.storage;
		}
	}
}

int dir_view_init(struct dir_view *v, const struct directory *dir, const char *userid,
		  const char *member)
{
	const struct dir_entry *e = directory_find_user(dir, userid);

	if (!e) {
		memset(v, 0, sizeof(*v));
		return -1;
	}
	dir_view_of(v, dir, e, member);
	return 0;
}

const struct dir_stmt *dir_view_next(const struct dir_view *v, unsigned *iter,
				     enum dir_layer *layer)
{
	for (;;) {
		unsigned k = *iter, l = 0;
		const struct dir_stmt *s;

		/* Find the layer holding the k-th statement of the concatenation. */
		while (l < DIR_LAYERS && (!v->layer[l] || k >= v->layer[l]->nstmts)) {
			if (v->layer[l])
				k -= v->layer[l]->nstmts;
			l++;
		}
		if (l == DIR_LAYERS)
			return NULL;
		(*iter)++;
		s = dir_entry_stmt(v->dir, v->layer[l], k);
		if (s->kind == DS_INCLUDE || s->kind == DS_BUILD || s->kind == DS_STORAGE ||
		    s->kind == DS_MAXSTORAGE)
			continue;
		if (layer)
			*layer = (enum dir_layer)l;
		return s;
	}
}
