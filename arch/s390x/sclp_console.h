/*
 * The operator console on the SCLP: VT220 (QEMU's sclpconsole) or line mode
 * (Hercules and the HMC's operating system messages). The kernel console owns
 * the output queue and line editing; this driver moves bytes.
 */
#ifndef PLEXVM_ARCH_SCLP_CONSOLE_H
#define PLEXVM_ARCH_SCLP_CONSOLE_H

#include "kernel/compiler.h"
#include "arch/s390x/sclp_event.h"

enum sclp_console_mode {
	SCLP_CONSOLE_NONE,
	SCLP_CONSOLE_LINEMODE,
	SCLP_CONSOLE_VT220,
};

struct sclp_console_ops {
	void (*tx_done)(void);   /* a write finished: the driver can take more */
	void (*rx)(enum sclp_input_kind kind, const char *text, size_t len);
};

/* Negotiate the event masks; prefer is SCLP_CONSOLE_NONE for automatic choice. */
enum sclp_console_mode sclp_console_init(enum sclp_console_mode prefer);
void sclp_console_set_ops(const struct sclp_console_ops *ops);
enum sclp_console_mode sclp_console_mode(void);
const char *sclp_console_mode_name(void);
/* Start writing from data; returns the bytes taken (0 when a write is still in flight). */
size_t sclp_console_tx_start(const char *data, size_t n);
bool sclp_console_tx_busy(void);
/* Polled write for the panic path and early boot (no interruption handlers needed). */
void sclp_console_write_sync(const char *data, size_t n);
/* Counters for QUERY CONSOLE style reports. */
struct sclp_console_stats {
	uint64_t writes, write_errors, reads, read_events, malformed;
};
void sclp_console_stats(struct sclp_console_stats *out);

#endif
