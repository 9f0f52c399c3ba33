/*
 * Directory statements that define virtual devices:
 *   MDISK vdev devtype start size|END volser [mode [pr [pw [pm]]]]
 *   MDISK vdev devtype T-DISK|V-DISK size [mode]
 *   MDISK vdev devtype DEVNO rdev [mode [pr [pw [pm]]]]
 *   LINK userid|* vdev vdev2 mode
 *   NICDEF vdev TYPE QDIO|HIPERSOCKETS [DEVICES n] [LAN owner|SYSTEM name]
 *          [CHPID xx] [MACID xxxxxx]
 *   CONSOLE vdev 3215|3270 [operands]    SPOOL vdev devtype [operands]
 *   DEDICATE vdev rdev [operands]
 */
#include "kernel/config/dir_parser.h"
#include "kernel/config/dir_limits.h"
#include <string.h>

bool dir_mode_valid(const struct cfg_token *t, char out[5])
{
	static const char *const bases[] = { "RR", "WR", "MR", "MW", "R", "W", "M" };
	char m[8];
	size_t n;

	if (t->len == 0 || t->len > 4)
		return false;
	for (uint32_t i = 0; i < t->len; i++) {
		char ch = t->text[i];

		m[i] = (ch >= 'a' && ch <= 'z') ? (char)(ch - 'a' + 'A') : ch;
	}
	m[t->len] = '\0';
	for (size_t b = 0; b < ARRAY_SIZE(bases); b++) {
		n = strlen(bases[b]);
		if (strncmp(m, bases[b], n) != 0)
			continue;
		if (m[n] == 'E')
			n++;
		if (m[n] == 'V')
			n++;
		if (m[n] != '\0')
			return false;
		memcpy(out, m, t->len + 1);
		return true;
	}
	return false;
}

static bool take_mode(struct cfg_cursor *c, char out[5])
{
	const struct cfg_token *t = cur_take(c);
	char shown[32];

	if (!t) {
		cur_error(c, NULL, "missing link mode");
		return false;
	}
	if (dir_mode_valid(t, out))
		return true;
	tok_show(t, shown, sizeof(shown));
	cur_error(c, t, "link mode '%s' must be R, RR, W, WR, M, MR or MW, optionally followed by E and/or V",
		  shown);
	return false;
}

/* [mode [pr [pw [pm]]]]: mode W when omitted. */
static bool take_mode_and_passwords(struct cfg_cursor *c, struct dir_mdisk *md, bool passwords)
{
	static const char *const what[] = { "read password", "write password", "multiple password" };

	memcpy(md->mode, "W", 2);
	if (cur_end(c))
		return true;
	if (!take_mode(c, md->mode))
		return false;
	for (unsigned i = 0; passwords && i < 3 && !cur_end(c); i++)
		if (!cur_name(c, what[i], DIR_PASSWORD_LEN, CS_WORD, md->password[i]))
			return false;
	return cur_done(c);
}

static bool take_devtype(struct cfg_cursor *c, uint8_t *type)
{
	const struct cfg_token *t = cur_take(c);
	char shown[32];

	if (!t) {
		cur_error(c, NULL, "missing device type");
		return false;
	}
	for (unsigned i = 0; i < DIR_DEVTYPE_COUNT; i++) {
		if (tok_is(t, dir_devtype_name((enum dir_devtype)i))) {
			*type = (uint8_t)i;
			return true;
		}
	}
	tok_show(t, shown, sizeof(shown));
	cur_error(c, t, "unknown device type '%s' (expected 3390, 3380, 9336 or FB-512)", shown);
	return false;
}

static bool take_vdev(struct cfg_cursor *c, const char *desc, uint16_t *vdev)
{
	uint32_t v;

	if (!cur_hex(c, desc, 4, &v))
		return false;
	*vdev = (uint16_t)v;
	return true;
}

