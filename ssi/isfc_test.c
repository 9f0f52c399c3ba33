/*
 * ISFC test traffic (ISFC TEST and ISFC PING): messages of deterministic
 * content that the receiving member checks byte for byte and in order,
 * reporting its counts back; and echo round trips for latency.
 */
#include "ssi/isfc.h"
#include "ssi/isfc_test.h"
#include "kernel/alloc.h"
#include "kernel/sched.h"
#include "kernel/init.h"
#include "kernel/lib/pattern.h"
#include "kernel/lib/cksm.h"
#include "arch/s390x/tod.h"
#include <string.h>

#define MAX_TESTS 8
#define FLAG_LAST 1
#define FLAG_CHECKSUM_ONLY 2 /* the data is not the pattern: only its CHECKSUM is checked */

struct test_msg {
	uint64_t seed;             /* 0x00 */
	uint64_t index;            /* 0x08 */
	uint32_t size;             /* 0x10 data bytes */
	uint32_t flags;            /* 0x14 */
	uint32_t crc;              /* 0x18 CHECKSUM of the data */
	uint32_t reserved;         /* 0x1c */
	uint8_t data[];
} __packed;

struct test_result {
	uint64_t seed;
	uint64_t good, bad, out_of_order, bytes;
} __packed;

/* Receiving side: one entry per (member, seed). */
struct rx_test {
	char member[ISFC_NAME_LEN + 1];
	uint64_t seed, next, good, bad, out_of_order, bytes;
};

static struct rx_test rx_tests[MAX_TESTS];
static struct spinlock test_lock = SPINLOCK_INIT;

/* Sending side: the result awaited. */
static struct test_result awaited[MAX_TESTS];
static bool awaited_valid[MAX_TESTS];

struct pong_wait {
	volatile uint64_t seq_seen;
};
static struct pong_wait pong;

static struct rx_test *rx_slot(const char *member, uint64_t seed)
{
	struct rx_test *free_slot = NULL;

	for (unsigned int i = 0; i < MAX_TESTS; i++) {
		if (rx_tests[i].seed == seed && strcmp(rx_tests[i].member, member) == 0)
			return &rx_tests[i];
		if (!rx_tests[i].seed && !free_slot)
			free_slot = &rx_tests[i];
	}
	if (!free_slot)
		free_slot = &rx_tests[seed % MAX_TESTS];
	memset(free_slot, 0, sizeof(*free_slot));
	strncpy(free_slot->member, member, ISFC_NAME_LEN);
	free_slot->seed = seed;
	return free_slot;
}

static void on_test_data(const char *from, const void *payload, size_t len)
{
	const struct test_msg *m = payload;
	struct test_result r;
	struct rx_test *t;
	uint8_t *want;
	bool good;

	if (len < sizeof(*m) || m->size != len - sizeof(*m) || m->seed == 0)
		return;
	if (m->flags & FLAG_CHECKSUM_ONLY) {
		good = cksm32(m->data, m->size, 0) == m->crc;
	} else {
		want = kmalloc(m->size ? m->size : 1);
		if (want)
			pattern_fill(want, m->size, m->seed, m->index);
		good = want && cksm32(m->data, m->size, 0) == m->crc && memcmp(want, m->data, m->size) == 0;
		kfree(want);
	}
	spin_lock(&test_lock);
	t = rx_slot(from, m->seed);
	if (m->index != t->next)
		t->out_of_order++;
	t->next = m->index + 1;
	if (good) {
		t->good++;
		t->bytes += m->size;
	} else {
		t->bad++;
	}
	r = (struct test_result){ t->seed, t->good, t->bad, t->out_of_order, t->bytes };
	if (m->flags & FLAG_LAST)
		t->seed = 0; /* the slot is free for the next test */
	spin_unlock(&test_lock);
	if (m->flags & FLAG_LAST)
		isfc_send(from, ISFC_MSG_TEST_RESULT, &r, sizeof(r));
}

static void on_test_result(const char *from, const void *payload, size_t len)
{
	const struct test_result *r = payload;

	(void)from;
	if (len != sizeof(*r))
		return;
	spin_lock(&test_lock);
	awaited[r->seed % MAX_TESTS] = *r;
	awaited_valid[r->seed % MAX_TESTS] = true;
	wakeup(awaited);
	spin_unlock(&test_lock);
}

