/* SYSTEM CONFIG statements: accepted forms (stored values) and rejected forms (exact errors). */
#include <criterion/criterion.h>
#include <string.h>
#include "config_test_support.h"
#include "kernel/config/sc_member.h"
#include "kernel/config/sc_print.h"
#include "kernel/config/sc_validate.h"

/* A two-member cluster with the links validation asks for; tests add statements from line 4. */
#define SSI2 \
	"SSI CLU PDR_VOLUME VMCOM1 SLOT 1 M1 SLOT 2 M2\n" \
	"M1: ACTIVATE ISLINK 0A00\n" \
	"M2: ACTIVATE ISLINK 0B00\n"

struct bad_case {
	const char *text;
	unsigned line;
	const char *msg;
};

/* Each case must produce exactly the one error given. */
static void expect_cases(const struct bad_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct cfg_errors e;
		struct sysconfig *sc = sc_text(c[i].text, &e);

		cr_assert_eq(cfg_errors_total(&e), 1, "case %zu (%s): expected \"%u: %s\", got:\n%s", i,
			     c[i].text, c[i].line, c[i].msg, errors_text(&e));
		cr_assert_eq(e.v[0].line, c[i].line, "case %zu (%s): line %u, got:\n%s", i, c[i].text,
			     c[i].line, errors_text(&e));
		cr_assert_str_eq(e.v[0].msg, c[i].msg, "case %zu (%s)", i, c[i].text);
		sysconfig_free(sc);
		cfg_errors_free(&e);
	}
}

static const struct sc_record *only(const struct sysconfig *sc, enum sc_kind kind, unsigned nth)
{
	unsigned it = 0, k = 0;
	const struct sc_record *r;

	while ((r = sysconfig_next(sc, "M1", kind, &it)) != NULL)
		if (k++ == nth)
			return r;
	cr_assert_fail("no record %u of kind %d", nth, kind);
	return NULL;
}

/* ---- statement names, case, qualifiers ---------------------------------------------------- */

