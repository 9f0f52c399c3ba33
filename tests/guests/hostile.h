/*
 * hostile: probes that a hypervisor confines its guest. Each probe runs one
 * operation a guest must not get away with and the table says what the
 * architecture answers: a program-interruption code, or a condition code
 * (with a status word, SCLP response or subchannel status where there is one).
 */
#ifndef TGUEST_HOSTILE_H
#define TGUEST_HOSTILE_H

#include "kernel/compiler.h"

/* What the program knows about its machine. */
struct hostile_ctx {
	bool have_storage;
	uint64_t storage;            /* bytes */
	const char *storage_source;  /* "mem=" or "sclp" */
	uint16_t cpu_address;
};

/* What a probe ran into. */
struct outcome {
	const char *skip;            /* set: not run here, and why */
	const char *failure;         /* set: the probe itself could not go as planned */
	bool pgm;                    /* a program check ... */
	uint16_t code;               /* ... with this interruption code */
	int cc;                      /* condition code, -1 if none */
	bool has_value;
	uint32_t value;              /* SIGP status, SCLP response, subchannel status */
	const char *value_name;
	char note[80];               /* extra detail printed with a failure */
};

enum expect_kind {
	EXPECT_PGM,                  /* this program-interruption code */
	EXPECT_CC,                   /* no program check, this condition code (and value) */
	EXPECT_NO_PGM,               /* no program check at all */
};

struct expect {
	enum expect_kind kind;
	uint16_t code;
	int cc;
	bool check_value;
	uint32_t value;
	uint32_t value_mask;
};

#define EXPECT_PROGRAM_CHECK(c)  { .kind = EXPECT_PGM, .code = (c) }
#define EXPECT_COND(c)           { .kind = EXPECT_CC, .cc = (c) }
#define EXPECT_COND_VALUE(c, v, m) { .kind = EXPECT_CC, .cc = (c), .check_value = true, \
				     .value = (v), .value_mask = (m) }
#define EXPECT_NOTHING()         { .kind = EXPECT_NO_PGM }

#define PGM_OPERATION      0x0001
#define PGM_PRIVILEGED_OP  0x0002
#define PGM_PROTECTION     0x0004
#define PGM_ADDRESSING     0x0005
#define PGM_SPECIFICATION  0x0006
#define PGM_OPERAND        0x0015

typedef void probe_fn(const struct hostile_ctx *ctx, struct outcome *out);

struct probe {
	const char *name;
	probe_fn *run;
	struct expect expect;
	const char *known_gap;       /* an emulator known not to give the architected result */
};

/* Record a probe's result: its condition code and any program check since mark. */
void outcome_record(struct outcome *out, uint32_t mark, int cc);

/* hostile_probes.c */
probe_fn probe_mem_last, probe_mem_load_end, probe_mem_store_end, probe_mem_load_1t,
	probe_mem_load_top, probe_stsch_nodev, probe_ssch_nodev, probe_stsch_badid,
	probe_sigp_nocpu, probe_sigp_badorder, probe_servc_misaligned, probe_servc_beyond,
	probe_servc_badcmd, probe_diag_undefined, probe_lpswe_odd, probe_lpswe_ea_only, probe_lpswe_bit12,
	probe_priv_stctg, probe_priv_sigp, probe_priv_diag, probe_key_sske_rrbe_iske,
	probe_key_store_protected, probe_key_fetch_protected, probe_key_fetch_unprotected,
	probe_key_store_matching;
/* hostile_ccw.c */
probe_fn probe_ccw_data_beyond, probe_ssch_orb_reserved, probe_msch_schib_reserved;

#endif
