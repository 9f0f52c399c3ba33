/* User directory statements: accepted forms (stored values, canonical output) and rejected forms. */
#include <criterion/criterion.h>
#include <string.h>
#include "config_test_support.h"
#include "kernel/config/dir_validate.h"
#include "kernel/config/dir_view.h"
#include "kernel/config/dir_print.h"

struct bad_case {
	const char *text;
	unsigned line;
	const char *msg;
};

static void expect_cases(const struct bad_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct cfg_errors e;
		struct directory *dir;

		cfg_errors_init(&e);
		dir = dir_text(c[i].text, NULL, &e);
		cr_assert_eq(cfg_errors_total(&e), 1, "case %zu (%s): expected \"%u: %s\", got:\n%s", i,
			     c[i].text, c[i].line, c[i].msg, errors_text(&e));
		cr_assert_eq(e.v[0].line, c[i].line, "case %zu (%s): line %u, got:\n%s", i, c[i].text,
			     c[i].line, errors_text(&e));
		cr_assert_str_eq(e.v[0].msg, c[i].msg, "case %zu (%s)", i, c[i].text);
		directory_free(dir);
		cfg_errors_free(&e);
	}
}

/* Parse a clean directory and return the canonical effective entry of userid on member. */
static const char *clean_entry(const char *text, const char *userid, const char *member)
{
	static char copy[8192];
	struct cfg_errors e;
	struct directory *dir;

	cfg_errors_init(&e);
	dir = dir_text(text, NULL, &e);
	expect_clean(&e);
	strncpy(copy, dir_effective(dir, userid, member), sizeof(copy) - 1);
	directory_free(dir);
	cfg_errors_free(&e);
	return copy;
}

/* ---- entries -------------------------------------------------------------------------------- */

Test(config_directory, user_statement_defaults_and_sizes)
{
	cr_assert_str_eq(clean_entry("USER A PW\n", "A", NULL), "USER A PW 1M 1M G\n");
	cr_assert_str_eq(clean_entry("user linux01 lnx 256m 1g g\n", "LINUX01", NULL),
			 "USER LINUX01 LNX 256M 1G G\n");
	cr_assert_str_eq(clean_entry("USER B PW 4096K 2T ABCDEFG\n", "B", NULL),
			 "USER B PW 4M 2T ABCDEFG\n");
	cr_assert_str_eq(clean_entry("USER C NOLOG 100M\n", "C", NULL), "USER C NOLOG 100M 100M G\n");
}

