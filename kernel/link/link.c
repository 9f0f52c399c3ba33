/* Logical links: channel grouping, ordering, HELLO and heartbeats (see link.h). */
#include "kernel/link/link.h"
#include "kernel/alloc.h"
#include "kernel/sched.h"
#include "kernel/console.h"
#include "arch/s390x/tod.h"
#include <stdio.h>
#include <string.h>

/* Time from `then` to `now`; 0 when `then` was stamped after `now` was read (another CPU). */
static inline uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static inline uint64_t since(uint64_t now, uint64_t then)
{
	return then > now ? 0 : now - then;
}


#define KEEPER_TICK_MS 200
#define RESTART_MS 2000   /* first retry of a failed channel; doubles up to RESTART_MAX_MS */
#define RESTART_MAX_MS 8000
#define RESEND_MS 1000   /* an unacknowledged message older than this is sent again */
#define GRACE_MS 15000   /* a link down this long loses its session; shorter outages heal */
#define GONE_MS 5000     /* a channel down this long no longer counts for directions */
#define TOKEN_BURST 16   /* frames written on a shared channel before the token is offered */
#define TOKEN_WANTED 1    /* TOKEN frame's sequence field: the sender wants the turn back */
#define TOKEN_LOST_MS 1500
#define TOKEN_HOLD_ACTIVE_MS 2  /* idle time after which a busy end hands the turn over */
#define TOKEN_HOLD_IDLE_MS 50   /* ... and an idle one */ /* silence after which the lower end takes a lost token back */
#define RX_QUEUE_LIMIT 4096

struct rx_entry {
	struct list link;
	uint64_t seq;
	size_t len;
	uint8_t data[];
};

/* A sent DATA frame kept for resending until the peer acknowledges it. */
struct tx_entry {
	struct list link;
	uint64_t seq;
	uint64_t sent_tod;
	size_t payload;
	size_t len;
	uint8_t frame[];
};

/* ACK payload: the session whose messages are acknowledged. */
struct ack {
	uint64_t session;
} __packed;

/* HELLO payload: our session, the peer session we have heard, our device, then the identity. */
struct hello {
	uint64_t session;       /* 0x00 */
	uint64_t seen;          /* 0x08 */
	uint16_t devno;         /* 0x10 the sender's device number for this channel */
	uint8_t flags;          /* 0x12 HELLO_WANT_REPLY: the sender's channel is not up yet */
	uint8_t reserved[5];    /* 0x13 */
	uint8_t identity[];     /* 0x18 */
} __packed;

#define HELLO_WANT_REPLY 0x01

const char *link_channel_state_name(enum link_channel_state s)
{
	switch (s) {
	case LCH_DOWN: return "DOWN";
	case LCH_HELLO: return "CONNECTING";
	case LCH_UP: return "UP";
	}
	return "?";
}

static void deliver_thread(void *arg);
static void keeper_thread(void *arg);

struct link *link_create(const char *name, const struct link_ops *ops, void *owner,
			 const void *identity, size_t identity_len)
{
	struct link *l = kzalloc(sizeof(*l));

	if (!l || identity_len > LINK_IDENTITY_MAX) {
		kfree(l);
		return NULL;
	}
	snprintf(l->name, sizeof(l->name), "%s", name);
	l->ops = ops;
	l->owner = owner;
	memcpy(l->identity, identity, identity_len);
	l->identity_len = identity_len;
	list_init(&l->rx_queue);
	list_init(&l->unacked);
	l->state = LINK_DOWN;
	return l;
}

int link_add_channel(struct link *l, struct link_channel *ch)
{
	int rc = -1;

	spin_lock(&l->lock);
	if (l->nch < LINK_MAX_CHANNELS) {
		ch->link = l;
		ch->state = LCH_DOWN;
		ch->disabled = false;
		ch->down_tod = 0; /* the keeper starts it at its next tick */
		l->ch[l->nch++] = ch;
		rc = 0;
	}
	spin_unlock(&l->lock);
	if (rc == 0 && l->thread)
		wakeup(&l->ch); /* the keeper starts it */
	return rc;
}

