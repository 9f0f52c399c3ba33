/* Guest LANs: the VSWITCHes of SYSTEM CONFIG and the MAC addresses of guests' NICs. */
#ifndef PLEXVM_KERNEL_VM_VM_NETWORK_H
#define PLEXVM_KERNEL_VM_VM_NETWORK_H

#include "kernel/compiler.h"

/*
 * The MAC address of a guest NIC, as z/VM makes it: MACPREFIX (VMLAN, 3 bytes)
 * and a 3-byte identifier unique on this member; with a NICDEF MACID, the
 * USERPREFIX and that identifier. Stable for a (userid, vdev) while the member runs.
 */
void vm_network_mac(const char *userid, uint16_t vdev, uint32_t macid, uint8_t mac[6]);

#endif
