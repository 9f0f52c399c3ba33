/*
 * memtest - the memory workload of PlexVM's Linux guests (a static s390x Linux program).
 *
 *   memtest SIZE_MIB INTERVAL_S DURATION_S SEED [RATE]
 *   memtest --cpu-loop N
 *
 * Allocates SIZE_MIB MiB, fills every 4096-byte page with a pattern, then rewrites
 * RATE randomly chosen pages per second (default 1024) and, at the end of every
 * INTERVAL_S seconds, re-reads every word of the area, compares it with what it
 * must hold and prints one line:
 *
 *   MEMTEST seq=3 pages=15360 dirty=5120 sum=89abcdef t=15.02 ok
 *
 * seq counts intervals (seq=0 is the check right after the initial fill), pages is
 * the number of pages rewritten so far, dirty those rewritten in this interval, sum a
 * checksum of the whole area as read back, t the seconds since the start. A word
 * that does not hold what it should gives
 *
 *   MEMTEST FAIL seq=3 addr=0x3ff8a51c008 phys=0x1234008 page=1234 word=1 expected=... got=...
 *
 * (phys is the guest physical address from /proc/self/pagemap, "?" when unknown), the
 * word is repaired so that later passes report only new damage, and the interval's
 * line ends in "FAIL errors=N" instead of "ok". DURATION_S 0 runs forever; otherwise the
 * program stops after ceil(DURATION_S / INTERVAL_S) intervals with
 *
 *   MEMTEST DONE seq=3 pages=15360 sum=89abcdef errors=0 ok
 *
 * and exits 0 (1 after any error, 2 for bad arguments, 3 when memory cannot be had).
 *
 * Determinism: page choices come from a generator seeded with SEED and each page's
 * contents depend only on SEED, the page number and which write (by count) last
 * touched it; every interval performs exactly RATE * INTERVAL_S writes (late ones
 * are caught up, never dropped). So the sum depends only on SEED, SIZE_MIB and the
 * number of pages written, and the n-th line is the same on QEMU, Hercules and under
 * PlexVM, however fast the machine is. Only t differs.
 *
 * Test aid: with MEMTEST_FLIP=SEQ:PAGE in the environment, one bit of word 1 of page
 * PAGE is flipped just before the check of interval SEQ (which must then fail).
 *
 * --cpu-loop N runs a fixed CPU-bound loop of N iterations (no memory traffic, no
 * system calls) and prints "CPULOOP n=N result=<hex> wall_ms=W cpu_ms=C"; result
 * depends only on N. Used by the SIE overhead benchmark.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PAGE_BYTES 4096u
#define PAGE_WORDS (PAGE_BYTES / 8)
#define MAX_FAIL_LINES 16 /* per pass; the count goes on */

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

/* One line to stdout in one write(), so lines from other programs on the console
 * never cut into it. */
static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	for (char *p = line; n > 0;) {
		ssize_t w = write(1, p, (size_t)n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (int)w;
	}
}

/* splitmix64's finaliser: a good 64-bit mix. */
static inline uint64_t mix64(uint64_t z)
{
	z ^= z >> 30;
	z *= 0xbf58476d1ce4e5b9ull;
	z ^= z >> 27;
	z *= 0x94d049bb133111ebull;
	z ^= z >> 31;
	return z;
}

static inline uint64_t rotl64(uint64_t x, unsigned r)
{
	return (x << r) | (x >> (64 - r));
}

struct area {
	uint64_t *mem;      /* npages * PAGE_WORDS words */
	uint64_t *gen;      /* per page: the number of the write that last touched it, 0 = fill */
	uint64_t npages;
	uint64_t seed_hash;
	uint64_t rng;       /* splitmix64 state */
	uint64_t written;   /* pages written since the fill */
	uint64_t errors;
	uint64_t flip_seq, flip_page; /* MEMTEST_FLIP; flip_seq 0 = none */
	int pagemap_fd;
};

/* Word 0 of a page: from the seed, the page and its generation. Word i adds i times an
 * odd constant, so every word of the area differs from every other. */
static inline uint64_t page_base(const struct area *a, uint64_t page, uint64_t gen)
{
	return mix64(a->seed_hash + page * 0x9e3779b97f4a7c15ull + gen * 0xd1b54a32d192ed03ull);
}
#define WORD_STEP 0xa24baed4963ee407ull

static void write_page(struct area *a, uint64_t page, uint64_t gen)
{
	uint64_t *w = a->mem + page * PAGE_WORDS;
	uint64_t v = page_base(a, page, gen);

	for (unsigned i = 0; i < PAGE_WORDS; i++, v += WORD_STEP)
		w[i] = v;
	a->gen[page] = gen;
}

static uint64_t next_random(struct area *a)
{
	a->rng += 0x9e3779b97f4a7c15ull;
	return mix64(a->rng);
}