bool dir_parse_mdisk(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	struct dir_mdisk *md = &s->u.mdisk;
	const struct cfg_token *t, *start_tok;
	uint64_t limit, start, size;
	const char *unit;
	uint32_t rdev;

	(void)p;
	if (!take_vdev(c, "virtual device", &md->vdev) || !take_devtype(c, &md->devtype))
		return false;
	limit = dir_devtype_limit((enum dir_devtype)md->devtype);
	unit = dir_devtype_unit((enum dir_devtype)md->devtype);
	t = cur_peek(c);
	if (t && (tok_is(t, "T-DISK") || tok_is(t, "V-DISK"))) {
		cur_take(c);
		md->alloc = tok_is(t, "T-DISK") ? DA_TDISK : DA_VDISK;
		if (md->alloc == DA_VDISK) {
			if (md->devtype != DT_FB512) {
				cur_error(c, t, "V-DISK needs device type FB-512");
				return false;
			}
			limit = DIR_VDISK_MAX_BLOCKS;
		}
		if (!cur_dec(c, "size", 1, limit, &size))
			return false;
		md->size = (uint32_t)size;
		return take_mode_and_passwords(c, md, false);
	}
	if (t && tok_is(t, "DEVNO")) {
		cur_take(c);
		md->alloc = DA_DEVNO;
		if (!cur_hex(c, "real device", 4, &rdev))
			return false;
		md->devno = (uint16_t)rdev;
		return take_mode_and_passwords(c, md, true);
	}
	md->alloc = DA_EXTENT;
	start_tok = cur_peek(c);
	if (!cur_dec(c, "start", 0, limit - 1, &start))
		return false;
	md->start = (uint32_t)start;
	t = cur_peek(c);
	if (t && tok_is(t, "END")) {
		cur_take(c);
		md->to_end = true;
	} else {
		if (!cur_dec(c, "size", 1, limit, &size))
			return false;
		if (start + size > limit) {
			cur_error(c, start_tok, "extent %llu+%llu exceeds the %llu %s of a %s",
				  (unsigned long long)start, (unsigned long long)size,
				  (unsigned long long)limit, unit,
				  dir_devtype_name((enum dir_devtype)md->devtype));
			return false;
		}
		md->size = (uint32_t)size;
	}
	if (!cur_name(c, "volser", CFG_VOLSER_LEN, CS_NAME, md->volser))
		return false;
	return take_mode_and_passwords(c, md, true);
}

bool dir_parse_link(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	struct dir_link *l = &s->u.link;
	const struct cfg_token *t = cur_peek(c);

	(void)p;
	if (t && t->len == 1 && t->text[0] == '*') {
		cur_take(c);
		memcpy(l->user, "*", 2);
	} else if (!cur_name(c, "userid", CFG_NAME_LEN, CS_USERID, l->user)) {
		return false;
	}
	return take_vdev(c, "virtual device", &l->vdev) &&
	       take_vdev(c, "virtual device", &l->as_vdev) && take_mode(c, l->mode) && cur_done(c);
}

