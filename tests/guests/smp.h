/* smp: bringing up the guest's other CPUs (smp_start.c) for the test in smp.c. */
#ifndef TGUEST_SMP_H
#define TGUEST_SMP_H

#include "tests/guests/lib/cpu.h"

/* Fill gcpus[] with the CPUs of the configuration (SCLP, else SIGP sense); returns their number. */
unsigned int smp_find_cpus(void);

/*
 * Start gcpus[i] (stopped) at fn(&gcpus[i]) on its own lowcore and stack and wait
 * until it runs. Returns NULL, or why it could not be started (why holds the text).
 */
const char *smp_start_cpu(unsigned int i, void (*fn)(void *), char *why, size_t size);

/* Wait (up to timeout_us) until the CPU at this address is stopped; false if it never is. */
bool smp_wait_stopped(uint16_t address, uint64_t timeout_us);

#endif
