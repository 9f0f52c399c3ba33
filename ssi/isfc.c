/* ISFC links and messages (see isfc.h). */
#include "ssi/isfc.h"
#include "kernel/link/link.h"
#include "kernel/io/io.h"
#include "kernel/alloc.h"
#include "kernel/bootparam.h"
#include "kernel/console.h"
#include "kernel/init.h"
#include "kernel/sched.h"
#include "kernel/system.h"
#include "kernel/config_ipl.h"
#include "kernel/config/sysconfig.h"
#include "arch/s390x/tod.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define ISFC_MAGIC 0x49534643U /* "ISFC" */
#define MAX_ENDPOINTS 24
#define MAX_HOOKS 8

struct isfc_header {
	uint32_t magic;            /* 0x00 */
	uint16_t version;          /* 0x04 */
	uint16_t type;             /* 0x06 */
	uint32_t length;           /* 0x08 payload bytes */
	char from[ISFC_NAME_LEN];  /* 0x0c sending member */
	uint32_t reserved;         /* 0x14 */
} __packed;
_Static_assert(sizeof(struct isfc_header) == 24, "isfc header");

/* The identity each end sends in its link HELLO. */
struct isfc_identity {
	uint32_t magic;            /* 0x00 */
	uint16_t version;          /* 0x04 */
	uint16_t reserved;         /* 0x06 */
	char member[ISFC_NAME_LEN];  /* 0x08 */
	char cluster[ISFC_NAME_LEN]; /* 0x10 */
	uint8_t digest[32];        /* 0x18 cluster-wide configuration digest */
} __packed;
_Static_assert(sizeof(struct isfc_identity) == 0x38, "isfc identity");

/* One logical link: to a known member, or (before its HELLO) to whoever is there. */
struct endpoint {
	bool in_use;
	char member[ISFC_NAME_LEN + 1];  /* "" until the peer has said who it is */
	struct link *link;
	uint16_t devnos[LINK_MAX_CHANNELS];
	unsigned int ndev;
	bool merge_pending;              /* a provisional link whose peer has another link */
	char refused[64];
	uint64_t malformed, unknown, delivered;
};

static struct endpoint endpoints[MAX_ENDPOINTS];
static struct spinlock isfc_lock = SPINLOCK_INIT;
static isfc_handler handlers[ISFC_MSG_MAX];
static isfc_peer_hook hooks[MAX_HOOKS];
static unsigned int nhooks;
static struct isfc_identity me;

const char *isfc_local_member(void)
{
	return sys.sysname;
}

int isfc_register(uint16_t type, isfc_handler fn)
{
	if (type >= ISFC_MSG_MAX || handlers[type])
		return -1;
	handlers[type] = fn;
	return 0;
}

int isfc_peer_hook_register(isfc_peer_hook fn)
{
	if (nhooks >= MAX_HOOKS)
		return -1;
	hooks[nhooks++] = fn;
	return 0;
}

static void name8(char out[ISFC_NAME_LEN], const char *in)
{
	size_t n = strnlen(in, ISFC_NAME_LEN);

	memset(out, ' ', ISFC_NAME_LEN);
	memcpy(out, in, n);
}

static void name_from8(char *out, const char in[ISFC_NAME_LEN])
{
	int n = ISFC_NAME_LEN;

	memcpy(out, in, ISFC_NAME_LEN);
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\0'))
		n--;
	out[n] = '\0';
	for (int i = 0; i < n; i++)
		if (!isgraph((unsigned char)out[i]))
			out[i] = '?';
}

static struct endpoint *endpoint_of(struct link *l)
{
	return l->owner;
}

/* ---- link callbacks ---- */