static void start_channel(struct link *l, struct link_channel *ch)
{
	ch->hello_received = false;
	ch->tx_allowed = true;
	ch->token = false;
	ch->burst = 0;
	ch->last_rx_tod = tod_now();
	ch->down_reason[0] = '\0';
	ch->state = LCH_HELLO;
	if (ch->ops->start(ch) != 0) {
		ch->state = LCH_DOWN;
		snprintf(ch->down_reason, sizeof(ch->down_reason), "could not start");
	}
	(void)l;
}

/* A new session: the peer restarts its numbering of our messages when it sees it. */
static void new_session(struct link *l)
{
	spin_lock(&l->lock);
	l->session = (tod_now() >> 12) | 1;
	l->tx_seq = 0;
	/* Messages of the old session are gone with it. */
	while (!list_empty(&l->unacked)) {
		struct tx_entry *t = list_first(&l->unacked, struct tx_entry, link);

		list_del(&t->link);
		kfree(t);
	}
	l->inflight_bytes = 0;
	l->resend_pending = false;
	wakeup(&l->unacked);
	spin_unlock(&l->lock);
}

int link_start(struct link *l)
{
	new_session(l);
	l->rx_next = 1;
	l->stopping = false;
	for (unsigned int i = 0; i < l->nch; i++)
		start_channel(l, l->ch[i]);
	l->thread = thread_create("LINKRX", deliver_thread, l, CPU_ANY);
	if (!l->thread || !thread_create("LINKKEEP", keeper_thread, l, CPU_ANY))
		return -1;
	return 0;
}

void link_stop(struct link *l)
{
	spin_lock(&l->lock);
	l->stopping = true;
	spin_unlock(&l->lock);
	for (unsigned int i = 0; i < l->nch; i++) {
		struct link_channel *ch = l->ch[i];

		ch->disabled = true;
		if (ch->state != LCH_DOWN) {
			ch->state = LCH_DOWN;
			snprintf(ch->down_reason, sizeof(ch->down_reason), "deactivated");
			ch->ops->stop(ch);
		}
	}
	wakeup(&l->rx_queue);
	wakeup(&l->ch);
	wakeup(l);
}

void link_channel_failed(struct link_channel *ch, const char *reason)
{
	struct link *l = ch->link;

	if (ch->state == LCH_DOWN)
		return;
	ch->state = LCH_DOWN;
	ch->down_tod = tod_now();
	snprintf(ch->down_reason, sizeof(ch->down_reason), "%s", reason);
	/* What it accepted may be lost: the keeper sends the unacknowledged again. */
	if (!list_empty(&l->unacked)) {
		l->resend_pending = true;
		l->resend_cursor = 0; /* from the start: any of them may have gone with it */
	}
	wakeup(&l->ch);
	wakeup(l);
}

void link_channel_kick(struct link_channel *ch)
{
	struct link *l = ch->link;

	if (!l || ch->state != LCH_DOWN || ch->disabled)
		return;
	ch->restart_ms = RESTART_MS;
	ch->down_tod = 0;
	wakeup(&l->ch);
}

/* ---- receiving ---- */

static void queue_message(struct link *l, struct link_channel *ch, uint64_t seq, const uint8_t *p,
			  size_t len)
{
	struct rx_entry *e;
	struct list *pos;

	spin_lock(&l->lock);
	if (seq < l->rx_next) {
		l->duplicates++;
		spin_unlock(&l->lock);
		return;
	}
	list_for_each(pos, &l->rx_queue) {
		struct rx_entry *o = list_entry(pos, struct rx_entry, link);

		if (o->seq == seq) {
			l->duplicates++;
			spin_unlock(&l->lock);
			return;
		}
		if (o->seq > seq)
			break;
	}
	if (l->rx_queued >= RX_QUEUE_LIMIT || !(e = kmalloc(sizeof(*e) + len))) {
		spin_unlock(&l->lock);
		link_channel_failed(ch, "receive queue full");
		return;
	}
	e->seq = seq;
	e->len = len;
	memcpy(e->data, p, len);
	list_insert_between(&e->link, pos->prev, pos);
	l->rx_queued++;
	wakeup(&l->rx_queue);
	spin_unlock(&l->lock);
}

