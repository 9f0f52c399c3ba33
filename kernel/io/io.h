/*
 * Real devices on the channel subsystem. At IPL every subchannel is found,
 * enabled and identified (SENSE ID); device drivers register and bind to the
 * devices they match. A driver runs channel programs as io_requests: one
 * active request per device, completion by I/O interruption, automatic basic
 * sense on unit check, and a timeout that halts and then clears a request
 * that does not end. Unsolicited status (e.g. a CTC's attention) goes to the
 * driver's handler.
 */
#ifndef PLEXVM_KERNEL_IO_IO_H
#define PLEXVM_KERNEL_IO_IO_H

#include "kernel/compiler.h"
#include "kernel/list.h"
#include "kernel/spinlock.h"
#include "kernel/timer.h"
#include "arch/s390x/css.h"

#define IO_MAX_DEVICES 256
#define IO_ISC 3
#define IO_SENSE_BYTES 32

struct io_device;
struct io_request;

enum io_status {
	IO_OK = 0,                 /* ended with channel end + device end, no check */
	IO_UNIT_CHECK = -1,        /* unit check; sense data in the request */
	IO_CHANNEL_ERROR = -2,     /* subchannel status (program/protection/data/control checks) */
	IO_TIMEOUT = -3,           /* did not end in time; halted or cleared */
	IO_NOT_OPERATIONAL = -4,   /* the device is gone */
	IO_BUSY = -5,              /* another request is active, or the device was busy */
	IO_UNIT_EXCEPTION = -6,
	IO_ATTENTION = -7,         /* ended with attention (e.g. CTC write collision) */
	IO_CANCELLED = -8,
};

struct io_request {
	struct ccw1 *cp;           /* channel program, below 2 GiB */
	uint64_t timeout_ms;       /* 0 = the default */
	uint32_t orb_flags;        /* extra ORB flags (e.g. ORB_SUSPEND) */
	bool no_auto_sense;        /* do not read sense on unit check */
	/* Results */
	enum io_status status;
	struct scsw scsw;          /* final status */
	uint8_t sense[IO_SENSE_BYTES];
	bool sense_valid;
	uint64_t started_tod, ended_tod;
	/* Completion: callback in interruption context (optional), and waiters. */
	void (*done)(struct io_request *req);
	void *arg;
	volatile bool complete;
	/* Private to the I/O layer. */
	enum { REQ_IDLE, REQ_RUNNING, REQ_SENSING, REQ_HALTING, REQ_CLEARING } state;
	uint64_t seq;
};

struct io_driver {
	const char *name;
	const char *device_class;  /* "DASD", "CTCA", "OSA"... as QUERY shows it */
	bool (*match)(const struct io_device *dev);
	int (*probe)(struct io_device *dev);        /* thread context */
	void (*unsolicited)(struct io_device *dev, const struct irb *irb); /* interruption context */
	void (*gone)(struct io_device *dev);        /* interruption context */
	/* After every interruption of the device (e.g. to look at virtio indicators). */
	void (*after_interrupt)(struct io_device *dev);
	/* Text after "CLASS rdev " in QUERY output (volser, state...). */
	void (*describe)(struct io_device *dev, char *buf, size_t size);
	struct list link;
};

enum io_dev_state { IODEV_ONLINE, IODEV_OFFLINE, IODEV_NOT_OPERATIONAL, IODEV_BOXED };

struct io_device {
	uint32_t schid;
	uint16_t devno;
	uint16_t index;
	struct schib schib;
	struct senseid id;         /* SENSE ID answer */
	bool id_valid;
	enum io_dev_state state;
	struct spinlock lock;
	struct io_request *active;
	struct timer timeout;
	uint64_t seq;              /* requests finished so far */
	uint64_t timeout_seq;      /* the request the timeout is armed for */
	struct orb orb;
	struct ccw1 sense_ccw;
	uint8_t sense_buf[IO_SENSE_BYTES];
	struct io_driver *driver;
	void *driver_data;
	const char *usage;         /* "ISFC", "CP OWNED"... for QUERY output */
	/* Statistics */
	uint64_t starts, completions, unit_checks, timeouts, unsolicited;
};

/* ---- drivers ---- */
void io_driver_register(struct io_driver *drv);

/* ---- requests ---- */
/* Start a request; completion is signalled through req->done and req->complete. */
enum io_status io_start(struct io_device *dev, struct io_request *req);
/* Start a request and wait for it (thread context). */
enum io_status io_run(struct io_device *dev, struct io_request *req);
/* Halt the active request (e.g. a read waiting for data that will not come). */
void io_cancel(struct io_device *dev);
const char *io_status_name(enum io_status s);

/* ---- devices ---- */
struct io_device *io_device_by_devno(uint16_t devno);
struct io_device *io_device_at(unsigned int index);
unsigned int io_device_count(void);
/* Enumerate, enable and identify every subchannel, then bind drivers (thread context). */
void io_init(void);
/* Is this device a virtio-ccw device (control unit 0x3832)? */
static inline bool io_is_virtio(const struct io_device *dev)
{
	return dev->id_valid && dev->id.cu_type == 0x3832;
}

/* Low-storage (below 2 GiB) buffers for channel programs and their data. */
void *io_alloc(size_t size);
void io_free(void *p);

#endif
