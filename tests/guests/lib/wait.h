/*
 * Waiting: the CPU loads an enabled wait PSW until a condition holds or a
 * deadline (clock comparator) passes. Never a busy loop without a bound.
 */
#ifndef TGUEST_WAIT_H
#define TGUEST_WAIT_H

#include "kernel/compiler.h"

typedef bool (*wait_cond_fn)(void *arg);

/*
 * Wait until cond(arg) holds, for at most timeout_us. While waiting, the CPU is
 * enabled for the external subclasses in cr0_bits (CR0_* from arch/s390x/cr.h)
 * and the clock comparator, and for I/O interruptions if io is set (the caller
 * sets the CR6 subclass mask). It wakes at least every millisecond to look at
 * conditions other CPUs change. Returns the condition's last value.
 */
bool wait_until(wait_cond_fn cond, void *arg, uint64_t cr0_bits, bool io, uint64_t timeout_us);

/* Wait (enabled for the clock comparator only) for us microseconds. */
void delay_us(uint64_t us);

#endif