static void hello_received(struct link *l, struct link_channel *ch, const uint8_t *p, size_t len)
{
	const struct hello *h = (const void *)p;

	if (len < sizeof(*h))
		return;
	if (l->ops->hello && !l->ops->hello(l, ch, h->identity, len - sizeof(*h))) {
		link_channel_failed(ch, "peer refused");
		return;
	}
	spin_lock(&l->lock);
	if (h->session != l->peer_session) {
		/* The peer (re)started: its numbering starts again. */
		struct list *pos, *tmp;

		list_for_each_safe(pos, tmp, &l->rx_queue) {
			list_del(pos);
			kfree(list_entry(pos, struct rx_entry, link));
		}
		l->rx_queued = 0;
		l->rx_next = 1;
		l->rx_acked_seq = 0;
		l->rx_unacked_bytes = 0;
		l->peer_session = h->session;
	}
	spin_unlock(&l->lock);
	ch->hello_received = true;
	ch->peer_devno = h->devno;
	/* The peer's channel (re)started and waits for our HELLO: answer even if we are up. */
	if (h->flags & HELLO_WANT_REPLY)
		ch->hello_sent_seen = ~l->peer_session;
	/*
	 * UP once the peer has also heard us. A peer that has not (it restarted)
	 * must not be sent data on this channel until it has: back to HELLO, and
	 * the keeper answers at once.
	 */
	if ((uint32_t)h->seen == (uint32_t)l->session) {
		if (ch->state == LCH_HELLO) {
			/* The end with the lower session starts with the token. */
			ch->token = l->session < l->peer_session;
			ch->burst = 0;
			ch->token_tod = tod_now();
			ch->state = LCH_UP;
			ch->last_up_tod = tod_now();
			ch->restart_ms = RESTART_MS;
		}
	} else if (ch->state == LCH_UP) {
		ch->state = LCH_HELLO;
	}
	wakeup(&l->ch);
}

void link_channel_decoded(struct link_channel *ch, const struct link_frame_header *h, const uint8_t *payload)
{
	struct link *l = ch->link;

	ch->frames_in++;
	ch->bytes_in += LINK_FRAME_HDR + h->length;
	ch->last_rx_tod = tod_now();
	if (ch->state == LCH_DOWN || l->stopping)
		return;
	switch (h->type) {
	case LINK_FRAME_HELLO:
		hello_received(l, ch, payload, h->length);
		break;
	case LINK_FRAME_ACK: {
		const struct ack *a = (const void *)payload;

		if (h->length != sizeof(*a) || a->session != l->session)
			break; /* for an earlier session of ours */
		spin_lock(&l->lock);
		while (!list_empty(&l->unacked)) {
			struct tx_entry *t = list_first(&l->unacked, struct tx_entry, link);

			if (t->seq > h->seq)
				break;
			list_del(&t->link);
			l->inflight_bytes -= t->payload;
			kfree(t);
		}
		wakeup(&l->unacked);
		spin_unlock(&l->lock);
		break;
	}
	case LINK_FRAME_TOKEN:
		spin_lock(&l->lock);
		ch->token = true;
		ch->burst = 0;
		ch->token_tod = tod_now();
		ch->peer_wants_token = h->seq & TOKEN_WANTED;
		wakeup(l);
		wakeup(&l->ch); /* the keeper times handing it back */
		spin_unlock(&l->lock);
		break;
	case LINK_FRAME_DATA:
		/* Data of an earlier session of the peer, or before the channel is up, is stale. */
		if (ch->state != LCH_UP || h->session != (uint32_t)l->peer_session) {
			ch->bad_frames++;
			break;
		}
		queue_message(l, ch, h->seq, payload, h->length);
		break;
	default:
		break;
	}
}

void link_channel_frame(struct link_channel *ch, const void *frame, size_t len)
{
	struct link_frame_header h;

	if (link_frame_check(frame, len, &h) != FRAME_GOOD) {
		ch->bad_frames++;
		return;
	}
	link_channel_decoded(ch, &h, (const uint8_t *)frame + LINK_FRAME_HDR);
}

