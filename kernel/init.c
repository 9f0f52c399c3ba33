/* Initcalls and shutdown hooks (see init.h). */
#include "kernel/init.h"
#include "kernel/console.h"

extern const struct initcall __initcalls_start[], __initcalls_end[];

#define MAX_SHUTDOWN_HOOKS 16
static shutdown_hook_t shutdown_hooks[MAX_SHUTDOWN_HOOKS];
static unsigned int nshutdown_hooks;

void run_initcalls(void)
{
	for (const struct initcall *ic = __initcalls_start; ic < __initcalls_end; ic++) {
		int rc = ic->fn();

		if (rc)
			kprintf("PLXINI001E Initialisation of %s failed, rc %d\n", ic->name, rc);
	}
}

int shutdown_hook_register(shutdown_hook_t fn)
{
	if (nshutdown_hooks >= MAX_SHUTDOWN_HOOKS)
		return -1;
	shutdown_hooks[nshutdown_hooks++] = fn;
	return 0;
}

void run_shutdown_hooks(void)
{
	while (nshutdown_hooks)
		shutdown_hooks[--nshutdown_hooks]();
}