/* The next write: a page chosen by the generator (multiply-shift, no modulo bias). */
static void write_next(struct area *a)
{
	uint64_t r = next_random(a) >> 32;
	uint64_t page = (r * a->npages) >> 32;

	a->written++;
	write_page(a, page, a->written);
}

/* Guest physical address of a virtual address, or 0 when unknown (bit 63 = present,
 * bits 0-54 = page frame number; needs root, which /init is). */
static uint64_t phys_of(struct area *a, const void *addr)
{
	uint64_t entry, vpage = (uint64_t)(uintptr_t)addr / PAGE_BYTES;

	if (a->pagemap_fd < 0)
		return 0;
	if (pread(a->pagemap_fd, &entry, sizeof(entry), (off_t)(vpage * 8)) != sizeof(entry))
		return 0;
	if (!(entry & (1ull << 63)) || !(entry & ((1ull << 55) - 1)))
		return 0;
	return (entry & ((1ull << 55) - 1)) * PAGE_BYTES + (uint64_t)(uintptr_t)addr % PAGE_BYTES;
}

/* Re-read every word; returns the checksum of what was read (in address order) and
 * counts (and repairs) the words that were wrong. */
static uint32_t verify(struct area *a, unsigned long seq, uint64_t *pass_errors)
{
	uint64_t sum = a->seed_hash, bad = 0;

	if (a->flip_seq && a->flip_seq == seq && a->flip_page < a->npages)
		a->mem[a->flip_page * PAGE_WORDS + 1] ^= 1u << 4;

	for (uint64_t p = 0; p < a->npages; p++) {
		uint64_t *w = a->mem + p * PAGE_WORDS;
		uint64_t v = page_base(a, p, a->gen[p]);

		for (unsigned i = 0; i < PAGE_WORDS; i++, v += WORD_STEP) {
			uint64_t got = w[i];

			sum = rotl64(sum, 5) ^ got;
			if (__builtin_expect(got == v, 1))
				continue;
			if (bad < MAX_FAIL_LINES) {
				uint64_t phys = phys_of(a, &w[i]);
				char ps[24];

				if (phys)
					snprintf(ps, sizeof(ps), "0x%llx", (unsigned long long)phys);
				else
					strcpy(ps, "?");
				out("MEMTEST FAIL seq=%lu addr=%p phys=%s page=%llu word=%u "
				    "expected=%016llx got=%016llx gen=%llu",
				    seq, (void *)&w[i], ps, (unsigned long long)p, i,
				    (unsigned long long)v, (unsigned long long)got,
				    (unsigned long long)a->gen[p]);
			} else if (bad == MAX_FAIL_LINES) {
				out("MEMTEST FAIL seq=%lu more errors in this pass not shown", seq);
			}
			bad++;
			w[i] = v;
		}
	}
	a->errors += bad;
	*pass_errors = bad;
	return (uint32_t)(sum ^ (sum >> 32));
}

/* "ok" or "FAIL errors=N": the last field of an interval's line. */
static const char *status(char *buf, size_t len, uint64_t errors)
{
	if (!errors)
		return "ok";
	snprintf(buf, len, "FAIL errors=%llu", (unsigned long long)errors);
	return buf;
}

static double now_s(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_s(double s)
{
	struct timespec ts;

	if (s <= 0)
		return;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL); /* EINTR: the caller looks at stop_signal and the clock */
}

/* A decimal number without sign, at most max. */
static int parse_u64(const char *s, uint64_t max, uint64_t *val)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v > max)
		return -1;
	*val = v;
	return 0;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: memtest SIZE_MIB INTERVAL_S DURATION_S SEED [RATE]\n"
		"       memtest --cpu-loop N\n"
		"  SIZE_MIB    memory to test (1-65536)\n"
		"  INTERVAL_S  seconds between checks (1-86400)\n"
		"  DURATION_S  seconds to run, 0 = forever\n"
		"  SEED        any number (decimal or 0x hex); same seed, same checksums\n"
		"  RATE        pages (4 KiB) rewritten per second, default 1024\n");
	return 2;
}