static void send_ack(struct link *l, uint64_t wait_ms);
static uint32_t link_window(struct link *l);

static void deliver_thread(void *arg)
{
	struct link *l = arg;

	spin_lock(&l->lock);
	while (!l->stopping) {
		struct rx_entry *e = list_first(&l->rx_queue, struct rx_entry, link);
		uint32_t w = link_window(l);
		bool unacked = l->rx_next - 1 != l->rx_acked_seq;

		/*
		 * With flow control (w > 0), acknowledge at a quarter of the window and
		 * whenever the queue runs dry; without it there is nothing to acknowledge.
		 */
		if (w && unacked && (!e || e->seq != l->rx_next || l->rx_unacked_bytes >= w / 4)) {
			spin_unlock(&l->lock);
			send_ack(l, KEEPER_TICK_MS);
			spin_lock(&l->lock);
			continue;
		}
		if (!e || e->seq != l->rx_next) {
			sleep_on(&l->rx_queue, &l->lock);
			continue;
		}
		list_del(&e->link);
		l->rx_queued--;
		l->rx_next++;
		l->msgs_in++;
		l->bytes_in += e->len;
		l->rx_unacked_bytes += e->len;
		spin_unlock(&l->lock);
		l->ops->deliver(l, e->data, e->len);
		kfree(e);
		cond_resched();
		spin_lock(&l->lock);
	}
	spin_unlock(&l->lock);
}

/* ---- sending ---- */

/* The smallest window of the UP channels (0: no channel needs flow control). */
static uint32_t link_window(struct link *l)
{
	uint32_t w = 0;

	for (unsigned int i = 0; i < l->nch; i++)
		if (l->ch[i]->state == LCH_UP && l->ch[i]->window && (!w || l->ch[i]->window < w))
			w = l->ch[i]->window;
	return w;
}

/*
 * Wait until len more bytes fit in the peer's window, then give the message
 * its sequence number and (on a windowed link) keep it for resending.
 * Returns false if the link is down.
 */
static bool admit(struct link *l, uint8_t *frame, size_t len, uint64_t *seq)
{
	struct tx_entry *t = NULL;
	uint32_t w;

	uint64_t give_up = tod_now() + tod_from_ms(GRACE_MS);

	spin_lock(&l->lock);
	for (;;) {
		w = link_window(l);
		if (l->stopping || (l->state == LINK_DOWN && tod_now() > give_up)) {
			spin_unlock(&l->lock);
			return false;
		}
		if (l->state == LINK_DOWN) {
			/* A channel outage may heal within the grace period. */
			sleep_on_until(l, &l->lock, tod_now() + tod_from_ms(KEEPER_TICK_MS));
			continue;
		}
		if (!w || l->inflight_bytes + len <= w || l->inflight_bytes == 0)
			break;
		l->window_waits++;
		sleep_on_until(&l->unacked, &l->lock, tod_now() + tod_from_ms(KEEPER_TICK_MS));
	}
	*seq = ++l->tx_seq;
	spin_unlock(&l->lock);
	if (w)
		t = kmalloc(sizeof(*t) + LINK_FRAME_HDR + len);
	spin_lock(&l->lock);
	if (t) {
		t->seq = *seq;
		t->sent_tod = tod_now();
		t->payload = len;
		t->len = link_frame_encode(t->frame, LINK_FRAME_DATA, (uint32_t)l->session, *seq,
					   frame + LINK_FRAME_HDR, len);
		list_add_tail(&l->unacked, &t->link);
		l->inflight_bytes += len;
	}
	spin_unlock(&l->lock);
	return true;
}

/* Claim an UP, idle channel (round robin); wait while all are busy; NULL if none is UP. */
/*
 * Claim a channel to write on: waits up to wait_ms for one that is free (and
 * whose turn it is), but never past GRACE_MS of no usable channel at all. The
 * keeper passes 0: it must never block, it is what restarts channels and
 * reclaims a lost token.
 */
