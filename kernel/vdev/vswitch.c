/* VSWITCH: a learning Ethernet switch between guests' NICs. See vswitch.h. */
#include "kernel/vdev/vswitch.h"
#include "kernel/alloc.h"
#include <ctype.h>
#include <string.h>

static struct spinlock registry_lock = SPINLOCK_INIT;
static struct vswitch *registry;

/* ---- Registry ---------------------------------------------------------------- */

/* Upper-case copy of a valid switch name into out; false when not valid. */
static bool name_ok(const char *name, char out[VSWITCH_NAME_LEN + 1])
{
	size_t n = name ? strnlen(name, VSWITCH_NAME_LEN + 1) : 0;

	if (!n || n > VSWITCH_NAME_LEN)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = (char)toupper((unsigned char)name[i]);

		if (!isalnum((unsigned char)ch) && ch != '@' && ch != '#' && ch != '$')
			return false;
		out[i] = ch;
	}
	out[n] = 0;
	return true;
}

static struct vswitch *find_locked(const char *uname)
{
	for (struct vswitch *sw = registry; sw; sw = sw->next)
		if (!strcmp(sw->name, uname))
			return sw;
	return NULL;
}

struct vswitch *vswitch_create(const char *name, unsigned int max_ports)
{
	char uname[VSWITCH_NAME_LEN + 1];
	struct vswitch *sw;

	if (!name_ok(name, uname))
		return NULL;
	if (!max_ports)
		max_ports = VSWITCH_DEFAULT_PORTS;
	if (max_ports > 0xfffe)
		return NULL;
	sw = kzalloc(sizeof(*sw));
	if (!sw)
		return NULL;
	sw->ports = kzalloc(sizeof(*sw->ports) * max_ports);
	if (!sw->ports) {
		kfree(sw);
		return NULL;
	}
	memcpy(sw->name, uname, sizeof(uname));
	sw->lock = (struct spinlock)SPINLOCK_INIT;
	sw->max_ports = max_ports;
	spin_lock(&registry_lock);
	if (find_locked(uname)) {
		spin_unlock(&registry_lock);
		kfree(sw->ports);
		kfree(sw);
		return NULL;
	}
	sw->next = registry;
	registry = sw;
	spin_unlock(&registry_lock);
	return sw;
}

struct vswitch *vswitch_find(const char *name)
{
	char uname[VSWITCH_NAME_LEN + 1];
	struct vswitch *sw;

	if (!name_ok(name, uname))
		return NULL;
	spin_lock(&registry_lock);
	sw = find_locked(uname);
	spin_unlock(&registry_lock);
	return sw;
}

int vswitch_destroy(struct vswitch *sw)
{
	struct vswitch **pp;

	spin_lock(&registry_lock);
	vswitch_lock(sw);
	if (sw->nports) {
		vswitch_unlock(sw);
		spin_unlock(&registry_lock);
		return -1;
	}
	vswitch_unlock(sw);
	for (pp = &registry; *pp; pp = &(*pp)->next) {
		if (*pp == sw) {
			*pp = sw->next;
			break;
		}
	}
	spin_unlock(&registry_lock);
	kfree(sw->ports);
	kfree(sw);
	return 0;
}

/* ---- MAC learning (switch lock held) ------------------------------------------- */

static unsigned int mac_bucket(const uint8_t mac[6])
{
	uint32_t h = 2166136261u;

	for (int i = 0; i < 6; i++)
		h = (h ^ mac[i]) * 16777619u;
	return (h ^ h >> 16) % VSWITCH_MAC_BUCKETS;
}

static struct vswitch_mac_entry *mac_find(struct vswitch *sw, const uint8_t mac[6])
{
	struct vswitch_mac_entry *set = sw->mac[mac_bucket(mac)];

	for (int w = 0; w < VSWITCH_MAC_WAYS; w++)
		if (set[w].port && !memcmp(set[w].mac, mac, 6))
			return &set[w];
	return NULL;
}

static bool mac_is_group(const uint8_t mac[6]) { return mac[0] & 1; }

static void mac_learn(struct vswitch *sw, const uint8_t mac[6], unsigned int slot)
{
	static const uint8_t zero[6];
	struct vswitch_mac_entry *set, *e = mac_find(sw, mac);

	/* Group and all-zero sources are not addresses of a port. */
	if (mac_is_group(mac) || !memcmp(mac, zero, 6))
		return;
	sw->clock++;
	if (e) {
		if (e->port != slot + 1)
			sw->stats.moved++;
	} else {
		set = sw->mac[mac_bucket(mac)];
		e = &set[0];
		for (int w = 0; w < VSWITCH_MAC_WAYS; w++) {
			if (!set[w].port) {
				e = &set[w];
				break;
			}
			if ((int32_t)(set[w].stamp - e->stamp) < 0)
				e = &set[w];
		}
		memcpy(e->mac, mac, 6);
		sw->stats.learned++;
	}
	e->port = (uint16_t)(slot + 1);
	e->stamp = sw->clock;
}

