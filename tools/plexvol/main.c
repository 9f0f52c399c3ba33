/*
 * plexvol: create and edit PlexVM volume images (Hercules 3390 CKD images and
 * raw images) with the kernel's own volume format library, kernel/vol.
 */
#include "cmds.h"
#include "util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
"Usage: plexvol COMMAND FILE [ARGUMENTS...]\n"
"\n"
"Create and edit PlexVM volume images: 3390 volumes as Hercules CKD image files\n"
"(CKD_P370) and raw images (whole cylinders of 4096-byte blocks, e.g. for QEMU\n"
"virtio-blk). Both hold the same blocks; only the VOL1 label's place differs.\n"
"\n"
"Commands:\n"
"  create FILE --type 3390|raw --cyls N --volser VOLSER [--owner CLUSTER.SYSTEM]\n"
"         [--extent TYPE:START:COUNT[:NAME]]... [--force]\n"
"      Create a volume of N cylinders with every track formatted, the VOL1 label\n"
"      and the allocation map. --force replaces an existing FILE.\n"
"  format FILE [--volser VOLSER] [--owner CLUSTER.SYSTEM]\n"
"         [--extent TYPE:START:COUNT[:NAME]]...\n"
"      Format an existing image in place (e.g. one made by Hercules' dasdinit),\n"
"      keeping its type and size. Everything on it is lost. VOLSER defaults to\n"
"      the volser in the image's label.\n"
"  info FILE\n"
"      Show the label, geometry, owner and extent table.\n"
"  put FILE --extent START[:COUNT] NAME INPUT [NAME INPUT]...\n"
"      Store INPUT files (\"-\" = stdin) as NAME in the file directory of the\n"
"      extent that starts at cylinder START, creating the directory if the extent\n"
"      has none (its first block must then be unused, all zeros) and replacing a\n"
"      file of the same name. With COUNT, a missing extent is first added to the\n"
"      map as PERM START:COUNT, and an existing one must have COUNT cylinders.\n"
"      Files go in PERM or DRCT extents.\n"
"  get FILE --extent START NAME OUTPUT\n"
"      Copy file NAME out to OUTPUT (\"-\" = stdout), checking its CRC-32.\n"
"  ls FILE --extent START\n"
"      List the files of the extent that starts at cylinder START.\n"
"  rm FILE --extent START NAME...\n"
"      Remove files from the extent's directory.\n"
"  read-block FILE BLOCK [--raw]\n"
"      Hex dump of block BLOCK; --raw writes its 4096 bytes to stdout instead.\n"
"  write-block FILE BLOCK INPUT\n"
"      Write INPUT (at most 4096 bytes, zero-padded; \"-\" = stdin) to BLOCK.\n"
"\n"
"TYPE is PERM, PAGE, SPOL, TDSK, PDR or DRCT. Extents lie within cylinders\n"
"1..N-1; cylinder 0 holds the label and the allocation map (block 12). Block b\n"
"is cylinder b/180, head (b/12)%15, record b%12+1; on a 3390 track 0 (blocks\n"
"0-11) holds the label records instead of blocks. VOLSER is 1-6 characters\n"
"A-Z 0-9 $ # @; CLUSTER, SYSTEM and NAME are 1-8 characters A-Z 0-9 $ # @ _ -\n"
"(all upper-cased). SYSTEM NOSYS marks a volume shared by the whole cluster.\n"
"Numbers are decimal or 0x-prefixed hexadecimal.\n"
"\n"
"Exit status: 0 success, 1 error, 2 usage error.\n";

int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("plexvol: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'plexvol --help'.\n", stderr);
	return EXIT_USAGE;
}

struct command {
	const char *name;
	int (*fn)(struct opts *);
	const char *options;   /* the options it takes, space-separated */
};

static const struct command commands[] = {
	{ "create", cmd_create, "--type --cyls --volser --owner --extent* --force" },
	{ "format", cmd_format, "--volser --owner --extent*" },
	{ "info", cmd_info, "" },
	{ "put", cmd_put, "--extent" },
	{ "get", cmd_get, "--extent" },
	{ "ls", cmd_ls, "--extent" },
	{ "rm", cmd_rm, "--extent" },
	{ "read-block", cmd_read_block, "--raw" },
	{ "write-block", cmd_write_block, "" },
};

/* Is --name (with "*" for repeatable) in the command's list? */
static bool takes(const struct command *c, const char *name, bool *repeat)
{
	size_t n = strlen(name);
	const char *p = c->options;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == c->options || p[-1] == ' ') && (p[n] == ' ' || p[n] == '*' || !p[n])) {
			*repeat = p[n] == '*';
			return true;
		}
		p += n;
	}
	return false;
}

static const char **slot(struct opts *o, const char *name)
{
	if (!strcmp(name, "--type")) return &o->type;
	if (!strcmp(name, "--cyls")) return &o->cyls;
	if (!strcmp(name, "--volser")) return &o->volser;
	if (!strcmp(name, "--owner")) return &o->owner;
	if (!strcmp(name, "--extent")) return &o->extent;
	return NULL;
}

static int parse(const struct command *c, int argc, char **argv, struct opts *o)
{
	bool only_pos = false;

	memset(o, 0, sizeof(*o));
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		char name[32];
		bool repeat;

		if (!only_pos && !strcmp(a, "--")) {
			only_pos = true;
			continue;
		}
		if (only_pos || strncmp(a, "--", 2) != 0) {
			if (o->npos == MAX_POS)
				return usage_error("too many arguments");
			o->pos[o->npos++] = a;
			continue;
		}
		/* --name or --name=value */
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(a, "="), a);
		if (a[strlen(name)] == '=')
			val = a + strlen(name) + 1;
		if (!takes(c, name, &repeat))
			return usage_error("%s: unknown option %s", c->name, name);
		if (!strcmp(name, "--force") || !strcmp(name, "--raw")) {
			if (val)
				return usage_error("%s takes no value", name);
			if (!strcmp(name, "--force"))
				o->force = true;
			else
				o->raw = true;
			continue;
		}
		if (!val) {
			if (i + 1 >= argc)
				return usage_error("%s needs a value", name);
			val = argv[++i];
		}
		if (repeat) {
			if (o->nextents == MAX_EXTENT_OPTS)
				return usage_error("too many %s options", name);
			o->extents[o->nextents++] = val;
		} else {
			const char **s = slot(o, name);

			if (*s)
				return usage_error("%s given twice", name);
			*s = val;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o;

	if (argc < 2)
		return usage_error("no command");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(usage_text, stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		int rc;

		if (strcmp(argv[1], commands[i].name) != 0)
			continue;
		for (int k = 2; k < argc; k++) {
			if (!strcmp(argv[k], "--help")) {
				fputs(usage_text, stdout);
				return 0;
			}
		}
		rc = parse(&commands[i], argc - 2, argv + 2, &o);
		if (rc)
			return rc;
		rc = commands[i].fn(&o);
		return rc < 0 ? 1 : rc;
	}
	return usage_error("unknown command '%s'", argv[1]);
}
