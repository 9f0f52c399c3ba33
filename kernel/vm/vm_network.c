/*
 * Guest LANs. Every DEFINE VSWITCH of this member's SYSTEM CONFIG becomes a
 * learning switch at IPL (a VSWITCH with no real uplink here: guests on this
 * member reach each other); NICs couple to it at logon. MAC addresses follow
 * VMLAN: the MACPREFIX and a serial number given out once per (user, device).
 */
#include "kernel/vm/vm_network.h"
#include "kernel/vdev/vswitch.h"
#include "kernel/config_ipl.h"
#include "kernel/config/sysconfig.h"
#include "kernel/init.h"
#include "kernel/console.h"
#include "kernel/spinlock.h"
#include <string.h>

#define DEFAULT_MACPREFIX 0x020000u   /* z/VM's default when VMLAN gives none */
#define MAX_ASSIGNED 1024

static struct spinlock mac_lock = SPINLOCK_INIT;
static struct { char userid[9]; uint16_t vdev; uint32_t id; } assigned[MAX_ASSIGNED];
static unsigned int nassigned;
static uint32_t next_id = 1;

static void vmlan(uint32_t *macprefix, uint32_t *userprefix)
{
	const struct sc_record *r;
	unsigned int iter = 0;

	*macprefix = DEFAULT_MACPREFIX;
	*userprefix = DEFAULT_MACPREFIX;
	if (!config.valid)
		return;
	while ((r = sysconfig_next(config.sc, config.member, SC_VMLAN, &iter)) != NULL) {
		if (r->u.vmlan.has_macprefix)
			*macprefix = r->u.vmlan.macprefix;
		if (r->u.vmlan.has_userprefix)
			*userprefix = r->u.vmlan.userprefix;
	}
}

void vm_network_mac(const char *userid, uint16_t vdev, uint32_t macid, uint8_t mac[6])
{
	uint32_t macprefix, userprefix, prefix, id = 0;

	vmlan(&macprefix, &userprefix);
	prefix = macid ? userprefix : macprefix;
	if (macid) {
		id = macid & 0xffffff;
	} else {
		spin_lock(&mac_lock);
		for (unsigned int i = 0; i < nassigned && !id; i++)
			if (assigned[i].vdev == vdev && strcmp(assigned[i].userid, userid) == 0)
				id = assigned[i].id;
		if (!id) {
			id = next_id++ & 0xffffff;
			if (nassigned < MAX_ASSIGNED) {
				strncpy(assigned[nassigned].userid, userid, 8);
				assigned[nassigned].vdev = vdev;
				assigned[nassigned].id = id;
				nassigned++;
			}
		}
		spin_unlock(&mac_lock);
	}
	mac[0] = (uint8_t)(prefix >> 16);
	mac[1] = (uint8_t)(prefix >> 8);
	mac[2] = (uint8_t)prefix;
	mac[3] = (uint8_t)(id >> 16);
	mac[4] = (uint8_t)(id >> 8);
	mac[5] = (uint8_t)id;
}

static int vswitches_init(void)
{
	const struct sc_record *r;
	unsigned int iter = 0;

	if (!config.valid)
		return 0;
	while ((r = sysconfig_next(config.sc, config.member, SC_VSWITCH, &iter)) != NULL) {
		if (!vswitch_create(r->u.vswitch.name, 0))
			kprintf("PLXVMM080E VSWITCH %s could not be created\n", r->u.vswitch.name);
		else
			kprintf("PLXVMM081I VSWITCH %s defined%s\n", r->u.vswitch.name,
				r->u.vswitch.has_rdev && r->u.vswitch.nrdev ?
				" (its real uplink devices are not used: guests on this member only)" : "");
	}
	return 0;
}
INITCALL(4, vswitches_init);
