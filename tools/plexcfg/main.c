/*
 * plexcfg: check, show and bundle PlexVM SYSTEM CONFIG and USER DIRECT files
 * on the host, with the same parser the hypervisor runs at IPL.
 */
#include "io.h"
#include "kernel/config/sysconfig.h"
#include "kernel/config/sc_validate.h"
#include "kernel/config/sc_member.h"
#include "kernel/config/sc_print.h"
#include "kernel/config/sc_digest.h"
#include "kernel/config/directory.h"
#include "kernel/config/dir_validate.h"
#include "kernel/config/dir_view.h"
#include "kernel/config/dir_print.h"
#include "kernel/config/bundle.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_CLEAN 0
#define EXIT_ERRORS 1
#define EXIT_USAGE 2

static const char usage_text[] =
	"Usage:\n"
	"  plexcfg check-config FILE [--member NAME]\n"
	"      Parse and validate a SYSTEM CONFIG: the cluster-wide part and the view\n"
	"      of member NAME (default: of every system it defines).\n"
	"  plexcfg check-directory FILE [--config FILE]\n"
	"      Parse and validate a user directory; with --config, also check it\n"
	"      against that SYSTEM CONFIG (BUILD members, domains, VSWITCHes,\n"
	"      SYSTEM_USERIDS), whose own errors are reported too.\n"
	"  plexcfg show-config FILE --member NAME\n"
	"      Print the effective configuration of member NAME in canonical\n"
	"      SYSTEM CONFIG syntax (member qualifiers resolved), with the digest.\n"
	"  plexcfg show-directory FILE [USERID] [--member NAME] [--passwords]\n"
	"      Print the effective entry of USERID on member NAME (profile and\n"
	"      SUBCONFIG resolved), or the whole directory in canonical form.\n"
	"      Passwords print as XXXXXXXX unless --passwords is given.\n"
	"  plexcfg digest FILE\n"
	"      Print the SHA-256 digest of the cluster-wide part of a SYSTEM CONFIG.\n"
	"  plexcfg bundle -o OUT CONFIG DIRECTORY [--no-check]\n"
	"      Validate both files (refusing to bundle on errors unless --no-check)\n"
	"      and write the IPL bundle (entries \"SYSTEM CONFIG\" and \"USER DIRECT\").\n"
	"  plexcfg check-bundle FILE\n"
	"      Verify a bundle, list its entries, and validate the files inside.\n"
	"  plexcfg --help\n"
	"\n"
	"Errors are printed on stderr as file:line: message. Exit status: 0 when\n"
	"clean, 1 when any error was found, 2 for usage or I/O problems.\n";