Test(config_sysconfig, unknown_statement_is_named)
{
	static const struct bad_case c[] = {
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\n\nFOO BAR\n", 3, "unknown statement 'FOO'" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\nsystem_id LPAR X M1\n", 2,
		  "unknown statement 'SYSTEM_ID'" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\nM1: Frobnicate\n", 2, "unknown statement 'FROBNICATE'" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

Test(config_sysconfig, keywords_are_case_insensitive_and_stored_upper_case)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("ssi clu pdr_volume vmcom1 slot 1 m1\n"
				       "Rdev 1000 tYpE osa EqId lan1\n", &e);

	expect_clean(&e);
	cr_assert_str_eq(sysconfig_ssi(sc)->name, "CLU");
	cr_assert_str_eq(sysconfig_ssi(sc)->slot[1].sysname, "M1");
	cr_assert_str_eq(only(sc, SC_RDEVICE, 0)->u.rdevice.eqid, "LAN1");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, member_qualifier_applies_only_to_that_member)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text(SSI2 "M1: USER_VOLUME_LIST ONLY1\nM2 : USER_VOLUME_LIST ONLY2\n"
				       "USER_VOLUME_LIST BOTH\n", &e);

	expect_clean(&e);
	cr_assert_str_eq(sc_canonical(sc, SC_PRINT_MEMBER, "M1"),
			 "SSI CLU PDR_VOLUME VMCOM1 SLOT 1 M1 SLOT 2 M2\nACTIVATE ISLINK 0A00\n"
			 "USER_VOLUME_LIST ONLY1\nUSER_VOLUME_LIST BOTH\n");
	cr_assert_str_eq(sc_canonical(sc, SC_PRINT_MEMBER, "M2"),
			 "SSI CLU PDR_VOLUME VMCOM1 SLOT 1 M1 SLOT 2 M2\nACTIVATE ISLINK 0B00\n"
			 "USER_VOLUME_LIST ONLY2\nUSER_VOLUME_LIST BOTH\n");
	cr_assert_str_eq(sc_canonical(sc, SC_PRINT_CLUSTER, NULL),
			 "SSI CLU PDR_VOLUME VMCOM1 SLOT 1 M1 SLOT 2 M2\nUSER_VOLUME_LIST BOTH\n");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, begin_end_group_qualifies_every_statement_inside)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text(SSI2 "m2: begin\n  USER_VOLUME_LIST G1 G2\n  M2: RDEVICE 1000 TYPE OSA\n"
				       "M2: END\nUSER_VOLUME_LIST AFTER\n", &e);

	expect_clean(&e);
	cr_assert_str_eq(sc_canonical(sc, SC_PRINT_ALL, NULL),
			 "SSI CLU PDR_VOLUME VMCOM1 SLOT 1 M1 SLOT 2 M2\nM1: ACTIVATE ISLINK 0A00\n"
			 "M2: ACTIVATE ISLINK 0B00\nM2: USER_VOLUME_LIST G1\nM2: USER_VOLUME_LIST G2\n"
			 "M2: RDEVICE 1000 TYPE OSA\nUSER_VOLUME_LIST AFTER\n");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, malformed_qualifiers_and_groups)
{
	static const struct bad_case c[] = {
		{ SSI2 "M1: BEGIN\nM2: BEGIN\nM1: END\n", 5,
		  "M2: BEGIN inside the M1: BEGIN group at line 4 (groups do not nest)" },
		{ SSI2 "M1: END\n", 4, "M1: END without M1: BEGIN" },
		{ SSI2 "M1: BEGIN\nM2: END\n", 5, "M2: END does not match M1: BEGIN at line 4" },
		{ SSI2 "\nM1: BEGIN\nUSER_VOLUME_LIST A\n", 5, "M1: BEGIN without M1: END" },
		{ SSI2 "BEGIN\n", 4, "BEGIN needs a system qualifier (sysname: BEGIN)" },
		{ SSI2 "M1: BEGIN NOW\nM1: END\n", 4, "M1: BEGIN takes no operands" },
		{ SSI2 "M1: BEGIN\nM2: USER_VOLUME_LIST A\nM1: END\n", 5,
		  "qualifier M2: inside the M1: BEGIN group at line 4" },
		{ SSI2 "M9: USER_VOLUME_LIST A\n", 4,
		  "member qualifier M9: names no system from SYSTEM_IDENTIFIER or SSI" },
		{ SSI2 "TOOLONGNAME: USER_VOLUME_LIST A\n", 4,
		  "member qualifier 'TOOLONGNAME' must be 1-8 characters A-Z 0-9 @ # $" },
		{ SSI2 ": USER_VOLUME_LIST A\n", 4, "missing system name before ':'" },
		{ SSI2 "M1:\n", 4, "missing statement after 'M1:'" },
		{ SSI2 "M1: SYSTEM_IDENTIFIER LPAR L1 M1\n", 4,
		  "SYSTEM_IDENTIFIER: statement cannot be member-qualified (M1)" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

Test(config_sysconfig, qualifiers_may_name_systems_defined_later)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("LATE: USER_VOLUME_LIST A\nSYSTEM_IDENTIFIER LPAR L1 LATE\n", &e);

	expect_clean(&e);
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

/* ---- SYSTEM_IDENTIFIER --------------------------------------------------------------------- */

Test(config_sysconfig, system_identifier_forms)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("System_Identifier LPAR LP01 M1\n"
				       "System_Identifier 2964 A1B2C M2\n"
				       "System_Identifier_Default M3\n", &e);
	char name[SC_NAME_SIZE];

	expect_clean(&e);
	cr_assert_eq(sc->rec[0].u.sysid.form, SC_SYSID_LPAR);
	cr_assert_str_eq(sc->rec[0].u.sysid.lpar, "LP01");
	cr_assert_eq(sc->rec[1].u.sysid.form, SC_SYSID_CPU);
	cr_assert_str_eq(sc->rec[1].u.sysid.model, "2964");
	cr_assert_eq(sc->rec[1].u.sysid.cpuid, 0x0A1B2C);
	cr_assert_str_eq(sc_canonical(sc, SC_PRINT_ALL, NULL),
			 "SYSTEM_IDENTIFIER LPAR LP01 M1\nSYSTEM_IDENTIFIER 2964 0A1B2C M2\n"
			 "SYSTEM_IDENTIFIER_DEFAULT M3\n");
	cr_assert(sysconfig_is_system(sc, "M3"));
	cr_assert_eq(sysconfig_identify(sc, "lp01", "2964", 0x0A1B2C, name), 0);
	cr_assert_str_eq(name, "M1", "an LPAR match wins");
	cr_assert_eq(sysconfig_identify(sc, "LP99", "2964", 0x0A1B2C, name), 0);
	cr_assert_str_eq(name, "M2", "then the machine type and CPU id");
	cr_assert_eq(sysconfig_identify(sc, NULL, "2964", 0x123456, name), 0);
	cr_assert_str_eq(name, "M3", "then the default");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, identify_without_default_fails)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("System_Identifier LPAR LP01 M1\n", &e);
	char name[SC_NAME_SIZE];

	cr_assert_eq(sysconfig_identify(sc, "LP02", NULL, 0, name), -1);
	cr_assert_str_eq(name, "");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, system_identifier_rejected)
{
	static const struct bad_case c[] = {
		{ "SYSTEM_IDENTIFIER LPAR LP01\n", 1, "SYSTEM_IDENTIFIER: missing system name" },
		{ "SYSTEM_IDENTIFIER 29X4 0A1B2C M1\n", 1,
		  "SYSTEM_IDENTIFIER: '29X4' is neither LPAR nor a 4-digit machine type" },
		{ "SYSTEM_IDENTIFIER 2964 0A1B2C3 M1\n", 1,
		  "SYSTEM_IDENTIFIER: CPU id '0A1B2C3' must be 1-6 hexadecimal digits" },
		{ "SYSTEM_IDENTIFIER LPAR LP01 M1 EXTRA\n", 1,
		  "SYSTEM_IDENTIFIER: unexpected operand 'EXTRA'" },
		{ "SYSTEM_IDENTIFIER\n", 1, "SYSTEM_IDENTIFIER: missing LPAR or machine type" },
		{ "SYSTEM_IDENTIFIER LPAR LP01 M1\nSYSTEM_IDENTIFIER LPAR lp01 M2\n", 2,
		  "SYSTEM_IDENTIFIER: LPAR LP01 already identified at line 1" },
		{ "SYSTEM_IDENTIFIER 2964 1 M1\nSYSTEM_IDENTIFIER 2964 000001 M2\n", 2,
		  "SYSTEM_IDENTIFIER: CPU 2964 000001 already identified at line 1" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\nSYSTEM_IDENTIFIER_DEFAULT M2\n", 2,
		  "SYSTEM_IDENTIFIER_DEFAULT: already given at line 1" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1 M2\n", 1,
		  "SYSTEM_IDENTIFIER_DEFAULT: unexpected operand 'M2'" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

/* ---- SSI ------------------------------------------------------------------------------------ */

Test(config_sysconfig, ssi_with_available_slots_and_abbreviations)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("SSI PLEXCLU1 PDR_VOL VMCOM1,\n Slot 1 MEMBER1,\n Slot 2 MEMBER2,\n"
				       " Slot 3 Available,\n Slot 4 Available\n"
				       "MEMBER1: ACTIVATE ISLINK 912A\nMEMBER2: ACTIVATE ISLINK 921A\n", &e);
	const struct sc_ssi *ssi = sysconfig_ssi(sc);

	expect_clean(&e);
	cr_assert_str_eq(ssi->pdr_volser, "VMCOM1");
	cr_assert(ssi->slot[3].defined && ssi->slot[3].available);
	cr_assert_eq(ssi->slot[2].line, 3);
	cr_assert_eq(sysconfig_slot_of(sc, "MEMBER2"), 2);
	cr_assert_eq(sysconfig_slot_of(sc, "AVAILABLE"), 0);
	cr_assert_not(sysconfig_is_system(sc, "AVAILABLE"));
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, ssi_accepts_slots_up_to_8)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("SSI BIG PDR_VOLUME V SLOT 8 M8\n", &e);

	expect_clean(&e);
	cr_assert_eq(sysconfig_slot_of(sc, "M8"), 8);
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, ssi_rejected)
{
	static const struct bad_case c[] = {
		{ "SSI CLU PDR_VOLUME V,\n SLOT 9 M9\n", 2, "SSI: slot 9 out of range 1-8" },
		{ "SSI CLU PDR_VOLUME V SLOT 0 M0\n", 1, "SSI: slot 0 out of range 1-8" },
		{ "SSI CLU PDR_VOLUME V SLOT 1 M1,\n SLOT 1 M2\n", 2,
		  "SSI: slot 1 defined twice (first at line 1)" },
		{ "SSI CLU PDR_VOLUME V SLOT 1 M1 SLOT 2 M1\n", 1, "SSI: system M1 is in slot 1 and slot 2" },
		{ "SSI CLU SLOT 1 M1\n", 1, "SSI: missing PDR_VOLUME" },
		{ "SSI CLU PDR_VOLUME V\n", 1, "SSI: no SLOT defined" },
		{ "SSI CLU PDR_VOLUME TOOLONG SLOT 1 M1\n", 1,
		  "SSI: PDR volume 'TOOLONG' must be 1-6 characters A-Z 0-9 @ # $" },
		{ "SSI CLUSTER99 PDR_VOLUME V SLOT 1 M1\n", 1,
		  "SSI: cluster name 'CLUSTER99' must be 1-8 characters A-Z 0-9 @ # $" },
		{ "SSI CLU PDR_VOLUME V SLOT 1 M1 NODE X\n", 1,
		  "SSI: unexpected operand 'NODE' (expected PDR_VOLUME or SLOT)" },
		{ "SSI CLU PDR_VOLUME V SLOT 1 M1\nSSI CLU2 PDR_VOLUME V SLOT 1 M1\n", 2,
		  "SSI: more than one SSI statement (first at line 1)" },
		{ "SSI CLU PDR_VOLUME V SLOT 1 M1\nM1: SSI X PDR_VOLUME V SLOT 1 M1\n", 2,
		  "SSI: statement cannot be member-qualified (M1)" },
		{ "SSI CLU PDR_VOLUME V SLOT X M1\n", 1, "SSI: slot 'X' is not a decimal number" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

/* ---- CP_OWNED, USER_VOLUME_LIST, RDEVICE ----------------------------------------------------- */

Test(config_sysconfig, cp_owned_forms)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("SYSTEM_IDENTIFIER_DEFAULT M1\nCP_Owned Slot 1 m01res\n"
				       "CP_OWNED 2 M01S01 OWN\nCP_OWNED SLOT 5 VMCOM1 SHARED\n"
				       "CP_OWNED SLOT 255 RESERVED\n", &e);

	expect_clean(&e);
	cr_assert_str_eq(sc_canonical(sc, SC_PRINT_ALL, NULL),
			 "SYSTEM_IDENTIFIER_DEFAULT M1\nCP_OWNED SLOT 1 M01RES\nCP_OWNED SLOT 2 M01S01 OWN\n"
			 "CP_OWNED SLOT 5 VMCOM1 SHARED\nCP_OWNED SLOT 255 RESERVED\n");
	cr_assert(only(sc, SC_CP_OWNED, 3)->u.cp_owned.reserved);
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, cp_owned_rejected)
{
	static const struct bad_case c[] = {
		{ "CP_OWNED SLOT 256 ABC\n", 1, "CP_OWNED: slot 256 out of range 1-255" },
		{ "CP_OWNED SLOT 0 ABC\n", 1, "CP_OWNED: slot 0 out of range 1-255" },
		{ "CP_OWNED SLOT 1 ABCDEFG\n", 1,
		  "CP_OWNED: volser 'ABCDEFG' must be 1-6 characters A-Z 0-9 @ # $" },
		{ "CP_OWNED SLOT 1\n", 1, "CP_OWNED: missing volser" },
		{ "CP_OWNED SLOT 1 ABC OWNED\n", 1, "CP_OWNED: unexpected operand 'OWNED'" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\nCP_OWNED SLOT 1 A\nCP_OWNED SLOT 1 B\n", 3,
		  "CP_OWNED: slot 1 already defined at line 2" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\nCP_OWNED SLOT 1 A\nM1: CP_OWNED SLOT 1 B\n", 3,
		  "CP_OWNED: slot 1 already defined at line 2 (on M1)" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\nCP_OWNED SLOT 1 A\nCP_OWNED SLOT 2 A\n", 3,
		  "CP_OWNED: volume A already CP-owned at line 2" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

Test(config_sysconfig, user_volume_list_splits_into_one_record_per_volume)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("SYSTEM_IDENTIFIER_DEFAULT M1\nUser_Volume_List 620RL1 620RL2,\n"
				       "   USRVL1\n", &e);

	expect_clean(&e);
	cr_assert_eq(sc->nrec, 4);
	cr_assert_str_eq(only(sc, SC_USER_VOLUME, 2)->u.user_volume.volser, "USRVL1");
	cr_assert_eq(only(sc, SC_USER_VOLUME, 2)->line, 3);
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, user_volume_list_rejected)
{
	static const struct bad_case c[] = {
		{ "USER_VOLUME_LIST\n", 1, "USER_VOLUME_LIST: missing volser" },
		{ "USER_VOLUME_LIST GOOD B*D\n", 1,
		  "USER_VOLUME_LIST: volser 'B*D' must be 1-6 characters A-Z 0-9 @ # $" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\nUSER_VOLUME_LIST A\nUSER_VOLUME_LIST B A\n", 3,
		  "USER_VOLUME_LIST: volume A already listed at line 2" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\nCP_OWNED SLOT 1 A\nM1: USER_VOLUME_LIST A\n", 3,
		  "USER_VOLUME_LIST: volume A is also in CP_OWNED at line 2 (on M1)" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

Test(config_sysconfig, rdevice_forms)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("SYSTEM_IDENTIFIER_DEFAULT M1\n"
				       "Rdevice 9000-90FF 9200 Type DASD Shared Yes\n"
				       "RDEV 1000-1002 EQID OSA1.LAN-1 TYPE OSA\n"
				       "RDEVICE 0500 TYPE FCP\nRDEVICE 0600 TYPE TAPE\nRDEVICE 912A TYPE CTCA SHARED NO\n",
				       &e);

	cr_assert_eq(cfg_errors_total(&e), 1, "%s", errors_text(&e));
	expect_error(&e, SC_FILE, 6, "RDEVICE: SHARED applies only to TYPE DASD");
	cr_assert_str_eq(sc_canonical(sc, SC_PRINT_ALL, NULL),
			 "SYSTEM_IDENTIFIER_DEFAULT M1\nRDEVICE 9000-90FF TYPE DASD SHARED YES\n"
			 "RDEVICE 9200 TYPE DASD SHARED YES\nRDEVICE 1000-1002 TYPE OSA EQID OSA1.LAN-1\n"
			 "RDEVICE 0500 TYPE FCP\nRDEVICE 0600 TYPE TAPE\n");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, rdevice_rejected)
{
	static const struct bad_case c[] = {
		{ "RDEVICE 1000 TYPE PRINTER\n", 1,
		  "RDEVICE: unknown device type 'PRINTER' (expected DASD, CTCA, OSA, FCP or TAPE)" },
		{ "RDEVICE 1000 EQID X\n", 1, "RDEVICE: missing TYPE" },
		{ "RDEVICE TYPE DASD\n", 1,
		  "RDEVICE: 'TYPE' is not a real device number or range (xxxx or xxxx-yyyy)" },
		{ "RDEVICE 2000-1000 TYPE DASD\n", 1,
		  "RDEVICE: '2000-1000' is not a real device number or range (xxxx or xxxx-yyyy)" },
		{ "RDEVICE 1000 TYPE DASD SHARED MAYBE\n", 1, "RDEVICE: SHARED must be YES or NO" },
		{ "RDEVICE 1000 TYPE DASD TYPE OSA\n", 1, "RDEVICE: TYPE given twice" },
		{ "RDEVICE 1000 TYPE DASD VOLSER X\n", 1,
		  "RDEVICE: unexpected operand 'VOLSER' (expected TYPE, EQID or SHARED)" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\nRDEVICE 1000-10FF TYPE DASD\nRDEVICE 10F0-1100 TYPE DASD\n", 3,
		  "RDEVICE: device 10F0 already defined at line 2" },
		{ "RDEVICE 1000 TYPE OSA EQID NET1\nRDEVICE 2000 TYPE FCP EQID NET1\n", 2,
		  "RDEVICE: EQID NET1 is TYPE FCP here but TYPE OSA at line 1" },
		{ "RDEVICE 1000 TYPE OSA EQID ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJX\n", 1,
		  "RDEVICE: EQID 'ABCDEFGHIJABCDEFGHIJABCD...' must be 1-50 characters A-Z 0-9 @ # $ _ - ." },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

/* ---- ACTIVATE ISLINK ---------------------------------------------------------------------- */

Test(config_sysconfig, activate_islink_forms)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("SSI CLU PDR_VOLUME V SLOT 1 M1 SLOT 2 M2\n"
				       "M1: Activate ISLink 912A 913A-913D Node M2\n"
				       "M2: ACT ISL 921A\n", &e);

	expect_clean(&e);
	cr_assert_str_eq(sc_canonical(sc, SC_PRINT_MEMBER, "M1"),
			 "SSI CLU PDR_VOLUME V SLOT 1 M1 SLOT 2 M2\nACTIVATE ISLINK 912A NODE M2\n"
			 "ACTIVATE ISLINK 913A-913D NODE M2\n");
	cr_assert_eq(only(sc, SC_ISLINK, 1)->u.islink.last, 0x913D);
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, activate_islink_rejected)
{
	static const struct bad_case c[] = {
		{ SSI2 "M1: ACTIVATE ISLINK 912G\n", 4,
		  "ACTIVATE ISLINK: '912G' is not a real device number or range (xxxx or xxxx-yyyy)" },
		{ SSI2 "M1: ACTIVATE ISLINK 9000-9010\n", 4,
		  "ACTIVATE ISLINK: range 9000-9010 has more than 16 devices" },
		{ SSI2 "M1: ACTIVATE ISLINK\n", 4, "ACTIVATE ISLINK: missing real device number" },
		{ SSI2 "M1: ACTIVATE ISLINK 912A NODE\n", 4, "ACTIVATE ISLINK: missing NODE system name" },
		{ SSI2 "M1: ACTIVATE ISLINK 912A NODE M2 912B\n", 4,
		  "ACTIVATE ISLINK: unexpected operand '912B'" },
		{ SSI2 "M1: ACTIVATE LINK 912A\n", 4, "ACTIVATE: unsupported object 'LINK' (only ISLINK)" },
		{ SSI2 "M1: ACTIVATE ISLINK 912A NODE M9\n", 4,
		  "ACTIVATE ISLINK: NODE M9 is not a system from SYSTEM_IDENTIFIER or SSI" },
		{ SSI2 "M1: ACTIVATE ISLINK 912A NODE M1\n", 4, "ACTIVATE ISLINK: NODE M1 is this system" },
		{ SSI2 "M1: ACTIVATE ISLINK 0A00-0A01\n", 4,
		  "ACTIVATE ISLINK: device 0A00 already activated at line 2 (on M1)" },
		{ SSI2 "M1: RDEVICE 0A00 TYPE DASD\n", 2,
		  "ACTIVATE ISLINK: device 0A00 is RDEVICE TYPE DASD at line 4, not CTCA on M1" },
		{ "SSI CLU PDR_VOLUME V SLOT 1 M1 SLOT 2 M2\nM1: ACTIVATE ISLINK 0A00\n", 1,
		  "ACTIVATE ISLINK: SSI member M2 has no ISFC link to the other members" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

/* ---- VMLAN ------------------------------------------------------------------------------------ */

Test(config_sysconfig, vmlan_prefixes_per_member_with_defaults)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text(SSI2 "M1: VMLAN MACPREFIX 021111 USERPREFIX 02AAAA\n"
				       "M2: VMLAN USERPREFIX 02AAAA\n", &e);
	struct sc_member m;

	expect_clean(&e);
	cr_assert_eq(sysconfig_member(sc, "M1", &m), 0);
	cr_assert_eq(m.slot, 1);
	cr_assert_eq(m.macprefix, 0x021111);
	cr_assert_eq(m.userprefix, 0x02AAAA);
	cr_assert_eq(m.macprefix_line, 4);
	cr_assert_eq(sysconfig_member(sc, "M2", &m), 0);
	cr_assert_eq(m.macprefix, 0x020002, "default MACPREFIX is 02000n for slot n");
	cr_assert_eq(m.macprefix_line, 0);
	cr_assert_eq(sysconfig_member(sc, "M9", &m), -1);
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, vmlan_rejected)
{
	static const struct bad_case c[] = {
		{ "VMLAN MACPREFIX 12345\n", 1, "VMLAN: MACPREFIX '12345' must be 6 hexadecimal digits" },
		{ "VMLAN USERPREFIX 031111\n", 1, "VMLAN: USERPREFIX 031111 must be in the range 020000-02FFFF" },
		{ "VMLAN\n", 1, "VMLAN: missing MACPREFIX or USERPREFIX" },
		{ "VMLAN LIMIT TOTAL 10\n", 1,
		  "VMLAN: unsupported operand 'LIMIT' (expected MACPREFIX or USERPREFIX)" },
		{ "VMLAN MACPREFIX 020001 MACPREFIX 020002\n", 1, "VMLAN: MACPREFIX given twice" },
		{ SSI2 "M1: VMLAN MACPREFIX 021111 USERPREFIX 02AAAA\nM2: VMLAN MACPREFIX 022222 USERPREFIX 02BBBB\n",
		  5, "VMLAN: USERPREFIX 02BBBB of M2 differs from 02AAAA of M1 (must be the same on every member)" },
		{ "SSI CLU PDR_VOLUME V SLOT 1 M1\nM1: VMLAN MACPREFIX 021111 USERPREFIX 021111\n",
		  2, "VMLAN: USERPREFIX 021111 of M1 equals the MACPREFIX of M1" },
		{ SSI2 "VMLAN USERPREFIX 02AAAA\nM1: VMLAN MACPREFIX 021111\nM2: VMLAN MACPREFIX 021111\n",
		  6, "VMLAN: MACPREFIX 021111 of M2 is also the MACPREFIX of M1" },
		{ SSI2 "VMLAN USERPREFIX 02AAAA\nM1: VMLAN MACPREFIX 021111\nM1: VMLAN MACPREFIX 021112\n",
		  6, "VMLAN: MACPREFIX already set at line 5 (on M1)" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\nVMLAN MACPREFIX 021111 USERPREFIX 021111\n", 2,
		  "VMLAN: USERPREFIX 021111 equals the MACPREFIX of M1" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

Test(config_sysconfig, vmlan_default_userprefix_must_not_equal_a_macprefix)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text(SSI2 "M1: VMLAN MACPREFIX 020000\n", &e);

	/* Neither sets USERPREFIX: the default 020000 is M1's MACPREFIX; reported per member at SSI. */
	cr_assert_eq(cfg_errors_total(&e), 2, "%s", errors_text(&e));
	expect_error(&e, SC_FILE, 1, "VMLAN: USERPREFIX 020000 of M1 equals the MACPREFIX of M1");
	expect_error(&e, SC_FILE, 1, "VMLAN: USERPREFIX 020000 of M2 equals the MACPREFIX of M1");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

/* ---- RELOCATION_DOMAIN ---------------------------------------------------------------------- */

Test(config_sysconfig, relocation_domain_accepted)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text(SSI2 "Relocation_Domain LINUXDOM Members M1 M2\n"
				       "RELOCATION_DOMAIN ONLY1 MEMBER M1\n", &e);

	expect_clean(&e);
	cr_assert_eq(only(sc, SC_RELOCATION_DOMAIN, 0)->u.reldomain.nmembers, 2);
	cr_assert_str_eq(only(sc, SC_RELOCATION_DOMAIN, 1)->u.reldomain.member[0], "M1");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, relocation_domain_rejected)
{
	static const struct bad_case c[] = {
		{ SSI2 "RELOCATION_DOMAIN D1 MEMBERS M1 M7\n", 4,
		  "RELOCATION_DOMAIN: member M7 is not an SSI member" },
		{ SSI2 "RELOCATION_DOMAIN M1 MEMBERS M1\n", 4,
		  "RELOCATION_DOMAIN: M1 is the name of a default domain" },
		{ SSI2 "RELOCATION_DOMAIN SSI MEMBERS M1\n", 4,
		  "RELOCATION_DOMAIN: SSI is the name of a default domain" },
		{ SSI2 "RELOCATION_DOMAIN D1 MEMBERS M1\nRELOCATION_DOMAIN D1 MEMBERS M2\n", 5,
		  "RELOCATION_DOMAIN: D1 already defined at line 4" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\nRELOCATION_DOMAIN D1 MEMBERS M1\n", 2,
		  "RELOCATION_DOMAIN: D1 needs an SSI statement" },
		{ SSI2 "RELOCATION_DOMAIN D1 M1 M2\n", 4, "RELOCATION_DOMAIN: expected MEMBERS, found 'M1'" },
		{ SSI2 "RELOCATION_DOMAIN D1 MEMBERS\n", 4, "RELOCATION_DOMAIN: missing member name" },
		{ SSI2 "RELOCATION_DOMAIN D1 MEMBERS M1 M1\n", 4, "RELOCATION_DOMAIN: member M1 listed twice" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

/* ---- DEFINE VSWITCH, SYSTEM_USERIDS, kept statements ---------------------------------------- */

Test(config_sysconfig, define_vswitch_forms)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("SYSTEM_IDENTIFIER_DEFAULT M1\n"
				       "Define VSwitch VSW1 Rdev 1000 2000 Ethernet VLAN 1 Porttype Access\n"
				       "DEF VSWITCH VSW2 IP RDEV NONE CONTROLLER *\nDEFINE VSWITCH VSW3\n", &e);
	const struct sc_vswitch *vs;

	expect_clean(&e);
	vs = &only(sc, SC_VSWITCH, 0)->u.vswitch;
	cr_assert_eq(vs->nrdev, 2);
	cr_assert_eq(vs->rdev[1], 0x2000);
	cr_assert_eq(vs->transport, SC_TRANSPORT_ETHERNET);
	cr_assert_str_eq(vs->options, "VLAN 1 PORTTYPE ACCESS");
	cr_assert_str_eq(sc_canonical(sc, SC_PRINT_ALL, NULL),
			 "SYSTEM_IDENTIFIER_DEFAULT M1\n"
			 "DEFINE VSWITCH VSW1 RDEV 1000 2000 ETHERNET VLAN 1 PORTTYPE ACCESS\n"
			 "DEFINE VSWITCH VSW2 RDEV NONE IP CONTROLLER *\nDEFINE VSWITCH VSW3\n");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, define_vswitch_rejected)
{
	static const struct bad_case c[] = {
		{ "DEFINE LAN L1\n", 1, "DEFINE: unsupported object 'LAN' (only VSWITCH)" },
		{ "DEFINE VSWITCH\n", 1, "DEFINE VSWITCH: missing switch name" },
		{ "DEFINE VSWITCH VSW1 RDEV 1000 2000 3000 4000\n", 1,
		  "DEFINE VSWITCH: more than 3 RDEV devices" },
		{ "DEFINE VSWITCH VSW1 RDEV VLAN 5\n", 1,
		  "DEFINE VSWITCH: RDEV needs 1-3 real device numbers or NONE" },
		{ "DEFINE VSWITCH VSW1 IP ETHERNET\n", 1, "DEFINE VSWITCH: ETHERNET or IP given twice" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\nDEFINE VSWITCH VSW1\nDEFINE VSWITCH VSW1 IP\n", 3,
		  "DEFINE VSWITCH: VSW1 already defined at line 2" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

Test(config_sysconfig, system_userids_roles_and_plain_userids)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("SYSTEM_IDENTIFIER_DEFAULT M1\n"
				       "System_Userids Operator OPERATOR, Dump OPERATNS\n"
				       "SYSTEM_USERIDS LINUX01 EREP\n", &e);

	expect_clean(&e);
	cr_assert_str_eq(sc_canonical(sc, SC_PRINT_ALL, NULL),
			 "SYSTEM_IDENTIFIER_DEFAULT M1\nSYSTEM_USERIDS OPERATOR OPERATOR\n"
			 "SYSTEM_USERIDS DUMP OPERATNS\nSYSTEM_USERIDS LINUX01\nSYSTEM_USERIDS EREP\n");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, system_userids_rejected)
{
	static const struct bad_case c[] = {
		{ "SYSTEM_USERIDS\n", 1, "SYSTEM_USERIDS: missing userid" },
		{ "SYSTEM_USERIDS OPERATOR TOOLONGUSER\n", 1,
		  "SYSTEM_USERIDS: userid 'TOOLONGUSER' must be 1-8 characters A-Z 0-9 @ # $ _ -" },
		{ "SYSTEM_IDENTIFIER_DEFAULT M1\nSYSTEM_USERIDS OPERATOR OP1\nSYSTEM_USERIDS OPERATOR OP2\n", 3,
		  "SYSTEM_USERIDS: OPERATOR already set at line 2" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

Test(config_sysconfig, well_known_statements_are_kept_as_text)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text("SYSTEM_IDENTIFIER_DEFAULT M1\n"
				       "M1: System_Residence,\n Checkpoint Volid M01RES From CYL 21 For 9,\n"
				       " Warmstart Volid M01RES From CYL 30 For 9\n"
				       "Features Disable Auto_Warm_IPL\n", &e);

	expect_clean(&e);
	cr_assert_str_eq(sc_canonical(sc, SC_PRINT_ALL, NULL),
			 "SYSTEM_IDENTIFIER_DEFAULT M1\nM1: SYSTEM_RESIDENCE CHECKPOINT VOLID M01RES FROM CYL 21 "
			 "FOR 9 WARMSTART VOLID M01RES FROM CYL 30 FOR 9\n"
			 "FEATURES DISABLE AUTO_WARM_IPL\n");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}

Test(config_sysconfig, kept_statement_without_operands_is_rejected)
{
	static const struct bad_case c[] = {
		{ "FEATURES\n", 1, "FEATURES: missing operands" },
	};

	expect_cases(c, sizeof(c) / sizeof(c[0]));
}

Test(config_sysconfig, unknown_member_for_validation_is_reported)
{
	struct cfg_errors e;
	struct sysconfig *sc = sc_text(SSI2, &e);

	expect_clean(&e);
	sysconfig_validate(sc, "NOPE", &e);
	expect_only(&e, SC_FILE, 0, "member NOPE is not a system from SYSTEM_IDENTIFIER or SSI");
	sysconfig_free(sc);
	cfg_errors_free(&e);
}