static void deliver(struct link *l, const void *msg, size_t len)
{
	struct endpoint *ep = endpoint_of(l);
	const struct isfc_header *h = msg;
	char from[ISFC_NAME_LEN + 1];

	if (len < sizeof(*h) || h->magic != ISFC_MAGIC || h->version != ISFC_VERSION ||
	    h->length != len - sizeof(*h)) {
		ep->malformed++;
		return;
	}
	name_from8(from, h->from);
	if (h->type >= ISFC_MSG_MAX || !handlers[h->type] || strcmp(from, ep->member) != 0) {
		ep->unknown++;
		return;
	}
	ep->delivered++;
	handlers[h->type](from, (const uint8_t *)msg + sizeof(*h), h->length);
}

static bool hello(struct link *l, struct link_channel *ch, const void *identity, size_t len)
{
	struct endpoint *ep = endpoint_of(l);
	const struct isfc_identity *id = identity;
	char member[ISFC_NAME_LEN + 1], cluster[ISFC_NAME_LEN + 1];

	(void)ch;
	if (len < sizeof(*id) || id->magic != ISFC_MAGIC) {
		snprintf(ep->refused, sizeof(ep->refused), "peer is not a PlexVM member");
		return false;
	}
	if (id->version != ISFC_VERSION) {
		snprintf(ep->refused, sizeof(ep->refused), "peer speaks ISFC version %u", id->version);
		return false;
	}
	name_from8(member, id->member);
	name_from8(cluster, id->cluster);
	if (strcmp(member, sys.sysname) == 0) {
		snprintf(ep->refused, sizeof(ep->refused), "peer has this member's name %s", member);
		return false;
	}
	if (memcmp(id->cluster, me.cluster, ISFC_NAME_LEN) != 0) {
		snprintf(ep->refused, sizeof(ep->refused), "peer is in cluster %s", cluster);
		return false;
	}
	if (ep->member[0] && strcmp(ep->member, member) != 0) {
		snprintf(ep->refused, sizeof(ep->refused), "peer is %s, expected %s", member, ep->member);
		return false;
	}
	if (!ep->member[0]) {
		spin_lock(&isfc_lock);
		snprintf(ep->member, sizeof(ep->member), "%s", member);
		for (unsigned int i = 0; i < MAX_ENDPOINTS; i++)
			if (&endpoints[i] != ep && endpoints[i].in_use &&
			    strcmp(endpoints[i].member, member) == 0)
				ep->merge_pending = true;
		spin_unlock(&isfc_lock);
	}
	ep->refused[0] = '\0';
	return true;
}

static void state_change(struct link *l, enum link_state state)
{
	struct endpoint *ep = endpoint_of(l);

	if (ep->merge_pending)
		return;
	kprintf("PLXISF%03dI Link to %s is %s\n", state == LINK_UP ? 1 : 2,
		ep->member[0] ? ep->member : l->name, state == LINK_UP ? "UP" : "DOWN");
	for (unsigned int i = 0; i < nhooks; i++)
		hooks[i](ep->member, state == LINK_UP);
}

static const struct link_ops isfc_link_ops = { .deliver = deliver, .hello = hello, .state_change = state_change };

/* ---- endpoints ---- */

static struct endpoint *find_member(const char *member)
{
	for (unsigned int i = 0; i < MAX_ENDPOINTS; i++)
		if (endpoints[i].in_use && !endpoints[i].merge_pending &&
		    strcmp(endpoints[i].member, member) == 0)
			return &endpoints[i];
	return NULL;
}

static struct endpoint *new_endpoint(const char *member, const char *linkname)
{
	struct endpoint *ep = NULL;

	for (unsigned int i = 0; i < MAX_ENDPOINTS && !ep; i++)
		if (!endpoints[i].in_use)
			ep = &endpoints[i];
	if (!ep)
		return NULL;
	memset(ep, 0, sizeof(*ep));
	ep->link = link_create(linkname, &isfc_link_ops, ep, &me, sizeof(me));
	if (!ep->link)
		return NULL;
	snprintf(ep->member, sizeof(ep->member), "%s", member ? member : "");
	ep->in_use = true;
	return ep;
}

static bool device_active(uint16_t devno)
{
	for (unsigned int i = 0; i < MAX_ENDPOINTS; i++)
		for (unsigned int k = 0; endpoints[i].in_use && k < endpoints[i].ndev; k++)
			if (endpoints[i].devnos[k] == devno)
				return true;
	return false;
}

