/* plexvol create, format and info. */
#include "cmds.h"
#include "util.h"
#include "volume.h"
#include "kernel/lib/datetime.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The volser of a map built here (always valid). */
static const char *volser_of(const uint8_t *map)
{
	static struct vol_map_info info;

	vol_map_decode(map, VOL_BLOCK_SIZE, &info, NULL);
	return info.volser;
}

/* TYPE:START:COUNT[:NAME] */
static int parse_extent(const char *spec, struct vol_extent *e)
{
	char buf[64], *fields[5];
	int n = 0;
	struct vol_error err;

	if (!upcase(buf, sizeof(buf), spec))
		return usage_error("--extent %s: too long", spec);
	for (char *p = buf; n < 5;) {
		fields[n++] = p;
		p = strchr(p, ':');
		if (!p)
			break;
		*p++ = '\0';
	}
	if (n < 3 || n > 4)
		return usage_error("--extent %s: expected TYPE:START:COUNT[:NAME]", spec);
	memset(e, 0, sizeof(*e));
	e->type = (uint8_t)vol_extent_type_parse(fields[0]);
	if (!e->type)
		return usage_error("--extent %s: unknown type '%s' (PERM PAGE SPOL TDSK PDR DRCT)",
				   spec, fields[0]);
	if (!parse_u32(fields[1], &e->start_cyl))
		return usage_error("--extent %s: bad start cylinder '%s'", spec, fields[1]);
	if (!parse_u32(fields[2], &e->cyl_count))
		return usage_error("--extent %s: bad cylinder count '%s'", spec, fields[2]);
	if (n == 4 && fields[3][0]) {
		if (vol_name8_check(fields[3], "extent name", &err))
			return usage_error("--extent %s: %s", spec, err.msg);
		strcpy(e->name, fields[3]);
	}
	return 0;
}

/* CLUSTER.SYSTEM into upper-case cluster and system. */
static int parse_owner(const char *spec, char *cluster, char *system)
{
	char buf[40], *dot;
	struct vol_error err;

	if (!upcase(buf, sizeof(buf), spec) || !(dot = strchr(buf, '.')))
		return usage_error("--owner %s: expected CLUSTER.SYSTEM", spec);
	*dot = '\0';
	if (vol_name8_check(buf, "owner cluster", &err) ||
	    vol_name8_check(dot + 1, "owner system", &err))
		return usage_error("--owner %s: %s", spec, err.msg);
	strcpy(cluster, buf);
	strcpy(system, dot + 1);
	return 0;
}

/*
 * The label and the map of a new volume, from the options; everything is
 * checked here, before any file is touched.
 */
static int build_metadata(struct opts *o, const char *volser_in, uint32_t cyls,
			  uint8_t *label, uint8_t *map)
{
	char volser[16], cluster[16] = "", system[16] = "";
	struct vol_error err;
	int rc;

	if (!upcase(volser, sizeof(volser), volser_in) || vol_volser_check(volser, &err))
		return usage_error("--volser %s: %s", volser_in,
				   strlen(volser_in) >= sizeof(volser) ? "too long" : err.msg);
	if (o->owner && (rc = parse_owner(o->owner, cluster, system)))
		return rc;
	if (vol_label_encode(label, VOL_LABEL_LEN, volser, &err) ||
	    vol_map_format(map, VOL_BLOCK_SIZE, volser, cyls, tod_now(), &err) ||
	    vol_map_set_owner(map, VOL_BLOCK_SIZE, cluster, system, &err))
		return errmsg("%s", err.msg);
	for (int i = 0; i < o->nextents; i++) {
		struct vol_extent e;

		if ((rc = parse_extent(o->extents[i], &e)))
			return rc;
		if (vol_map_add_extent(map, VOL_BLOCK_SIZE, &e, &err))
			return errmsg("--extent %s: %s", o->extents[i], err.msg);
	}
	return 0;
}