#define CLAIM_WAIT_FOREVER UINT64_MAX
static struct link_channel *claim_channel(struct link *l, bool any_state, uint64_t wait_ms)
{
	uint64_t give_up = tod_now() + tod_from_ms(GRACE_MS);
	uint64_t deadline = wait_ms == CLAIM_WAIT_FOREVER ? UINT64_MAX : tod_now() + tod_from_ms(wait_ms);

	spin_lock(&l->lock);
	for (;;) {
		bool any_up = false;

		for (unsigned int k = 0; k < l->nch; k++) {
			struct link_channel *ch = l->ch[(l->rr + k) % l->nch];

			if (ch->state != LCH_UP && !(any_state && ch->state != LCH_DOWN))
				continue;
			if (!ch->tx_allowed)
				continue;
			any_up = true;
			if (ch->shared && !ch->token && ch->state == LCH_UP)
				continue; /* the peer has the turn */
			if (!ch->busy) {
				ch->busy = true;
				l->rr = (l->rr + k + 1) % l->nch;
				spin_unlock(&l->lock);
				return ch;
			}
		}
		if (l->stopping || (!any_up && tod_now() > give_up) || tod_now() >= deadline) {
			spin_unlock(&l->lock);
			return NULL;
		}
		l->tx_waiters++;
		sleep_on_until(l, &l->lock, min_u64(deadline, tod_now() + tod_from_ms(KEEPER_TICK_MS)));
		l->tx_waiters--;
	}
}

static int send_on(struct link_channel *ch, const void *frame, size_t len);

/*
 * Hand the turn on a shared channel to the peer. The channel is claimed
 * (busy). `wanted`: this end has more to send, so the peer should hand the
 * turn back as soon as it has nothing of its own.
 */
static void pass_token(struct link *l, struct link_channel *ch, bool wanted)
{
	uint8_t frame[LINK_FRAME_HDR];

	link_frame_encode(frame, LINK_FRAME_TOKEN, (uint32_t)l->session, wanted ? TOKEN_WANTED : 0, NULL, 0);
	ch->token = false;
	ch->burst = 0;
	ch->token_tod = tod_now();
	if (send_on(ch, frame, sizeof(frame)) != 0) {
		/* Not delivered: the turn is still ours. */
		ch->token = true;
		link_channel_failed(ch, "no answer from the peer");
	}
}

static void release_channel(struct link *l, struct link_channel *ch)
{
	bool pass, wanted;

	/* On a shared channel the turn goes over after a burst (when idle: keep_token_moving). */
	spin_lock(&l->lock);
	wanted = true;
	pass = ch->shared && ch->token && ch->state == LCH_UP && ++ch->burst >= TOKEN_BURST;
	spin_unlock(&l->lock);
	if (pass)
		pass_token(l, ch, wanted);
	else if (ch->shared && ch->token)
		wakeup(&l->ch); /* the keeper times the hand-over */
	spin_lock(&l->lock);
	ch->busy = false;
	wakeup(l);
	spin_unlock(&l->lock);
}

static int send_on(struct link_channel *ch, const void *frame, size_t len)
{
	int rc = ch->ops->send(ch, frame, len);

	if (rc == 0) {
		ch->frames_out++;
		ch->bytes_out += len;
		ch->last_tx_tod = tod_now();
		if (ch->half_duplex)
			ch->last_rx_tod = ch->last_tx_tod; /* the peer took it: proof of life */
	} else {
		ch->send_errors++;
	}
	return rc;
}

int link_send(struct link *l, const void *msg, size_t len)
{
	uint8_t *frame;
	size_t flen;
	uint64_t seq;

	if (len > LINK_MAX_PAYLOAD)
		return -1;
	frame = kmalloc(LINK_FRAME_HDR + len);
	if (!frame)
		return -1;
	memcpy(frame + LINK_FRAME_HDR, msg, len);
	/* Flow control first, never while holding a channel (ACKs must get through). */
	if (!admit(l, frame, len, &seq)) {
		kfree(frame);
		return -1;
	}
	flen = link_frame_encode(frame, LINK_FRAME_DATA, (uint32_t)l->session, seq, frame + LINK_FRAME_HDR, len);
	for (;;) {
		struct link_channel *ch = claim_channel(l, false, CLAIM_WAIT_FOREVER);
		int rc;

		if (!ch) {
			kfree(frame);
			return -1;
		}
		rc = send_on(ch, frame, flen);
		if (rc == 0)
			ch->last_data_tod = ch->last_tx_tod;
		release_channel(l, ch);
		if (rc == 0)
			break;
		link_channel_failed(ch, "send failed");
		l->resends++;
	}
	l->msgs_out++;
	l->bytes_out += len;
	kfree(frame);
	return 0;
}

