/* ISFC test traffic and latency measurement. */
#ifndef PLEXVM_SSI_ISFC_TEST_H
#define PLEXVM_SSI_ISFC_TEST_H

#include "kernel/compiler.h"

struct isfc_test_report {
	uint64_t messages_sent, bytes_sent, elapsed_us;
	uint64_t peer_good, peer_bad, peer_out_of_order, peer_bytes;
	bool send_failed, result_received;
};

/*
 * Send total_bytes in messages of min..max data bytes; the peer checks every
 * byte against the pattern and the order. checksum_only: one buffer is sent
 * over and over and the peer checks only each message's CHECKSUM (measures
 * the link rather than the pattern generator, which is slow under emulation).
 */
int isfc_test_run(const char *member, uint64_t total_bytes, uint32_t min, uint32_t max,
		  uint64_t seed, bool checksum_only, struct isfc_test_report *rep);
int isfc_ping(const char *member, unsigned int count, uint64_t *min_us, uint64_t *avg_us,
	      uint64_t *max_us);

#endif