int cmd_create(struct opts *o)
{
	uint8_t label[VOL_LABEL_LEN], map[VOL_BLOCK_SIZE];
	enum bdev_type type;
	struct vol_error err;
	struct bdev b;
	uint32_t cyls;
	int rc;

	if (o->npos != 1)
		return usage_error("create: expected one FILE");
	if (!o->type || !o->cyls || !o->volser)
		return usage_error("create: --type, --cyls and --volser are required");
	if (!strcmp(o->type, "3390"))
		type = BDEV_CKD;
	else if (!strcmp(o->type, "raw"))
		type = BDEV_RAW;
	else
		return usage_error("--type %s: expected 3390 or raw", o->type);
	if (!parse_u32(o->cyls, &cyls))
		return usage_error("--cyls %s: not a number", o->cyls);
	if (vol_check_cylinders(cyls, &err))
		return usage_error("--cyls: %s", err.msg);
	if ((rc = build_metadata(o, o->volser, cyls, label, map)))
		return rc;
	if (bdev_create(&b, o->pos[0], type, cyls, label, o->force) ||
	    bdev_write_block(&b, VOL_MAP_BLOCK, map) || bdev_close(&b)) {
		errmsg("%s", b.err);
		if (b.fd >= 0) {
			/* The file was created (or truncated): do not leave half a volume. */
			bdev_close(&b);
			unlink(o->pos[0]);
		}
		return -1;
	}
	printf("%s: %s volume %s, %u cylinders, %u extents\n", o->pos[0],
	       type == BDEV_CKD ? "3390" : "raw", volser_of(map), cyls, (unsigned)o->nextents);
	return 0;
}

int cmd_format(struct opts *o)
{
	uint8_t label[VOL_LABEL_LEN], map[VOL_BLOCK_SIZE];
	struct vol_label old;
	struct bdev b;
	const char *volser = o->volser;
	int rc;

	if (o->npos != 1)
		return usage_error("format: expected one FILE");
	if (bdev_open(&b, o->pos[0], true))
		return errmsg("%s", b.err);
	if (!volser) {
		if (bdev_read_label(&b, label) || vol_label_decode(label, sizeof(label), &old, NULL)) {
			bdev_close(&b);
			return usage_error("format: %s has no readable VOL1 label; give --volser",
					   o->pos[0]);
		}
		volser = old.volser;
	}
	rc = build_metadata(o, volser, b.cyls, label, map);
	if (rc) {
		bdev_close(&b);
		return rc;
	}
	if (bdev_format(&b, label) || bdev_write_block(&b, VOL_MAP_BLOCK, map) || bdev_close(&b)) {
		errmsg("%s", b.err);
		bdev_close(&b);
		return -1;
	}
	printf("%s: formatted %s volume %s, %u cylinders, %u extents\n", o->pos[0],
	       bdev_type_name(&b), volser_of(map), b.cyls, (unsigned)o->nextents);
	return 0;
}

/* "73.5 MiB" */
static void human(uint64_t bytes, char *buf, size_t n)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	uint64_t tenths = bytes * 10 / 1024;
	unsigned u = 0;

	while (tenths >= 10240 && u + 1 < sizeof(units) / sizeof(units[0])) {
		tenths /= 1024;
		u++;
	}
	snprintf(buf, n, "%llu.%llu %s", (unsigned long long)(tenths / 10),
		 (unsigned long long)(tenths % 10), units[u]);
}

static void table_row(const char *type, uint32_t start, uint32_t end, const char *name)
{
	printf("%-6s %8u %8u %8u  %s\n", type, start, end, end - start + 1, name);
}