static int cpu_loop(const char *arg)
{
	uint64_t n, x = 0x243f6a8885a308d3ull, y = 1;
	double w0, c0, w1, c1;

	if (parse_u64(arg, UINT64_MAX, &n))
		return usage();
	w0 = now_s(CLOCK_MONOTONIC);
	c0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
	for (uint64_t i = 0; i < n; i++) {
		/* xorshift64 plus a multiply-add chain: nothing to fold or vectorise. */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		y = y * 0x5851f42d4c957f2dull + x;
	}
	w1 = now_s(CLOCK_MONOTONIC);
	c1 = now_s(CLOCK_PROCESS_CPUTIME_ID);
	out("CPULOOP n=%llu result=%016llx wall_ms=%.0f cpu_ms=%.0f", (unsigned long long)n,
	    (unsigned long long)(x ^ y), (w1 - w0) * 1e3, (c1 - c0) * 1e3);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t size_mib, interval, duration, seed, rate = 1024, quota, pass_err;
	unsigned long seq, last_seq;
	struct area a;
	struct sigaction sa;
	double t0;
	uint32_t sum;
	char st[40];

	if (argc == 3 && strcmp(argv[1], "--cpu-loop") == 0)
		return cpu_loop(argv[2]);
	if (argc < 5 || argc > 6)
		return usage();
	if (parse_u64(argv[1], 65536, &size_mib) || size_mib == 0 ||
	    parse_u64(argv[2], 86400, &interval) || interval == 0 ||
	    parse_u64(argv[3], UINT32_MAX, &duration) ||
	    parse_u64(argv[4], UINT64_MAX, &seed) ||
	    (argc == 6 && parse_u64(argv[5], 1u << 24, &rate)))
		return usage();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	memset(&a, 0, sizeof(a));
	a.npages = size_mib * (1024 * 1024 / PAGE_BYTES);
	a.seed_hash = mix64(seed ^ 0x6a09e667f3bcc908ull);
	a.rng = seed;
	a.mem = mmap(NULL, a.npages * PAGE_BYTES, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	a.gen = calloc(a.npages, sizeof(*a.gen));
	if (a.mem == MAP_FAILED || !a.gen) {
		out("MEMTEST FAIL cannot allocate %llu MiB", (unsigned long long)size_mib);
		return 3;
	}
	if (getenv("MEMTEST_FLIP")) {
		char *colon, *spec = getenv("MEMTEST_FLIP");

		colon = strchr(spec, ':');
		if (!colon || (*colon = 0, parse_u64(spec, UINT32_MAX, &a.flip_seq)) ||
		    parse_u64(colon + 1, UINT64_MAX, &a.flip_page))
			return usage();
	}
	a.pagemap_fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	last_seq = duration ? (unsigned long)((duration + interval - 1) / interval) : 0;
	quota = rate * interval;

	out("MEMTEST START size_mib=%llu npages=%llu interval=%llu duration=%llu seed=%llu rate=%llu",
	    (unsigned long long)size_mib, (unsigned long long)a.npages,
	    (unsigned long long)interval, (unsigned long long)duration,
	    (unsigned long long)seed, (unsigned long long)rate);

	t0 = now_s(CLOCK_MONOTONIC);
	for (uint64_t p = 0; p < a.npages; p++)
		write_page(&a, p, 0);
	sum = verify(&a, 0, &pass_err);
	out("MEMTEST seq=0 pages=0 dirty=0 sum=%08x t=%.2f %s", sum,
	    now_s(CLOCK_MONOTONIC) - t0, status(st, sizeof(st), pass_err));
	t0 = now_s(CLOCK_MONOTONIC);

	for (seq = 1; !stop_signal && (!last_seq || seq <= last_seq); seq++) {
		double start = t0 + (double)((seq - 1) * interval);
		double end = t0 + (double)(seq * interval);
		uint64_t done = 0;

		/* Spread the interval's writes evenly over it: at time t, the share
		 * quota * (t - start) / interval is due; all of it once the end is passed. */
		while (done < quota && !stop_signal) {
			double t = now_s(CLOCK_MONOTONIC);
			uint64_t due = t >= end ? quota :
				t <= start ? 0 : (uint64_t)((double)quota * (t - start) / (double)interval);

			if (due > quota)
				due = quota;
			for (; done < due; done++)
				write_next(&a);
			if (done < quota) {
				double next = start + (double)(done + 1) * (double)interval / (double)quota;
				double wait = next - now_s(CLOCK_MONOTONIC);

				sleep_s(wait > 0.01 ? 0.01 : wait);
			}
		}
		if (stop_signal)
			break;
		while (!stop_signal && now_s(CLOCK_MONOTONIC) < end)
			sleep_s(end - now_s(CLOCK_MONOTONIC));
		sum = verify(&a, seq, &pass_err);
		out("MEMTEST seq=%lu pages=%llu dirty=%llu sum=%08x t=%.2f %s", seq,
		    (unsigned long long)a.written, (unsigned long long)done, sum,
		    now_s(CLOCK_MONOTONIC) - t0, status(st, sizeof(st), pass_err));
	}
	if (stop_signal) {
		sum = verify(&a, seq, &pass_err);
		out("MEMTEST STOP signal=%d pages=%llu sum=%08x errors=%llu %s", (int)stop_signal,
		    (unsigned long long)a.written, sum, (unsigned long long)a.errors,
		    a.errors ? "FAIL" : "ok");
		return a.errors ? 1 : 0;
	}
	out("MEMTEST DONE seq=%lu pages=%llu sum=%08x errors=%llu %s", seq - 1,
	    (unsigned long long)a.written, sum, (unsigned long long)a.errors,
	    a.errors ? "FAIL" : "ok");
	return a.errors ? 1 : 0;
}