static int usage(const char *why)
{
	if (why)
		fprintf(stderr, "plexcfg: %s\n", why);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

struct args {
	const char *pos[3];
	unsigned npos;
	const char *member, *config, *out;
	int passwords, no_check;
};

/* Options may appear anywhere after the command. Returns 0 or a usage error. */
static int parse_args(int argc, char **argv, struct args *a, unsigned max_pos)
{
	memset(a, 0, sizeof(*a));
	for (int i = 2; i < argc; i++) {
		const char **val = NULL;

		if (strcmp(argv[i], "--member") == 0)
			val = &a->member;
		else if (strcmp(argv[i], "--config") == 0)
			val = &a->config;
		else if (strcmp(argv[i], "-o") == 0)
			val = &a->out;
		else if (strcmp(argv[i], "--passwords") == 0)
			a->passwords = 1;
		else if (strcmp(argv[i], "--no-check") == 0)
			a->no_check = 1;
		else if (argv[i][0] == '-' && argv[i][1])
			return usage("unknown option");
		else if (a->npos < max_pos)
			a->pos[a->npos++] = argv[i];
		else
			return usage("too many arguments");
		if (val) {
			if (++i >= argc)
				return usage("option needs a value");
			*val = argv[i];
		}
	}
	return 0;
}

/* Upper-case copy of a member or user name given on the command line. */
static const char *upper_name(const char *in, char *out, size_t size)
{
	size_t i = 0;

	for (; in[i] && i + 1 < size; i++)
		out[i] = (char)(in[i] >= 'a' && in[i] <= 'z' ? in[i] - 'a' + 'A' : in[i]);
	out[i] = '\0';
	return out;
}

static struct sysconfig *load_config(const char *path, const char *member, struct cfg_errors *e,
				     int *io_failed)
{
	struct sysconfig *sc;
	size_t len;
	char *buf = read_file(path, CFG_MAX_FILE_SIZE, &len);

	*io_failed = !buf;
	if (!buf)
		return NULL;
	sc = sysconfig_parse(buf, len, path, e);
	if (sc)
		sysconfig_validate(sc, member, e);
	free(buf);
	if (!sc)
		fprintf(stderr, "plexcfg: %s: out of memory\n", path);
	*io_failed = !sc;
	return sc;
}

static struct directory *load_directory(const char *path, const struct sysconfig *sc,
					struct cfg_errors *e)
{
	struct directory *dir;
	size_t len;
	char *buf = read_file(path, CFG_MAX_FILE_SIZE, &len);

	if (!buf)
		return NULL;
	dir = directory_load(buf, len, path, sc, e);
	free(buf);
	if (!dir)
		fprintf(stderr, "plexcfg: %s: out of memory\n", path);
	return dir;
}

static int finish(struct cfg_errors *e)
{
	unsigned n = print_errors(e);

	cfg_errors_free(e);
	return n ? EXIT_ERRORS : EXIT_CLEAN;
}

static int cmd_check_config(int argc, char **argv)
{
	struct cfg_errors e;
	struct sysconfig *sc;
	struct args a;
	char member[16];
	int rc = parse_args(argc, argv, &a, 1), io;

	if (rc || a.npos != 1)
		return rc ? rc : usage("check-config needs FILE");
	cfg_errors_init(&e);
	sc = load_config(a.pos[0], a.member ? upper_name(a.member, member, sizeof(member)) : NULL,
			 &e, &io);
	if (io) {
		cfg_errors_free(&e);
		return EXIT_USAGE;
	}
	sysconfig_free(sc);
	return finish(&e);
}

static int cmd_check_directory(int argc, char **argv)
{
	struct sysconfig *sc = NULL;
	struct directory *dir;
	struct cfg_errors e;
	struct args a;
	int rc = parse_args(argc, argv, &a, 1), io = 0;

	if (rc || a.npos != 1)
		return rc ? rc : usage("check-directory needs FILE");
	cfg_errors_init(&e);
	if (a.config)
		sc = load_config(a.config, NULL, &e, &io);
	dir = io ? NULL : load_directory(a.pos[0], sc, &e);
	sysconfig_free(sc);
	if (!dir) {
		print_errors(&e);
		cfg_errors_free(&e);
		return EXIT_USAGE;
	}
	directory_free(dir);
	return finish(&e);
}

static int cmd_show_config(int argc, char **argv)
{
	char member[16], hex[SHA256_HEX_SIZE];
	const struct sc_ssi *ssi;
	struct cfg_errors e;
	struct sysconfig *sc;
	struct sc_member m;
	struct args a;
	int rc = parse_args(argc, argv, &a, 1), io;

	if (rc || a.npos != 1 || !a.member)
		return rc ? rc : usage("show-config needs FILE and --member NAME");
	upper_name(a.member, member, sizeof(member));
	cfg_errors_init(&e);
	sc = load_config(a.pos[0], member, &e, &io);
	if (io) {
		cfg_errors_free(&e);
		return EXIT_USAGE;
	}
	if (sysconfig_member(sc, member, &m) == 0) {
		ssi = sysconfig_ssi(sc);
		sysconfig_digest_hex(sc, hex);
		if (ssi && m.slot)
			printf("/* Effective SYSTEM CONFIG of %s, slot %u of SSI %s */\n", m.name, m.slot,
			       ssi->name);
		else
			printf("/* Effective SYSTEM CONFIG of %s */\n", m.name);
		printf("/* Cluster-wide digest %s */\n", hex);
		printf("/* Effective VMLAN MACPREFIX %06X USERPREFIX %06X */\n", (unsigned)m.macprefix,
		       (unsigned)m.userprefix);
		sysconfig_print(sc, SC_PRINT_MEMBER, member, emit_stdout, NULL);
	}
	sysconfig_free(sc);
	return finish(&e);
}

static int cmd_show_directory(int argc, char **argv)
{
	char member[16], user[16];
	struct directory *dir;
	struct cfg_errors e;
	struct dir_view v;
	struct args a;
	int rc = parse_args(argc, argv, &a, 2);
	unsigned flags;

	if (rc || a.npos < 1)
		return rc ? rc : usage("show-directory needs FILE");
	flags = a.passwords ? DIR_PRINT_PASSWORDS : 0;
	cfg_errors_init(&e);
	dir = load_directory(a.pos[0], NULL, &e);
	if (!dir) {
		cfg_errors_free(&e);
		return EXIT_USAGE;
	}
	if (a.npos == 1) {
		directory_print(dir, flags, emit_stdout, NULL);
	} else if (dir_view_init(&v, dir, upper_name(a.pos[1], user, sizeof(user)),
				 a.member ? upper_name(a.member, member, sizeof(member)) : NULL) != 0) {
		cfg_error(&e, dir->file, 0, "no USER or IDENTITY %s", user);
	} else {
		dir_view_print(&v, flags, emit_stdout, NULL);
	}
	directory_free(dir);
	return finish(&e);
}

static int cmd_digest(int argc, char **argv)
{
	char hex[SHA256_HEX_SIZE];
	struct cfg_errors e;
	struct sysconfig *sc;
	struct args a;
	int rc = parse_args(argc, argv, &a, 1), io;

	if (rc || a.npos != 1)
		return rc ? rc : usage("digest needs FILE");
	cfg_errors_init(&e);
	sc = load_config(a.pos[0], NULL, &e, &io);
	if (io) {
		cfg_errors_free(&e);
		return EXIT_USAGE;
	}
	sysconfig_digest_hex(sc, hex);
	puts(hex);
	sysconfig_free(sc);
	return finish(&e);
}

static int cmd_bundle(int argc, char **argv)
{
	struct bundle_item items[2];
	size_t clen = 0, dlen = 0, size, written;
	char *cbuf = NULL, *dbuf = NULL;
	unsigned char *out = NULL;
	struct cfg_errors e;
	struct args a;
	int rc = parse_args(argc, argv, &a, 2), status = EXIT_USAGE;

	if (rc || a.npos != 2 || !a.out)
		return rc ? rc : usage("bundle needs -o OUT CONFIG DIRECTORY");
	cfg_errors_init(&e);
	cbuf = read_file(a.pos[0], CFG_MAX_FILE_SIZE, &clen);
	dbuf = cbuf ? read_file(a.pos[1], CFG_MAX_FILE_SIZE, &dlen) : NULL;
	if (!cbuf || !dbuf)
		goto out;
	if (!a.no_check) {
		struct sysconfig *sc = sysconfig_load(cbuf, clen, a.pos[0], &e);
		struct directory *dir = sc ? directory_load(dbuf, dlen, a.pos[1], sc, &e) : NULL;

		sysconfig_free(sc);
		directory_free(dir);
		if (print_errors(&e)) {
			fprintf(stderr, "plexcfg: not writing %s: fix the errors or use --no-check\n",
				a.out);
			status = EXIT_ERRORS;
			goto out;
		}
	}
	items[0] = (struct bundle_item){ BUNDLE_SYSTEM_CONFIG, cbuf, clen };
	items[1] = (struct bundle_item){ BUNDLE_USER_DIRECT, dbuf, dlen };
	size = bundle_size(items, 2);
	out = size ? malloc(size) : NULL;
	if (!out || (rc = bundle_write(out, size, items, 2, &written)) != BUNDLE_OK) {
		fprintf(stderr, "plexcfg: %s: %s\n", a.out,
			out ? bundle_strerror(rc) : "cannot bundle (files too large?)");
		goto out;
	}
	if (write_file(a.out, out, written) == 0)
		status = EXIT_CLEAN;
out:
	free(out);
	free(cbuf);
	free(dbuf);
	cfg_errors_free(&e);
	return status;
}

static int cmd_check_bundle(int argc, char **argv)
{
	const void *cdata, *ddata;
	size_t len, clen, dlen;
	struct cfg_errors e;
	struct bundle_info info;
	struct args a;
	char *buf;
	int rc = parse_args(argc, argv, &a, 1), n;

	if (rc || a.npos != 1)
		return rc ? rc : usage("check-bundle needs FILE");
	buf = read_file(a.pos[0], (size_t)UINT32_MAX, &len);
	if (!buf)
		return EXIT_USAGE;
	n = bundle_count(buf, len);
	if (n < 0) {
		fprintf(stderr, "%s: %s\n", a.pos[0], bundle_strerror(n));
		free(buf);
		return EXIT_ERRORS;
	}
	for (int i = 0; i < n; i++)
		if (bundle_entry(buf, len, (unsigned)i, &info) == BUNDLE_OK)
			printf("%-31s offset %8zu size %8zu\n", info.name, info.offset, info.size);
	cfg_errors_init(&e);
	if (bundle_find(buf, len, BUNDLE_SYSTEM_CONFIG, &cdata, &clen) != BUNDLE_OK ||
	    bundle_find(buf, len, BUNDLE_USER_DIRECT, &ddata, &dlen) != BUNDLE_OK) {
		cfg_error(&e, a.pos[0], 0, "bundle lacks \"%s\" or \"%s\"", BUNDLE_SYSTEM_CONFIG,
			  BUNDLE_USER_DIRECT);
	} else {
		struct sysconfig *sc = sysconfig_load(cdata, clen, BUNDLE_SYSTEM_CONFIG, &e);
		struct directory *dir = sc ? directory_load(ddata, dlen, BUNDLE_USER_DIRECT, sc, &e)
					   : NULL;

		directory_free(dir);
		sysconfig_free(sc);
	}
	free(buf);
	return finish(&e);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int argc, char **argv);
	} commands[] = {
		{ "check-config", cmd_check_config },
		{ "check-directory", cmd_check_directory },
		{ "show-config", cmd_show_config },
		{ "show-directory", cmd_show_directory },
		{ "digest", cmd_digest },
		{ "bundle", cmd_bundle },
		{ "check-bundle", cmd_check_bundle },
	};

	if (argc < 2)
		return usage(NULL);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage_text, stdout);
		return EXIT_CLEAN;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc, argv);
	return usage("unknown command");
}
