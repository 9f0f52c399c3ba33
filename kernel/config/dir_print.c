/* Canonical directory output. */
#include "kernel/config/dir_print.h"
#include "kernel/config/cfg_text.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->len < o->size ? o->buf + o->len : NULL,
		      o->len < o->size ? o->size - o->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

static const char *secret(const char *pw, unsigned flags)
{
	return (flags & DIR_PRINT_PASSWORDS) ? pw : "XXXXXXXX";
}

static void format_mdisk(struct out *o, const struct dir_mdisk *md, unsigned flags)
{
	put(o, "MDISK %04X %s", md->vdev, dir_devtype_name((enum dir_devtype)md->devtype));
	switch ((enum dir_alloc)md->alloc) {
	case DA_TDISK:
	case DA_VDISK:
		put(o, " %s %u %s", md->alloc == DA_TDISK ? "T-DISK" : "V-DISK", (unsigned)md->size,
		    md->mode);
		return;
	case DA_DEVNO:
		put(o, " DEVNO %04X %s", md->devno, md->mode);
		break;
	case DA_EXTENT:
		put(o, " %u", (unsigned)md->start);
		if (md->to_end)
			put(o, " END");
		else
			put(o, " %u", (unsigned)md->size);
		put(o, " %s %s", md->volser, md->mode);
		break;
	}
	for (unsigned i = 0; i < 3 && md->password[i][0]; i++)
		put(o, " %s", secret(md->password[i], flags));
}

static void format_nicdef(struct out *o, const struct dir_nicdef *nic)
{
	put(o, "NICDEF %04X TYPE %s", nic->vdev, nic->type == NIC_QDIO ? "QDIO" : "HIPERSOCKETS");
	if (nic->devices != 3)
		put(o, " DEVICES %u", nic->devices);
	if (nic->lan_owner[0])
		put(o, " LAN %s %s", nic->lan_owner, nic->lan_name);
	if (nic->has_chpid)
		put(o, " CHPID %02X", nic->chpid);
	if (nic->has_macid)
		put(o, " MACID %06X", (unsigned)nic->macid);
}

static void format_ipl(struct out *o, const struct dir_ipl *ipl)
{
	if (ipl->is_vdev)
		put(o, "IPL %04X", ipl->vdev);
	else
		put(o, "IPL %s", ipl->name);
	if (ipl->loadparm[0])
		put(o, " LOADPARM %s", ipl->loadparm);
	if (ipl->parm[0])
		put(o, " PARM %s", ipl->parm);
}

static void put_text(struct out *o, const char *text)
{
	if (text[0])
		put(o, " %s", text);
}

