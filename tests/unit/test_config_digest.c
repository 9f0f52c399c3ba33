/* SHA-256, canonical SYSTEM CONFIG output, the cluster-wide digest, and the samples. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "config_test_support.h"
#include "kernel/config/sha256.h"
#include "kernel/config/sc_digest.h"
#include "kernel/config/sc_print.h"
#include "kernel/config/sc_member.h"
#include "kernel/config/sc_validate.h"
#include "kernel/config/dir_validate.h"
#include "kernel/config/dir_print.h"

static const char *hex_of(const void *data, size_t len)
{
	static char hex[SHA256_HEX_SIZE];
	uint8_t d[SHA256_SIZE];

	sha256(data, len, d);
	sha256_hex(d, hex);
	return hex;
}

Test(config_sha256, fips_180_examples)
{
	cr_assert_str_eq(hex_of("", 0),
			 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	cr_assert_str_eq(hex_of("abc", 3),
			 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	cr_assert_str_eq(hex_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56),
			 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

Test(config_sha256, incremental_updates_match_one_shot_across_block_edges)
{
	static char a[1000000];
	uint8_t d[SHA256_SIZE];
	char hex[SHA256_HEX_SIZE];
	struct sha256 s;

	memset(a, 'a', sizeof(a));
	sha256_init(&s);
	for (size_t off = 0, step = 1; off < sizeof(a); off += step, step = step % 97 + 1)
		sha256_update(&s, a + off, off + step > sizeof(a) ? sizeof(a) - off : step);
	sha256_final(&s, d);
	sha256_hex(d, hex);
	cr_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static const char base_config[] =
	"SSI CLU PDR_VOLUME VMCOM1 SLOT 1 M1 SLOT 2 M2\n"
	"M1: ACTIVATE ISLINK 0A00\n"
	"M2: ACTIVATE ISLINK 0B00\n"
	"USER_VOLUME_LIST LX1 LX2\n"
	"DEFINE VSWITCH VSW1 RDEV 1000 ETHERNET\n";

static const char *digest_of(const char *text)
{
	static char hex[SHA256_HEX_SIZE];
	struct cfg_errors e;
	struct sysconfig *sc = sc_text(text, &e);

	expect_clean(&e);
	sysconfig_digest_hex(sc, hex);
	sysconfig_free(sc);
	cfg_errors_free(&e);
	return hex;
}

Test(config_digest, ignores_comments_case_blanks_and_continuations)
{
	char base[SHA256_HEX_SIZE];

	strcpy(base, digest_of(base_config));
	cr_assert_str_eq(digest_of("/* the cluster */\nssi clu pdr_vol vmcom1 ,\n  slot 1 m1 ,\n"
				   "  slot 2 m2\nM1: ACTIVATE ISLINK A00\nM2: ACTIVATE ISLINK B00\n"
				   "User_Volume_List   LX1\nUSER_VOLUME_LIST LX2 /* two */\n"
				   "Define VSwitch vsw1 Rdev 1000 Ethernet"),
			 base);
}

Test(config_digest, covers_only_the_cluster_wide_part)
{
	char base[SHA256_HEX_SIZE];

	strcpy(base, digest_of(base_config));
	/* Member-qualified statements are the members' own business. */
	cr_assert_str_eq(digest_of("SSI CLU PDR_VOLUME VMCOM1 SLOT 1 M1 SLOT 2 M2\n"
				   "M1: ACTIVATE ISLINK 0A00 0A01\nM2: ACTIVATE ISLINK 0B00\n"
				   "M2: USER_VOLUME_LIST PRIV2\nUSER_VOLUME_LIST LX1 LX2\n"
				   "DEFINE VSWITCH VSW1 RDEV 1000 ETHERNET\n"),
			 base);
	/* A cluster-wide change is not. */
	cr_assert_str_neq(digest_of("SSI CLU PDR_VOLUME VMCOM1 SLOT 1 M1 SLOT 2 M2\n"
				    "M1: ACTIVATE ISLINK 0A00\nM2: ACTIVATE ISLINK 0B00\n"
				    "USER_VOLUME_LIST LX1 LX3\nDEFINE VSWITCH VSW1 RDEV 1000 ETHERNET\n"),
			  base);
	cr_assert_str_neq(digest_of("SSI CLU PDR_VOLUME VMCOM1 SLOT 1 M1 SLOT 2 M2\n"
				    "M1: ACTIVATE ISLINK 0A00\nM2: ACTIVATE ISLINK 0B00\n"
				    "USER_VOLUME_LIST LX1 LX2\nDEFINE VSWITCH VSW1 RDEV 1000 IP\n"),
			  base);
}

Test(config_digest, is_sha256_of_the_versioned_canonical_text)
{
	const char *want = hex_of("PLEXVM SYSTEM CONFIG DIGEST 1\n"
				  "SSI CLU PDR_VOLUME VMCOM1 SLOT 1 M1 SLOT 2 M2\n"
				  "USER_VOLUME_LIST LX1\nUSER_VOLUME_LIST LX2\n"
				  "DEFINE VSWITCH VSW1 RDEV 1000 ETHERNET\n", 157);
	char copy[SHA256_HEX_SIZE];

	strcpy(copy, want);
	cr_assert_str_eq(digest_of(base_config), copy);
}