/* ---- the keeper: HELLO, heartbeats, dead channels, link state ---- */

/*
 * Give each half-duplex channel of a link that has two or more one direction,
 * so the two ends never write on one at the same time: ordered by the device
 * numbers of the end with the lower session, even positions carry that end's
 * messages and odd ones the other's. Channels that are only down for a while
 * keep their place (a short failure must not make both ends write on the
 * others); only a link left with a single usable one writes both ways on it.
 * Until the peer's device number is known it is taken to be ours (the usual
 * practice of numbering both ends of a CTC alike).
 */
static uint16_t order_key(const struct link_channel *ch, bool low)
{
	if (low || !ch->peer_devno)
		return ch->devno;
	return ch->peer_devno;
}

static void assign_directions(struct link *l)
{
	struct link_channel *hd[LINK_MAX_CHANNELS];
	bool low = l->session < l->peer_session;
	unsigned int n = 0;

	for (unsigned int i = 0; i < l->nch; i++) {
		struct link_channel *ch = l->ch[i];
		/* Restart attempts of a failed channel do not count: only UP or recently UP. */
		bool counts = ch->half_duplex && !ch->disabled && ch->last_up_tod &&
			      (ch->state == LCH_UP || since(tod_now(), ch->last_up_tod) < tod_from_ms(GONE_MS));

		ch->shared = false;
		if (counts)
			hd[n++] = ch;
		else
			ch->tx_allowed = true;
	}
	/* Order by the low end's device numbers (insertion sort: at most 16). */
	for (unsigned int i = 1; i < n; i++) {
		struct link_channel *key = hd[i];
		uint16_t k = order_key(key, low);
		unsigned int j = i;

		while (j > 0 && order_key(hd[j - 1], low) > k) {
			hd[j] = hd[j - 1];
			j--;
		}
		hd[j] = key;
	}
	for (unsigned int i = 0; i < n; i++) {
		hd[i]->tx_allowed = n == 1 || ((i % 2 == 0) == low);
		hd[i]->shared = n == 1;
	}
}

static void send_control(struct link *l, struct link_channel *ch, enum link_frame_type type)
{
	uint8_t *frame = kmalloc(LINK_FRAME_HDR + sizeof(struct hello) + l->identity_len);
	struct hello *h;
	size_t len = 0;

	if (!frame)
		return;
	h = (struct hello *)(void *)(frame + LINK_FRAME_HDR);
	if (type == LINK_FRAME_HELLO) {
		h->session = l->session;
		h->seen = l->peer_session;
		h->devno = ch->devno;
		h->flags = ch->state == LCH_UP ? 0 : HELLO_WANT_REPLY;
		memset(h->reserved, 0, sizeof(h->reserved));
		ch->hello_sent_seen = h->seen;
		memcpy(h->identity, l->identity, l->identity_len);
		len = sizeof(*h) + l->identity_len;
	}
	len = link_frame_encode(frame, type, (uint32_t)l->session, 0, h, len);
	spin_lock(&l->lock);
	if (ch->busy) {
		spin_unlock(&l->lock);
		kfree(frame);
		return; /* traffic is flowing anyway */
	}
	ch->busy = true;
	spin_unlock(&l->lock);
	if (send_on(ch, frame, len) != 0)
		link_channel_failed(ch, "no answer from the peer");
	release_channel(l, ch);
	kfree(frame);
}

