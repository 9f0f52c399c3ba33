/*
 * ISFC: the Inter-System Facility for Communications between members. Each
 * peer member is reached over one logical link (kernel/link) made of the
 * devices given on ACTIVATE ISLINK. At link start the ends exchange member
 * names, cluster names and configuration digests. Upper layers (SSI
 * services, relocation) exchange versioned messages by type; a malformed or
 * unknown message is counted and dropped, never trusted.
 */
#ifndef PLEXVM_SSI_ISFC_H
#define PLEXVM_SSI_ISFC_H

#include "kernel/compiler.h"

#define ISFC_VERSION 1
#define ISFC_NAME_LEN 8
#define ISFC_MAX_PEERS 8
#define ISFC_MAX_MSG (60 * 1024 - 32)

/* Message types; ranges per owner so layers never collide. */
enum isfc_msg_type {
	ISFC_MSG_TEST_DATA = 0x0001,    /* ISFC TEST traffic */
	ISFC_MSG_TEST_RESULT = 0x0002,
	ISFC_MSG_PING = 0x0003,
	ISFC_MSG_PONG = 0x0004,
	ISFC_MSG_SSI_FIRST = 0x0100,    /* 0x0100-0x01ff: ssi/ */
	ISFC_MSG_LGR_FIRST = 0x0200,    /* 0x0200-0x02ff: lgr/ */
	ISFC_MSG_MAX = 0x0300,
};

typedef void (*isfc_handler)(const char *from, const void *payload, size_t len);

int isfc_register(uint16_t type, isfc_handler fn);
/* Send a message to a member; blocks (thread context). 0, or -1 if it is not reachable. */
int isfc_send(const char *member, uint16_t type, const void *payload, size_t len);
bool isfc_member_reachable(const char *member);
const char *isfc_local_member(void);

/* Activate the given real devices as links (ACTIVATE ISLINK); node may be NULL. */
int isfc_activate(const uint16_t *devnos, unsigned int n, const char *node, char *err, size_t errsize);
int isfc_deactivate(uint16_t devno, char *err, size_t errsize);

/* Called by upper layers when a peer's link comes up or goes down. */
typedef void (*isfc_peer_hook)(const char *member, bool up);
int isfc_peer_hook_register(isfc_peer_hook fn);

#endif
