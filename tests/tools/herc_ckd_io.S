/*
 * A stand-alone ESA/390 program for tests/tools/test_plexvol.sh: IPLed by
 * Hercules from a list-directed .ins set, it runs classic 3390 channel
 * programs (Seek, Search ID Equal, TIC, Read Data / Read Key and Data /
 * Write Data, format-1 CCWs) against device 0120, proving that Hercules'
 * own ECKD emulation finds the records plexvol wrote, where plexvol expects.
 *
 * Requests come from a table at 0x3000 (a second file of the .ins set), 16
 * bytes each, ended by CC = X'FFFF':
 *   +0 CC (2)  +2 HH (2)  +4 R (1)  +5 CCW command (1)  +6 length (2)
 *   +8 eight bytes: for reads, what the record must start with; for a write
 *      (command X'05'), the pattern the written record is filled with
 * The program ends in a disabled wait whose PSW address tells the result:
 *   X'00C0FFEE' all requests done; X'00KIDDSS' failed: K kind (1 bad I/O
 *   status, 2 data mismatch, 3 SSCH cc, 4 TSCH cc 3, 5 no device 0120,
 *   6 MSCH cc), I request index, DD device status, SS subchannel status.
 * Absolute addressing (base register 0) throughout: it all lies below 4K.
 */
	.text
	.org	0
	.long	0x00080000, 0x80000200		/* IPL PSW: ESA/390, 31-bit, start */
	.org	0x68
	.long	0x000a0000, 0x80000bad		/* program new PSW: wait X'BAD' */
	.org	0x200
start:
	lhi	%r8,0x3000			/* current request */
	lhi	%r9,0				/* its index */
	l	%r1,ssid0
find:
	stsch	schib
	brc	1,nodev				/* cc 3: no more subchannels */
	clc	schib+6(2),devno
	je	found
	ahi	%r1,1
	j	find
nodev:
	lhi	%r2,5
	j	fail
found:
	oi	schib+5,0x80			/* enable the subchannel */
	msch	schib
	lhi	%r2,6
	brc	7,fail
next:
	clc	0(2,%r8),endmark
	je	done
	mvc	seekarg+2(4),0(%r8)		/* CCHH */
	mvc	srcharg(5),0(%r8)		/* CCHHR */
	mvc	ccw_io(1),5(%r8)		/* command */
	mvc	ccw_io+2(2),6(%r8)		/* count */
	cli	5(%r8),0x05
	jne	go
	lhi	%r5,0x2000			/* fill the buffer for a write */
	lhi	%r6,512
fill:
	mvc	0(8,%r5),8(%r8)
	la	%r5,8(%r5)
	brct	%r6,fill
go:
	ssch	orb
	lhi	%r2,3
	brc	7,fail
poll:
	tsch	irb
	brc	4,poll				/* cc 1: not yet status pending */
	lhi	%r2,4
	brc	1,fail				/* cc 3 */
	lhi	%r2,1
	cli	irb+8,0x0c			/* channel end + device end */
	jne	fail
	cli	irb+9,0x00
	jne	fail
	cli	5(%r8),0x05
	je	ok
	lhi	%r5,0x2000
	lhi	%r2,2
	clc	0(8,%r5),8(%r8)
	jne	fail
ok:
	la	%r8,16(%r8)
	ahi	%r9,1
	j	next
done:
	lpsw	waitok
/* r2 = kind: wait at X'00KIDDSS' */
fail:
	sll	%r2,20
	lr	%r3,%r9
	sll	%r3,16
	or	%r2,%r3
	sr	%r3,%r3
	ic	%r3,irb+8
	sll	%r3,8
	or	%r2,%r3
	sr	%r3,%r3
	ic	%r3,irb+9
	or	%r2,%r3
	o	%r2,amode
	st	%r2,waitfail+4
	lpsw	waitfail

	.align	8
waitok:	.long	0x000a0000, 0x80c0ffee
waitfail: .long	0x000a0000, 0
amode:	.long	0x80000000
ssid0:	.long	0x00010000
devno:	.short	0x0120
endmark: .short	0xffff
	.align	8
ccws:
	.byte	0x07, 0x40			/* Seek, command chain */
	.short	6
	.long	seekarg
srch:	.byte	0x31, 0x40			/* Search ID Equal, command chain */
	.short	5
	.long	srcharg
	.byte	0x08, 0x00			/* TIC back while not equal */
	.short	0
	.long	srch
ccw_io:	.byte	0x06, 0x00			/* the read or write, no SLI */
	.short	4096
	.long	0x2000
	.align	8
orb:	.long	0				/* interruption parameter */
	.long	0x0080ff00			/* format-1 CCWs, all paths */
	.long	ccws
	.long	0, 0, 0, 0, 0
	.align	8
seekarg: .byte	0, 0, 0, 0, 0, 0		/* BB CC HH */
srcharg: .byte	0, 0, 0, 0, 0			/* CC HH R */
	.align	8
schib:	.fill	52, 1, 0
	.align	8
irb:	.fill	96, 1, 0
