/*
 * Helpers for the virtual channel subsystem tests: a flat guest storage, a
 * test device, builders for CCWs, IDAWs and ORBs in big-endian guest storage,
 * and decoders for the SCHIB and IRB the instructions store.
 */
#ifndef PLEXVM_TESTS_VCSS_TEST_SUPPORT_H
#define PLEXVM_TESTS_VCSS_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include "kernel/vdev/vcss.h"
#include "kernel/vdev/vcss_hw.h"

#define T_MEM_SIZE  (17 * 1024 * 1024)  /* beyond the 24-bit limit of format-0 CCWs */
#define T_ORB       0x1000ULL
#define T_IRB       0x1100ULL
#define T_SCHIB     0x1200ULL
#define T_CCW       0x2000ULL
#define T_IDAW      0x3000ULL
#define T_DATA      0x10000ULL

/* Test device commands. */
#define TCMD_WRITE      0x01   /* fetch up to count bytes into wbuf */
#define TCMD_READ       0x02   /* store rlen bytes of rdata */
#define TCMD_CONTROL    0x0b   /* immediate: nothing moved */
#define TCMD_UNIT_EXC   0x13   /* unit exception, nothing moved */
#define TCMD_UNIT_CHECK 0x23   /* unit check, sense 10 42 */
#define TCMD_KICK_SELF  0x33   /* vcss_device_interrupt on itself while running */
#define TCMD_WRITE_ALL  0x41   /* fetch 16 bytes at a time until the data runs out */

struct tdev {
	struct vdev vd;
	bool handles_basic;        /* implements NOP, SENSE, SENSE ID itself */
	uint8_t wbuf[65536];
	uint32_t wlen;
	uint8_t rdata[8192];
	uint32_t rlen;
	int last_rc;               /* last vccw_fetch/store result */
	uint16_t seen_count;       /* vccw.count of the last command */
	uint8_t seen_cmd;
	unsigned commands, resets, destroys;
};

struct tenv {
	uint8_t *mem;
	struct gmem g;
	struct vcss *v;
	struct tdev dev[4];
	unsigned ndev;
	unsigned io_pending_calls;
};

/* Storage, a vcss and n test devices (devno 0x100 + i, cu 3832/01, dev 3390/0C). */
void tenv_init(struct tenv *e, unsigned n);
void tenv_fini(struct tenv *e);

uint32_t sid_of(unsigned schno);

/* Guest storage writers (big-endian). */
void put8(struct tenv *e, uint64_t a, uint8_t v);
void put16(struct tenv *e, uint64_t a, uint16_t v);
void put32(struct tenv *e, uint64_t a, uint32_t v);
void put64(struct tenv *e, uint64_t a, uint64_t v);
uint32_t get32(struct tenv *e, uint64_t a);
void ccw1(struct tenv *e, uint64_t a, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t cda);
void ccw0(struct tenv *e, uint64_t a, uint8_t cmd, uint32_t cda, uint8_t flags, uint16_t count);
void orb(struct tenv *e, uint64_t a, uint32_t intparm, uint32_t flags, uint32_t cpa);

/* ORB flags Linux uses: format-1 CCWs, format-2 4K IDAWs, LPM 0x80. */
#define ORB_LINUX (ORB_F | ORB_H | 0x8000U)

/* MSCH the subchannel enabled with isc and intparm (asserts cc 0). */
void enable(struct tenv *e, unsigned schno, unsigned isc, uint32_t intparm);

/* SSCH with an ORB at T_ORB; returns the cc. */
int start(struct tenv *e, unsigned schno, uint32_t intparm, uint32_t flags, uint32_t cpa);

struct tirb {
	uint32_t ctl, cpa;
	uint8_t dstat, cstat;
	uint16_t count;
	uint32_t esw0, erw;
	uint8_t ecw[32];
};
/* TSCH into T_IRB and decode; returns the cc. */
int tsch(struct tenv *e, unsigned schno, struct tirb *irb);

struct tschib {
	uint32_t intparm;
	uint16_t flags, devno;
	uint8_t lpm, pnom, lpum, pim, pom, pam, chpid0;
	uint16_t mbi;
	uint32_t chars;
	struct tirb scsw;          /* SCSW part only */
	uint64_t mba;
};
/* STSCH into T_SCHIB and decode; returns the cc. */
int stsch(struct tenv *e, unsigned schno, struct tschib *s);

#endif
