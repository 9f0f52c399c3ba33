/*
 * C side of the external and I/O interruption handlers (entry.S calls them).
 * They only record what arrived; the code waiting in wait_until() looks.
 */
#ifndef TGUEST_INTERRUPT_H
#define TGUEST_INTERRUPT_H

#include "kernel/compiler.h"

#define EXT_CLOCK_COMPARATOR 0x1004
#define EXT_EMERGENCY_SIGNAL 0x1201
#define EXT_EXTERNAL_CALL    0x1202
#define EXT_SERVICE_SIGNAL   0x2401

/* The last I/O interruption (floating: whichever CPU took it). */
struct io_record {
	volatile uint32_t count;
	volatile uint32_t schid;    /* subchannel id word (0x0001xxxx | ssid) */
	volatile uint32_t intparm;
};
extern struct io_record io_last;

void ext_interrupt(uint16_t code, uint32_t param, uint16_t cpu_addr);
void io_interrupt(uint32_t schid, uint32_t intparm, uint32_t intword);

/* In sclp.c: a service signal with this parameter (SCCB address | event-pending bits) arrived. */
void sclp_interrupt(uint32_t param);

#endif