static void send_ack(struct link *l, uint64_t wait_ms)
{
	uint8_t frame[LINK_FRAME_HDR + sizeof(struct ack)];
	struct ack a;
	struct link_channel *ch = claim_channel(l, false, wait_ms);
	uint64_t delivered;

	spin_lock(&l->lock);
	delivered = l->rx_next - 1;
	a.session = l->peer_session;
	l->rx_acked_seq = delivered;
	l->rx_unacked_bytes = 0;
	l->last_ack_tod = tod_now();
	spin_unlock(&l->lock);
	if (!ch)
		return; /* the keeper repeats acknowledgements, so a lost one is made good */
	link_frame_encode(frame, LINK_FRAME_ACK, (uint32_t)l->session, delivered, &a, sizeof(a));
	if (send_on(ch, frame, sizeof(frame)) != 0)
		link_channel_failed(ch, "no answer from the peer");
	release_channel(l, ch);
}

/* Send every unacknowledged message again, in order (keeper thread). */
static void resend_unacked(struct link *l)
{
	uint64_t seq = l->resend_cursor;

	for (;;) {
		struct tx_entry *t = NULL;
		struct link_channel *ch;
		uint8_t *copy;
		size_t len = 0;
		struct list *pos;

		spin_lock(&l->lock);
		list_for_each(pos, &l->unacked) {
			struct tx_entry *e = list_entry(pos, struct tx_entry, link);

			if (e->seq > seq) {
				t = e;
				break;
			}
		}
		copy = t ? kmalloc(t->len) : NULL;
		if (copy) {
			memcpy(copy, t->frame, t->len);
			len = t->len;
			seq = t->seq;
			t->sent_tod = tod_now();
		}
		spin_unlock(&l->lock);
		if (!copy) {
			l->resend_cursor = 0;
			return;
		}
		ch = claim_channel(l, false, 0);
		if (!ch) {
			/* No channel free now: carry on from this message at the next tick. */
			kfree(copy);
			l->resend_cursor = seq - 1;
			l->resend_pending = true;
			return;
		}
		if (send_on(ch, copy, len) != 0) {
			link_channel_failed(ch, "send failed");
			l->resend_pending = true;
		} else {
			l->resends++;
			ch->last_data_tod = ch->last_tx_tod;
		}
		release_channel(l, ch);
		kfree(copy);
	}
}

/*
 * The turn on a shared channel (keeper thread). The holder writes; the other
 * end cannot ask for the turn, so the holder hands it over unasked:
 *  - after TOKEN_BURST frames (release_channel), marked "wanted";
 *  - when idle for TOKEN_HOLD_ACTIVE_MS, if it sent data lately or the peer
 *    handed it over "wanted" (a reply or more data is likely on the way);
 *  - when idle for TOKEN_HOLD_IDLE_MS otherwise: the token going to and fro is
 *    also the channel's heartbeat.
 * The end with the lower session takes back a token lost with a failed write
 * once the channel has been silent for TOKEN_LOST_MS. Returns when to look again.
 */
static uint64_t keep_token_moving(struct link *l, struct link_channel *ch, uint64_t now)
{
	uint64_t idle_since = ch->token_tod > ch->last_tx_tod ? ch->token_tod : ch->last_tx_tod;
	bool active = since(now, ch->last_data_tod) < tod_from_ms(TOKEN_HOLD_IDLE_MS);
	uint64_t hold = tod_from_ms(active || ch->peer_wants_token ? TOKEN_HOLD_ACTIVE_MS : TOKEN_HOLD_IDLE_MS);

	if (!ch->token) {
		if (l->session < l->peer_session && since(now, ch->token_tod) > tod_from_ms(TOKEN_LOST_MS) &&
		    since(now, ch->last_rx_tod) > tod_from_ms(TOKEN_LOST_MS)) {
			ch->token = true;
			ch->token_tod = now;
			wakeup(l);
		}
		return now + tod_from_ms(KEEPER_TICK_MS);
	}
	if (ch->busy || l->tx_waiters)
		return now + hold; /* in use: release_channel passes it after a burst */
	if (since(now, idle_since) < hold)
		return idle_since + hold;
	spin_lock(&l->lock);
	if (ch->busy || !ch->token) {
		spin_unlock(&l->lock);
		return now + hold;
	}
	ch->busy = true;
	spin_unlock(&l->lock);
	pass_token(l, ch, active);
	spin_lock(&l->lock);
	ch->busy = false;
	wakeup(l);
	spin_unlock(&l->lock);
	return now + tod_from_ms(KEEPER_TICK_MS);
}

