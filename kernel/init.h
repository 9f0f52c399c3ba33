/*
 * Initialisation hooks. A layer registers its start-up function with
 * INITCALL(level, fn); the kernel runs them in level order once core services
 * are up, so lower layers never name higher ones.
 *   1 arch   2 core kernel   3 drivers register   3p device discovery and binding
 *   4 virtual machines and CP commands   5 ssi   6 lgr   7 late
 * Levels sort as strings. They run in the INIT thread, so they may wait for I/O.
 */
#ifndef PLEXVM_KERNEL_INIT_H
#define PLEXVM_KERNEL_INIT_H

typedef int (*initcall_t)(void);

struct initcall {
	initcall_t fn;
	const char *name;
};

#define INITCALL(level, fn) \
	static const struct initcall __initcall_##fn \
	__attribute__((used, section(".initcall." #level), aligned(8))) = { fn, #fn }

/* Run every registered hook; failures are reported on the console. */
void run_initcalls(void);

/* Shutdown hooks run by SHUTDOWN before the machine stops (last registered runs first). */
typedef void (*shutdown_hook_t)(void);
int shutdown_hook_register(shutdown_hook_t fn);
void run_shutdown_hooks(void);

#endif
