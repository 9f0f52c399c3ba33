/*
 * smp: starts the guest's other CPUs; every CPU adds to a shared counter with
 * CS, sends an emergency signal to the next CPU of the ring and waits for one
 * from the previous, and reports "SMP CPU <address> OK" (or FAIL <why>).
 * Last line: "SMP DONE <n> cpus", n = CPUs that reported OK.
 * Parameters: rounds=N (CS increments per CPU, default 100000), cpus=N (the
 * number of CPUs expected: fewer is a failure).
 */
#include "tests/guests/smp.h"
#include "tests/guests/lib/guest.h"
#include "tests/guests/lib/cmdline.h"
#include "tests/guests/lib/insn.h"
#include "tests/guests/lib/print.h"
#include "tests/guests/lib/wait.h"
#include "arch/s390x/tod.h"
#include <stdio.h>

#define DEFAULT_ROUNDS     100000ULL
#define GO_TIMEOUT_US      5000000ULL
#define SIGNAL_TIMEOUT_US  2000000ULL
#define FINISH_TIMEOUT_US  10000000ULL
#define STOP_TIMEOUT_US    2000000ULL

const char guest_name[] = "SMP";

static uint64_t rounds = DEFAULT_ROUNDS;
static unsigned int ring[GUEST_MAX_CPUS]; /* indexes in gcpus[] of the CPUs taking part */
static unsigned int nring;
static volatile uint32_t go;              /* CPU 0: every CPU has been started */
static volatile uint32_t counter;         /* the CS counter */
static volatile uint32_t finished;        /* CPUs through their part */
static volatile uint32_t passed;          /* ... and OK */

static void atomic_add(volatile uint32_t *p, uint32_t n)
{
	uint32_t old = *p, seen;

	while ((seen = cs32(p, old, old + n)) != old)
		old = seen;
}

static bool flag_set(void *arg)
{
	return *(volatile uint32_t *)arg != 0;
}

struct signal_wait {
	unsigned int from; /* index of the sender */
};

static bool signalled(void *arg)
{
	const struct signal_wait *w = arg;

	return this_gcpu()->emergency_from[w->from] > 0;
}

/* This CPU's part; returns NULL or what went wrong. */
static const char *cpu_part(unsigned int pos, char *why, size_t size)
{
	unsigned int next = ring[(pos + 1) % nring], prev = ring[(pos + nring - 1) % nring];
	struct signal_wait w = { .from = prev };
	uint32_t status = 0;
	int cc;

	for (uint64_t i = 0; i < rounds; i++)
		atomic_add(&counter, 1);
	if (nring < 2)
		return NULL;
	cc = sigp(gcpus[next].address, SIGP_EMERGENCY_SIGNAL, 0, &status);
	if (cc != 0) {
		snprintf(why, size, "emergency signal to CPU %u: cc %d status %08x", gcpus[next].address,
			 cc, status);
		return why;
	}
	if (!wait_until(signalled, &w, CR0_EMERGENCY_SIGNAL, false, SIGNAL_TIMEOUT_US)) {
		snprintf(why, size, "no emergency signal from CPU %u within 2 s", gcpus[prev].address);
		return why;
	}
	return NULL;
}

static void run_part(unsigned int pos)
{
	struct gcpu *cpu = this_gcpu();
	char why[96];
	const char *err = cpu_part(pos, why, sizeof(why));

	if (err) {
		gprintf("SMP CPU %u FAIL %s\n", cpu->address, err);
	} else {
		gprintf("SMP CPU %u OK\n", cpu->address);
		atomic_add(&passed, 1);
	}
	atomic_add(&finished, 1);
}

/* A secondary CPU, from its restart: its part, wake CPU 0, stop. */
static void __noreturn secondary_main(void *arg)
{
	struct gcpu *cpu = arg;
	unsigned int pos = nring;

	sckc(TOD_INFINITE);
	cpu->state = GCPU_RUNNING;
	/* The ring is complete once CPU 0 says go. */
	if (!wait_until(flag_set, (void *)&go, 0, false, GO_TIMEOUT_US))
		gprintf("SMP CPU %u FAIL CPU 0 never said go\n", cpu->address);
	for (unsigned int i = 0; go && i < nring; i++)
		if (ring[i] == cpu->index)
			pos = i;
	if (pos < nring)
		run_part(pos);
	cpu->state = GCPU_DONE;
	(void)sigp(gcpus[0].address, SIGP_EMERGENCY_SIGNAL, 0, NULL);
	(void)sigp(cpu->address, SIGP_STOP, 0, NULL);
	disabled_wait(WAIT_SUCCESS); /* if the stop did not take */
}

static bool all_finished(void *arg)
{
	(void)arg;
	return finished == nring;
}

int guest_main(void)
{
	uint64_t expect_cpus = 0;
	unsigned int ncpus;
	int failures = 0;
	char why[96];

	if (cmdline_u64("rounds", &rounds) == CMDLINE_MALFORMED ||
	    cmdline_u64("cpus", &expect_cpus) == CMDLINE_MALFORMED) {
		gprintf("SMP FAIL rounds= and cpus= take numbers\n");
		return 1;
	}
	ncpus = smp_find_cpus();
	gprintf("SMP %u cpus in the configuration, %lu rounds each\n", ncpus, rounds);
	ring[nring++] = 0;
	for (unsigned int i = 1; i < ncpus; i++) {
		const char *err = smp_start_cpu(i, secondary_main, why, sizeof(why));

		if (err) {
			gprintf("SMP CPU %u FAIL %s\n", gcpus[i].address, err);
			failures++;
			continue;
		}
		ring[nring++] = i;
	}
	memory_barrier();
	go = 1;
	run_part(0);
	if (!wait_until(all_finished, NULL, CR0_EMERGENCY_SIGNAL, false, FINISH_TIMEOUT_US)) {
		gprintf("SMP FAIL only %u of %u cpus finished within 10 s\n", finished, nring);
		failures++;
	}
	/* QEMU ends the run when the last CPU stops: CPU 0 must be the last. */
	for (unsigned int i = 1; i < nring; i++) {
		if (!smp_wait_stopped(gcpus[ring[i]].address, STOP_TIMEOUT_US)) {
			gprintf("SMP CPU %u FAIL did not stop\n", gcpus[ring[i]].address);
			failures++;
		}
	}
	if (counter != nring * rounds) {
		gprintf("SMP FAIL counter %u, expected %lu\n", counter, nring * rounds);
		failures++;
	}
	failures += (int)(finished - passed);
	if (expect_cpus && passed < expect_cpus) {
		gprintf("SMP FAIL %u cpus OK, cpus=%lu expected\n", passed, expect_cpus);
		failures++;
	}
	gprintf("SMP DONE %u cpus\n", passed);
	return failures;
}
