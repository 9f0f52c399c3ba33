/* User directory model: lifetime, lookups by name and names for output. */
#include "kernel/config/directory.h"
#include "kernel/config/cfg_text.h"
#include "kernel/alloc.h"
#include <string.h>

void directory_free(struct directory *dir)
{
	if (!dir)
		return;
	kfree(dir->entries);
	kfree(dir->stmts);
	kfree(dir->by_name);
	kfree(dir);
}

const struct dir_entry *directory_find(const struct directory *dir, const char *name)
{
	unsigned lo = 0, hi = dir->nentries;

	if (!dir->by_name || !name[0] || strnlen(name, DIR_NAME_SIZE) > CFG_NAME_LEN)
		return NULL;
	/* First entry whose name is >= name; the index sorts duplicates by line. */
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (strcmp(dir->entries[dir->by_name[mid]].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < dir->nentries && strcmp(dir->entries[dir->by_name[lo]].name, name) == 0)
		return &dir->entries[dir->by_name[lo]];
	return NULL;
}

const struct dir_entry *directory_find_user(const struct directory *dir, const char *userid)
{
	const struct dir_entry *e = directory_find(dir, userid);

	if (e && (e->kind == DIR_USER || e->kind == DIR_IDENTITY))
		return e;
	return NULL;
}

const char *dir_entry_kind_name(enum dir_entry_kind kind)
{
	switch (kind) {
	case DIR_USER: return "USER";
	case DIR_IDENTITY: return "IDENTITY";
	case DIR_PROFILE: return "PROFILE";
	case DIR_SUBCONFIG: return "SUBCONFIG";
	}
	return "?";
}

const char *dir_stmt_kind_name(enum dir_stmt_kind kind)
{
	static const char *const names[DS_KIND_COUNT] = {
		[DS_INCLUDE] = "INCLUDE", [DS_BUILD] = "BUILD", [DS_STORAGE] = "STORAGE",
		[DS_MAXSTORAGE] = "MAXSTORAGE", [DS_MACHINE] = "MACHINE", [DS_CPU] = "CPU",
		[DS_IPL] = "IPL", [DS_OPTION] = "OPTION", [DS_VMRELOCATE] = "VMRELOCATE",
		[DS_MDISK] = "MDISK", [DS_LINK] = "LINK", [DS_NICDEF] = "NICDEF",
		[DS_CONSOLE] = "CONSOLE", [DS_SPOOL] = "SPOOL", [DS_DEDICATE] = "DEDICATE",
	};

	return (unsigned)kind < DS_KIND_COUNT ? names[kind] : "?";
}

const char *dir_devtype_name(enum dir_devtype type)
{
	switch (type) {
	case DT_3390: return "3390";
	case DT_3380: return "3380";
	case DT_9336: return "9336";
	case DT_FB512: return "FB-512";
	}
	return "?";
}
