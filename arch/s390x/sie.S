/*
 * Entering interpretive execution (SIE) and probing whether the machine has it.
 *
 * Guest GR0-13 are the real GR0-13 while the guest runs: they are loaded from
 * and stored back to an array; guest GR14/15 live in the state description,
 * so the host's r14 (the block's address, SIE's base register) and r15 (the
 * stack) survive. The guest's floating-point and access registers and FPC also
 * live in the real registers: the host never uses them (it is built
 * soft-float), they are switched here for each entry.
 */
	.text

/* void sie_enter(struct sie_block *sb, uint64_t *gprs, struct sie_fpregs *fp, uint64_t asce) */
	.globl	sie_enter
sie_enter:
	stmg	%r6,%r14,48(%r15)
	lgr	%r1,%r15
	aghi	%r15,-184
	stg	%r1,0(%r15)		/* back chain */
	stg	%r3,160(%r15)		/* gprs */
	stg	%r4,168(%r15)		/* fp */
	stg	%r5,176(%r15)		/* asce */
	ld	%f0,0(%r4)
	ld	%f1,8(%r4)
	ld	%f2,16(%r4)
	ld	%f3,24(%r4)
	ld	%f4,32(%r4)
	ld	%f5,40(%r4)
	ld	%f6,48(%r4)
	ld	%f7,56(%r4)
	ld	%f8,64(%r4)
	ld	%f9,72(%r4)
	ld	%f10,80(%r4)
	ld	%f11,88(%r4)
	ld	%f12,96(%r4)
	ld	%f13,104(%r4)
	ld	%f14,112(%r4)
	ld	%f15,120(%r4)
	lam	%a0,%a15,128(%r4)
	lfpc	192(%r4)
	lctlg	%c1,%c1,176(%r15)
	lgr	%r14,%r2
	lmg	%r0,%r13,0(%r3)
	.insn	s,0xb2140000,0(%r14)	/* SIE */
	lg	%r14,160(%r15)
	stmg	%r0,%r13,0(%r14)
	lg	%r14,168(%r15)
	std	%f0,0(%r14)
	std	%f1,8(%r14)
	std	%f2,16(%r14)
	std	%f3,24(%r14)
	std	%f4,32(%r14)
	std	%f5,40(%r14)
	std	%f6,48(%r14)
	std	%f7,56(%r14)
	std	%f8,64(%r14)
	std	%f9,72(%r14)
	std	%f10,80(%r14)
	std	%f11,88(%r14)
	std	%f12,96(%r14)
	std	%f13,104(%r14)
	std	%f14,112(%r14)
	std	%f15,120(%r14)
	stam	%a0,%a15,128(%r14)
	stfpc	192(%r14)
	aghi	%r15,184
	lmg	%r6,%r14,48(%r15)
	br	%r14

/*
 * uint32_t sie_probe(struct sie_block *sb): run SIE once on a block built to
 * end in a validity interception at once; returns 0, or the program
 * interruption code SIE caused (0x0001 operation: no SIE facility).
 */
	.globl	sie_probe
sie_probe:
	stmg	%r6,%r15,48(%r15)
	xc	0x438(4),0x438		/* lowcore pgm_fixup_code */
	larl	%r1,1f
	stg	%r1,0x430		/* lowcore pgm_fixup: resume at 1f */
	lgr	%r14,%r2
	.insn	s,0xb2140000,0(%r14)	/* SIE */
	xc	0x430(8),0x430
1:	llgf	%r2,0x438
	lmg	%r6,%r15,48(%r15)
	br	%r14

	.section .note.GNU-stack, "", @progbits