int dir_stmt_format(const struct dir_stmt *s, unsigned flags, char *buf, size_t size)
{
	static const char *const modes[] = { "ESA", "XA", "XC", "Z" };
	struct out o = { buf, size, 0 };
	char a[24];

	if (size)
		buf[0] = '\0';
	switch ((enum dir_stmt_kind)s->kind) {
	case DS_INCLUDE:
		put(&o, "INCLUDE %s", s->u.include);
		break;
	case DS_BUILD:
		put(&o, "BUILD ON %s USING SUBCONFIG %s", s->u.build.member, s->u.build.subconfig);
		break;
	case DS_STORAGE:
	case DS_MAXSTORAGE:
		cfg_format_size(s->u.storage, a, sizeof(a));
		put(&o, "%s %s", s->kind == DS_STORAGE ? "STORAGE" : "MAXSTORAGE", a);
		break;
	case DS_MACHINE:
		put(&o, "MACHINE %s", modes[s->u.machine.mode & 3]);
		if (s->u.machine.maxcpu)
			put(&o, " %u", s->u.machine.maxcpu);
		break;
	case DS_CPU:
		put(&o, "CPU %02X", s->u.cpu.addr);
		if (s->u.cpu.base)
			put(&o, " BASE");
		if (s->u.cpu.has_cpuid)
			put(&o, " CPUID %06X", (unsigned)s->u.cpu.cpuid);
		break;
	case DS_IPL:
		format_ipl(&o, &s->u.ipl);
		break;
	case DS_OPTION:
		put(&o, "OPTION %s", s->u.option.name);
		put_text(&o, s->u.option.value);
		break;
	case DS_VMRELOCATE:
		put(&o, "VMRELOCATE %s", s->u.vmrelocate.on ? "ON" : "OFF");
		if (s->u.vmrelocate.domain[0])
			put(&o, " DOMAIN %s", s->u.vmrelocate.domain);
		break;
	case DS_MDISK:
		format_mdisk(&o, &s->u.mdisk, flags);
		break;
	case DS_LINK:
		put(&o, "LINK %s %04X %04X %s", s->u.link.user, s->u.link.vdev, s->u.link.as_vdev,
		    s->u.link.mode);
		break;
	case DS_NICDEF:
		format_nicdef(&o, &s->u.nicdef);
		break;
	case DS_CONSOLE:
	case DS_SPOOL:
		put(&o, "%s %04X %s", s->kind == DS_CONSOLE ? "CONSOLE" : "SPOOL", s->u.device.vdev,
		    s->u.device.devtype);
		put_text(&o, s->u.device.text);
		break;
	case DS_DEDICATE:
		put(&o, "DEDICATE %04X %04X", s->u.device.vdev, s->u.device.rdev);
		put_text(&o, s->u.device.text);
		break;
	case DS_KIND_COUNT:
		break;
	}
	return (int)o.len;
}

int dir_entry_format(const struct dir_entry *e, uint64_t storage, uint64_t maxstorage,
		     unsigned flags, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	char a[24], b[24];

	if (size)
		buf[0] = '\0';
	if (e->kind == DIR_PROFILE || e->kind == DIR_SUBCONFIG) {
		put(&o, "%s %s", dir_entry_kind_name((enum dir_entry_kind)e->kind), e->name);
		return (int)o.len;
	}
	cfg_format_size(storage, a, sizeof(a));
	cfg_format_size(maxstorage, b, sizeof(b));
	put(&o, "%s %s %s %s %s %s", dir_entry_kind_name((enum dir_entry_kind)e->kind), e->name,
	    secret(e->password, flags), a, b, e->privclass);
	return (int)o.len;
}

void dir_view_print(const struct dir_view *v, unsigned flags, cfg_emit_fn emit, void *ctx)
{
	const struct dir_stmt *s;
	char line[CFG_LINE_MAX];
	unsigned iter = 0;

	dir_entry_format(dir_view_entry(v), v->storage, v->maxstorage, flags, line, sizeof(line));
	emit(ctx, line);
	while ((s = dir_view_next(v, &iter, NULL)) != NULL) {
		dir_stmt_format(s, flags, line, sizeof(line));
		emit(ctx, line);
	}
}

void directory_print(const struct directory *dir, unsigned flags, cfg_emit_fn emit, void *ctx)
{
	char line[CFG_LINE_MAX];

	for (unsigned i = 0; i < dir->nentries; i++) {
		const struct dir_entry *e = &dir->entries[i];

		dir_entry_format(e, e->storage, e->maxstorage, flags, line, sizeof(line));
		emit(ctx, line);
		for (unsigned k = 0; k < e->nstmts; k++) {
			dir_stmt_format(dir_entry_stmt(dir, e, k), flags, line, sizeof(line));
			emit(ctx, line);
		}
	}
}

static void hash_line(void *ctx, const char *line)
{
	sha256_update(ctx, line, strlen(line));
	sha256_update(ctx, "\n", 1);
}

void directory_digest_hex(const struct directory *dir, char out[SHA256_HEX_SIZE])
{
	uint8_t d[SHA256_SIZE];
	struct sha256 s;

	sha256_init(&s);
	hash_line(&s, "PLEXVM USER DIRECT DIGEST 1");
	directory_print(dir, DIR_PRINT_PASSWORDS, hash_line, &s);
	sha256_final(&s, d);
	sha256_hex(d, out);
}
