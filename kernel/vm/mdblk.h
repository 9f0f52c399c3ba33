/* A minidisk as 512-byte sectors (the virtio-blk backend of a guest's minidisk). */
#ifndef PLEXVM_KERNEL_VM_MDBLK_H
#define PLEXVM_KERNEL_VM_MDBLK_H

#include "kernel/vm/vm_minidisk.h"

uint64_t mdblk_sectors(const struct minidisk *md);
/* 0, or a volume error (VOLUME_ERANGE beyond the minidisk, VOLUME_EROFS for a read-only link). */
int mdblk_read(const struct minidisk *md, uint64_t sector, unsigned int nsec, void *buf);
int mdblk_write(const struct minidisk *md, uint64_t sector, unsigned int nsec, const void *buf);

#endif