/*
 * Devices activated together go to one link: the named node's (made if need
 * be), or, without NODE, one provisional link whose member is learnt from the
 * first HELLO. Its devices must all reach that member (a device answered by
 * another is refused and named in QUERY ISLINK); activated one by one, they
 * join an existing link to their member once identified.
 */
int isfc_activate(const uint16_t *devnos, unsigned int n, const char *node, char *err, size_t errsize)
{
	struct endpoint *ep = node ? find_member(node) : NULL;
	bool fresh = false;

	for (unsigned int i = 0; i < n; i++) {
		struct link_channel *ch = link_channel_by_devno(devnos[i]);

		if (!ch) {
			snprintf(err, errsize, io_device_by_devno(devnos[i]) ?
				 "Device %04X is not a CTC adapter" : "Device %04X does not exist", devnos[i]);
			return -1;
		}
		if (device_active(devnos[i])) {
			snprintf(err, errsize, "Device %04X is already an ISFC link", devnos[i]);
			return -1;
		}
		for (unsigned int k = 0; k < i; k++)
			if (devnos[k] == devnos[i]) {
				snprintf(err, errsize, "Device %04X is named twice", devnos[i]);
				return -1;
			}
	}
	if ((ep ? ep->ndev : 0) + n > LINK_MAX_CHANNELS) {
		snprintf(err, errsize, "A node can have at most %d links", LINK_MAX_CHANNELS);
		return -1;
	}
	if (!ep) {
		char linkname[16];

		snprintf(linkname, sizeof(linkname), "%04X", devnos[0]);
		ep = new_endpoint(node, linkname);
		if (!ep) {
			snprintf(err, errsize, "No room for another ISFC link");
			return -1;
		}
		fresh = true;
	}
	for (unsigned int i = 0; i < n; i++) {
		link_add_channel(ep->link, link_channel_by_devno(devnos[i]));
		ep->devnos[ep->ndev++] = devnos[i];
	}
	if (fresh)
		link_start(ep->link);
	return 0;
}

int isfc_deactivate(uint16_t devno, char *err, size_t errsize)
{
	for (unsigned int i = 0; i < MAX_ENDPOINTS; i++) {
		struct endpoint *ep = &endpoints[i];

		for (unsigned int k = 0; ep->in_use && k < ep->ndev; k++) {
			struct link_channel *ch;

			if (ep->devnos[k] != devno)
				continue;
			ch = link_channel_by_devno(devno);
			if (ch && ch->link == ep->link) {
				ch->disabled = true;
				link_channel_failed(ch, "deactivated");
				ch->ops->stop(ch);
			}
			ep->devnos[k] = ep->devnos[--ep->ndev];
			return 0;
		}
	}
	snprintf(err, errsize, "Device %04X is not an active ISFC link", devno);
	return -1;
}

/* Provisional links that turned out to reach a member already linked join that link. */
static void merge_thread(void *arg)
{
	static struct spinlock tick_lock = SPINLOCK_INIT;

	(void)arg;
	for (;;) {
		spin_lock(&tick_lock);
		sleep_on_until(&tick_lock, &tick_lock, tod_now() + tod_from_ms(500));
		spin_unlock(&tick_lock);
		for (unsigned int i = 0; i < MAX_ENDPOINTS; i++) {
			struct endpoint *ep = &endpoints[i];
			struct endpoint *main;

			if (!ep->in_use || !ep->merge_pending)
				continue;
			main = find_member(ep->member);
			if (!main)
				continue;
			link_stop(ep->link);
			for (unsigned int k = 0; k < ep->ndev && main->ndev < LINK_MAX_CHANNELS; k++) {
				struct link_channel *ch = link_channel_by_devno(ep->devnos[k]);

				if (ch && link_add_channel(main->link, ch) == 0)
					main->devnos[main->ndev++] = ep->devnos[k];
			}
			ep->ndev = 0;
			ep->in_use = false; /* its link object stays allocated: its threads may still hold it */
		}
	}
}