int cmd_info(struct opts *o)
{
	struct volume v;
	struct datetime dt;
	char size[32];
	unsigned idx[VOL_MAP_MAX_EXTENTS];
	uint32_t next = 1, free_cyls = 0;
	int rc;

	if (o->npos != 1)
		return usage_error("info: expected one FILE");
	rc = volume_open(&v, o->pos[0], false);
	if (rc) {
		if (v.have_label)
			printf("Label     VOL1 %s, owner %s%s (%s)\nMap       none usable\n",
			       v.label.volser, v.label.owner[0] ? v.label.owner : "(blank)",
			       v.label.has_vtoc ? ", has a VTOC pointer" : "",
			       bdev_type_name(&v.bd));
		volume_close(&v);
		return rc;
	}
	human(vol_cyls_bytes(v.info.cylinders), size, sizeof(size));
	printf("Volume    %s\n", v.info.volser);
	printf("Image     %s (%s)\n", o->pos[0],
	       v.bd.type == BDEV_CKD ? "3390 CKD image, Hercules CKD_P370" :
				       "raw image, 4096-byte blocks");
	printf("Label     VOL1 %s, owner %s%s\n", v.label.volser,
	       v.label.owner[0] ? v.label.owner : "(blank)",
	       v.label.has_vtoc ? ", has a VTOC pointer" : "");
	printf("Geometry  %u cylinders, %u tracks/cylinder, %u blocks/track of %u bytes, "
	       "device type %04X\n", v.info.cylinders, VOL_TRACKS_PER_CYL, VOL_BLOCKS_PER_TRACK,
	       VOL_BLOCK_SIZE, v.info.device_type);
	printf("Capacity  %llu blocks (%s)\n",
	       (unsigned long long)vol_cyls_blocks(v.info.cylinders), size);
	if (v.info.owner_cluster[0])
		printf("Owner     %s.%s%s\n", v.info.owner_cluster, v.info.owner_system,
		       strcmp(v.info.owner_system, VOL_MAP_OWNER_NOSYS) ? "" :
		       " (shared by the cluster)");
	else
		printf("Owner     (none: not CP-owned)\n");
	tod_to_datetime(v.info.created_tod, &dt);
	printf("Created   %04d-%02d-%02d %02d:%02d:%02d UTC\n", dt.year, dt.month, dt.day,
	       dt.hour, dt.minute, dt.second);
	printf("Map       block %u (cylinder 0 head 1 record 1), version %u, checksum %08X, "
	       "%u extents\n\n", VOL_MAP_BLOCK, v.info.version, v.info.checksum,
	       v.info.extent_count);

	/* Extents in cylinder order, with the free gaps between them. */
	for (unsigned i = 0; i < v.info.extent_count; i++) {
		struct vol_extent a, b;
		unsigned j = i;

		idx[i] = i;
		vol_map_get_extent(v.map, sizeof(v.map), i, &a, NULL);
		while (j > 0) {
			vol_map_get_extent(v.map, sizeof(v.map), idx[j - 1], &b, NULL);
			if (b.start_cyl <= a.start_cyl)
				break;
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = i;
	}
	printf("%-6s %8s %8s %8s  %s\n", "TYPE", "START", "END", "TOTAL", "NAME");
	printf("%-6s %8s %8s %8s  %s\n", "----", "-----", "---", "-----", "----");
	table_row("LABEL", 0, 0, "(VOL1 label, allocation map)");
	for (unsigned i = 0; i < v.info.extent_count; i++) {
		struct vol_extent e;

		vol_map_get_extent(v.map, sizeof(v.map), idx[i], &e, NULL);
		if (e.start_cyl > next) {
			table_row("FREE", next, e.start_cyl - 1, "");
			free_cyls += e.start_cyl - next;
		}
		table_row(vol_extent_type_name(e.type), e.start_cyl,
			  e.start_cyl + e.cyl_count - 1, e.name);
		next = e.start_cyl + e.cyl_count;
	}
	if (next < v.info.cylinders) {
		table_row("FREE", next, v.info.cylinders - 1, "");
		free_cyls += v.info.cylinders - next;
	}
	printf("\n%u of %u cylinders allocated, %u free\n", v.info.cylinders - 1 - free_cyls,
	       v.info.cylinders - 1, free_cyls);
	return volume_close(&v);
}
