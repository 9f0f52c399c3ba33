/*
 * Logical links between two members. A link groups 1-16 channels (CTC
 * devices, or one virtconsole stream) to the same peer and offers reliable,
 * ordered messages of up to LINK_MAX_PAYLOAD bytes: every message carries a
 * sequence number, goes out on whichever channel is free (so the channels
 * add up for bandwidth), is sent again on another channel if its channel
 * fails, and is delivered in order, exactly once, by the link's own thread.
 * A channel is UP once both ends have exchanged HELLO frames; heartbeats keep
 * idle channels proven, and a channel that hears nothing for LINK_DEAD_MS is
 * taken down. The link is UP while any channel is.
 * Channels that can lose what they accepted (a virtconsole whose peer device
 * vanished) carry a window: the receiver acknowledges delivered sequence
 * numbers, the sender keeps what is unacknowledged and sends it again on the
 * remaining channels when one fails (the receiver drops duplicates).
 */
#ifndef PLEXVM_KERNEL_LINK_LINK_H
#define PLEXVM_KERNEL_LINK_LINK_H

#include "kernel/compiler.h"
#include "kernel/list.h"
#include "kernel/spinlock.h"
#include "kernel/link/frame.h"

#define LINK_MAX_CHANNELS 16
#define LINK_HEARTBEAT_MS 1000
#define LINK_DEAD_MS 5000
#define LINK_IDENTITY_MAX 128

struct link;
struct link_channel;

enum link_channel_state {
	LCH_DOWN,        /* not started, or failed */
	LCH_HELLO,       /* started, waiting for the peer's HELLO */
	LCH_UP,
};

struct link_channel_ops {
	/* Start receiving. Returns 0 or -1. */
	int (*start)(struct link_channel *ch);
	/* Send one frame; blocks (thread context). 0 when the peer has it. */
	int (*send)(struct link_channel *ch, const void *frame, size_t len);
	/* Stop the channel (deactivation or failure). */
	void (*stop)(struct link_channel *ch);
};

struct link_channel {
	struct link *link;
	const struct link_channel_ops *ops;
	void *priv;
	uint16_t devno;
	const char *kind;                 /* "CTCA", "VIRTIO" */
	volatile enum link_channel_state state;
	volatile bool busy;               /* a send is in progress */
	uint32_t window;                  /* bytes the channel can have in flight unacknowledged; 0 = no limit */
	bool half_duplex;                 /* CTC: a completed send proves the peer took it */
	bool tx_allowed;                  /* this side may send on it (see link_assign_directions) */
	bool shared;                      /* the link's only half-duplex channel: both ends write, by token */
	volatile bool token;              /* holding the token, we may write on a shared channel */
	unsigned int burst;               /* frames written since the token came */
	bool peer_wants_token;            /* the peer passed it with more to send */
	uint64_t last_data_tod;           /* when a message (not control) last went out here */
	uint64_t token_tod;               /* when the token last moved */
	uint16_t peer_devno;              /* the peer's device number for this channel (from HELLO) */
	bool hello_received;
	uint64_t hello_sent_seen;         /* the peer session our last HELLO here acknowledged */
	bool disabled;                    /* deactivated or its device is gone: not restarted */
	uint64_t down_tod;
	uint64_t last_up_tod;             /* when it was last seen UP (0: never this start) */
	unsigned int restart_ms;          /* wait before the next restart of a DOWN channel (backs off) */
	uint64_t last_rx_tod, last_tx_tod;
	uint64_t frames_out, frames_in, bytes_out, bytes_in, send_errors, bad_frames;
	char down_reason[48];
};

enum link_state { LINK_DOWN, LINK_UP };

struct link_ops {
	/* A message, in order (link thread). The buffer is the link's; copy what you keep. */
	void (*deliver)(struct link *l, const void *msg, size_t len);
	/* The peer's HELLO identity arrived on a channel; return false to refuse the peer. */
	bool (*hello)(struct link *l, struct link_channel *ch, const void *identity, size_t len);
	/* The link went UP or DOWN. */
	void (*state_change)(struct link *l, enum link_state state);
};

struct link {
	char name[16];
	const struct link_ops *ops;
	void *owner;
	struct link_channel *ch[LINK_MAX_CHANNELS];
	unsigned int nch;
	volatile enum link_state state;
	uint8_t identity[LINK_IDENTITY_MAX];  /* ours, sent in HELLO after the session id */
	size_t identity_len;
	uint64_t session;                     /* ours: new at every start */
	uint64_t peer_session;
	uint64_t tx_seq;                      /* last sequence number given out */
	uint64_t rx_next;                     /* next sequence number to deliver */
	struct spinlock lock;
	struct list rx_queue;                 /* received messages by sequence */
	unsigned int rx_queued;
	bool stopping;
	struct thread *thread;
	unsigned int rr;                      /* round-robin start for channel choice */
	unsigned int tx_waiters;              /* threads waiting for a channel to send on */
	struct list unacked;                  /* sent messages kept until acknowledged (windowed links) */
	uint64_t inflight_bytes;              /* their payload bytes */
	uint64_t resend_cursor;               /* resend continues after this sequence number */
	bool resend_pending;                  /* a channel failed: send the unacknowledged again */
	uint64_t rx_acked_seq;                /* last sequence number we acknowledged to the peer */
	uint64_t rx_unacked_bytes;            /* delivered since */
	uint64_t last_ack_tod;
	uint64_t window_waits;
	uint64_t msgs_out, msgs_in, bytes_out, bytes_in, duplicates, resends;
	uint64_t up_since_tod;
	uint64_t down_since_tod;              /* when the last channel went down (0 while up) */
	bool session_lost;                    /* down past the grace period: a new session began */
};

/* Create a link with identity (sent in HELLO) and callbacks. */
struct link *link_create(const char *name, const struct link_ops *ops, void *owner,
			 const void *identity, size_t identity_len);
/* Add a channel (before or after link_start). */
int link_add_channel(struct link *l, struct link_channel *ch);
/* Start every channel and the link thread. */
int link_start(struct link *l);
void link_stop(struct link *l);
/* Send one message; blocks until a channel has delivered it. 0, or -1 if the link is down. */
int link_send(struct link *l, const void *msg, size_t len);

/* ---- for channel drivers ---- */
/* Offer a device's channel for links (at probe). */
int link_channel_register(struct link_channel *ch);
struct link_channel *link_channel_by_devno(uint16_t devno);
/* A frame arrived (any context). */
void link_channel_frame(struct link_channel *ch, const void *frame, size_t len);
/* A frame already checked and split by a stream decoder. */
void link_channel_decoded(struct link_channel *ch, const struct link_frame_header *h, const uint8_t *payload);
/* The channel failed (any context). */
void link_channel_failed(struct link_channel *ch, const char *reason);
/* The peer is trying to reach us on a DOWN channel: restart it now, not at the next backed-off try. */
void link_channel_kick(struct link_channel *ch);
const char *link_channel_state_name(enum link_channel_state s);

#endif