/* Printing everything and parsing it again gives the same canonical text and digest. */
static void round_trip(const char *text)
{
	struct cfg_errors e1, e2;
	struct sysconfig *a = sc_text(text, &e1), *b;
	char *first = strdup(sc_canonical(a, SC_PRINT_ALL, NULL));
	char da[SHA256_HEX_SIZE], db[SHA256_HEX_SIZE];

	b = sc_text(first, &e2);
	expect_clean(&e2);
	cr_assert_str_eq(sc_canonical(b, SC_PRINT_ALL, NULL), first);
	sysconfig_digest_hex(a, da);
	sysconfig_digest_hex(b, db);
	cr_assert_str_eq(da, db);
	free(first);
	sysconfig_free(a);
	sysconfig_free(b);
	cfg_errors_free(&e1);
	cfg_errors_free(&e2);
}

Test(config_digest, canonical_output_round_trips)
{
	size_t len;
	char *sample = slurp("samples/SYSTEM.CONFIG", &len);

	round_trip(base_config);
	round_trip(sample);
	free(sample);
}

Test(config_samples, system_config_is_clean_for_every_member)
{
	size_t len;
	char *text = slurp("samples/SYSTEM.CONFIG", &len);
	struct cfg_errors e;
	struct sysconfig *sc;
	const struct sc_ssi *ssi;
	struct sc_member m1, m2;

	cfg_errors_init(&e);
	sc = sysconfig_load(text, len, "samples/SYSTEM.CONFIG", &e);
	expect_clean(&e);
	ssi = sysconfig_ssi(sc);
	cr_assert_not_null(ssi);
	cr_assert_str_eq(ssi->name, "PLEXCLU1");
	cr_assert_str_eq(ssi->slot[1].sysname, "MEMBER1");
	cr_assert_str_eq(ssi->slot[2].sysname, "MEMBER2");
	cr_assert(ssi->slot[3].available && ssi->slot[4].available);
	cr_assert_eq(sysconfig_member(sc, "MEMBER1", &m1), 0);
	cr_assert_eq(sysconfig_member(sc, "MEMBER2", &m2), 0);
	cr_assert_neq(m1.macprefix, m2.macprefix);
	cr_assert_eq(m1.userprefix, m2.userprefix);
	sysconfig_validate(sc, "MEMBER2", &e);
	expect_clean(&e);
	sysconfig_free(sc);
	cfg_errors_free(&e);
	free(text);
}

Test(config_samples, user_direct_is_clean_against_the_sample_config)
{
	size_t clen, dlen;
	char *ctext = slurp("samples/SYSTEM.CONFIG", &clen);
	char *dtext = slurp("samples/USER.DIRECT", &dlen);
	struct cfg_errors e;
	struct sysconfig *sc;
	struct directory *dir;

	cfg_errors_init(&e);
	sc = sysconfig_load(ctext, clen, "samples/SYSTEM.CONFIG", &e);
	dir = directory_load(dtext, dlen, "samples/USER.DIRECT", sc, &e);
	expect_clean(&e);
	cr_assert_eq(directory_find_user(dir, "MAINT")->kind, DIR_IDENTITY);
	cr_assert_eq(directory_find_user(dir, "PMAINT")->kind, DIR_USER);
	cr_assert_eq(directory_find(dir, "LINDFLT")->kind, DIR_PROFILE);
	cr_assert_null(directory_find_user(dir, "LINDFLT"));
	cr_assert_str_eq(dir_effective(dir, "LINUX01", "MEMBER1"),
			 "USER LINUX01 LNX4VM 256M 1G G\n"
			 "CONSOLE 0009 3215 T\nSPOOL 000C 2540 READER *\nSPOOL 000D 2540 PUNCH A\n"
			 "SPOOL 000E 1403 A\nLINK MAINT 0190 0190 RR\nLINK MAINT 019E 019E RR\n"
			 "MACHINE ESA 2\nCPU 00 BASE\nCPU 01\nIPL 0100\nOPTION CHPIDVIRTUALIZATION ONE\n"
			 "VMRELOCATE ON DOMAIN LINUXDOM\nNICDEF 0600 TYPE QDIO LAN SYSTEM VSW1\n"
			 "MDISK 0100 3390 1 3338 LXSH01 MR\nMDISK 0101 3390 3339 3338 LXSH01 MR\n");
	cr_assert(strstr(dir_effective(dir, "MAINT", "MEMBER2"), "MDISK 0123 3390 0 END M02RES MR\n"));
	cr_assert_null(strstr(dir_effective(dir, "MAINT", "MEMBER2"), "M01RES"));
	directory_free(dir);
	sysconfig_free(sc);
	cfg_errors_free(&e);
	free(ctext);
	free(dtext);
}