Test(config_directory, user_statement_rejected)
{
	static const struct bad_case c[] = {
		{ "USER A PW 256M 128M G\n", 1, "USER A: maximum storage 128M is less than storage 256M" },
		{ "USER A PW 3T\n", 1, "USER: storage 3T out of range 1M-2T" },
		{ "USER A PW 512K\n", 1, "USER: storage 512K out of range 1M-2T" },
		{ "USER A PW 99999999999999999999M\n", 1,
		  "USER: storage 99999999999999999999M out of range 1M-2T" },
		{ "USER A PW 256X\n", 1, "USER: storage '256X' is not a size (nnnK, nnnM, nnnG or nnnT)" },
		{ "USER A PW 4097K\n", 1, "USER: storage 4097K is not a multiple of 4K" },
		{ "USER A PW 1M 4T\n", 1, "USER: maximum storage 4T out of range 1M-2T" },
		{ "USER TOOLONGID PW\n", 1, "USER: userid 'TOOLONGID' must be 1-8 characters A-Z 0-9 @ # $ _ -" },
		{ "USER A\n", 1, "USER: missing password" },
		{ "USER A PASSWORD9\n", 1, "USER: password 'PASSWORD9' must be 1-8 characters without blanks" },
		{ "USER A PW 1M 1M G7\n", 1,
		  "USER: privilege classes 'G7' must be letters A-Z and digits 1-6" },
		{ "USER A PW 1M 1M G EXTRA\n", 1, "USER: unexpected operand 'EXTRA'" },
		{ "IDENTITY I PW 2M 1M\n", 1, "IDENTITY I: maximum storage 1M is less than storage 2M" },
		{ "PROFILE P EXTRA\n", 1, "PROFILE: unexpected operand 'EXTRA'" },
		{ "USER A PW\nUSER A PW\n", 2, "USER A: name already defined by the USER at line 1" },
		{ "PROFILE A\nIDENTITY A PW\n", 2, "IDENTITY A: name already defined by the PROFILE at line 1" },
		{ "MDISK 0191 3390 1 10 V MR\nUSER A PW\n", 1,
		  "MDISK outside a directory entry (before any USER, IDENTITY or PROFILE)" },
		{ "USER A PW\nFROB 1\n", 2, "unknown directory statement 'FROB'" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

Test(config_directory, storage_statements_override_the_user_statement)
{
	cr_assert_str_eq(clean_entry("USER A PW 256M 1G\n STORAGE 512M\n MAXSTORAGE 2G\n", "A", NULL),
			 "USER A PW 512M 2G G\n");
}

Test(config_directory, storage_statements_rejected)
{
	static const struct bad_case c[] = {
		{ "USER A PW 256M 1G\n STORAGE 2G\n", 2, "USER A: maximum storage 1G is less than storage 2G" },
		{ "USER A PW\n STORAGE 1M\n STORAGE 2M\n MAXSTORAGE 2M\n", 3, "STORAGE: already given at line 2" },
		{ "USER A PW\n MAXSTORAGE 0M\n", 2, "MAXSTORAGE: size 0M out of range 1M-2T" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

/* ---- IDENTITY, SUBCONFIG, BUILD ----------------------------------------------------------- */

static const char identity_text[] =
	"IDENTITY MAINT PW 128M 1G ABCDEFG\n"		/* 1 */
	" BUILD ON M1 USING SUBCONFIG MAINT-1\n"		/* 2 */
	" BUILD ON M2 USING SUBCONFIG MAINT-2\n"		/* 3 */
	" CONSOLE 0009 3215 T\n"				/* 4 */
	"SUBCONFIG MAINT-1\n"				/* 5 */
	" MDISK 0191 3390 1 10 M01W01 MR\n"		/* 6 */
	"SUBCONFIG MAINT-2\n"				/* 7 */
	" MDISK 0191 3390 1 10 M02W01 MR\n";		/* 8 */

Test(config_directory, identity_gets_the_subconfig_of_its_member)
{
	cr_assert_str_eq(clean_entry(identity_text, "MAINT", "M1"),
			 "IDENTITY MAINT PW 128M 1G ABCDEFG\nCONSOLE 0009 3215 T\n"
			 "MDISK 0191 3390 1 10 M01W01 MR\n");
	cr_assert_str_eq(clean_entry(identity_text, "MAINT", "M2"),
			 "IDENTITY MAINT PW 128M 1G ABCDEFG\nCONSOLE 0009 3215 T\n"
			 "MDISK 0191 3390 1 10 M02W01 MR\n");
	cr_assert_str_eq(clean_entry(identity_text, "MAINT", "M3"),
			 "IDENTITY MAINT PW 128M 1G ABCDEFG\nCONSOLE 0009 3215 T\n");
	cr_assert_str_eq(clean_entry(identity_text, "MAINT-1", "M1"), "(no such user)");
}

Test(config_directory, subconfig_and_build_rejected)
{
	static const struct bad_case c[] = {
		{ "USER A PW\nSUBCONFIG A-1\n MDISK 0191 3390 1 10 V MR\n", 2,
		  "SUBCONFIG A-1 follows USER A: only an IDENTITY (multiconfiguration virtual machine) has SUBCONFIG entries" },
		{ "USER A PW\n BUILD ON M1 USING SUBCONFIG A-1\n", 2,
		  "BUILD: USER A is a single-configuration virtual machine: SUBCONFIGs need IDENTITY" },
		{ "SUBCONFIG S-1\n", 1, "SUBCONFIG S-1 does not follow an IDENTITY entry" },
		{ "IDENTITY I PW\nPROFILE P\nSUBCONFIG S-1\n", 3, "SUBCONFIG S-1 does not follow an IDENTITY entry" },
		{ "IDENTITY I PW\n BUILD ON M1 USING SUBCONFIG I-1\n", 2, "BUILD: SUBCONFIG I-1 not found" },
		{ "IDENTITY I PW\n BUILD ON M1 USING SUBCONFIG I-1\nSUBCONFIG I-1\nSUBCONFIG I-2\n", 4,
		  "SUBCONFIG I-2 is not used by a BUILD statement of IDENTITY I" },
		{ "IDENTITY I PW\n BUILD ON M1 USING SUBCONFIG J-1\nIDENTITY J PW\n BUILD ON M2 USING SUBCONFIG J-1\n"
		  "SUBCONFIG J-1\n", 2, "BUILD: SUBCONFIG J-1 does not follow IDENTITY I" },
		{ "IDENTITY I PW\n BUILD ON M1 USING SUBCONFIG I-1\n BUILD ON M1 USING SUBCONFIG I-2\n"
		  "SUBCONFIG I-1\nSUBCONFIG I-2\n", 3, "BUILD: member M1 already built at line 2" },
		{ "IDENTITY I PW\n BUILD ON M1 USING SUBCONFIG I-1\n BUILD ON M2 USING SUBCONFIG I-1\n"
		  "SUBCONFIG I-1\n", 3, "BUILD: SUBCONFIG I-1 already used at line 2" },
		{ "IDENTITY I PW\n BUILD M1 USING SUBCONFIG I-1\n", 2, "BUILD: expected ON, found 'M1'" },
		{ "IDENTITY I PW\n BUILD ON M1 SUBCONFIG I-1\n", 2, "BUILD: expected USING, found 'SUBCONFIG'" },
		{ "IDENTITY I PW\n BUILD ON M1 USING SUBCONFIG I-1\nSUBCONFIG I-1\n MACHINE ESA\n", 4,
		  "MACHINE: not allowed in a SUBCONFIG entry" },
		{ "IDENTITY I PW\n BUILD ON M1 USING SUBCONFIG I-1\n MDISK 0191 3390 1 1 A MR\nSUBCONFIG I-1\n"
		  " LINK I 0191 0191 RR\n", 5, "LINK: virtual device 0191 already defined at line 3" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

/* ---- PROFILE and INCLUDE ------------------------------------------------------------------- */

Test(config_directory, profile_statements_come_first_in_the_effective_entry)
{
	cr_assert_str_eq(clean_entry("PROFILE LINDFLT\n CONSOLE 0009 3215 T\n SPOOL 000C 2540 READER *\n"
				     "USER A PW 256M\n INCLUDE LINDFLT\n IPL 0100\n"
				     " MDISK 0100 3390 1 10 VOL1 MR\n", "A", NULL),
			 "USER A PW 256M 256M G\nCONSOLE 0009 3215 T\nSPOOL 000C 2540 READER *\nIPL 0100\n"
			 "MDISK 0100 3390 1 10 VOL1 MR\n");
}

Test(config_directory, include_rejected)
{
	static const struct bad_case c[] = {
		{ "USER A PW\n INCLUDE NOPE\n", 2, "INCLUDE: profile NOPE not found" },
		{ "USER B PW\nUSER A PW\n INCLUDE B\n", 3, "INCLUDE: B is a USER, not a PROFILE" },
		{ "PROFILE P\nUSER A PW\n IPL CMS\n INCLUDE P\n", 4, "INCLUDE: must directly follow the USER statement" },
		{ "PROFILE P\n INCLUDE Q\nPROFILE Q\n", 2, "INCLUDE: not allowed in a PROFILE entry" },
		{ "PROFILE P\n CONSOLE 0009 3215\n CONSOLE 0009 3215\nUSER A PW\n INCLUDE P\nUSER B PW\n INCLUDE P\n",
		  3, "CONSOLE: virtual device 0009 already defined at line 2" },
		{ "PROFILE P\n CONSOLE 0009 3215\nUSER A PW\n INCLUDE P\n SPOOL 0009 1403 A\n", 5,
		  "SPOOL: virtual device 0009 already defined at line 2" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

/* ---- MACHINE, CPU, IPL, OPTION, VMRELOCATE -------------------------------------------------- */

Test(config_directory, machine_cpu_ipl_option_vmrelocate_forms)
{
	cr_assert_str_eq(clean_entry("USER A PW\n machine z 4\n CPU 0 BASE\n CPU 1 CPUID 0A1B2C\n"
				     " IPL CMS LOADPARM AUTO PARM Console=ttyS0 quiet\n"
				     " OPTION CHPIDV ONE LNKNOPAS MAXCONN 0064\n VMRELOCATE OFF\n", "A", NULL),
			 "USER A PW 1M 1M G\nMACHINE Z 4\nCPU 00 BASE\nCPU 01 CPUID 0A1B2C\n"
			 "IPL CMS LOADPARM AUTO PARM Console=ttyS0 quiet\nOPTION CHPIDVIRTUALIZATION ONE\n"
			 "OPTION LNKNOPAS\nOPTION MAXCONN 64\nVMRELOCATE OFF\n");
	cr_assert_str_eq(clean_entry("USER A PW\n MACHINE ESA\n IPL 190\n VMRELOCATE ON DOMAIN D1\n", "A", NULL),
			 "USER A PW 1M 1M G\nMACHINE ESA\nIPL 0190\nVMRELOCATE ON DOMAIN D1\n");
}

Test(config_directory, machine_cpu_ipl_option_vmrelocate_rejected)
{
	static const struct bad_case c[] = {
		{ "USER A PW\n MACHINE 370\n", 2, "MACHINE: unknown mode '370' (expected ESA, XA, XC or Z)" },
		{ "USER A PW\n MACHINE ESA 65\n", 2, "MACHINE: maximum CPUs 65 out of range 1-64" },
		{ "USER A PW\n MACHINE ESA\n MACHINE XA\n", 3, "MACHINE: already given at line 2" },
		{ "USER A PW\n MACHINE ESA 1\n CPU 00\n CPU 01\n", 4,
		  "CPU: 01 is more CPUs than the MACHINE maximum of 1" },
		{ "USER A PW\n CPU 40\n", 2, "CPU: address 40 out of range 00-3F" },
		{ "USER A PW\n CPU XY\n", 2, "CPU: address 'XY' must be 1-2 hexadecimal digits" },
		{ "USER A PW\n CPU 01\n CPU 1\n", 3, "CPU: address 01 already defined at line 2" },
		{ "USER A PW\n CPU 01 DEDICATE\n", 2, "CPU: unexpected operand 'DEDICATE'" },
		{ "USER A PW\n IPL\n", 2, "IPL: missing device number or system name" },
		{ "USER A PW\n IPL 0100\n IPL CMS\n", 3, "IPL: already given at line 2" },
		{ "USER A PW\n IPL CMS PARM\n", 2, "IPL: missing PARM text" },
		{ "USER A PW\n OPTION FOO\n", 2, "OPTION: unknown option 'FOO'" },
		{ "USER A PW\n OPTION CHPIDVIRTUALIZATION TWO\n", 2,
		  "OPTION: CHPIDVIRTUALIZATION must be followed by ONE or NONE" },
		{ "USER A PW\n OPTION MAXCONN 70000\n", 2, "OPTION: MAXCONN 70000 out of range 0-65535" },
		{ "USER A PW\n OPTION\n", 2, "OPTION: missing option" },
		{ "USER A PW\n VMRELOCATE MAYBE\n", 2, "VMRELOCATE: expected ON or OFF" },
		{ "USER A PW\n VMRELOCATE ON DOMAIN\n", 2, "VMRELOCATE: missing domain name" },
		{ "USER A PW\n VMRELOCATE ON\n VMRELOCATE OFF\n", 3, "VMRELOCATE: already given at line 2" },
		{ "IDENTITY I PW\n VMRELOCATE ON\n", 2,
		  "VMRELOCATE: IDENTITY I is a multiconfiguration virtual machine and cannot relocate" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

/* ---- MDISK --------------------------------------------------------------------------------- */

Test(config_directory, mdisk_forms)
{
	struct cfg_errors e;
	struct directory *dir;
	const struct dir_entry *a;
	const struct dir_mdisk *md;

	cfg_errors_init(&e);
	dir = dir_text("USER A PW\n"
		       " MDISK 100 3390 1 3338 LX0001 MR RPASS WPASS MPASS\n"
		       " MDISK 0123 3390 0 END M01RES MWV\n"
		       " MDISK 0191 3380 10 20 VOL1\n"
		       " MDISK 0200 FB-512 0 1000 FBVOL RR\n"
		       " MDISK 0201 9336 100 200 FBVOL2 RRE\n"
		       " MDISK 0111 FB-512 V-DISK 524288 MR\n"
		       " MDISK 0192 3390 T-DISK 10\n"
		       " MDISK 0300 3390 DEVNO 9A00 MW\n", NULL, &e);
	expect_clean(&e);
	a = directory_find_user(dir, "A");
	md = &dir_entry_stmt(dir, a, 0)->u.mdisk;
	cr_assert_eq(md->vdev, 0x100);
	cr_assert_eq(md->start, 1);
	cr_assert_eq(md->size, 3338);
	cr_assert_str_eq(md->password[2], "MPASS");
	cr_assert(dir_entry_stmt(dir, a, 1)->u.mdisk.to_end);
	cr_assert_str_eq(dir_entry_stmt(dir, a, 2)->u.mdisk.mode, "W", "mode defaults to W");
	cr_assert_str_eq(dir_effective(dir, "A", NULL),
			 "USER A PW 1M 1M G\n"
			 "MDISK 0100 3390 1 3338 LX0001 MR RPASS WPASS MPASS\n"
			 "MDISK 0123 3390 0 END M01RES MWV\nMDISK 0191 3380 10 20 VOL1 W\n"
			 "MDISK 0200 FB-512 0 1000 FBVOL RR\nMDISK 0201 9336 100 200 FBVOL2 RRE\n"
			 "MDISK 0111 FB-512 V-DISK 524288 MR\nMDISK 0192 3390 T-DISK 10 W\n"
			 "MDISK 0300 3390 DEVNO 9A00 MW\n");
	directory_free(dir);
	cfg_errors_free(&e);
}

Test(config_directory, passwords_are_masked_unless_asked_for)
{
	struct cfg_errors e;
	struct directory *dir;
	struct dir_view v;
	char line[CFG_LINE_MAX];

	cfg_errors_init(&e);
	dir = dir_text("USER A SECRET\n MDISK 0100 3390 1 1 V MR RP WP\n", NULL, &e);
	cr_assert_eq(dir_view_init(&v, dir, "a", NULL), -1, "lookups take upper-case names");
	cr_assert_eq(dir_view_init(&v, dir, "A", NULL), 0);
	dir_entry_format(dir_view_entry(&v), v.storage, v.maxstorage, 0, line, sizeof(line));
	cr_assert_str_eq(line, "USER A XXXXXXXX 1M 1M G");
	dir_stmt_format(dir_entry_stmt(dir, dir_view_entry(&v), 0), 0, line, sizeof(line));
	cr_assert_str_eq(line, "MDISK 0100 3390 1 1 V MR XXXXXXXX XXXXXXXX");
	directory_free(dir);
	cfg_errors_free(&e);
}

Test(config_directory, mdisk_rejected)
{
	static const struct bad_case c[] = {
		{ "USER A PW\n MDISK 0100 3350 1 10 V MR\n", 2,
		  "MDISK: unknown device type '3350' (expected 3390, 3380, 9336 or FB-512)" },
		{ "USER A PW\n MDISK 10000 3390 1 10 V MR\n", 2,
		  "MDISK: virtual device '10000' must be 1-4 hexadecimal digits" },
		{ "USER A PW\n MDISK 0100 3390 1182000 10 V MR\n", 2,
		  "MDISK: extent 1182000+10 exceeds the 1182006 cylinders of a 3390" },
		{ "USER A PW\n MDISK 0100 3380 2655 1 V MR\n", 2, "MDISK: start 2655 out of range 0-2654" },
		{ "USER A PW\n MDISK 0100 3390 1 0 V MR\n", 2, "MDISK: size 0 out of range 1-1182006" },
		{ "USER A PW\n MDISK 0100 3390 1 10 V RX\n", 2,
		  "MDISK: link mode 'RX' must be R, RR, W, WR, M, MR or MW, optionally followed by E and/or V" },
		{ "USER A PW\n MDISK 0100 3390 1 10\n", 2, "MDISK: missing volser" },
		{ "USER A PW\n MDISK 0100 3390 1 10 V MR A B C D\n", 2, "MDISK: unexpected operand 'D'" },
		{ "USER A PW\n MDISK 0100 3390 V-DISK 100\n", 2, "MDISK: V-DISK needs device type FB-512" },
		{ "USER A PW\n MDISK 0100 FB-512 V-DISK 4194305\n", 2, "MDISK: size 4194305 out of range 1-4194304" },
		{ "USER A PW\n MDISK 0100 3390 T-DISK 10 MR PW\n", 2, "MDISK: unexpected operand 'PW'" },
		{ "USER A PW\n MDISK 0100 3390 DEVNO XYZW\n", 2,
		  "MDISK: real device 'XYZW' must be 1-4 hexadecimal digits" },
		{ "USER A PW\n MDISK 0100 3390 1 10 V MR\n MDISK 0100 3390 11 10 V MR\n", 3,
		  "MDISK: virtual device 0100 already defined at line 2" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

/* ---- LINK, NICDEF, CONSOLE, SPOOL, DEDICATE -------------------------------------------------- */

Test(config_directory, device_statement_forms)
{
	cr_assert_str_eq(clean_entry("USER B PW\n MDISK 0191 3390 1 10 V MR\n"
				     "USER A PW\n LINK B 191 0291 RR\n LINK * 0100 0101 MW\n"
				     " MDISK 0100 3390 11 10 V MR\n"
				     " NICDEF 600 TYPE QDIO LAN SYSTEM VSW1\n"
				     " NICDEF 0700 TYPE HIPER DEVICES 6 LAN B GLAN1 CHPID F0 MACID 0A0B0C\n"
				     " CONSOLE 0009 3270 T OPERATOR\n SPOOL 000C 2540 reader *\n"
				     " DEDICATE 0500 9A00 R/O\n", "A", NULL),
			 "USER A PW 1M 1M G\nLINK B 0191 0291 RR\nLINK * 0100 0101 MW\n"
			 "MDISK 0100 3390 11 10 V MR\nNICDEF 0600 TYPE QDIO LAN SYSTEM VSW1\n"
			 "NICDEF 0700 TYPE HIPERSOCKETS DEVICES 6 LAN B GLAN1 CHPID F0 MACID 0A0B0C\n"
			 "CONSOLE 0009 3270 T OPERATOR\nSPOOL 000C 2540 READER *\nDEDICATE 0500 9A00 R/O\n");
}

Test(config_directory, device_statements_rejected)
{
	static const struct bad_case c[] = {
		{ "USER A PW\n LINK NOBODY 0191 0191 RR\n", 2, "LINK: user NOBODY not found" },
		{ "PROFILE P\nUSER A PW\n LINK P 0191 0191 RR\n", 3, "LINK: P is a PROFILE, not a user" },
		{ "USER B PW\nUSER A PW\n LINK B 0191 0191 RR\n", 3, "LINK: B has no minidisk 0191" },
		{ "USER A PW\n LINK * 0191 0192 RR\n", 2, "LINK: A has no minidisk 0191" },
		{ "USER B PW\n NICDEF 0191 TYPE QDIO\nUSER A PW\n LINK B 0191 0191 RR\n", 4,
		  "LINK: B has no minidisk 0191" },
		{ "USER A PW\n LINK B 0191 0191\n", 2, "LINK: missing link mode" },
		{ "USER A PW\n NICDEF 0600 LAN SYSTEM VSW1\n", 2, "NICDEF: missing TYPE QDIO or TYPE HIPERSOCKETS" },
		{ "USER A PW\n NICDEF 0600 TYPE OSA\n", 2, "NICDEF: TYPE must be QDIO or HIPERSOCKETS" },
		{ "USER A PW\n NICDEF 0600 TYPE QDIO DEVICES 2\n", 2, "NICDEF: DEVICES 2 out of range 3-3072" },
		{ "USER A PW\n NICDEF FFFE TYPE QDIO\n", 2, "NICDEF: devices FFFE-10000 exceed FFFF" },
		{ "USER A PW\n NICDEF 0600 TYPE QDIO MACID 0A0B\n", 2, "NICDEF: MACID must be 6 hexadecimal digits" },
		{ "USER A PW\n NICDEF 0600 TYPE QDIO PORTTYPE TRUNK\n", 2, "NICDEF: unexpected operand 'PORTTYPE'" },
		{ "USER A PW\n NICDEF 0600 TYPE QDIO\n CONSOLE 0602 3215\n", 3,
		  "CONSOLE: virtual device 0602 already defined at line 2" },
		{ "USER A PW\n CONSOLE 0009 3211\n", 2, "CONSOLE: unknown device type '3211' (expected 3215 or 3270)" },
		{ "USER A PW\n SPOOL 000C 9999\n", 2,
		  "SPOOL: unknown device type '9999' (expected a reader, punch or printer type such as 2540 or 1403)" },
		{ "USER A PW\n DEDICATE 0500\n", 2, "DEDICATE: missing real device" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

Test(config_directory, link_to_identity_disk_in_a_subconfig_is_valid)
{
	cr_assert_str_eq(clean_entry("IDENTITY MAINT PW\n BUILD ON M1 USING SUBCONFIG MAINT-1\n"
				     "SUBCONFIG MAINT-1\n MDISK 0190 3390 1 10 M01RES RR\n"
				     "USER A PW\n LINK MAINT 0190 0190 RR\n", "A", NULL),
			 "USER A PW 1M 1M G\nLINK MAINT 0190 0190 RR\n");
}

Test(config_directory, link_to_a_disk_from_the_owners_profile_is_valid)
{
	cr_assert_str_eq(clean_entry("PROFILE P\n MDISK 0199 3390 1 10 V RR\nUSER B PW\n INCLUDE P\n"
				     "USER A PW\n LINK B 0199 0199 RR\n", "A", NULL),
			 "USER A PW 1M 1M G\nLINK B 0199 0199 RR\n");
}

/* ---- minidisk overlaps --------------------------------------------------------------------- */

Test(config_directory, overlapping_minidisks_on_one_volume)
{
	static const struct bad_case c[] = {
		{ "USER A PW\n MDISK 0100 3390 1 100 VOL1 MR\nUSER B PW\n MDISK 0100 3390 100 10 VOL1 MR\n", 4,
		  "MDISK 0100: cylinders 100-109 on volume VOL1 overlap MDISK 0100 of A at line 2" },
		{ "USER A PW\n MDISK 0100 3390 50 END VOL1 MR\n MDISK 0101 3390 1000 10 VOL1 MR\n", 3,
		  "MDISK 0101: cylinders 1000-1009 on volume VOL1 overlap MDISK 0100 of A at line 2" },
		{ "USER A PW\n MDISK 0100 FB-512 0 1000 FB1 MR\n MDISK 0101 FB-512 999 1 FB1 MR\n", 3,
		  "MDISK 0101: blocks 999-999 on volume FB1 overlap MDISK 0100 of A at line 2" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

Test(config_directory, adjacent_extents_other_volumes_and_full_pack_overlays_do_not_overlap)
{
	clean_entry("USER A PW\n MDISK 0100 3390 1 100 VOL1 MR\n MDISK 0101 3390 101 100 VOL1 MR\n"
		    " MDISK 0102 3390 1 100 VOL2 MR\n MDISK 0123 3390 0 END VOL1 MR\n"
		    "USER B PW\n MDISK 0123 3390 0 END VOL1 RR\n", "A", NULL);
}

/* ---- against SYSTEM CONFIG ------------------------------------------------------------------ */

static const char config_text[] =
	"SSI CLU PDR_VOLUME VMCOM1 SLOT 1 M1 SLOT 2 M2\n"
	"M1: ACTIVATE ISLINK 0A00\n"
	"M2: ACTIVATE ISLINK 0B00\n"
	"DEFINE VSWITCH VSW1 RDEV 1000\n"
	"RELOCATION_DOMAIN LINUXDOM MEMBERS M1 M2\n"
	"SYSTEM_USERIDS OPERATOR OPERATOR\n";

static void expect_with_config(const char *dir_text_, const char *file, unsigned line, const char *msg)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text(config_text, &e);
	struct directory *dir;

	expect_clean(&e);
	dir = dir_text(dir_text_, sc, &e);
	if (msg)
		expect_only(&e, file, line, msg);
	else
		expect_clean(&e);
	directory_free(dir);
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_directory, checks_against_system_config)
{
	expect_with_config("USER OPERATOR PW\nUSER A PW\n NICDEF 0600 TYPE QDIO LAN SYSTEM VSW1\n"
			   " VMRELOCATE ON DOMAIN LINUXDOM\nUSER B PW\n VMRELOCATE ON DOMAIN SSI\n"
			   "USER C PW\n VMRELOCATE ON DOMAIN M2\n", NULL, 0, NULL);
	expect_with_config("USER OPERATOR PW\nUSER A PW\n NICDEF 0600 TYPE QDIO LAN SYSTEM VSW9\n", DIR_FILE, 3,
			   "NICDEF: VSWITCH VSW9 is not defined in SYSTEM CONFIG");
	expect_with_config("USER OPERATOR PW\nUSER A PW\n VMRELOCATE ON DOMAIN NODOM\n", DIR_FILE, 3,
			   "VMRELOCATE: domain NODOM is not defined in SYSTEM CONFIG");
	expect_with_config("USER OPERATOR PW\nIDENTITY I PW\n BUILD ON M9 USING SUBCONFIG I-9\nSUBCONFIG I-9\n",
			   DIR_FILE, 3, "BUILD: M9 is not a system in SYSTEM CONFIG");
	expect_with_config("USER A PW\n", SC_FILE, 6, "SYSTEM_USERIDS: OPERATOR is not defined in the user directory");
}

Test(config_directory, without_system_config_those_checks_are_skipped)
{
	clean_entry("USER A PW\n NICDEF 0600 TYPE QDIO LAN SYSTEM VSW9\n VMRELOCATE ON DOMAIN NODOM\n"
		    "IDENTITY I PW\n BUILD ON M9 USING SUBCONFIG I-9\nSUBCONFIG I-9\n", "A", NULL);
}

Test(config_directory, find_returns_the_first_of_duplicates)
{
	struct cfg_errors e;
	struct directory *dir;

	cfg_errors_init(&e);
	dir = dir_text("USER B PW 2M\nUSER A PW\nUSER B PW 4M\nPROFILE C\n", NULL, &e);
	cr_assert_eq(directory_find(dir, "B")->line, 1);
	cr_assert_eq(directory_find_user(dir, "B")->storage, 2u << 20);
	cr_assert_null(directory_find_user(dir, "C"));
	cr_assert_null(directory_find(dir, "D"));
	cr_assert_null(directory_find(dir, ""));
	directory_free(dir);
	cfg_errors_free(&e);
}