static void keeper_thread(void *arg)
{
	struct link *l = arg;
	enum link_state reported = LINK_DOWN;

	while (!l->stopping) {
		uint64_t now = tod_now(), next_wake = now + tod_from_ms(KEEPER_TICK_MS);
		bool any_up = false;

		for (unsigned int i = 0; i < l->nch; i++) {
			struct link_channel *ch = l->ch[i];

			if (ch->state == LCH_DOWN) {
				/* A failed channel is tried again: the peer may be back. */
				if (!ch->restart_ms)
					ch->restart_ms = RESTART_MS;
				if (!ch->disabled && since(now, ch->down_tod) > tod_from_ms(ch->restart_ms)) {
					ch->down_tod = now;
					if (ch->restart_ms < RESTART_MAX_MS)
						ch->restart_ms *= 2;
					ch->ops->stop(ch);
					start_channel(l, ch);
				}
				continue;
			}
			if (since(now, ch->last_rx_tod) > tod_from_ms(LINK_DEAD_MS)) {
				link_channel_failed(ch, "peer silent");
				continue;
			}
			/*
			 * HELLO until the channel is up, and once more whenever the peer's
			 * session is one our HELLOs here have not yet acknowledged (it cannot
			 * come up before it has heard us).
			 */
			if (ch->hello_sent_seen != l->peer_session) {
				send_control(l, ch, LINK_FRAME_HELLO);
			} else if (ch->state == LCH_HELLO) {
				if (since(now, ch->last_tx_tod) > tod_from_ms(KEEPER_TICK_MS * 2))
					send_control(l, ch, LINK_FRAME_HELLO);
			} else if (ch->shared && ch->state == LCH_UP) {
				uint64_t wake = keep_token_moving(l, ch, now);

				if (wake < next_wake)
					next_wake = wake;
			} else if (ch->tx_allowed && since(now, ch->last_tx_tod) > tod_from_ms(LINK_HEARTBEAT_MS)) {
				send_control(l, ch, LINK_FRAME_HEARTBEAT);
			}
			if (ch->state == LCH_UP) {
				any_up = true;
				ch->last_up_tod = now;
			}
		}
		assign_directions(l);
		l->state = any_up ? LINK_UP : LINK_DOWN;
		/* Resend after a channel failure, or when the oldest message waits too long (lost). */
		if (any_up && !l->resend_pending) {
			spin_lock(&l->lock);
			if (!list_empty(&l->unacked) &&
			    since(tod_now(), list_first(&l->unacked, struct tx_entry, link)->sent_tod) >
			    tod_from_ms(RESEND_MS))
				l->resend_pending = true;
			spin_unlock(&l->lock);
		}
		if (any_up && l->resend_pending) {
			l->resend_pending = false;
			resend_unacked(l);
		}
		/* Acknowledgements are repeated, so one lost with a failing channel is made good. */
		if (any_up && link_window(l) && l->peer_session &&
		    since(tod_now(), l->last_ack_tod) > tod_from_ms(LINK_HEARTBEAT_MS))
			send_ack(l, 0);
		if (l->state == LINK_DOWN && l->down_since_tod && !l->session_lost &&
		    since(tod_now(), l->down_since_tod) > tod_from_ms(GRACE_MS)) {
			/* Down too long: what was in flight is gone; number from the start again. */
			new_session(l);
			l->session_lost = true;
		}
		if (l->state != reported) {
			reported = l->state;
			if (reported == LINK_UP) {
				l->up_since_tod = tod_now();
				l->down_since_tod = 0;
				l->session_lost = false;
			} else {
				l->down_since_tod = tod_now();
			}
			if (l->ops->state_change)
				l->ops->state_change(l, reported);
			wakeup(l); /* senders waiting for a channel re-evaluate */
		}
		spin_lock(&l->lock);
		sleep_on_until(&l->ch, &l->lock, next_wake);
		spin_unlock(&l->lock);
	}
}
