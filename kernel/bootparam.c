/* Boot parameters from the Linux-convention area at 0x10400 (see head.S). */
#include "kernel/bootparam.h"
#include "kernel/lib/cmdline.h"

extern char bootparm[];
extern char boot_command_line[];

static struct cmdline cmdline;
static char raw[CMDLINE_MAX + 1];
static uint64_t initrd_start, initrd_size;

void bootparam_init(void)
{
	const uint64_t *area = (const uint64_t *)(void *)bootparm;
	size_t n = 0;

	while (n < CMDLINE_MAX && boot_command_line[n]) {
		raw[n] = boot_command_line[n];
		n++;
	}
	raw[n] = '\0';
	cmdline_parse(&cmdline, raw, n);
	initrd_start = area[1]; /* 0x10408 */
	initrd_size = area[2];  /* 0x10410 */
}

const char *bootparam_get(const char *key)
{
	return cmdline_get(&cmdline, key);
}

const char *bootparam_cmdline(void)
{
	return raw;
}

bool bootparam_initrd(uint64_t *start, uint64_t *size)
{
	if (!initrd_size)
		return false;
	*start = initrd_start;
	*size = initrd_size;
	return true;
}
