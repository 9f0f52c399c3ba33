/* plexvol commands and their parsed options. */
#ifndef PLEXVOL_CMDS_H
#define PLEXVOL_CMDS_H

#include <stdbool.h>

#define MAX_POS 256
#define MAX_EXTENT_OPTS 200

struct opts {
	const char *pos[MAX_POS];       /* positional arguments after the command */
	int npos;
	const char *type, *cyls, *volser, *owner, *extent;
	const char *extents[MAX_EXTENT_OPTS];  /* create/format --extent, repeated */
	int nextents;
	bool force, raw;
};

int cmd_create(struct opts *o);
int cmd_format(struct opts *o);
int cmd_info(struct opts *o);
int cmd_put(struct opts *o);
int cmd_get(struct opts *o);
int cmd_ls(struct opts *o);
int cmd_rm(struct opts *o);
int cmd_read_block(struct opts *o);
int cmd_write_block(struct opts *o);

/* Print the usage message to stderr and return EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
