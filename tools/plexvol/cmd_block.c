/* plexvol read-block and write-block. */
#include "cmds.h"
#include "util.h"
#include "bdev.h"
#include "kernel/vol/geometry.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int get_block(struct opts *o, const char *what, uint32_t *block)
{
	if (!parse_u32(o->pos[1], block))
		return usage_error("%s: bad block number '%s'", what, o->pos[1]);
	return 0;
}

static void hexdump(const uint8_t *p, size_t n)
{
	bool starred = false;

	for (size_t off = 0; off < n; off += 16) {
		if (off && off + 16 < n && memcmp(p + off, p + off - 16, 16) == 0) {
			if (!starred)
				puts("*");
			starred = true;
			continue;
		}
		starred = false;
		printf("%06zx ", off);
		for (size_t i = 0; i < 16; i++)
			printf("%s%02x", i % 4 ? "" : " ", p[off + i]);
		printf("  |");
		for (size_t i = 0; i < 16; i++)
			putchar(isprint(p[off + i]) ? p[off + i] : '.');
		puts("|");
	}
}

int cmd_read_block(struct opts *o)
{
	uint8_t blk[VOL_BLOCK_SIZE];
	struct vol_chr c;
	struct bdev b;
	uint32_t block;
	int rc;

	if (o->npos != 2)
		return usage_error("read-block: expected FILE BLOCK");
	if ((rc = get_block(o, "read-block", &block)))
		return rc;
	if (bdev_open(&b, o->pos[0], false) || bdev_read_block(&b, block, blk)) {
		errmsg("%s", b.err);
		bdev_close(&b);
		return -1;
	}
	bdev_close(&b);
	if (o->raw) {
		if (fwrite(blk, 1, sizeof(blk), stdout) != sizeof(blk) || fflush(stdout))
			return errmsg("stdout: write failed");
		return 0;
	}
	vol_block_to_chr(block, &c);
	printf("Block %u: cylinder %u head %u record %u\n", block, c.cyl, c.head, c.rec);
	hexdump(blk, sizeof(blk));
	return 0;
}

int cmd_write_block(struct opts *o)
{
	uint8_t blk[VOL_BLOCK_SIZE];
	uint8_t *data;
	struct bdev b;
	uint32_t block;
	size_t len;
	int rc;

	if (o->npos != 3)
		return usage_error("write-block: expected FILE BLOCK INPUT");
	if ((rc = get_block(o, "write-block", &block)))
		return rc;
	if (read_file(o->pos[2], &data, &len))
		return -1;
	if (len > VOL_BLOCK_SIZE) {
		free(data);
		return errmsg("%s: %zu bytes, a block holds %u", o->pos[2], len, VOL_BLOCK_SIZE);
	}
	memset(blk, 0, sizeof(blk));
	memcpy(blk, data, len);
	free(data);
	if (bdev_open(&b, o->pos[0], true) || bdev_write_block(&b, block, blk) || bdev_close(&b)) {
		errmsg("%s", b.err);
		bdev_close(&b);
		return -1;
	}
	return 0;
}
