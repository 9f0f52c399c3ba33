/*
 * Bounds of the configuration library. Every count the parsers keep is capped
 * here; exceeding a cap is reported as an error naming file:line, never as
 * unbounded growth. The values are generous for a real z/VM-style system.
 */
#ifndef PLEXVM_CONFIG_CFG_LIMITS_H
#define PLEXVM_CONFIG_CFG_LIMITS_H

#define CFG_MAX_FILE_SIZE	(16u << 20)	/* bytes per SYSTEM CONFIG or USER DIRECT */
#define CFG_MAX_TOKENS		256		/* tokens in one statement (after continuation) */
#define CFG_MAX_ERRORS		1000		/* errors kept; later ones are only counted */
#define CFG_FILE_NAME_MAX	96		/* file name kept per error (truncated) */
#define CFG_MSG_MAX		160		/* message text per error (truncated) */
#define CFG_LINE_MAX		512		/* one canonical output line */

#define CFG_NAME_LEN		8		/* userids, system names, VSWITCH and domain names */
#define CFG_VOLSER_LEN		6
#define CFG_EQID_LEN		50

#define SC_MAX_RECORDS		4096		/* SYSTEM CONFIG statements (after splitting lists) */
#define SC_MAX_SLOTS		8		/* SSI slots accepted (z/VM itself has 4) */
#define SC_MAX_SYSTEMS		32		/* distinct system names (SYSTEM_IDENTIFIER + SSI) */
#define SC_MAX_QUALIFIERS	64		/* distinct member qualifiers */
#define SC_MAX_CP_OWNED_SLOT	255
#define SC_MAX_VSWITCH_RDEVS	3
#define SC_OPTIONS_LEN		200		/* pass-through operands kept as text */

#define DIR_MAX_ENTRIES		20000		/* USER/IDENTITY/PROFILE/SUBCONFIG entries */
#define DIR_MAX_STMTS		200000		/* statements in the whole directory */
#define DIR_MAX_ENTRY_STMTS	2000		/* statements in one entry */
#define DIR_PASSWORD_LEN	8
#define DIR_PRIVCLASS_LEN	32
#define DIR_IPL_PARM_LEN	64
#define DIR_MAX_CPUS		64		/* virtual CPU addresses 00-3F */
#define DIR_TEXT_LEN		64		/* SPOOL/CONSOLE trailing operands kept as text */

#endif
