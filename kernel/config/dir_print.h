/*
 * Canonical user directory text: upper case, single blanks, device numbers
 * as 4 hex digits, sizes in the largest exact unit, defaults filled in
 * (MDISK mode W, privilege class G, maximum storage = storage). Passwords
 * print as XXXXXXXX unless DIR_PRINT_PASSWORDS is given.
 */
#ifndef PLEXVM_CONFIG_DIR_PRINT_H
#define PLEXVM_CONFIG_DIR_PRINT_H

#include <stddef.h>
#include <stdint.h>
#include "kernel/config/directory.h"
#include "kernel/config/dir_view.h"
#include "kernel/config/cfg_emit.h"
#include "kernel/config/sha256.h"

#define DIR_PRINT_PASSWORDS 1u

/* One statement. Returns the length the full line needs. */
int dir_stmt_format(const struct dir_stmt *s, unsigned flags, char *buf, size_t size);

/* An entry statement (USER/IDENTITY with the given storage sizes, PROFILE, SUBCONFIG). */
int dir_entry_format(const struct dir_entry *e, uint64_t storage, uint64_t maxstorage,
		     unsigned flags, char *buf, size_t size);

/* The effective entry of a view: its USER/IDENTITY line, then its statements. */
void dir_view_print(const struct dir_view *v, unsigned flags, cfg_emit_fn emit, void *ctx);

/* The whole directory as written (entries and statements in file order). */
void directory_print(const struct directory *dir, unsigned flags, cfg_emit_fn emit, void *ctx);

/* SHA-256 over directory_print with passwords, each line ending in a newline. */
void directory_digest_hex(const struct directory *dir, char out[SHA256_HEX_SIZE]);

#endif