static void mac_forget_port(struct vswitch *sw, unsigned int slot)
{
	for (int b = 0; b < VSWITCH_MAC_BUCKETS; b++)
		for (int w = 0; w < VSWITCH_MAC_WAYS; w++)
			if (sw->mac[b][w].port == slot + 1)
				sw->mac[b][w].port = 0;
}

int vswitch_lookup(struct vswitch *sw, const uint8_t mac[6])
{
	struct vswitch_mac_entry *e;
	int slot;

	vswitch_lock(sw);
	e = mac_find(sw, mac);
	slot = e ? e->port - 1 : -1;
	vswitch_unlock(sw);
	return slot;
}

/* ---- Ports ----------------------------------------------------------------------- */

struct vswitch_port *vswitch_attach(struct vswitch *sw, vswitch_deliver_fn deliver, void *owner,
				    const uint8_t mac[6])
{
	struct vswitch_port *p;

	if (!deliver)
		return NULL;
	p = kzalloc(sizeof(*p));
	if (!p)
		return NULL;
	p->sw = sw;
	p->deliver = deliver;
	p->owner = owner;
	if (mac)
		memcpy(p->mac, mac, 6);
	vswitch_lock(sw);
	for (unsigned int i = 0; i < sw->max_ports; i++) {
		if (!sw->ports[i]) {
			p->slot = i;
			sw->ports[i] = p;
			sw->nports++;
			vswitch_unlock(sw);
			return p;
		}
	}
	vswitch_unlock(sw);
	kfree(p);
	return NULL;
}

void vswitch_detach(struct vswitch_port *p)
{
	struct vswitch *sw = p->sw;

	vswitch_lock(sw);
	sw->ports[p->slot] = NULL;
	sw->nports--;
	mac_forget_port(sw, p->slot);
	vswitch_unlock(sw);
	/* No new deliveries can find the port; let those under way finish. */
	while (__atomic_load_n(&p->inflight, __ATOMIC_ACQUIRE))
		barrier();
	kfree(p);
}

static void count(uint64_t *c, uint64_t n)
{
	__atomic_fetch_add(c, n, __ATOMIC_RELAXED);
}

void vswitch_port_stats(const struct vswitch_port *p, struct vswitch_port_stats *out)
{
	out->tx_frames = __atomic_load_n(&p->stats.tx_frames, __ATOMIC_RELAXED);
	out->tx_bytes = __atomic_load_n(&p->stats.tx_bytes, __ATOMIC_RELAXED);
	out->tx_errors = __atomic_load_n(&p->stats.tx_errors, __ATOMIC_RELAXED);
	out->rx_frames = __atomic_load_n(&p->stats.rx_frames, __ATOMIC_RELAXED);
	out->rx_bytes = __atomic_load_n(&p->stats.rx_bytes, __ATOMIC_RELAXED);
	out->rx_dropped = __atomic_load_n(&p->stats.rx_dropped, __ATOMIC_RELAXED);
}

/* ---- Forwarding -------------------------------------------------------------------- */

/*
 * Switch lock held on entry and on return; dropped around the delivery. The
 * in-flight count keeps the port from being freed meanwhile.
 */
static int deliver_to(struct vswitch *sw, struct vswitch_port *to, const void *frame, size_t len)
{
	int rc;

	__atomic_fetch_add(&to->inflight, 1, __ATOMIC_ACQUIRE);
	vswitch_unlock(sw);
	rc = to->deliver(to->owner, frame, len);
	if (rc == 0) {
		count(&to->stats.rx_frames, 1);
		count(&to->stats.rx_bytes, len);
	} else {
		count(&to->stats.rx_dropped, 1);
	}
	__atomic_fetch_sub(&to->inflight, 1, __ATOMIC_RELEASE);
	vswitch_lock(sw);
	return rc == 0;
}

int vswitch_send(struct vswitch_port *from, const void *frame, size_t len)
{
	struct vswitch *sw = from->sw;
	const uint8_t *f = frame;
	struct vswitch_mac_entry *e;
	int taken = 0;

	if (len < VSWITCH_MIN_FRAME || len > VSWITCH_MAX_FRAME) {
		count(&from->stats.tx_errors, 1);
		return -1;
	}
	count(&from->stats.tx_frames, 1);
	count(&from->stats.tx_bytes, len);
	vswitch_lock(sw);
	mac_learn(sw, f + 6, from->slot);
	e = mac_is_group(f) ? NULL : mac_find(sw, f);
	if (e) {
		struct vswitch_port *to = sw->ports[e->port - 1];

		if (to == from || !to) {
			sw->stats.filtered++;
		} else {
			sw->stats.unicast++;
			taken = deliver_to(sw, to, frame, len);
		}
	} else {
		sw->stats.flooded++;
		/* Slot by slot: ports attached or detached meanwhile are seen or not, never freed under us. */
		for (unsigned int i = 0; i < sw->max_ports; i++) {
			struct vswitch_port *to = sw->ports[i];

			if (to && to != from)
				taken += deliver_to(sw, to, frame, len);
		}
	}
	vswitch_unlock(sw);
	return taken;
}
