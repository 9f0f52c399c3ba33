/*
 * Identifiers stored on a volume: volume serials, 8-character names (owner
 * cluster and system, extent names) and their blank-padded on-disk fields.
 */
#ifndef PLEXVM_KERNEL_VOL_NAMES_H
#define PLEXVM_KERNEL_VOL_NAMES_H

#include "kernel/compiler.h"
#include "kernel/vol/error.h"

#define VOL_VOLSER_MAX   6
#define VOL_NAME8_MAX    8

/* A volser: 1-6 characters A-Z 0-9 $ # @ (upper case). */
int vol_volser_check(const char *volser, struct vol_error *err);

/*
 * An 8-character name (owner cluster or system, extent name): 1-8 characters
 * A-Z 0-9 $ # @ _ -. what names the field in the message.
 */
int vol_name8_check(const char *name, const char *what, struct vol_error *err);

/* Copy s into an n-byte field, blank-padded (s no longer than n). */
void vol_field_put_blank(char *field, size_t n, const char *s);

/*
 * Decode a blank-padded field of n bytes into out (n + 1 bytes): the name must
 * be left-justified with no embedded blanks, or the field all blanks (out = "").
 * Characters are checked by the rules above: volser when max is
 * VOL_VOLSER_MAX (bytes beyond it must be blank), name8 otherwise.
 */
int vol_field_get_volser(const char *field, size_t n, char *out, const char *what,
			 struct vol_error *err);
int vol_field_get_name8(const char *field, size_t n, char *out, const char *what,
			struct vol_error *err);

#endif