bool dir_parse_nicdef(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	struct dir_nicdef *nic = &s->u.nicdef;
	bool have_type = false;
	uint64_t n;
	uint32_t v;

	(void)p;
	nic->devices = DIR_NIC_DEFAULT_DEVICES;
	if (!take_vdev(c, "virtual device", &nic->vdev))
		return false;
	while (!cur_end(c)) {
		const struct cfg_token *t = cur_peek(c);
		char shown[32];

		if (cur_keyword(c, "TYPE", 4)) {
			const struct cfg_token *ty = cur_take(c);

			if (ty && tok_is(ty, "QDIO")) {
				nic->type = NIC_QDIO;
			} else if (ty && tok_abbrev(ty, "HIPERSOCKETS", 5)) {
				nic->type = NIC_HIPERSOCKETS;
			} else {
				cur_error(c, ty, "TYPE must be QDIO or HIPERSOCKETS");
				return false;
			}
			have_type = true;
		} else if (cur_keyword(c, "DEVICES", 3)) {
			if (!cur_dec(c, "DEVICES", DIR_NIC_MIN_DEVICES, DIR_NIC_MAX_DEVICES, &n))
				return false;
			nic->devices = (uint16_t)n;
		} else if (cur_keyword(c, "LAN", 3)) {
			const struct cfg_token *o = cur_peek(c);

			if (o && tok_is(o, "SYSTEM")) {
				cur_take(c);
				memcpy(nic->lan_owner, "SYSTEM", 7);
			} else if (!cur_name(c, "LAN owner", CFG_NAME_LEN, CS_USERID, nic->lan_owner)) {
				return false;
			}
			if (!cur_name(c, "LAN name", CFG_NAME_LEN, CS_NAME, nic->lan_name))
				return false;
		} else if (cur_keyword(c, "CHPID", 5)) {
			if (!cur_hex(c, "CHPID", 2, &v))
				return false;
			nic->chpid = (uint8_t)v;
			nic->has_chpid = true;
		} else if (cur_keyword(c, "MACID", 5)) {
			const struct cfg_token *m = cur_peek(c);

			if (!cur_hex(c, "MACID", 6, &nic->macid))
				return false;
			if (m->len != 6) {
				cur_error(c, m, "MACID must be 6 hexadecimal digits");
				return false;
			}
			nic->has_macid = true;
		} else {
			tok_show(t, shown, sizeof(shown));
			cur_error(c, t, "unexpected operand '%s'", shown);
			return false;
		}
	}
	if (!have_type) {
		cur_error(c, NULL, "missing TYPE QDIO or TYPE HIPERSOCKETS");
		return false;
	}
	if ((unsigned)nic->vdev + nic->devices - 1 > 0xFFFF) {
		cur_error(c, NULL, "devices %04X-%X exceed FFFF", nic->vdev,
			  (unsigned)nic->vdev + nic->devices - 1);
		return false;
	}
	return true;
}

/* Device type from a list, then the rest of the operands as text. */
static bool device_with_type(struct cfg_cursor *c, struct dir_device *d,
			     const char *const *types, size_t ntypes, const char *expected)
{
	const struct cfg_token *t;
	char shown[32];

	if (!take_vdev(c, "virtual device", &d->vdev))
		return false;
	t = cur_take(c);
	if (!t) {
		cur_error(c, NULL, "missing device type");
		return false;
	}
	for (size_t i = 0; i < ntypes; i++) {
		if (tok_is(t, types[i])) {
			memcpy(d->devtype, types[i], strlen(types[i]) + 1);
			return cur_join_operands(c, d->text, sizeof(d->text));
		}
	}
	tok_show(t, shown, sizeof(shown));
	cur_error(c, t, "unknown device type '%s' (expected %s)", shown, expected);
	return false;
}

bool dir_parse_console(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	static const char *const types[] = { "3215", "3270" };

	(void)p;
	return device_with_type(c, &s->u.device, types, ARRAY_SIZE(types), "3215 or 3270");
}

bool dir_parse_spool(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	static const char *const types[] = { "1403", "2540", "3203", "3211", "3262", "3505",
					     "3525", "3800", "4245", "4248", "6262" };

	(void)p;
	return device_with_type(c, &s->u.device, types, ARRAY_SIZE(types),
				"a reader, punch or printer type such as 2540 or 1403");
}

bool dir_parse_dedicate(struct dir_parser *p, struct cfg_cursor *c, struct dir_stmt *s)
{
	uint32_t rdev;

	(void)p;
	if (!take_vdev(c, "virtual device", &s->u.device.vdev) ||
	    !cur_hex(c, "real device", 4, &rdev))
		return false;
	s->u.device.rdev = (uint16_t)rdev;
	return cur_join_operands(c, s->u.device.text, sizeof(s->u.device.text));
}