bool isfc_member_reachable(const char *member)
{
	struct endpoint *ep = find_member(member);

	return ep && ep->link->state == LINK_UP;
}

int isfc_send(const char *member, uint16_t type, const void *payload, size_t len)
{
	struct endpoint *ep = find_member(member);
	struct isfc_header *h;
	int rc;

	if (!ep || len > ISFC_MAX_MSG)
		return -1;
	h = kmalloc(sizeof(*h) + len);
	if (!h)
		return -1;
	h->magic = ISFC_MAGIC;
	h->version = ISFC_VERSION;
	h->type = type;
	h->length = (uint32_t)len;
	name8(h->from, sys.sysname);
	h->reserved = 0;
	memcpy(h + 1, payload, len);
	rc = link_send(ep->link, h, sizeof(*h) + len);
	kfree(h);
	return rc;
}

/* ---- reporting, for QUERY ISLINK ---- */
struct isfc_endpoint_info;
void isfc_for_each_endpoint(void (*fn)(const char *member, struct link *l, const uint16_t *devnos,
				       unsigned int ndev, const char *refused, uint64_t malformed,
				       void *arg), void *arg);
void isfc_for_each_endpoint(void (*fn)(const char *member, struct link *l, const uint16_t *devnos,
				       unsigned int ndev, const char *refused, uint64_t malformed,
				       void *arg), void *arg)
{
	for (unsigned int i = 0; i < MAX_ENDPOINTS; i++) {
		struct endpoint *ep = &endpoints[i];

		if (ep->in_use && !ep->merge_pending)
			fn(ep->member, ep->link, ep->devnos, ep->ndev, ep->refused,
			   ep->malformed + ep->unknown, arg);
	}
}

void isfc_set_identity(const char *cluster, const uint8_t digest[32]);
void isfc_set_identity(const char *cluster, const uint8_t digest[32])
{
	name8(me.cluster, cluster);
	if (digest)
		memcpy(me.digest, digest, sizeof(me.digest));
}

static int isfc_init(void)
{
	const char *member = bootparam_get("member");

	if (!sys.sysname[0]) {
		snprintf(sys.sysname, sizeof(sys.sysname), "%.8s", member && *member ? member : "PLEXVM");
		for (char *p = sys.sysname; *p; p++)
			*p = (char)toupper((unsigned char)*p);
	}
	me.magic = ISFC_MAGIC;
	me.version = ISFC_VERSION;
	name8(me.member, sys.sysname);
	name8(me.cluster, config.cluster);
	for (unsigned int i = 0; i < 32 && config.digest[2 * i]; i++) {
		unsigned int v = 0;

		for (int k = 0; k < 2; k++) {
			char c = config.digest[2 * i + k];

			v = v * 16 + (unsigned int)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
		}
		me.digest[i] = (uint8_t)v;
	}
	return thread_create("ISFCMRG", merge_thread, NULL, CPU_ANY) ? 0 : -1;
}
INITCALL(5, isfc_init);

/* ACTIVATE ISLINK statements of this member's configuration. */
static int isfc_config_links(void)
{
	const struct sc_record *r;
	unsigned int iter = 0;

	if (!config.valid)
		return 0;
	while ((r = sysconfig_next(config.sc, config.member, SC_ISLINK, &iter)) != NULL) {
		uint16_t devs[LINK_MAX_CHANNELS];
		unsigned int n = 0;
		char err[96];

		for (uint32_t d = r->u.islink.first; d <= r->u.islink.last && n < LINK_MAX_CHANNELS; d++)
			devs[n++] = (uint16_t)d;
		if (isfc_activate(devs, n, r->u.islink.node[0] ? r->u.islink.node : NULL, err,
				  sizeof(err)) != 0)
			kprintf("PLXISF010E SYSTEM CONFIG line %u: ACTIVATE ISLINK failed: %s\n", r->line, err);
	}
	return 0;
}
INITCALL(5z, isfc_config_links);
