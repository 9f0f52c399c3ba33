/*
 * Subchannel discovery and device binding: every I/O subchannel of
 * subchannel set 0 is enabled for interruption subclass IO_ISC and asked for
 * its identity with SENSE ID; registered drivers bind to what they match.
 * I/O interruptions are routed to the device by the interruption parameter;
 * channel reports (machine checks) re-examine the subchannels they name.
 */
#include "kernel/io/io.h"
#include "kernel/alloc.h"
#include "kernel/console.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/init.h"
#include "arch/s390x/cr.h"
#include "arch/s390x/interrupt.h"
#include <string.h>

#define SCAN_GAP_LIMIT 1024 /* stop after this many absent subchannels in a row */

static struct io_device *devices[IO_MAX_DEVICES];
static unsigned int ndevices;
static struct list drivers = LIST_INIT(drivers);

void io_device_interrupt(struct io_device *dev);
void io_request_timer_init(struct io_device *dev);

void io_driver_register(struct io_driver *drv)
{
	list_add_tail(&drivers, &drv->link);
}

struct io_device *io_device_by_devno(uint16_t devno)
{
	for (unsigned int i = 0; i < ndevices; i++)
		if (devices[i]->devno == devno)
			return devices[i];
	return NULL;
}

struct io_device *io_device_at(unsigned int index)
{
	return index < ndevices ? devices[index] : NULL;
}

unsigned int io_device_count(void)
{
	return ndevices;
}

void *io_alloc(size_t size)
{
	/* The heap lives in the low storage zone, below 2 GiB, as CCWs require. */
	return kzalloc(size);
}

void io_free(void *p)
{
	kfree(p);
}

static void io_interrupt(uint32_t ssid, uint32_t intparm, uint32_t intword)
{
	(void)intword;
	if (intparm < ndevices && devices[intparm]->schid == ssid) {
		io_device_interrupt(devices[intparm]);
		return;
	}
	/* Not one of ours (or before enabling finished): find it by subchannel id. */
	for (unsigned int i = 0; i < ndevices; i++) {
		if (devices[i]->schid == ssid) {
			io_device_interrupt(devices[i]);
			return;
		}
	}
}

static void crw_pending(void)
{
	struct crw crw;

	/* Subchannel reports: re-read the subchannel; a vanished one fails its I/O. */
	while (stcrw(&crw) == 0) {
		if (CRW_RSC(crw.word) != CRW_RSC_SUBCHANNEL)
			continue;
		for (unsigned int i = 0; i < ndevices; i++) {
			struct io_device *dev = devices[i];
			struct schib schib;

			if ((dev->schid & 0xffff) != CRW_RSID(crw.word))
				continue;
			if (stsch(dev->schid, &schib) != 0 || !(schib.pmcw.flags & PMCW_DNV) ||
			    schib.pmcw.pam == 0) {
				dev->state = IODEV_NOT_OPERATIONAL;
				/* Let the interruption path fail any active request. */
				io_device_interrupt(dev);
				if (dev->driver && dev->driver->gone)
					dev->driver->gone(dev);
			}
		}
	}
}

static bool enable(struct io_device *dev)
{
	for (int tries = 0; tries < 5; tries++) {
		if (stsch(dev->schid, &dev->schib) != 0)
			return false;
		dev->schib.pmcw.intparm = dev->index;
		dev->schib.pmcw.flags = (uint16_t)((dev->schib.pmcw.flags & ~PMCW_ISC_MASK) |
						   (IO_ISC << PMCW_ISC_SHIFT) | PMCW_ENABLED);
		if (msch(dev->schid, &dev->schib) == 0 &&
		    stsch(dev->schid, &dev->schib) == 0 && (dev->schib.pmcw.flags & PMCW_ENABLED))
			return true;
	}
	return false;
}

static void sense_id(struct io_device *dev)
{
	struct senseid *id = io_alloc(sizeof(*id));
	struct ccw1 *ccw = io_alloc(sizeof(*ccw));
	struct io_request req = { .cp = ccw, .timeout_ms = 2000 };

	if (!id || !ccw)
		goto out;
	memset(id, 0, sizeof(*id));
	ccw->cmd = CCW_CMD_SENSE_ID;
	ccw->flags = CCW_FLAG_SLI;
	ccw->count = sizeof(*id);
	ccw->cda = (uint32_t)(uintptr_t)id;
	if (io_run(dev, &req) == IO_OK && id->reserved == 0xff) {
		dev->id = *id;
		dev->id_valid = true;
	}
out:
	io_free(id);
	io_free(ccw);
}

static void bind(struct io_device *dev)
{
	struct list *pos;

	list_for_each(pos, &drivers) {
		struct io_driver *drv = list_entry(pos, struct io_driver, link);

		if (drv->match(dev)) {
			dev->driver = drv;
			if (drv->probe && drv->probe(dev) != 0) {
				dev->driver = NULL;
				continue;
			}
			return;
		}
	}
}

static int io_discover(void)
{
	io_init();
	return 0;
}
INITCALL(3p, io_discover);

void io_init(void)
{
	unsigned int gap = 0;

	io_register(io_interrupt);
	crw_register(crw_pending);
	smp_set_cr_bits_all(6, 0x80000000ULL >> IO_ISC);
	smp_set_cr_bits_all(14, CR14_CHANNEL_REPORT);
	for (unsigned int sch = 0; sch < 0x10000 && gap < SCAN_GAP_LIMIT; sch++) {
		struct io_device *dev;
		struct schib schib;
		uint32_t schid = schid_make(0, sch);

		if (stsch(schid, &schib) != 0) {
			gap++;
			continue;
		}
		gap = 0;
		if (PMCW_ST(schib.pmcw.flags2) != 0 || !(schib.pmcw.flags & PMCW_DNV))
			continue;
		if (ndevices >= IO_MAX_DEVICES) {
			kprintf("PLXIOS001W More than %d devices; device %04X and later are ignored\n",
				IO_MAX_DEVICES, schib.pmcw.devno);
			break;
		}
		dev = kzalloc(sizeof(*dev));
		if (!dev)
			break;
		dev->schid = schid;
		dev->devno = schib.pmcw.devno;
		dev->index = (uint16_t)ndevices;
		dev->schib = schib;
		dev->state = IODEV_OFFLINE;
		io_request_timer_init(dev);
		devices[ndevices++] = dev;
		if (!enable(dev)) {
			kprintf("PLXIOS002E Device %04X cannot be enabled\n", dev->devno);
			dev->state = IODEV_NOT_OPERATIONAL;
			continue;
		}
		dev->state = IODEV_ONLINE;
	}
	for (unsigned int i = 0; i < ndevices; i++) {
		if (devices[i]->state != IODEV_ONLINE)
			continue;
		sense_id(devices[i]);
		bind(devices[i]);
	}
}