static void on_ping(const char *from, const void *payload, size_t len)
{
	isfc_send(from, ISFC_MSG_PONG, payload, len);
}

static void on_pong(const char *from, const void *payload, size_t len)
{
	uint64_t seq;

	(void)from;
	if (len < sizeof(seq))
		return;
	memcpy(&seq, payload, sizeof(seq));
	spin_lock(&test_lock);
	pong.seq_seen = seq;
	wakeup(&pong);
	spin_unlock(&test_lock);
}

int isfc_test_run(const char *member, uint64_t total_bytes, uint32_t min, uint32_t max,
		  uint64_t seed, bool checksum_only, struct isfc_test_report *rep)
{
	struct test_msg *m = kmalloc(sizeof(*m) + max);
	uint64_t x = seed, start = tod_now(), deadline;
	bool got;

	memset(rep, 0, sizeof(*rep));
	if (!m)
		return -1;
	spin_lock(&test_lock);
	awaited_valid[seed % MAX_TESTS] = false;
	spin_unlock(&test_lock);
	if (checksum_only)
		pattern_fill(m->data, max, seed, 0); /* once: the link, not the pattern, is measured */
	for (uint64_t index = 0; rep->bytes_sent < total_bytes; index++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		m->seed = seed;
		m->index = index;
		m->size = min + (uint32_t)(x % (max - min + 1));
		m->flags = (rep->bytes_sent + m->size >= total_bytes ? FLAG_LAST : 0) |
			   (checksum_only ? FLAG_CHECKSUM_ONLY : 0);
		m->reserved = 0;
		if (!checksum_only)
			pattern_fill(m->data, m->size, seed, index);
		m->crc = cksm32(m->data, m->size, 0);
		if (isfc_send(member, ISFC_MSG_TEST_DATA, m, sizeof(*m) + m->size) != 0) {
			rep->send_failed = true;
			break;
		}
		rep->messages_sent++;
		rep->bytes_sent += m->size;
		cond_resched();
	}
	rep->elapsed_us = tod_to_us(tod_now() - start);
	kfree(m);
	if (rep->send_failed)
		return -1;
	deadline = tod_now() + tod_from_ms(30000);
	spin_lock(&test_lock);
	while (!(got = awaited_valid[seed % MAX_TESTS]) && tod_now() < deadline)
		sleep_on_until(awaited, &test_lock, deadline);
	if (got) {
		rep->peer_good = awaited[seed % MAX_TESTS].good;
		rep->peer_bad = awaited[seed % MAX_TESTS].bad;
		rep->peer_out_of_order = awaited[seed % MAX_TESTS].out_of_order;
		rep->peer_bytes = awaited[seed % MAX_TESTS].bytes;
	}
	spin_unlock(&test_lock);
	rep->result_received = got;
	return got ? 0 : -1;
}

int isfc_ping(const char *member, unsigned int count, uint64_t *min_us, uint64_t *avg_us,
	      uint64_t *max_us)
{
	uint64_t total = 0;

	*min_us = UINT64_MAX;
	*max_us = 0;
	for (unsigned int i = 1; i <= count; i++) {
		uint64_t seq = ((uint64_t)i << 32) ^ tod_now(), t0 = tod_now(), rtt;
		uint64_t deadline = t0 + tod_from_ms(15000);

		if (isfc_send(member, ISFC_MSG_PING, &seq, sizeof(seq)) != 0)
			return -1;
		spin_lock(&test_lock);
		while (pong.seq_seen != seq && tod_now() < deadline)
			sleep_on_until(&pong, &test_lock, deadline);
		spin_unlock(&test_lock);
		if (pong.seq_seen != seq)
			return -1;
		rtt = tod_to_us(tod_now() - t0);
		total += rtt;
		*min_us = MIN(*min_us, rtt);
		*max_us = MAX(*max_us, rtt);
	}
	*avg_us = count ? total / count : 0;
	return 0;
}

static int isfc_test_init(void)
{
	return isfc_register(ISFC_MSG_TEST_DATA, on_test_data) |
	       isfc_register(ISFC_MSG_TEST_RESULT, on_test_result) |
	       isfc_register(ISFC_MSG_PING, on_ping) | isfc_register(ISFC_MSG_PONG, on_pong);
}
INITCALL(5, isfc_test_init);
