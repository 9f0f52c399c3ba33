/* Line output for printers that must work without stdio (the hypervisor console, plexcfg). */
#ifndef PLEXVM_CONFIG_CFG_EMIT_H
#define PLEXVM_CONFIG_CFG_EMIT_H

/* Called once per output line; `line` has no newline and is valid only during the call. */
typedef void (*cfg_emit_fn)(void *ctx, const char *line);

#endif
